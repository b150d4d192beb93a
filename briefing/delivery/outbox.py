"""Which edition messages are owed and which went out, in the state database (its own table).

An (edition, language) pair is queued when an edition is written with email configured; it stays pending
until a send succeeds, so the next run retries what a failed run could not send. Only this module touches
the ``email_outbox`` table.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from briefing.sources.state import StateDB, now

SCHEMA = """
CREATE TABLE IF NOT EXISTS email_outbox (
    edition TEXT NOT NULL, language TEXT NOT NULL, queued_at TEXT NOT NULL, sent_at TEXT,
    message_id TEXT, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,
    PRIMARY KEY (edition, language)
)
"""


@dataclass(frozen=True)
class OutboxRow:
    edition: str
    language: str
    sent_at: str | None
    attempts: int
    last_error: str | None


class Outbox:
    def __init__(self, db: StateDB) -> None:
        self.db = db
        with db.transaction() as conn:
            conn.execute(SCHEMA)

    def queue(self, edition: str, languages: list[str]) -> None:
        with self.db.transaction() as conn:
            for language in languages:
                _queue(conn, edition, language)

    def pending(self) -> list[OutboxRow]:
        """Unsent messages, oldest edition first."""
        return self._rows("WHERE sent_at IS NULL")

    def rows(self, edition: str | None = None) -> list[OutboxRow]:
        return self._rows("WHERE edition = ?", (edition,)) if edition else self._rows("")

    def mark_sent(self, edition: str, language: str, message_id: str) -> None:
        with self.db.transaction() as conn:
            _queue(conn, edition, language)
            conn.execute(
                "UPDATE email_outbox SET sent_at = ?, message_id = ?, attempts = attempts + 1,"
                " last_error = NULL WHERE edition = ? AND language = ?",
                (now(), message_id, edition, language),
            )

    def mark_failed(self, edition: str, language: str, error: str) -> None:
        with self.db.transaction() as conn:
            _queue(conn, edition, language)
            conn.execute(
                "UPDATE email_outbox SET attempts = attempts + 1, last_error = ?"
                " WHERE edition = ? AND language = ? AND sent_at IS NULL",
                (error, edition, language),
            )

    def _rows(self, where: str, args: tuple[str, ...] = ()) -> list[OutboxRow]:
        rows = self.db.conn.execute(
            "SELECT edition, language, sent_at, attempts, last_error FROM email_outbox "
            f"{where} ORDER BY edition, language",
            args,
        )
        return [OutboxRow(*r) for r in rows]


def _queue(conn: sqlite3.Connection, edition: str, language: str) -> None:
    """The outbox row of ``edition`` in ``language``, created owed when it is not there yet."""
    conn.execute(
        "INSERT OR IGNORE INTO email_outbox (edition, language, queued_at) VALUES (?, ?, ?)",
        (edition, language, now()),
    )
