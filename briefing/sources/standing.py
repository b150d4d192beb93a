"""A configured source's standing between runs: removed or disabled by the user, and how many runs in a row
its fetch failed (a source dead for a while warns instead of failing every run; it is still reported).

Kept in two tables of the state database of their own, so the ``sources`` table keeps what the fetcher
writes and nothing here changes its shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from briefing.records import ArticleFailure
from briefing.settings import Settings
from briefing.sources.fetch import SourceResult
from briefing.sources.state import StateDB, now, open_state

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS source_switches"
    " (spec TEXT PRIMARY KEY, state TEXT NOT NULL, at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS source_streaks (spec TEXT PRIMARY KEY, failed_runs INTEGER NOT NULL)",
)
REMOVED, DISABLED = "removed", "disabled"


def _ensure(db: StateDB) -> None:
    with db.transaction() as conn:
        for statement in SCHEMA:
            conn.execute(statement)


def switched_off(db: StateDB) -> dict[str, str]:
    """spec -> "removed" or "disabled": the sources a run of the configured sources skips."""
    _ensure(db)
    return dict(db.conn.execute("SELECT spec, state FROM source_switches"))


def switch_off(db: StateDB, spec: str, state: str) -> None:
    """Mark ``spec`` removed or disabled; removing an imported feed also forgets it as imported."""
    _ensure(db)
    with db.transaction() as conn:
        conn.execute("INSERT OR REPLACE INTO source_switches VALUES (?, ?, ?)", (spec, state, now()))
        if state == REMOVED:
            conn.execute("DELETE FROM sources WHERE spec = ? AND origin = 'import'", (spec,))


def switch_on(db: StateDB, spec: str) -> bool:
    """Undo :func:`switch_off` for a disabled source; True when it was disabled."""
    _ensure(db)
    with db.transaction() as conn:
        cur = conn.execute("DELETE FROM source_switches WHERE spec = ? AND state = ?", (spec, DISABLED))
        return cur.rowcount > 0


def forget_switch(db: StateDB, spec: str) -> None:
    """A source added again (e.g. imported) is no longer removed."""
    _ensure(db)
    with db.transaction() as conn:
        conn.execute("DELETE FROM source_switches WHERE spec = ? AND state = ?", (spec, REMOVED))


def record_streaks(db: StateDB, outcomes: Iterable[tuple[str, bool]]) -> dict[str, int]:
    """(spec, failed) of this run's sources -> spec: failed runs in a row, this one included (0 when ok)."""
    _ensure(db)
    streaks: dict[str, int] = {}
    with db.transaction() as conn:
        for spec, failed in outcomes:
            if not failed:
                conn.execute("DELETE FROM source_streaks WHERE spec = ?", (spec,))
                streaks[spec] = 0
                continue
            row = conn.execute("SELECT failed_runs FROM source_streaks WHERE spec = ?", (spec,)).fetchone()
            streaks[spec] = (row[0] if row else 0) + 1
            conn.execute("INSERT OR REPLACE INTO source_streaks VALUES (?, ?)", (spec, streaks[spec]))
    return streaks


def excuse_dead_sources(
    results: Sequence[SourceResult], failures: list[ArticleFailure], settings: Settings
) -> list[str]:
    """Record this run's failed-runs streaks; a source failed ``source_warn_after_failed_runs`` runs in a
    row or more leaves ``failures`` (it no longer fails the run) for one warning line each."""
    db = open_state(Path(settings.data_dir))
    try:
        streaks = record_streaks(db, [(r.spec, bool(r.error)) for r in results])
    finally:
        db.close()
    warnings: list[str] = []
    for result in results:
        runs = streaks.get(result.spec, 0)
        if not result.error or runs < settings.source_warn_after_failed_runs:
            continue
        failures[:] = [f for f in failures if f.path != result.spec]
        warnings.append(
            f"warning: {result.spec}: {result.error} (failed {runs} runs in a row; "
            f"`briefing sources disable {result.spec}` stops trying it)"
        )
    return warnings
