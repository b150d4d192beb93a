"""Honest staleness: what an edition says about time, and what the front page says when runs fail.

- Every edition states its cutoff (when it was made: nothing fetched later is in it).
- With ``max_article_age_days``, an article published longer ago than that before the cutoff is left out of
  the edition and the feeds, and the edition says how many were (undated articles are kept: a file's date
  says when it was saved, not when the story happened).
- A source that failed its last runs is named in a note (:mod:`briefing.sources.health` counts them).
- A run that failed (raised, or crashed) leaves ``DIR/run-status.json``; until a run publishes again (and
  removes it), the front page says the briefing is stale, since when, and how old the latest edition is.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

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
    """A failed run's record; the file exists only while the briefing is stale (a good run removes it)."""

    failed_at: str | None = None  # ISO 8601: the first failure since the last run that published
    reason: str | None = None

    @property
    def stale(self) -> bool:
        return self.failed_at is not None

    def banner(self, latest: str | None) -> str | None:
        """The front page's line; ``latest``: when the latest edition was made (None: no edition yet)."""
        if not self.stale:
            return None
        newest = f"the latest edition is from {latest}" if latest else "no edition was made yet"
        return f"This briefing is stale: runs have failed since {_label(self.failed_at)}; {newest}."

    def to_json(self) -> str:
        return json.dumps({"failed_at": self.failed_at, "reason": self.reason}, indent=2) + "\n"


def _label(iso: str | None) -> str:
    try:
        return stamp(datetime.fromisoformat(iso or ""))
    except ValueError:
        return iso or "?"


def read_status(out_dir: Path) -> RunStatus:
    """The folder's run status; absent or unreadable: not stale."""
    try:
        data = json.loads((Path(out_dir) / STATUS_NAME).read_text(encoding="utf-8"))
        return RunStatus(data.get("failed_at"), data.get("reason"))
    except (OSError, ValueError, AttributeError):
        return RunStatus()


def failed(status: RunStatus, when: datetime, reason: str) -> RunStatus:
    """Keeps the first failure's time: the briefing has been stale since then."""
    first = status.failed_at or when.astimezone(UTC).isoformat(timespec="seconds")
    return RunStatus(first, " ".join(reason.split())[:300])
