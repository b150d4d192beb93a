"""The state database: concurrent writers never corrupt it, and a digested story is never pending again."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from briefing.sources.state import Entry, open_state

pytestmark = pytest.mark.unit


def _entry(source: str, n: int) -> Entry:
    return Entry(
        source=source, entry_key=f"k{n}", fingerprint=f"f{n}", story=f"s{n}", doc_sha="d", raw_sha="r"
    )


def test_concurrent_writers_keep_the_database_intact(tmp_path: Path):
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        db = open_state(tmp_path)  # one connection each, as separate runs have
        try:
            for n in range(60):
                db.save_entry(_entry(name, n))
                if n % 3 == 0:
                    db.mark_digested(name, [(_entry(name, n), f"a-{name}-{n}")])
                db.record_fetch(name, "feed", 200, None, n, "config")
        except BaseException as err:  # noqa: BLE001  (reported below)
            errors.append(err)
        finally:
            db.close()

    threads = [threading.Thread(target=writer, args=(f"src{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    conn = sqlite3.connect(tmp_path / "state.sqlite3")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert conn.execute("SELECT COUNT(*) FROM entries").fetchone() == (4 * 60,)
    finally:
        conn.close()


def test_pending_until_digested_and_changes_make_it_pending_again(tmp_path: Path):
    db = open_state(tmp_path)
    try:
        assert db.save_entry(_entry("feed", 1)) is True
        assert db.save_entry(_entry("feed", 1)) is False  # seen, unchanged
        assert [e.entry_key for e in db.pending("feed")] == ["k1"]
        db.mark_digested("run-1", [(_entry("feed", 1), "article-1")])
        assert db.pending("feed") == []
        assert [e.entry_key for e in db.pending("feed", reprocess=True)] == ["k1"]
        changed = Entry("feed", "k1", "f1b", "s1b", "d", "r")
        assert db.save_entry(changed) is True
        assert [e.story for e in db.pending("feed")] == ["s1b"]
        # The same story arriving from another source is not pending, and is linked to the digest.
        db.save_entry(Entry("other", "x", "fx", "s1", "d", "r"))
        assert db.pending("other") == []
        assert ("other", "x") in db.links("article-1")
    finally:
        db.close()
