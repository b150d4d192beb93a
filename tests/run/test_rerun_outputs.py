"""A rerun leaves unchanged feeds and the unchanged latest edition alone (``briefing.run.publish``): they are
rendered again when what they show changed (a stored digest, the editions, a setting) or a file of theirs
changed since it was written, not otherwise."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefing.records import Summary
from briefing.run import publish, report
from briefing.settings import Settings
from tests.models.factories import make_digest

pytestmark = pytest.mark.unit

WHEN = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = publish._render_feeds

    def counting(out_dir, settings, manifest):
        calls.append(1)
        return real(out_dir, settings, manifest)

    monkeypatch.setattr(publish, "_render_feeds", counting)
    return calls


def _publish(digests, out: Path, settings: Settings) -> publish.Published:
    report.write_digests(digests, out, settings)  # the stored digests the feeds are made of
    return publish.publish_run(digests, [], out, settings, WHEN)


def test_feeds_are_rendered_again_only_when_what_they_show_changed(tmp_path: Path, rendered: list[int]):
    out = tmp_path / "out"
    settings = Settings(target_languages=("fr",))
    digest = dataclasses.replace(make_digest("story-0123456789"), title="Harbour reopens")
    first = _publish([digest], out, settings)
    assert len(rendered) == 1 and sorted(first.feeds) == ["en", "fr"]
    files = [p for kinds in first.feeds.values() for p in kinds.values()]
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}

    again = _publish([digest], out, settings)  # a rerun: nothing changed
    assert len(rendered) == 1 and again.feeds == first.feeds
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files} == before

    first.feeds["fr"]["json"].unlink()  # a feed file gone: rendered again
    _publish([digest], out, settings)
    assert len(rendered) == 2 and first.feeds["fr"]["json"].is_file()

    changed = dataclasses.replace(digest, summary=Summary("en", "The harbour reopened.", "abstractive", "m"))
    _publish([changed], out, settings)  # a stored digest changed
    assert len(rendered) == 3
    assert "The harbour reopened." in first.feeds["en"]["json"].read_text(encoding="utf-8")

    _publish([changed], out, dataclasses.replace(settings, feed_max_entries=5))  # a feed setting changed
    assert len(rendered) == 4
    (out / publish.FEEDS_RENDERED).write_text("not json")  # an unreadable record: rendered again
    _publish([changed], out, dataclasses.replace(settings, feed_max_entries=5))
    assert len(rendered) == 5


def test_the_latest_edition_is_left_alone_by_a_rerun_and_rendered_again_when_its_digests_change(
    tmp_path: Path,
):
    out = tmp_path / "out"
    settings = Settings()
    digest = dataclasses.replace(make_digest("story-0123456789"), title="Harbour reopens")
    first = _publish([digest], out, settings)
    page = first.edition["html"]
    before = (page.read_bytes(), page.stat().st_mtime_ns)

    later = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)  # a rerun hours later: nothing new
    report.write_digests([digest], out, settings)
    assert publish.publish_run([digest], [], out, settings, later).edition == {}
    assert (page.read_bytes(), page.stat().st_mtime_ns) == before  # not rendered again: its time stays

    changed = dataclasses.replace(digest, summary=Summary("en", "The harbour reopened.", "abstractive", "m"))
    report.write_digests([changed], out, settings)
    publish.publish_run([changed], [], out, settings, later)
    assert "The harbour reopened." in page.read_text(encoding="utf-8")

    page.write_text("edited by hand", encoding="utf-8")  # a file changed since: rendered again
    publish.publish_run([changed], [], out, settings, later)
    assert "The harbour reopened." in page.read_text(encoding="utf-8")
