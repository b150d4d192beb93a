"""How many runs in a row each source has failed, in the state database (its own table).

``record_fetch`` in :mod:`briefing.sources.state` sets a source's ``last_fetch`` and ``last_error`` once per
run; a trigger on that update counts failures in a row (reset by a fetch without error) and remembers when
the streak began, so neither fetching nor the state API changes. Counting starts once this module has opened
the database (the first run that publishes).
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.sources.state import StateDB

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS source_health (
        spec TEXT PRIMARY KEY, failed_runs INTEGER NOT NULL DEFAULT 0, failing_since TEXT
    )""",
    """CREATE TRIGGER IF NOT EXISTS source_health_count AFTER UPDATE OF last_fetch ON sources
    BEGIN
        INSERT OR IGNORE INTO source_health (spec) VALUES (NEW.spec);
        UPDATE source_health SET
            failed_runs = CASE WHEN NEW.last_error IS NULL THEN 0 ELSE failed_runs + 1 END,
            failing_since = CASE WHEN NEW.last_error IS NULL THEN NULL
                                 ELSE COALESCE(failing_since, NEW.last_fetch) END
        WHERE spec = NEW.spec;
    END""",
)


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


def watch(db: StateDB) -> None:
    """Create the table and trigger (idempotent)."""
    with db.transaction() as conn:
        for statement in SCHEMA:
            conn.execute(statement)


def failing_sources(db: StateDB, runs: int) -> list[SourceTrouble]:
    """Sources whose last ``runs`` (or more) runs failed, by name."""
    watch(db)
    rows = db.conn.execute(
        "SELECT h.spec, h.failed_runs, h.failing_since, s.last_error FROM source_health h"
        " JOIN sources s ON s.spec = h.spec WHERE h.failed_runs >= ? ORDER BY h.spec",
        (max(runs, 1),),
    )
    return [SourceTrouble(spec, n, since or "?", error) for spec, n, since, error in rows]
