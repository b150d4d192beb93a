"""A rerun leaves unchanged feeds alone (``briefing.run.publish.write_feeds``): rendered again when a stored
digest, the editions, a feed setting or a feed file changed, not otherwise."""

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
