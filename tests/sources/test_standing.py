"""Sources you can remove or disable; one-off `briefing run URL` sources stay out of the configured list; a
configured source failing several runs in a row warns instead of failing the run (and is still reported)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.records import ArticleFailure
from briefing.settings import Settings
from briefing.sources.fetch import SourceResult
from briefing.sources.session import plan_inputs
from briefing.sources.standing import excuse_dead_sources
from briefing.sources.state import open_state

pytestmark = pytest.mark.unit

FEED = "https://news.example.org/rss.xml"
DEAD = "https://gone.example.org/feed.xml"
ONCE = "https://once.example.org/story.html"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch):
    from briefing_cli import app

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BRIEFING_SOURCES", f"examples,{FEED}")
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args))


def test_remove_disable_enable_and_one_off_sources_stay_out_of_the_list(cli, tmp_path: Path):
    db = open_state(tmp_path / "data")
    db.add_source(DEAD, "import", "feed", "Dead feed")
    db.record_fetch(ONCE, "page", 200, None, 1, "config")  # what `briefing run URL` leaves behind
    db.close()
    listed = cli("sources", "list")
    assert FEED in listed.stdout and DEAD in listed.stdout and ONCE not in listed.stdout

    assert cli("sources", "disable", FEED).stdout.strip() == f"disabled: {FEED}"
    removed = cli("sources", "remove", DEAD)
    assert removed.exit_code == 0 and removed.stdout.strip() == f"removed: {DEAD}"
    listed = cli("sources", "list").stdout
    assert f"{FEED} (disabled)" in listed and DEAD not in listed
    settings = Settings(data_dir=tmp_path / "data", sources=("examples", FEED))
    assert [s.spec for s in plan_inputs(None, None, settings).sources] == ["examples"]

    assert cli("sources", "enable", FEED).stdout.strip() == f"enabled: {FEED}"
    assert [s.spec for s in plan_inputs(None, None, settings).sources] == ["examples", FEED]
    for args in (("remove", DEAD), ("disable", ONCE), ("remove", "nothing-like-it"), ("enable", FEED)):
        result = cli("sources", *args)
        assert result.exit_code == 2, result.output
        assert result.stderr.strip().splitlines() == [result.stderr.strip()]
        assert args[1] in result.stderr and "Traceback" not in result.output


def test_a_source_failing_runs_in_a_row_warns_instead_of_failing(tmp_path: Path):
    settings = Settings(data_dir=tmp_path / "data", source_failure_runs=3)

    def run(dead_fails: bool) -> tuple[list[ArticleFailure], list[str]]:
        error = "HTTP 404" if dead_fails else None
        results = [SourceResult(FEED, "feed", 200, 1), SourceResult(DEAD, "feed", 404, 0, error=error)]
        failures = [ArticleFailure(DEAD, "HTTP 404")] if dead_fails else []
        failures.append(ArticleFailure("inbox/broken.txt", "empty file"))
        db = open_state(settings.data_dir)  # the fetch records each source's outcome, once per run
        try:
            for r in results:
                db.record_fetch(r.spec, r.kind, r.status, r.error, r.new, "config")
        finally:
            db.close()
        warnings = excuse_dead_sources(results, failures, settings)
        return failures, warnings

    for _ in range(2):
        failures, warnings = run(True)
        assert [f.path for f in failures] == [DEAD, "inbox/broken.txt"] and warnings == []
    failures, warnings = run(True)
    assert [f.path for f in failures] == ["inbox/broken.txt"]  # other failures still fail the run
    assert warnings == [
        f"warning: {DEAD}: HTTP 404 (failed 3 runs in a row; "
        f"`briefing sources disable {DEAD}` stops trying it)"
    ]
    run(False)  # it came back: the count starts again
    assert run(True)[1] == []
