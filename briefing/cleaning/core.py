"""The cleaning stage: raw bytes to a :class:`Digest` with ``summary=None``.

decode -> split off the comment section -> article (title, body, related, removed) ->
comments (author, text) -> language of the body and of every comment segment.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.cleaning.article import ArticleParts, split_article
from briefing.cleaning.boilerplate import BlockModel, KeepAll, blank_boilerplate
from briefing.cleaning.classify import LineClass, classify_article_line, classify_comment_line, comment_header
from briefing.cleaning.comments import RawComment, split_comments
from briefing.cleaning.decode import decode_bytes
from briefing.cleaning.metadata import with_article_metadata
from briefing.cleaning.section_check import real_comments
from briefing.cleaning.structure import comments_only_start, footer_start, headerless_section_start
from briefing.cleaning.text import ends_sentence
from briefing.errors import InputError
from briefing.io import article_id, read_bytes, sha256_hex
from briefing.langid import MIN_CONFIDENCE, detect_language, normalize_languages, split_segments
from briefing.records import Comment, Digest, Flag, Related, Removed, Source
from briefing.settings import Settings

FALLBACK_ENCODING_FLAG = "decoded-with-fallback-encoding"
REPLACEMENT_FLAG = "decoded-with-replacement"
LOW_CONFIDENCE_FLAG = "low-confidence-language"
COMMENTS_ONLY_FLAG = "comments-only"
UNREAD_SECTION = "unread-comment-section"
# A comment header only starts the comment section once a real paragraph (a sentence
# of at least this many words) came before it; earlier ones are counters near the top.
_MIN_PARAGRAPH_WORDS = 8


@dataclass(frozen=True)
class CleanText:
    """Language-free result of cleaning decoded text."""

    title: str | None
    body: tuple[str, ...]
    related: tuple[Related, ...]
    removed: tuple[Removed, ...]
    comments: tuple[RawComment, ...]


def clean_file(path: str | os.PathLike[str], settings: Settings | None = None) -> Digest:
    """Read and clean one article file; :class:`InputError` when it cannot be used."""
    return clean_bytes(read_bytes(path, settings.max_input_bytes if settings else None), str(path), settings)


def clean_bytes(data: bytes, path: str, settings: Settings | None = None) -> Digest:
    """Clean raw article bytes; ``path`` names the source in the digest and in errors."""
    settings = settings or Settings()
    languages = normalize_languages(settings.detect_languages)
    decoded = decode_bytes(data, path)
    if len(decoded.text) > settings.max_article_chars:  # an input bound: every stage stays near linear
        raise InputError(
            path,
            f"too long ({len(decoded.text):,} characters of text; the limit is "
            f"max_article_chars = {settings.max_article_chars:,})",
        )
    parts = clean_text(decoded.text)
    if not parts.body and not parts.comments:
        raise InputError(path, "no article text left after cleaning")
    # A comments-only page keeps an empty body (its comments are never promoted to an article;
    # the summarizer flags "no-body"); its language is that of the comments.
    text_for_language = parts.body or tuple(raw.text for raw in parts.comments)
    language, confidence = detect_language("\n\n".join(text_for_language), languages)
    comments = tuple(comment_record(raw, languages) for raw in parts.comments)
    digest = Digest(
        article_id=article_id(path, data),
        source=Source(path=path, sha256=sha256_hex(data), encoding=decoded.encoding),
        title=parts.title,
        language=language,
        body=parts.body,
        removed=parts.removed,
        related=parts.related,
        comments=comments,
    )
    flags: list[Flag] = []
    if not parts.body:
        flags.append(
            Flag(
                COMMENTS_ONLY_FLAG,
                f"only a comment section ({len(comments)} comments), no article body",
                stage="cleaning",
                target="body",
            )
        )
    if decoded.fallback:
        detail = f"not valid UTF-8; decoded as {decoded.encoding}"
        flags.append(Flag(FALLBACK_ENCODING_FLAG, detail, stage="cleaning", cause="fallback-encoding"))
    if decoded.replaced:
        detail = f"{decoded.replaced} invalid UTF-8 byte sequence(s) replaced"
        flags.append(Flag(REPLACEMENT_FLAG, detail, stage="cleaning", cause="invalid-bytes"))
    low = _low_confidence(language, confidence, comments)
    if low:
        flags.append(Flag(LOW_CONFIDENCE_FLAG, low, stage="language", cause="low-confidence"))
    return with_article_metadata(digest.with_flags(*flags), languages)


def clean_text(text: str, blocks: BlockModel | KeepAll | None = None) -> CleanText:
    """Split decoded text into title, body, related, removed lines and raw comments.

    ``blocks`` decides which body lines are article text (default: the shipped model)."""
    page_footer, lines = _cut_footer(text.split("\n"))
    start, section = _comment_section(lines)
    article_footer: list[Removed] = []
    article_lines = lines if start is None else lines[:start]
    if start is not None:
        # Boilerplate may also close the article just above its comment section.
        article_footer, article_lines = _cut_footer(article_lines)
    article, boilerplate = _article(article_lines, blocks)
    comments: tuple[RawComment, ...] = ()
    removed = [*article.removed, *boilerplate, *article_footer]
    if section is not None:
        comments = section.comments
        removed.extend(section.removed)
    removed.extend(page_footer)
    return CleanText(article.title, article.body, article.related, tuple(removed), comments)


@dataclass(frozen=True)
class _Section:
    comments: tuple[RawComment, ...]
    removed: tuple[Removed, ...]


def _comment_section(lines: list[str]) -> tuple[int | None, _Section | None]:
    """Where the comment section starts and what it holds: the first one a finder sees that reads as reader
    comments (:func:`real_comments`); (None, None) when there is none."""
    for finder in (comment_section_start, comments_only_start, headerless_section_start):
        start = finder(lines)
        if start is None:
            continue
        header = comment_header(lines[start]) or _unknown_header(lines[start])
        section = lines[start + 1 :] if header else lines[start:]
        removed = [Removed(lines[start].strip(), header.reason or "comment-header")] if header else []
        count = header.count if header else None
        comments, cut = split_comments(section, count)
        if real_comments(comments, count, comment_header(lines[start]) is not None):
            return start, _Section(comments, (*removed, *cut))
        if finder is comment_section_start and count:
            # A counted header after the article ("34 responses") whose blocks do not read as separate
            # comments: the section is cut (not body), but no comment is reported.
            unread = tuple(Removed(line.strip(), UNREAD_SECTION) for line in section if line.strip())
            return start, _Section((), (*removed, *unread))
    return None, None


def _article(
    lines: list[str], blocks: BlockModel | KeepAll | None
) -> tuple[ArticleParts, tuple[Removed, ...]]:
    """The article part read by the pattern rules, then again without the lines the line model calls
    boilerplate (the rules' title, related entries and chrome are never the model's to drop)."""
    first = split_article(lines)
    protected = frozenset(
        [
            first.title or "",
            *(entry.title for entry in first.related),
            *(entry.teaser or "" for entry in first.related),
        ]
    )
    blanked, boilerplate = blank_boilerplate(lines, protected, blocks)
    return (split_article(blanked) if boilerplate else first), boilerplate


def _cut_footer(lines: list[str]) -> tuple[list[Removed], list[str]]:
    """The page-end zone of ``lines`` as removed lines, and the lines above it."""
    end = footer_start(lines)
    if end is None:
        return [], lines
    return [_footer_line(line) for line in lines[end:] if line.strip()], lines[:end]


def _unknown_header(line: str) -> LineClass | None:
    """A count line that opens a section found by its author lines (``headerless_section_start``)."""
    found = classify_comment_line(line)
    if found is not None or not any(c.isdigit() for c in line):
        return None
    return LineClass("comment_header", "comment-header", count=None)


def _footer_line(line: str) -> Removed:
    found = classify_article_line(line)
    return Removed(line.strip(), found.reason if found and found.reason else "site-footer")


def comment_section_start(lines: Sequence[str]) -> int | None:
    """Index of the comment-section header, or None when the page has none."""
    seen_paragraph = False
    for index, line in enumerate(lines):
        if seen_paragraph and comment_header(line):
            return index
        text = line.strip()
        if ends_sentence(text) and len(text.split()) >= _MIN_PARAGRAPH_WORDS:
            seen_paragraph = True
    return None


def comment_record(raw: RawComment, languages: tuple[str, ...]) -> Comment:
    """A raw comment with its segments and its language (the majority by characters)."""
    segments = split_segments(raw.text, languages)
    weight: dict[str, int] = {}
    for segment in segments:
        weight[segment.language] = weight.get(segment.language, 0) + len(segment.text.strip())
    language = max(weight, key=lambda code: weight[code]) if weight else languages[0]
    return Comment(text=raw.text, language=language, segments=segments, author=raw.author)


def _low_confidence(language: str, confidence: float, comments: Sequence[Comment]) -> str:
    notes: list[str] = []
    if confidence < MIN_CONFIDENCE:
        notes.append(f"article language {language} at confidence {confidence:.2f}")
    unsure = [
        str(number)
        for number, comment in enumerate(comments, start=1)
        if all((s.confidence or 0.0) < MIN_CONFIDENCE for s in comment.segments)
    ]
    if unsure:
        notes.append(f"comment(s) {', '.join(unsure)}: language uncertain")
    return "; ".join(notes)
