"""An edition as Markdown: the same stories, dates, by-lines and summaries as its HTML page, as plain text
that reads well unrendered (links to the digests' Markdown files)."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.records import ArticleFailure, Digest
from briefing.render.advice import degradation_case
from briefing.render.index import index_stories
from briefing.render.markdown import md_escape
from briefing.render.quality import quality_notes


def edition_markdown(digests: Sequence[Digest], failures: Sequence[ArticleFailure], label: str) -> str:
    lines = [f"# Briefing — edition of {label}", ""]
    advice = degradation_case(digests)
    if advice is not None:  # our own text: markup intended
        lines += [f"**{advice.headline}.** {advice.fix}", ""]
    for story in index_stories(digests, failures):
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
            if e.reason:
                lines += [f"Failed: {md_escape(e.reason)}", ""]
            if e.article_id:
                lines += [f"Full digest: [{e.article_id}.md](../digests/{e.article_id}.md)", ""]
    notes = quality_notes(digests)
    if notes:
        lines += ["## Quality notes", ""]
        lines += [f"- {md_escape(n.text)}" for n in notes]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
