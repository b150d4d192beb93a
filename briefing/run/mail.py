"""Email after an edition: queue the new edition's messages, send every message still owed, report each.

A message that cannot be sent is one line (:attr:`MailResult.line`) and stays owed in the state database,
so the next run sends it; the edition and the run's other outputs are never touched by a failed send.
``briefing editions send`` sends one edition again, whatever was sent before.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from briefing.delivery import MailConfig, Outbox, SendError, build_message, mail_config, send_message
from briefing.editions.manifest import EditionRecord, Manifest
from briefing.records import Digest
from briefing.run.stored import edition_digests, edition_label, more_headlines
from briefing.settings import Settings
from briefing.sources.state import StateDB, open_state

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MailResult:
    edition: str
    language: str
    recipients: int
    error: str | None = None
    refused: tuple[str, ...] = ()

    @property
    def sent(self) -> bool:
        return self.error is None

    @property
    def line(self) -> str:
        where = f"edition {self.edition} ({self.language})"
        if self.error is not None:
            return f"error: email {where} not sent: {self.error}"
        extra = f"; refused: {', '.join(self.refused)}" if self.refused else ""
        return f"sent: email {where} to {self.recipients} recipient(s){extra}"


def run_config(settings: Settings, out_dir: Path) -> MailConfig | None:
    config = mail_config(settings)
    if config is None or config.web_base_url:
        return config
    return replace(config, web_base_url=Path(out_dir).resolve().as_uri())


def mail_after_edition(
    out_dir: Path,
    settings: Settings,
    manifest: Manifest,
    new: EditionRecord | None,
    current: list[Digest],
    when: datetime | None = None,
) -> list[MailResult]:
    """Queue ``new`` (one message per reader language), then send every owed message, oldest first.
    Nothing happens without mail settings. Never raises: a broken state database is one line too."""
    config = run_config(settings, out_dir)
    if config is None:
        return []
    try:
        db = open_state(Path(settings.data_dir))
    except Exception as err:  # the run's outputs stay; the message stays owed for lack of a record
        log.warning("email not sent: state database: %s", err)
        return [MailResult(new.id if new else "-", "-", 0, f"state database: {type(err).__name__}")]
    try:
        outbox = Outbox(db)
        if new is not None:
            outbox.queue(new.id, config.languages)
        editions = {e.id: e for e in manifest.editions}
        results = []
        for row in outbox.pending():
            record = editions.get(row.edition)
            if record is None or row.language not in config.recipients:
                continue  # an edition no longer in this folder, or a language nobody reads any more
            marks = mark_lines(manifest, record, when)
            results.append(_send_one(outbox, record, row.language, config, out_dir, current, when, marks))
        return results
    finally:
        db.close()


def send_edition(
    out_dir: Path,
    settings: Settings,
    record: EditionRecord,
    when: datetime | None = None,
    manifest: Manifest | None = None,
) -> list[MailResult]:
    """Send ``record`` to every reader language now (``briefing editions send``)."""
    config = run_config(settings, out_dir)
    if config is None:
        return []
    marks = mark_lines(manifest, record, when) if manifest is not None else {}
    db = open_state(Path(settings.data_dir))
    try:
        outbox = Outbox(db)
        return [
            _send_one(outbox, record, lang, config, out_dir, [], when, marks) for lang in config.languages
        ]
    finally:
        db.close()


def mark_lines(manifest: Manifest, record: EditionRecord, when: datetime | None) -> dict[str, str]:
    """Article id -> "Update · first reported Tuesday" for the edition's continuing stories."""
    from briefing.editions.continuity import marks_for
    from briefing.render.marks import mark_views

    views = mark_views(marks_for(manifest, record.id), when or record.created_at())
    return {a: f"{v.label} · {v.first_reported}" for a, v in views.items() if v.first_reported}


def unsent_lines(settings: Settings) -> list[str]:
    """One line per message still owed after a failed send (the run's email flag)."""
    if mail_config(settings) is None:
        return []
    path = Path(settings.data_dir)
    from briefing.sources.state import STATE_FILE

    if not (path / STATE_FILE).is_file():
        return []
    db: StateDB = open_state(path)
    try:
        rows = Outbox(db).pending()
    finally:
        db.close()
    return [MailResult(r.edition, r.language, 0, r.last_error).line for r in rows if r.last_error is not None]


def _send_one(
    outbox: Outbox,
    record: EditionRecord,
    language: str,
    config: MailConfig,
    out_dir: Path,
    current: list[Digest],
    when: datetime | None,
    marks: dict[str, str] | None = None,
) -> MailResult:
    recipients = list(config.recipients[language])
    digests = edition_digests(record, current, out_dir)
    moment = when or datetime.now(UTC)
    more = more_headlines(record)
    label = edition_label(record)
    message = build_message(digests, record.id, label, language, config, moment, more, marks)
    try:
        refused = send_message(message, config, recipients)
    except SendError as err:
        result = MailResult(record.id, language, len(recipients), str(err))
        outbox.mark_failed(record.id, language, str(err))
        log.warning(result.line)
        return result
    outbox.mark_sent(record.id, language, str(message["Message-ID"]))
    return MailResult(record.id, language, len(recipients) - len(refused), None, tuple(refused))
