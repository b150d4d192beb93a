"""A continuing story's timeline page (``DIR/stories/<thread>.html``): one line per article, oldest first,
with the edition's date, the outlet and the headline, each linked to its edition and digest."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.editions.continuity import TimelineItem
from briefing.io import atomic_write_text
from briefing.records import Digest
from briefing.render.html import environment
from briefing.render.reading import strip_bidi


@dataclass(frozen=True)
class TimelineLine:
    edition_id: str
    date: str  # the edition's day, e.g. "Tuesday 2024-05-07"
    article_id: str
    site: str | None
    line: str


def timeline_lines(items: Sequence[TimelineItem], digests: Mapping[str, Digest]) -> list[TimelineLine]:
    lines = []
    for item in items:
        digest = digests.get(item.article_id)
        site = digest.source.site if digest is not None else None
        lines.append(
            TimelineLine(
                edition_id=item.edition.id,
                date=item.edition.created_at().strftime("%A %Y-%m-%d"),
                article_id=item.article_id,
                site=strip_bidi(" ".join(site.split())) if site and site.strip() else None,
                line=" ".join(item.title.split()),
            )
        )
    return lines


def write_timeline(
    out_dir: Path, thread: str, items: Sequence[TimelineItem], digests: Mapping[str, Digest]
) -> Path:
    lines = timeline_lines(items, digests)
    page = (
        environment()
        .get_template("timeline.html.j2")
        .render(
            title=lines[-1].line if lines else thread,
            items=lines,
            editions=len({i.edition.id for i in items}),
            page_lang="en",
        )
    )
    return atomic_write_text(Path(out_dir) / "stories" / f"{thread}.html", page)
