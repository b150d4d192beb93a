"""The state database: sources, HTTP validators, entries seen, and which run digested what.

SQLite (standard library) in WAL mode under the data folder. Fetching and parsing never touch SQL: they go
through this small API. Every write is one transaction (``BEGIN IMMEDIATE``), so a run killed at any point
leaves the last committed state, and runs in parallel wait for each other (busy timeout) instead of
corrupting anything.

An entry is one article of a source: a feed item (its GUID, else its link, else its content hash), a page URL
or a file. Its ``story`` is the fingerprint of its title and text: the same story from two feeds has one
story, and an entry is *pending* until a digest of its story is recorded. Entries are marked digested only
after their digest files are written, so a killed run's entries are simply pending on the next run.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

from briefing.errors import BriefingError
from briefing.sources.http import Validators

SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    spec TEXT PRIMARY KEY, kind TEXT, origin TEXT NOT NULL, title TEXT, added_at TEXT NOT NULL,
    last_fetch TEXT, http_status INTEGER, last_error TEXT, new_last_run INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS resources (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, raw_sha TEXT, content_type TEXT, fetched_at TEXT
);
CREATE TABLE IF NOT EXISTS entries (
    source TEXT NOT NULL, entry_key TEXT NOT NULL, fingerprint TEXT, story TEXT NOT NULL,
    doc_sha TEXT NOT NULL, raw_sha TEXT NOT NULL, url TEXT, title TEXT, published TEXT, byline TEXT,
    site TEXT, feed TEXT, fetched_at TEXT, fallback TEXT, first_seen TEXT NOT NULL, updated_at TEXT NOT NULL,
    PRIMARY KEY (source, entry_key)
);
CREATE INDEX IF NOT EXISTS entries_story ON entries (story);
CREATE TABLE IF NOT EXISTS runs (run_id TEXT PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT);
CREATE TABLE IF NOT EXISTS digested (
    story TEXT PRIMARY KEY, article_id TEXT NOT NULL, run_id TEXT NOT NULL, digested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS page_retries (
    source TEXT NOT NULL, entry_key TEXT NOT NULL, attempts INTEGER NOT NULL, PRIMARY KEY (source, entry_key)
);
-- failed runs in a row per source (reset by a fetch without error) and since when: briefing.sources.health
CREATE TABLE IF NOT EXISTS source_health (
    spec TEXT PRIMARY KEY, failed_runs INTEGER NOT NULL DEFAULT 0, failing_since TEXT
);
CREATE TABLE IF NOT EXISTS host_backoff (host TEXT PRIMARY KEY, until REAL NOT NULL);
CREATE TABLE IF NOT EXISTS links (
    source TEXT NOT NULL, entry_key TEXT NOT NULL, story TEXT NOT NULL, article_id TEXT NOT NULL,
    run_id TEXT NOT NULL, PRIMARY KEY (source, entry_key, story)
);
"""


class StateError(BriefingError):
    """The state database cannot be used; one line naming the file and the way out."""


def _move_aside(path: Path) -> str:
    return (
        f"move it aside (mv {path} {path}.broken) and the next run starts a new one, fetching every "
        "source again"
    )


def _create_or_refuse_empty(path: Path) -> None:
    """A new database is created whole (built beside, then linked into place), so a 0-byte file is never
    one of ours: it is a truncated copy or a full disk, and is refused rather than silently recreated
    (every source would be fetched and every article digested again)."""
    if path.exists():
        wal = path.with_name(path.name + "-wal")
        if path.stat().st_size == 0 and not (wal.is_file() and wal.stat().st_size > 0):
            raise StateError(f"{path}: the state database is an empty file (0 bytes); {_move_aside(path)}")
        return
    fresh = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.new")
    conn = sqlite3.connect(fresh, isolation_level=None)
    try:
        conn.executescript(SCHEMA)
    finally:
        conn.close()
    try:
        os.link(fresh, path)
    except FileExistsError:
        pass  # another process created it first: use theirs
    finally:
        fresh.unlink()


@dataclass(frozen=True)
class Entry:
    """One article of a source as stored: where its bytes are and what is known of it."""

    source: str
    entry_key: str
    fingerprint: str | None
    story: str
    doc_sha: str
    raw_sha: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    byline: str | None = None
    site: str | None = None
    feed: str | None = None
    fetched_at: str | None = None
    # Why the feed's own text was used instead of the page (None: the page or the file itself).
    fallback: str | None = None


@dataclass(frozen=True)
class SourceRow:
    spec: str
    kind: str | None
    origin: str
    title: str | None
    last_fetch: str | None
    http_status: int | None
    last_error: str | None
    new_last_run: int
    entries_seen: int


_ENTRY_COLUMNS = tuple(f.name for f in fields(Entry))


