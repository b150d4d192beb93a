"""A configured source's standing between runs: removed or disabled by the user, and how many runs in a row
its fetch failed (a source dead for a while warns instead of failing every run; it is still reported).

Kept in a table of the state database of its own, so the ``sources`` table keeps what the fetcher
writes and nothing here changes its shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from briefing.records import ArticleFailure
from briefing.settings import Settings
from briefing.sources.fetch import SourceResult
from briefing.sources.health import failed_runs
from briefing.sources.state import StateDB, now, open_state

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS source_switches"
    " (spec TEXT PRIMARY KEY, state TEXT NOT NULL, at TEXT NOT NULL)",
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


def excuse_dead_sources(
    results: Sequence[SourceResult], failures: list[ArticleFailure], settings: Settings
) -> list[str]:
    """A source that failed ``source_failure_runs`` runs in a row or more (this one included: the fetch has
    recorded it, :mod:`briefing.sources.health`) leaves ``failures`` (it no longer fails the run) for one
    warning line each."""
    db = open_state(Path(settings.data_dir))
    try:
        streaks = failed_runs(db)
    finally:
        db.close()
    warnings: list[str] = []
    for result in results:
        runs = streaks.get(result.spec, 0)
        if not result.error or runs < settings.source_failure_runs:
            continue
        failures[:] = [f for f in failures if f.path != result.spec]
        warnings.append(
            f"warning: {result.spec}: {result.error} (failed {runs} runs in a row; "
            f"`briefing sources disable {result.spec}` stops trying it)"
        )
    return warnings
