"""An edition as Markdown: the same stories, dates, by-lines and summaries as its HTML page, as plain text
that reads well unrendered (links to the digests' Markdown files)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from briefing.editions.continuity import StoryMark
from briefing.records import ArticleFailure, Digest
from briefing.render.advice import degradation_case
from briefing.render.index import index_stories
from briefing.render.markdown import md_escape
from briefing.render.marks import mark_views
from briefing.render.quality import quality_notes


def edition_markdown(
    digests: Sequence[Digest],
    failures: Sequence[ArticleFailure],
    label: str,
    *,
    marks: Mapping[str, StoryMark] | None = None,
    more: Sequence[tuple[str, str]] = (),
    notes: Sequence[str] = (),
    generated_at: datetime | None = None,
) -> str:
    """``marks``: continuity marks by article id; ``more``: (article id, headline) beyond the cap;
    ``notes``: the edition's cutoff and staleness notes."""
    lines = [f"# Briefing — edition of {label}", ""]
    lines += [f"*{md_escape(n)}*  " for n in notes] + ([""] if notes else [])
    views = mark_views(marks, generated_at)
    advice = degradation_case(digests)
    if advice is not None:  # our own text: markup intended
        lines += [f"**{advice.headline}.** {advice.fix}", ""]
    for story in index_stories(digests, failures):
        view = views.get(story[0].article_id or "")
        if view is not None:
            extra = f" · {view.first_reported} · timeline: ../{view.timeline}" if view.first_reported else ""
            lines += [f"**{view.label}**{extra}", ""]
        if len(story) > 1:
            lines += [f"## Same story · {len(story)} articles", ""]
        for e in story:
            lines += [f"### {md_escape(e.title)}", ""]
            meta = [e.status]
            if e.site:
                meta.append(md_escape(e.site))
            if e.date_text:
                meta.append(f"{e.date_label}: {e.date_text}")
            if e.byline:
                meta.append(f"By {md_escape(e.byline)}")
            lines += [" · ".join(meta), ""]
            if e.test_model:
                lines += ["**Made with random test models — the text is meaningless.**", ""]
            if e.summary:
                lines += [md_escape(e.summary.text), ""]
            for t in e.translations:
                lines += [f"{md_escape(t.language_name)} (machine translation): {md_escape(t.text)}", ""]
            if e.readers:
                gist = f": {md_escape(e.readers_gist.text)}" if e.readers_gist else ""
                lines += [f"{md_escape(e.readers)}{gist}", ""]
            if e.reason:
                lines += [f"Failed: {md_escape(e.reason)}", ""]
            if e.article_id:
                lines += [f"Full digest: [{e.article_id}.md](../digests/{e.article_id}.md)", ""]
    if more:
        lines += ["## More", ""]
        lines += [f"- [{md_escape(title)}](../digests/{article}.md)" for article, title in more]
        lines.append("")
    quality = quality_notes(digests)
    if quality:
        lines += ["## Quality notes", ""]
        lines += [f"- {md_escape(n.text)}" for n in quality]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
