"""Honest staleness: what an edition says about time, and what the front page says when runs fail.

- Every edition states its cutoff (when it was made: nothing fetched later is in it).
- With ``max_article_age_days``, an article published longer ago than that before the cutoff is left out of
  the edition and the feeds, and the edition says how many were (undated articles are kept: a file's date
  says when it was saved, not when the story happened).
- A source that failed its last runs is named in a note (:mod:`briefing.sources.health` counts them).
- A run that failed (raised, or crashed) leaves ``DIR/run-status.json``; until a run succeeds again, the
  front page says the briefing is stale and since when (the last run that succeeded).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from briefing.editions.dates import parse_published
from briefing.records import Digest

STATUS_NAME = "run-status.json"


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def split_by_age(
    digests: Sequence[Digest], cutoff: datetime, max_days: int
) -> tuple[list[Digest], list[Digest]]:
    """(kept, too old): published more than ``max_days`` before ``cutoff`` (0: no limit)."""
    if max_days <= 0:
        return list(digests), []
    oldest = cutoff - timedelta(days=max_days)
    kept: list[Digest] = []
    old: list[Digest] = []
    for digest in digests:
        published = parse_published(digest.published)
        (old if published is not None and published.moment < oldest else kept).append(digest)
    return kept, old


def edition_notes(
    cutoff: datetime, max_days: int, left_out: int, failing: Sequence[str] = ()
) -> tuple[str, ...]:
    """The cutoff, how many articles were too old, and a note per failing source (``failing``)."""
    notes = [f"Cutoff: {stamp(cutoff)}. Articles fetched after it are in the next edition."]
    if left_out:
        notes.append(
            f"{left_out} article{'' if left_out == 1 else 's'} published more than {max_days} "
            f"day{'' if max_days == 1 else 's'} before the cutoff "
            f"{'was' if left_out == 1 else 'were'} left out."
        )
    notes += list(failing)
    return tuple(notes)


@dataclass(frozen=True)
class RunStatus:
    last_success: str | None = None  # ISO 8601
    failed_at: str | None = None  # the first failure since the last success
    reason: str | None = None

    @property
    def stale(self) -> bool:
        return self.failed_at is not None

    def banner(self) -> str | None:
        if not self.stale:
            return None
        since = _label(self.last_success) if self.last_success else "its first run"
        return (
            f"This briefing is stale: runs have failed since {_label(self.failed_at)}; "
            f"the newest news here is from {since}."
        )

    def to_json(self) -> str:
        data: dict[str, Any] = {"last_success": self.last_success, "failed_at": self.failed_at}
        data["reason"] = self.reason
        return json.dumps(data, indent=2) + "\n"


def _label(iso: str | None) -> str:
    try:
        return stamp(datetime.fromisoformat(iso or ""))
    except ValueError:
        return iso or "?"


def read_status(out_dir: Path) -> RunStatus:
    """The folder's run status; absent or unreadable: never failed."""
    try:
        data = json.loads((Path(out_dir) / STATUS_NAME).read_text(encoding="utf-8"))
        return RunStatus(data.get("last_success"), data.get("failed_at"), data.get("reason"))
    except (OSError, ValueError, AttributeError):
        return RunStatus()


def succeeded(status: RunStatus, when: datetime) -> RunStatus:
    return RunStatus(last_success=when.astimezone(UTC).isoformat(timespec="seconds"))


def failed(status: RunStatus, when: datetime, reason: str) -> RunStatus:
    """Keeps the first failure's time: the briefing has been stale since then."""
    first = status.failed_at or when.astimezone(UTC).isoformat(timespec="seconds")
    return RunStatus(status.last_success, first, " ".join(reason.split())[:300])
