"""What the pages say about a story's continuity: a mark (new, update, developing), when it was first
reported, and the link to its timeline page (``DIR/stories/<thread>.html``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from briefing.editions.continuity import StoryMark

MARK_LABELS = {"new": "New", "update": "Update", "developing": "Developing"}


@dataclass(frozen=True)
class MarkView:
    kind: str
    label: str
    first_reported: str | None  # "first reported Tuesday"; None for a new story
    timeline: str | None  # the timeline page, relative to the output folder
    editions: int


def mark_views(marks: Mapping[str, StoryMark] | None, now: datetime | None) -> dict[str, MarkView]:
    """Article id -> what its story's mark shows."""
    out = {}
    for article, mark in (marks or {}).items():
        continuing = mark.continuing
        out[article] = MarkView(
            kind=mark.kind,
            label=MARK_LABELS[mark.kind],
            first_reported=mark.first_reported_text(now or mark.first_reported) if continuing else None,
            timeline=f"stories/{mark.thread}.html" if continuing else None,
            editions=mark.editions,
        )
    return out
