"""How many runs in a row each source has failed, and since when.

``StateDB.record_fetch`` (called once per source per run) keeps the count in the ``source_health`` table:
one failure more, or back to 0 after a fetch without error. The edition's notes, `briefing sources list` and
the run's warning for a long-dead source (:mod:`briefing.sources.standing`) all read it here.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.sources.state import StateDB


@dataclass(frozen=True)
class SourceTrouble:
    """A source that failed its last ``runs`` runs in a row, since ``since``."""

    spec: str
    runs: int
    since: str
    error: str | None

    @property
    def note(self) -> str:
        reason = f": {self.error}" if self.error else ""
        return f"Source {self.spec} failed its last {self.runs} runs (since {self.since}){reason}."


def failing_sources(db: StateDB, runs: int) -> list[SourceTrouble]:
    """Sources whose last ``runs`` (or more) runs failed, by name."""
    rows = db.conn.execute(
        "SELECT h.spec, h.failed_runs, h.failing_since, s.last_error FROM source_health h"
        " JOIN sources s ON s.spec = h.spec WHERE h.failed_runs >= ? ORDER BY h.spec",
        (max(runs, 1),),
    )
    return [SourceTrouble(spec, n, since or "?", error) for spec, n, since, error in rows]


def failed_runs(db: StateDB) -> dict[str, int]:
    """spec -> failed runs in a row (0 after a good fetch) for every source fetched since counting began."""
    return dict(db.conn.execute("SELECT spec, failed_runs FROM source_health"))
