"""Markdown digests, built in Python from the same view as the HTML page (same content, same order).

Markdown renderers pass raw HTML through, so every piece of input text is escaped: ``<``, ``>`` and ``&``
become entities, inline markup characters get a backslash, and line-start block markers are neutralised.
Input whitespace (newlines included) is collapsed, so input can never start a heading, list or code block.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from briefing.records import Digest
from briefing.render.view import DigestView, SegmentView, build_view

# Only characters that would start markup where they stand, so the file still reads as plain text:
# backslashes before punctuation, code spans, emphasis that touches a word edge, link brackets, "~~",
# and "=" in attribute-like text ("onerror=x": kept out of a plain-text search too).
_INLINE_ACTIVE = re.compile(r"(\\(?=[!-/:-@\[-`{-~])|`|\*|(?<!\w)_|_(?!\w)|\[|\]|~(?=~)|(?<=\w)=(?=\S))")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^([#>])")
# Text that would start a bullet list, setext underline or rule, or an ordered list ("12. ").
_BULLET_START = re.compile(r"^([-+])")
_ORDERED_START = re.compile(r"^(\d+)([.)])")


def md_escape(text: str) -> str:
    """``text`` as inert Markdown inline content: no HTML, no links, no emphasis, no block structure."""
    text = " ".join(text.split())
    text = _ENTITY.sub("&amp;", text)
    if _TAG_START.search(text):  # a tag's closing ">" too, so no half-tag is left for a later reader
        text = _TAG_START.sub("&lt;", text).replace(">", "&gt;")
    text = _INLINE_ACTIVE.sub(r"\\\1", text)
    text = _LINE_START.sub(r"\\\1", text)
    text = _BULLET_START.sub(r"\\\1", text)
    return _ORDERED_START.sub(r"\1\\\2", text)


def md_escape_lines(text: str, indent: str) -> str:
    """Like :func:`md_escape`, but the text's own line breaks are kept (as Markdown hard breaks); the
    lines after the first are indented by ``indent`` so they stay inside their list item."""
    lines = [md_escape(line) for line in text.splitlines() if line.strip()]
    return f"  \n{indent}".join(lines) if lines else md_escape(text)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _segment_lines(s: SegmentView) -> list[str]:
    if not s.foreign:
        return [f"- {md_escape_lines(s.text, '  ')}"]
    lines = [f"- Original ({md_escape(s.language_name)}): {md_escape_lines(s.text, '  ')}"]
    if s.translation is not None and s.translation_label:
        text = md_escape_lines(s.translation.text, "    ")
        warning = f" ({md_escape(s.translation_warning)})" if s.translation_warning else ""
        lines.append(f"  - {md_escape(s.translation_label)}{warning}: {text}")
    elif s.untranslated_note:
        lines.append(f"  - {md_escape(s.untranslated_note)}")
    return lines


def _header(v: DigestView) -> list[str]:
    out = [f"# {md_escape(v.title)}", ""]
    if not v.title_from_source:
        out += ["No headline was found in the article; this is the start of its first paragraph.", ""]
    meta = [f"Status: **{v.status}**", f"Source: {md_escape(v.url or v.source_path)}"]
    if v.url and v.feed:
        meta.append(f"Feed: {md_escape(v.feed)}")
    if v.site:
        meta.insert(1, md_escape(v.site))
    if v.date:
        meta.append(f"{v.date_label}: {v.date}")
    if v.byline:
        meta.append(f"By {md_escape(v.byline)}")
    meta.append(f"Language: {md_escape(v.language_name)}")
    out += [" · ".join(meta), ""]
    if v.test_model:
        out += ["**Made with random test models — the text is meaningless.**", ""]
    return out


def _summary(v: DigestView) -> list[str]:
    out = ["## Summary", ""]
    if not v.summary_panels:
        return out + ["_No summary was made for this article._", ""]
    for panel in v.summary_panels:
        suffix = "" if panel.original else " (machine translation)"
        out += [f"### {md_escape(panel.language_name)}{suffix}", ""]
        if panel.warning:
            out += [f"**{md_escape(panel.warning)}.**", ""]
        if panel.parts:  # unsupported sentences kept (summary_check = flag): marked
            text = "".join(
                f"**[unsupported]** _{md_escape(t)}_" if bad else md_escape(t) for t, bad in panel.parts
            )
            out += [text, ""]
        else:
            out += [md_escape(panel.text), ""]
        out += [f"_{md_escape(panel.note)}_", ""]
        if panel.check_note:
            out += [f"{md_escape(panel.check_note)}.", ""]
    return out


def _readers(v: DigestView) -> list[str]:
    """What readers say: the line, the gist, and each representative with its original below it."""
    readers = v.readers
    if readers is None:
        return []
    out = [f"## {md_escape(readers.line)}", ""]
    if readers.gist:
        out += [md_escape(readers.gist), ""]
    for r in readers.representatives:
        who = md_escape(r.author or "Anonymous")
        out.append(f"- {who} ({md_escape(r.share)}): {md_escape_lines(r.text, '  ')}")
        if r.original:
            original = md_escape_lines(r.original, "    ")
            out.append(f"  - Original ({md_escape(r.original_language_name)}): {original}")
            if r.translation_note:
                out.append(f"  - _{md_escape(r.translation_note)}_")
    return out + [""]


def _flags(v: DigestView) -> list[str]:
    out = ["## Quality notes", ""]
    if not v.flags:
        return out + ["None: this digest was made without any degradation.", ""]
    for f in v.flags:
        out.append(f"- {md_escape(f.text)}")
        if f.details:
            out.append(f"  - Details: {md_escape('; '.join(f.details))}")
    return out + [""]


def _article(v: DigestView) -> list[str]:
    out = ["## Article", "", f"Full article, cleaned ({_plural(len(v.body), 'paragraph')}):", ""]
    if not v.body:
        return out + ["_The article had no text left after cleaning._", ""]
    for paragraph in v.body:
        out += [md_escape(paragraph), ""]
    return out


def _comments(v: DigestView) -> list[str]:
    out = [f"## Reader comments ({len(v.comments)})", ""]
    if not v.comments:
        return out + ["_No reader comments._", ""]
    for c in v.comments:
        out += [
            f"### Comment {c.number}: {md_escape(c.author or 'Anonymous')} ({md_escape(c.language_name)})",
            "",
        ]
        for s in c.segments:
            out += _segment_lines(s)
        out.append("")
    return out


def _same_story(v: DigestView) -> list[str]:
    out = ["## Same story", ""]
    if not v.same_story:
        return out + ["_No other article in this run reports the same story._", ""]
    out += ["Other articles in this run that report the same story:", ""]
    # Ids match the article-id pattern (checked in the view): safe as link targets as they are.
    out += [f"- [{md_escape(label)}]({article_id}.md)" for article_id, label in v.same_story]
    return out + [""]


def _removed(v: DigestView) -> list[str]:
    out = ["## What was removed and why", ""]
    if not v.removed:
        out += ["_Nothing was removed._", ""]
    else:
        out += [f"- {md_escape(r.reason_text)}: {md_escape(r.text)}" for r in v.removed] + [""]
    if v.related:
        out += ["### Related-article box (kept out of the article)", ""]
        for title, teaser in v.related:
            line = f"- {md_escape(title)}"
            out.append(f"{line}: {md_escape(teaser)}" if teaser else line)
        out.append("")
    return out


def _about(v: DigestView) -> list[str]:
    out = ["## About this digest", ""]
    out += [
        f"- Article id: {md_escape(v.article_id)}",
        f"- Article URL: {md_escape(v.url)}" if v.url else f"- Source file: {md_escape(v.source_path)}",
        f"- SHA-256: {md_escape(v.sha256)}",
        f"- Decoded as: {md_escape(v.encoding)}",
    ]
    out += [f"- Model ({md_escape(stage)}): {md_escape(model)}" for stage, model in v.models]
    return out + [""]


def render_markdown(
    digest: Digest,
    *,
    story_titles: Mapping[str, str] | None = None,
    briefing_language: str | None = None,
    reader_languages: Sequence[str] = (),
) -> str:
    v = build_view(
        digest,
        story_titles=story_titles,
        briefing_language=briefing_language,
        reader_languages=reader_languages,
    )
    sections = (_header, _summary, _readers, _flags, _article, _comments, _same_story, _removed, _about)
    lines = [line for section in sections for line in section(v)]
    return "\n".join(lines).rstrip("\n") + "\n"
