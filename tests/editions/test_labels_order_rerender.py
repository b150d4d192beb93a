"""Editions: unique readable labels (two in the same minute), undated stories never above dated ones, and
the latest edition re-rendered when its digests are made again."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefing.editions.manifest import EditionRecord, read_manifest
from briefing.editions.stories import order_stories
from briefing.records import Source, Summary
from briefing.render.index import index_entries
from briefing.run.publish import publish_run
from briefing.run.stored import edition_labels
from tests.models.factories import make_digest
from tests.render.html_tree import parse

pytestmark = pytest.mark.unit


def _digest(tmp_path: Path, article_id: str, title: str, published: str | None, summary: str = "It rained."):
    path = tmp_path / "in" / f"{article_id}.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text("x", encoding="utf-8")  # its file date is now: newer than every published date here
    digest = dataclasses.replace(
        make_digest(article_id),
        title=title,
        published=published,
        source=Source(path=str(path), sha256="0" * 64, encoding="utf-8"),
    )
    return dataclasses.replace(digest, summary=Summary("en", summary, "abstractive", "m"))


def test_editions_in_the_same_minute_get_unique_readable_labels():
    def record(i: str, created: str) -> EditionRecord:
        return EditionRecord(i, created, (f"a-{i}",))

    labels = edition_labels(
        [
            record("1", "2026-12-02T06:30:05+00:00"),
            record("2", "2026-12-02T06:30:41+00:00"),
            record("3", "2026-12-02T06:30:41+00:00"),
            record("4", "2026-12-02T06:31:00+00:00"),
        ]
    )
    assert list(labels.values()) == [
        "2026-12-02 06:30 UTC",
        "2026-12-02 06:30:41 UTC",
        "2026-12-02 06:30:41 UTC (2)",
        "2026-12-02 06:31 UTC",
    ]


def test_two_runs_in_one_minute_show_two_labels(tmp_path: Path):
    out = tmp_path / "out"
    first = _digest(tmp_path, "first-0123456789", "First", "2026-12-01")
    second = _digest(tmp_path, "second-0123456789", "Second", "2026-12-01")
    publish_run([first], [], out, generated_at=datetime(2026, 12, 2, 6, 30, 5, tzinfo=UTC))
    publish_run([second], [], out, generated_at=datetime(2026, 12, 2, 6, 30, 41, tzinfo=UTC))
    root, _ = parse((out / "index.html").read_text(encoding="utf-8"))
    text = " ".join(root.text().split())
    assert "Latest edition: 2026-12-02 06:30:41 UTC" in text and "2026-12-02 06:30 UTC" in text


def test_undated_stories_never_outrank_dated_ones(tmp_path: Path):
    dated_old = _digest(tmp_path, "old-0123456789", "Dated last year", "2025-03-14")
    dated_new = _digest(tmp_path, "new-0123456789", "Dated this week", "2026-11-30T08:00:00+00:00")
    undated = _digest(tmp_path, "dateline-0123456789", "LUXEMBOURG, March 14 story", None)
    order = [s.digests[0].title for s in order_stories([undated, dated_old, dated_new])]
    assert order == ["Dated this week", "Dated last year", "LUXEMBOURG, March 14 story"]
    entries = [e.title for e in index_entries([undated, dated_old, dated_new], [])]
    assert entries == order


def test_latest_edition_is_rerendered_when_its_digests_change(tmp_path: Path):
    out = tmp_path / "out"
    first = _digest(tmp_path, "story-0123456789", "Story", "2026-12-01", summary="Extractive words.")
    publish_run([first], [], out, generated_at=datetime(2026, 12, 2, 6, 30, tzinfo=UTC))
    again = dataclasses.replace(first, summary=Summary("en", "Abstractive words.", "abstractive", "m"))
    published = publish_run([again], [], out, generated_at=datetime(2026, 12, 2, 7, 0, tzinfo=UTC))
    assert published.edition == {}  # no new edition
    (edition,) = read_manifest(out).editions
    page = (out / "editions" / f"{edition.id}.html").read_text(encoding="utf-8")
    assert "Abstractive words." in page and "Extractive words." not in page
    assert "Abstractive words." in (out / "editions" / f"{edition.id}.md").read_text(encoding="utf-8")
    assert "Abstractive words." in (out / "index.html").read_text(encoding="utf-8")
