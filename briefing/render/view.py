"""What a digest page shows, in reading order: one view model shared by the HTML and Markdown digests.

Both renderers walk the same :class:`DigestView`, so they cannot drift apart in content or order.
Everything here is plain text taken from untrusted input; escaping is the renderers' job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from briefing.checks.summary import removal_sentence
from briefing.languages import language_name
from briefing.models.manifest import credit_lines
from briefing.models.testmodel import model_ids_of
from briefing.records import Comment, Digest, Flag, Segment, Translation
from briefing.render.flags import digest_status
from briefing.settings import Settings

if TYPE_CHECKING:
    from briefing.render.readers import ReadersView

ARTICLE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")
LANGUAGE_CODE_RE = re.compile(r"^[a-z]{2}$")

REMOVED_REASON_TEXT: dict[str, str] = {
    "advertisement": "Advertisement",
    "related-header": "Related-articles box",
    "related": "Related-articles box",
    "share-bar": "Share buttons",
    "newsletter": "Newsletter prompt",
    "correction-notice": "Correction notice",
    "comment-header": "Comment-section heading",
    "comment-ui": "Comment-section buttons",
    "comment-meta": "Comment timestamp or counter",
    "byline": "Byline",
    "caption": "Photo caption",
}

TITLE_FALLBACK_CHARS = 90
# Bidi embedding/override and isolate controls: in a title or a name they can reorder what follows them.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class SummaryPanel:
    language: str
    language_name: str
    text: str
    note: str  # how this text was made: method and model, or the machine-translation pair and model
    original: bool  # the summary itself (briefing language) rather than one of its translations
    # The faithfulness check in one sentence ("1 sentence removed: the article does not mention 1.4 billion").
    check_note: str | None = None
    # The text as (sentence or run between them, unsupported) when the check kept unsupported sentences.
    parts: tuple[tuple[str, bool], ...] = ()
    # A translation whose figures or dates differ from the original, or that looks untranslated.
    warning: str | None = None


@dataclass(frozen=True)
class SegmentView:
    text: str
    language: str
    language_name: str
    foreign: bool  # not in the briefing language
    translation: Translation | None
    translation_label: str | None  # "Machine-translated fr → en by ..."
    untranslated_note: str | None  # why a foreign segment has no translation
    translation_warning: str | None = None  # the translation check found it wrong (briefing.checks)


@dataclass(frozen=True)
class CommentView:
    number: int
    author: str | None
    language: str
    language_name: str
    segments: tuple[SegmentView, ...]


@dataclass(frozen=True)
class FlagView:
    """One quality note: a plain sentence per kind, with technical details for a collapsed "Details"."""

    code: str
    details: tuple[str, ...]
    text: str
    degradation: bool


@dataclass(frozen=True)
class RemovedView:
    reason: str
    reason_text: str
    text: str


@dataclass(frozen=True)
class DigestView:
    article_id: str
    title: str
    title_from_source: bool  # False when the title was derived (no headline found in the article)
    source_path: str
    source_name: str
    sha256: str
    encoding: str
    date: str | None
    date_label: str  # "Published" (the article's own date) or "File date" (fallback)
    byline: str | None
    site: str | None  # the outlet's name, when the source gave one (else the URL's host)
    url: str | None  # the article on the web (http/https only); then no local path is shown
    feed: str | None  # the feed it was found in (http/https only)
    test_model: bool
    generated_at: str | None
    status: str
    language: str
    language_name: str
    briefing_language: str
    summary_panels: tuple[SummaryPanel, ...]
    flags: tuple[FlagView, ...]
    body: tuple[str, ...]
    comments: tuple[CommentView, ...]
    same_story: tuple[tuple[str, str], ...]  # (article id, label); only ids safe to use as file names
    removed: tuple[RemovedView, ...]
    related: tuple[tuple[str, str | None], ...]
    models: tuple[tuple[str, str], ...]
    # Attribution of the CC-BY models whose output the page shows (briefing.models.manifest).
    credits: tuple[str, ...] = ()
    readers: ReadersView | None = None  # what readers say (shown under the summary)


def language_attr(code: str) -> str | None:
    """``code`` when it is safe and meaningful as an HTML ``lang`` attribute."""
    return code if LANGUAGE_CODE_RE.match(code) else None


def pair_label(src: str, tgt: str) -> str:
    return f"{src} → {tgt}"


def machine_translation_label(src: str, translation: Translation) -> str:
    return f"Machine-translated {pair_label(src, translation.language)} by {translation.model}"


def strip_bidi(text: str) -> str:
    """``text`` without bidi override/isolate controls (U+202A–202E, U+2066–2069)."""
    return _BIDI_CONTROLS.sub("", text)


def clean_name(text: str | None) -> str | None:
    """A name or outlet as one line without bidi controls; None when nothing is left."""
    return " ".join(strip_bidi(text).split()) or None if text else None


def display_title(digest: Digest) -> tuple[str, bool]:
    """The headline, else the start of the first paragraph, else the file name; and whether it was found."""
    if digest.title and strip_bidi(digest.title).strip():
        return " ".join(strip_bidi(digest.title).split()), True
    for paragraph in digest.body:
        text = " ".join(strip_bidi(paragraph).split())
        if text:
            return shorten(text, TITLE_FALLBACK_CHARS), False
    return Path(digest.source.path).name or digest.article_id, False


def shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(" ,;:.") + "…"


def format_time(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M")


def briefing_language_of(digest: Digest) -> str:
    """The language the reader reads: what comments were translated to, else the configured one.

    Not the summary's language: when no model could bring an article into the briefing language,
    its extractive summary stays in the article's own language (and a flag says so).
    """
    for comment in digest.comments:
        for segment in comment.segments:
            if segment.translation is not None:
                return segment.translation.language
    return Settings().briefing_language  # the default: a caller with the run's settings passes its own


def summary_panels(digest: Digest, briefing_language: str) -> tuple[SummaryPanel, ...]:
    summary = digest.summary
    if summary is None:
        return ()
    if summary.method == "abstractive":
        note = f"Abstractive summary by {summary.model or 'an unnamed model'}"
    else:
        note = "Extractive summary: key sentences picked from the article"
        if summary.model:
            note += f" (ranked with {summary.model})"
    if summary.chunks > 1:
        note += f", made from {summary.chunks} parts of the article"
    if summary.language != briefing_language:
        note += (
            f". It is in {language_name(summary.language)}, not {language_name(briefing_language)}:"
            " see the quality notes"
        )
    check = summary.check
    check_note = removal_sentence(check) if check and check.unsupported else None
    parts = marked_parts(summary.text, [u.text for u in check.unsupported if not u.dropped]) if check else ()
    panels = [
        SummaryPanel(
            summary.language, language_name(summary.language), summary.text, note, True, check_note, parts
        )
    ]
    for translation in digest.translations or ():
        panels.append(
            SummaryPanel(
                translation.language,
                language_name(translation.language),
                translation.text,
                machine_translation_label(summary.language, translation),
                False,
                warning=translation_warning(digest.flags, f"translation:{translation.language}"),
            )
        )
    return tuple(panels)


def marked_parts(text: str, unsupported: Iterable[str]) -> tuple[tuple[str, bool], ...]:
    """``text`` cut around the ``unsupported`` sentences, each part with whether it is one of them."""
    parts: list[tuple[str, bool]] = []
    at = 0
    for sentence in unsupported:
        start = text.find(sentence, at)
        if start < 0:
            continue
        if text[at:start].strip():
            parts.append((text[at:start], False))
        parts.append((sentence, True))
        at = start + len(sentence)
    if not parts:
        return ()
    if text[at:].strip():
        parts.append((text[at:], False))
    return tuple(parts)


TRANSLATION_WARNINGS = {
    "translation-mismatch": "Check against the original: this machine translation has different figures "
    "or dates",
    "untranslated-output": "This machine translation looks untranslated: it repeats the original or is in "
    "another script",
}


def translation_warning(flags: Iterable[Flag], target: str) -> str | None:
    """The translation check's warning for ``target`` ("translation:fr", "comment:2"), from flag fields."""
    causes = [f.cause for f in flags if f.stage == "check" and f.target == target]
    for cause in ("translation-mismatch", "untranslated-output"):
        if cause in causes:
            return TRANSLATION_WARNINGS[cause]
    return None


