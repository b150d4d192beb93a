"""Honest staleness: the edition's cutoff, old articles left out (and said so), sources failing run after
run named on the edition, and a front page that says the briefing is stale after a failed run."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from typer.testing import CliRunner

from briefing.editions.manifest import read_manifest
from briefing.editions.staleness import read_status
from briefing.records import Source, Summary
from briefing.render import write_digest_files
from briefing.run.publish import publish_run
from briefing.run.staleness import mark_failed_run
from briefing.settings import Settings
from briefing.sources.health import failing_sources
from briefing.sources.state import open_state
from briefing_cli import app
from tests.render.conftest import friendly_digest
from tests.render.html_tree import parse

DAY = datetime(2024, 5, 10, 6, 30, tzinfo=UTC)


def _digest(i: int, published: str | None):
    return friendly_digest(
        article_id=f"story-{i:02d}-0a1b2c3d4e",
        title=f"Story number {i}",
        body=(f"Body of story {i}.",),
        summary=Summary(language="en", text=f"Summary {i}.", method="extractive", model=None),
        translations=(),
        same_story_as=(),
        source=Source(path=f"in/{i}.txt", sha256="ab" * 32, encoding="utf-8", site=f"Outlet {i}"),
        published=published,
    )


def _publish(digests, out, settings, when=DAY):
    for digest in digests:
        write_digest_files(digest, out, story_titles={}, briefing_language="en")
    return publish_run(digests, [], out, settings, when)


def _notes(page) -> list[str]:
    root, _ = parse(page.read_text(encoding="utf-8"))
    return [p.text() for p in root.find_all("p", cls="edition-note")]


@pytest.mark.unit
def test_cutoff_and_old_articles_left_out(tmp_path):
    out = tmp_path / "out"
    digests = [_digest(1, "2024-05-09"), _digest(2, "2024-04-20"), _digest(3, "2024-04-01"), _digest(4, None)]
    settings = Settings(target_languages=(), max_article_age_days=7, data_dir=tmp_path / "data")
    _publish(digests, out, settings)
    [edition] = read_manifest(out).editions
    assert [a[:8] for a in edition.articles] == ["story-01", "story-04"]  # undated: kept
    for page in (out / "index.html", out / "editions" / f"{edition.id}.html"):
        notes = _notes(page)
        assert notes[0].startswith("Cutoff: 2024-05-10 06:30 UTC.")
        assert notes[1] == "2 articles published more than 7 days before the cutoff were left out."
        text = page.read_text(encoding="utf-8")
        assert "Story number 2" not in text and "Story number 3" not in text
    feed = (out / "feeds" / "en.xml").read_text(encoding="utf-8")
    assert "Story number 1" in feed and "Story number 2" not in feed


@pytest.mark.unit
def test_a_source_failing_run_after_run_is_named(tmp_path, monkeypatch):
    data = tmp_path / "data"
    settings = Settings(target_languages=(), data_dir=data, source_failure_runs=3)
    db = open_state(data)
    try:
        assert failing_sources(db, 3) == []  # starts counting
        for error in ("HTTP 503", "timed out", "HTTP 503"):
            db.record_fetch("https://down.example.org/rss", "feed", 503, error, 0, "config")
        db.record_fetch("https://flaky.example.org/rss", "feed", 503, "HTTP 503", 0, "config")
        db.record_fetch("https://flaky.example.org/rss", "feed", 200, None, 1, "config")
        db.record_fetch("https://flaky.example.org/rss", "feed", 503, "HTTP 503", 0, "config")
        [trouble] = failing_sources(db, 3)
    finally:
        db.close()
    assert trouble.spec == "https://down.example.org/rss" and trouble.runs == 3
    out = tmp_path / "out"
    _publish([_digest(1, "2024-05-09")], out, settings)
    notes = _notes(out / "index.html")
    assert any(
        n.startswith("Source https://down.example.org/rss failed its last 3 runs (since ") for n in notes
    )
    assert not any("flaky" in n for n in notes)
    # ... and under `briefing sources list`.
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRIEFING_CONFIG", raising=False)
    env = {"BRIEFING_DATA_DIR": str(data), "BRIEFING_SOURCES": "https://down.example.org/rss"}
    listed = CliRunner().invoke(app, ["sources", "list"], env=env)
    assert listed.exit_code == 0
    lines = [line for line in listed.output.splitlines() if "failed its last" in line]
    assert len(lines) == 1 and lines[0].startswith(
        "Source https://down.example.org/rss failed its last 3 runs"
    )


@pytest.mark.pipeline
def test_a_failed_run_makes_the_front_page_say_stale_since_when(tmp_path):
    out = tmp_path / "out"
    settings = Settings(target_languages=(), data_dir=tmp_path / "data")
    _publish([_digest(1, "2024-05-09")], out, settings)
    root, _ = parse((out / "index.html").read_text(encoding="utf-8"))
    assert not root.find_all(cls="stale")

    mark_failed_run(out, settings, "summarize failed: out of memory", DAY.replace(day=11))
    mark_failed_run(out, settings, "again", DAY.replace(day=12))
    root, _ = parse((out / "index.html").read_text(encoding="utf-8"))
    [stale] = root.find_all(cls="stale")
    assert stale.text() == (
        "This briefing is stale: runs have failed since 2024-05-11 06:30 UTC; "
        "the latest edition is from 2024-05-10 06:30 UTC."
    )
    # The latest edition is still shown under the banner.
    assert "Story number 1" in root.text()

    _publish([_digest(2, "2024-05-12")], out, settings, DAY.replace(day=13))
    root, _ = parse((out / "index.html").read_text(encoding="utf-8"))
    assert not root.find_all(cls="stale") and not read_status(out).stale
    assert not (out / "run-status.json").exists()
