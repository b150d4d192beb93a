"""Staleness at the run's edges: failing sources read from the state database for the edition's notes, and
a failed run recorded so the front page says the briefing is stale (``briefing.editions.staleness``)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from briefing.editions.staleness import STATUS_NAME, failed, read_status
from briefing.io import atomic_write_text
from briefing.run.front_page import write_front_page
from briefing.settings import Settings

log = logging.getLogger(__name__)


def failing_source_notes(settings: Settings) -> list[str]:
    """One note per source that failed its last ``source_failure_runs`` runs (none without a database)."""
    from briefing.sources.health import failing_sources
    from briefing.sources.state import STATE_FILE, open_state

    if not (Path(settings.data_dir) / STATE_FILE).is_file():
        return []
    try:
        db = open_state(Path(settings.data_dir))
        try:
            return [t.note for t in failing_sources(db, settings.source_failure_runs)]
        finally:
            db.close()
    except Exception as err:  # a note is not worth a run
        log.warning("source health not read: %s", type(err).__name__)
        return []


def mark_failed_run(
    out_dir: Path, settings: Settings, reason: str, when: datetime | None = None
) -> Path | None:
    """Record a failed run in ``DIR/run-status.json`` and rewrite the front page with the stale banner.
    Never raises (it runs while a run is already failing); None when nothing could be written."""
    moment = when or datetime.now(UTC)
    out = Path(out_dir)
    try:
        status = failed(read_status(out), moment, reason)
        atomic_write_text(out / STATUS_NAME, status.to_json())
        return write_front_page(out, settings, moment, status)
    except Exception as err:
        log.warning("could not mark the briefing stale in %s: %s", out, type(err).__name__)
        return None