def untranslated_reason(flags: tuple[Flag, ...], src: str, tgt: str) -> str:
    """Why ``src``→``tgt`` has no translation, in plain words (never a flag's raw detail)."""
    from briefing.render.quality import reason_class

    unavailable = [f for f in flags if f.code == "translation-unavailable"]
    chosen = [f for f in unavailable if f.pair == f"{src}-{tgt}"] or unavailable
    if not chosen:
        return "no translation was produced"
    if all(reason_class(f) == "model not installed" for f in chosen):
        return "no translation model is installed"
    return "the translation model failed"


def segment_view(
    segment: Segment,
    briefing_language: str,
    flags: tuple[Flag, ...],
    reader_languages: tuple[str, ...] = (),
    target: str | None = None,
) -> SegmentView:
    foreign = segment.language != briefing_language
    label = machine_translation_label(segment.language, segment.translation) if segment.translation else None
    note = None
    if foreign and segment.translation is None and segment.language in reader_languages:
        note = f"Shown as written: {language_name(segment.language)} is one of your reader languages"
    elif foreign and segment.translation is None:
        note = (
            f"Not translated ({pair_label(segment.language, briefing_language)}): "
            f"{untranslated_reason(flags, segment.language, briefing_language)}"
        )
    return SegmentView(
        text=segment.text,
        language=segment.language,
        language_name=language_name(segment.language),
        foreign=foreign,
        translation=segment.translation,
        translation_label=label,
        untranslated_note=note,
        translation_warning=translation_warning(flags, target) if target and segment.translation else None,
    )