class StateDB:
    """Open with :func:`open_state`; one connection per process (not shared across threads)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        _create_or_refuse_empty(self.path)
        self.conn = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
        try:
            self.conn.execute("PRAGMA busy_timeout=60000")
            _use_wal(self.conn)
            self.conn.execute("PRAGMA synchronous=FULL")
            with self.transaction() as db:
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
        except sqlite3.DatabaseError as err:  # "file is not a database", "database disk image is malformed"
            self.conn.close()
            raise StateError(
                f"{self.path}: not a usable state database ({err}); {_move_aside(self.path)}"
            ) from None

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- sources --------------------------------------------------------------------------------------

    def add_source(self, spec: str, origin: str, kind: str | None = None, title: str | None = None) -> bool:
        """Register ``spec`` (kept as it is when known); True when it is new."""
        with self.transaction() as db:
            cur = db.execute(
                "INSERT OR IGNORE INTO sources (spec, kind, origin, title, added_at) VALUES (?, ?, ?, ?, ?)",
                (spec, kind, origin, title, now()),
            )
            return cur.rowcount > 0

    def imported_sources(self) -> list[str]:
        rows = self.conn.execute("SELECT spec FROM sources WHERE origin = 'import' ORDER BY added_at, spec")
        return [r[0] for r in rows]

    def record_fetch(
        self, spec: str, kind: str | None, status: int | None, error: str | None, new: int, origin: str
    ) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO sources (spec, origin, added_at) VALUES (?, ?, ?)",
                (spec, origin, now()),
            )
            db.execute(
                "UPDATE sources SET kind = COALESCE(?, kind), last_fetch = ?, http_status = ?,"
                " last_error = ?, new_last_run = ? WHERE spec = ?",
                (kind, now(), status, error, new, spec),
            )
            # One fetch per source per run: the streak of failed runs grows or starts again here.
            db.execute("INSERT OR IGNORE INTO source_health (spec) VALUES (?)", (spec,))
            db.execute(
                "UPDATE source_health SET"
                " failed_runs = CASE WHEN ? IS NULL THEN 0 ELSE failed_runs + 1 END,"
                " failing_since = CASE WHEN ? IS NULL THEN NULL ELSE COALESCE(failing_since, ?) END"
                " WHERE spec = ?",
                (error, error, now(), spec),
            )

    def sources(self, specs: Iterable[str] | None = None) -> list[SourceRow]:
        """Rows for ``specs`` in that order (unknown ones empty), else every source known."""
        known = {
            r[0]: r
            for r in self.conn.execute(
                "SELECT s.spec, s.kind, s.origin, s.title, s.last_fetch, s.http_status, s.last_error,"
                " s.new_last_run, (SELECT COUNT(*) FROM entries e WHERE e.source = s.spec) FROM sources s"
                " ORDER BY s.added_at, s.spec"
            )
        }
        order = list(specs) if specs is not None else list(known)
        return [
            SourceRow(*known[s]) if s in known else SourceRow(s, None, "config", None, None, None, None, 0, 0)
            for s in order
        ]

    # -- HTTP validators and stored bytes --------------------------------------------------------------

    def validators(self, url: str) -> tuple[Validators, str | None]:
        """The ETag/Last-Modified kept for ``url`` and the sha of the bytes they validate."""
        row = self.conn.execute(
            "SELECT etag, last_modified, raw_sha FROM resources WHERE url = ?", (url,)
        ).fetchone()
        return (Validators(row[0], row[1]), row[2]) if row else (Validators(), None)

    def save_resource(self, url: str, validators: Validators, raw_sha: str, content_type: str | None) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO resources VALUES (?, ?, ?, ?, ?, ?)",
                (url, validators.etag, validators.last_modified, raw_sha, content_type, now()),
            )

    # -- entries ---------------------------------------------------------------------------------------

    def entry(self, source: str, key: str) -> Entry | None:
        row = self.conn.execute(
            f"SELECT {', '.join(_ENTRY_COLUMNS)} FROM entries WHERE source = ? AND entry_key = ?",
            (source, key),
        ).fetchone()
        return Entry(*row) if row else None

    def save_entry(self, entry: Entry) -> bool:
        """Insert or update ``entry``; True when it is new or its story changed."""
        with self.transaction() as db:
            row = db.execute(
                "SELECT story, first_seen FROM entries WHERE source = ? AND entry_key = ?",
                (entry.source, entry.entry_key),
            ).fetchone()
            first_seen = row[1] if row else now()
            db.execute(
                f"INSERT OR REPLACE INTO entries ({', '.join(_ENTRY_COLUMNS)}, first_seen, updated_at)"
                f" VALUES ({', '.join('?' * (len(_ENTRY_COLUMNS) + 2))})",
                (*(getattr(entry, c) for c in _ENTRY_COLUMNS), first_seen, now()),
            )
            # A copy of a story digested before (syndicated by another feed) is linked to that digest.
            db.execute(
                "INSERT OR IGNORE INTO links SELECT ?, ?, story, article_id, run_id FROM digested"
                " WHERE story = ?",
                (entry.source, entry.entry_key, entry.story),
            )
            return row is None or row[0] != entry.story

    def pending(self, source: str, reprocess: bool = False) -> list[Entry]:
        """Entries of ``source`` whose story has no digest yet (all of them with ``reprocess``)."""
        sql = f"SELECT {', '.join('e.' + c for c in _ENTRY_COLUMNS)} FROM entries e WHERE e.source = ?"
        if not reprocess:
            sql += " AND NOT EXISTS (SELECT 1 FROM digested d WHERE d.story = e.story)"
        return [Entry(*r) for r in self.conn.execute(sql + " ORDER BY e.first_seen, e.entry_key", (source,))]

    # -- runs ------------------------------------------------------------------------------------------

    def start_run(self, run_id: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR IGNORE INTO runs (run_id, started_at) VALUES (?, ?)", (run_id, now()))

    def mark_digested(self, run_id: str, digested: Iterable[tuple[Entry, str]]) -> None:
        """Record (entry, article_id) pairs as digested by ``run_id``, with every entry of the same story
        linked to that article; one transaction."""
        with self.transaction() as db:
            for entry, article_id in digested:
                db.execute(
                    "INSERT OR REPLACE INTO digested VALUES (?, ?, ?, ?)",
                    (entry.story, article_id, run_id, now()),
                )
                db.execute(
                    "INSERT OR REPLACE INTO links SELECT source, entry_key, story, ?, ? FROM entries"
                    " WHERE story = ?",
                    (article_id, run_id, entry.story),
                )

    def finish_run(self, run_id: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE runs SET finished_at = ? WHERE run_id = ?", (now(), run_id))

    def history(self) -> tuple[str | None, int]:
        """When the last run finished (ISO, UTC; None before the first) and how many stories have a digest."""
        last = self.conn.execute("SELECT MAX(finished_at) FROM runs").fetchone()[0]
        return last, self.conn.execute("SELECT COUNT(*) FROM digested").fetchone()[0]

    def links(self, article_id: str) -> list[tuple[str, str]]:
        """(source, entry key) of every entry digested as ``article_id``."""
        rows = self.conn.execute(
            "SELECT source, entry_key FROM links WHERE article_id = ? ORDER BY source, entry_key",
            (article_id,),
        )
        return [(r[0], r[1]) for r in rows]


STATE_FILE = "state.sqlite3"
_WAL_TRIES = 200


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch a new database to WAL (it stays so). SQLite answers "locked" at once, without waiting, when
    another connection switches it at the same moment; so try again a bounded number of times."""
    for attempt in range(_WAL_TRIES):
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                return
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError:
            if attempt == _WAL_TRIES - 1:
                raise
            time.sleep(0.05)