def comment_view(
    number: int,
    comment: Comment,
    briefing_language: str,
    flags: tuple[Flag, ...],
    reader_languages: tuple[str, ...] = (),
) -> CommentView:
    return CommentView(
        number=number,
        author=" ".join(strip_bidi(comment.author).split()) if comment.author else None,
        language=comment.language,
        language_name=language_name(comment.language),
        segments=tuple(
            segment_view(s, briefing_language, flags, reader_languages, f"comment:{number}")
            for s in comment.segments
        ),
    )


def build_view(
    digest: Digest,
    *,
    generated_at: datetime | None = None,
    story_titles: Mapping[str, str] | None = None,
    briefing_language: str | None = None,
    reader_languages: Sequence[str] = (),
) -> DigestView:
    """``story_titles`` (article id → title) labels the same-story links; the id is shown otherwise.

    ``briefing_language`` (the run's setting) decides which comment segments are foreign; without
    it, see :func:`briefing_language_of`. Comments in ``reader_languages`` (the run's setting) are shown as
    written. Pages are handed these by their caller: the core never reads the configuration itself.
    """
    from briefing.editions.dates import article_date
    from briefing.render.quality import quality_notes
    from briefing.render.readers import readers_view

    story_titles = story_titles or {}
    title, from_source = display_title(digest)
    briefing_language = briefing_language or briefing_language_of(digest)
    readers = tuple(reader_languages)
    when = article_date(digest)
    url = web_url(digest.source.url)
    return DigestView(
        article_id=digest.article_id,
        title=title,
        title_from_source=from_source,
        source_path=digest.source.path,
        source_name=(clean_name(digest.source.site) or _host(url)) if url else Path(digest.source.path).name,
        sha256=digest.source.sha256,
        encoding=digest.source.encoding,
        date=when.text() if when else None,
        date_label=when.label if when else "Date",
        byline=clean_name(digest.byline),
        site=clean_name(digest.source.site) or (_host(url) if url else None),
        url=url,
        feed=web_url(digest.source.feed),
        test_model="test-model" in digest.flag_codes(),
        generated_at=format_time(generated_at),
        status=digest_status(digest),
        language=digest.language,
        language_name=language_name(digest.language),
        briefing_language=briefing_language,
        summary_panels=summary_panels(digest, briefing_language),
        flags=tuple(FlagView(n.kind, n.details, n.text, n.degradation) for n in quality_notes([digest])),
        body=tuple(p for p in digest.body if p.strip()),
        comments=tuple(
            comment_view(i, c, briefing_language, digest.flags, readers)
            for i, c in enumerate(digest.comments, 1)
        ),
        same_story=tuple(
            (a, strip_bidi(story_titles.get(a) or a)) for a in digest.same_story_as if ARTICLE_ID_RE.match(a)
        ),
        removed=tuple(
            RemovedView(r.reason, REMOVED_REASON_TEXT.get(r.reason, r.reason), strip_bidi(r.text))
            for r in digest.removed
        ),
        related=tuple((strip_bidi(r.title), r.teaser) for r in digest.related),
        models=tuple(sorted(digest.models.items())),
        credits=credit_lines(model_ids_of(digest)),
        readers=readers_view(digest, briefing_language),
    )


def web_url(text: str | None) -> str | None:
    """``text`` when it is an http(s) URL a page may link to (a fetched article's stored copy is internal)."""
    if (
        not text
        or urlsplit(text.strip()).scheme not in ("http", "https")
        or any(c in text for c in "\n\r\t ")
    ):
        return None
    return text.strip()


def _host(url: str | None) -> str | None:
    return urlsplit(url).hostname if url else None


def story_titles(digests: Iterable[Digest]) -> dict[str, str]:
    """Article id → the title readers see (derived when the article has none): labels same-story links."""
    return {d.article_id: display_title(d)[0] for d in digests}