def open_state(data_dir: Path) -> StateDB:
    return StateDB(Path(data_dir) / STATE_FILE)


def check_state(data_dir: Path) -> None:
    """:class:`StateError` when the data folder holds a state database that cannot be used (checked once,
    before a run starts; a missing one is fine: the run creates it)."""
    if (Path(data_dir) / STATE_FILE).exists():
        open_state(Path(data_dir)).close()


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def host_backoffs(db: StateDB) -> dict[str, float]:
    """Hosts that asked (429/503 Retry-After) not to be asked again before a time (epoch seconds) to come."""
    rows = db.conn.execute("SELECT host, until FROM host_backoff WHERE until > ?", (time.time(),))
    return {host: until for host, until in rows}


def save_host_backoffs(db: StateDB, backoffs: dict[str, float]) -> None:
    """Remember ``backoffs`` for later runs (the later time wins); past ones are forgotten."""
    with db.transaction() as conn:
        conn.execute("DELETE FROM host_backoff WHERE until <= ?", (time.time(),))
        for host, until in backoffs.items():
            conn.execute(
                "INSERT INTO host_backoff (host, until) VALUES (?, ?) "
                "ON CONFLICT (host) DO UPDATE SET until = max(until, excluded.until)",
                (host, until),
            )


def fallback_entries(db: StateDB, source: str, max_attempts: int) -> list[Entry]:
    """Entries of ``source`` digested from the feed's text because their page failed, retried fewer than
    ``max_attempts`` times: their page is asked for again."""
    sql = (
        f"SELECT {', '.join('e.' + c for c in _ENTRY_COLUMNS)} FROM entries e LEFT JOIN page_retries r"
        " ON r.source = e.source AND r.entry_key = e.entry_key WHERE e.source = ? AND e.fallback IS NOT NULL"
        " AND e.url IS NOT NULL AND coalesce(r.attempts, 0) < ? ORDER BY e.first_seen"
    )
    return [Entry(*row) for row in db.conn.execute(sql, (source, max_attempts))]


def count_page_retry(db: StateDB, source: str, entry_key: str) -> None:
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO page_retries VALUES (?, ?, 1) ON CONFLICT (source, entry_key)"
            " DO UPDATE SET attempts = attempts + 1",
            (source, entry_key),
        )
