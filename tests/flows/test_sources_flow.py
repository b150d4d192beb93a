"""The flow's fetch stage under the Prefect test harness: one task per source, per-source status rows,
a failing source in one line, incremental reruns; and `briefing sources list/import`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.flows.test_flow import _artifacts, _run, _task_states
from tests.sources.site import STORIES, Route, Site, opml, page_html, rss


@pytest.mark.flow
def test_flow_fetches_sources_digests_new_articles_once_and_reports_each_source(
    prefect_harness, tiny_models: Path, site: Site, tmp_path: Path, monkeypatch, validate_digest
):
    monkeypatch.setenv("BRIEFING_MODEL_DIR", str(tiny_models))
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BRIEFING_FETCH_HOST_DELAY_S", "0")
    monkeypatch.setenv("BRIEFING_FETCH_ALLOW_PRIVATE_NETWORKS", "true")  # the local site is on 127.0.0.1
    for story in STORIES:
        site.routes[f"/news/{story.slug}"] = Route(page_html(story, site.base))
    site.routes["/rss.xml"] = Route(rss(list(STORIES[:2]), site.base), content_type="application/rss+xml")
    feed, missing = site.url("/rss.xml"), site.url("/gone.xml")
    out = tmp_path / "out"
    params = {"sources": [feed, missing], "output_dir": str(out), "languages": ["en"]}

    first, first_id = _run(**params)
    assert first.is_failed()  # the missing source; the feed's articles are still digested
    report = first.result(raise_on_failure=False)
    assert report["failures"] == [f"error: {missing}: HTTP 404"]
    assert len(report["digests"]) == 2
    by_source = {s["source"]: s for s in report["sources"]}
    assert by_source[feed]["new"] == 2 and by_source[feed]["kind"] == "feed"
    assert by_source[missing]["status"] == "failed"
    states = _task_states(first_id)
    assert sorted(name for name, _ in states["fetch"]) == sorted([f"fetch {feed}", f"fetch {missing}"])
    assert [s for _, s in states["record-digested"]] == ["Completed"]
    rows = _artifacts(first_id)["briefing-status"].data
    rows = json.loads(rows) if isinstance(rows, str) else rows
    assert {r["file"] for r in rows} >= {feed, missing}
    for path in (out / "digests").glob("*.json"):
        digest = validate_digest(json.loads(path.read_text(encoding="utf-8")))
        assert digest["source"]["feed"] == feed and digest["byline"] and digest["published"]

    second, second_id = _run(**{**params, "sources": [feed]})
    assert second.is_completed()
    assert second.result()["digests"] == []
    assert "clean" not in _task_states(second_id)
    # Not "0 digest(s)": nothing new since the last run, and the digests the folder holds.
    assert second.result()["nothing_new"].startswith("nothing new since the last run (")
    assert f"2 digest(s) in {out / 'digests'}" in second.result()["nothing_new"]

    third, _ = _run(**{**params, "sources": [feed], "reprocess": True})
    assert len(third.result()["digests"]) == 2
    assert "nothing_new" not in third.result()

    # A new output folder gets nothing (all digested before): the report names --reprocess.
    fourth, _ = _run(**{**params, "sources": [feed], "output_dir": str(tmp_path / "fresh")})
    assert fourth.result()["digests"] == []
    assert "--reprocess" in fourth.result()["nothing_new"]
    assert "reprocess=true" in fourth.result()["nothing_new"]


@pytest.mark.flow
def test_sources_import_and_list(tmp_path: Path, monkeypatch, site: Site):
    from briefing_cli import app

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    subs = tmp_path / "subs.opml"
    subs.write_bytes(opml([site.url("/rss.xml"), "https://example.org/atom.xml"]))
    runner = CliRunner()
    imported = runner.invoke(app, ["sources", "import", str(subs)])
    assert imported.exit_code == 0, imported.output
    assert imported.output.count("added: ") == 2
    again = runner.invoke(app, ["sources", "import", str(subs)])
    assert again.output.count("already there: ") == 2

    bad = tmp_path / "bad.opml"
    bad.write_text("not an outline", encoding="utf-8")
    for path in (bad, tmp_path / "absent.opml"):
        result = runner.invoke(app, ["sources", "import", str(path)])
        assert result.exit_code == 2 and str(path) in result.stderr and "Traceback" not in result.output

    listed = runner.invoke(app, ["sources", "list"])
    assert listed.exit_code == 0
    for column in ("kind", "last fetch", "HTTP", "entries seen", "new last run", "last error"):
        assert column in listed.stdout
    assert site.url("/rss.xml") in listed.stdout and "examples" in listed.stdout


@pytest.mark.cli
def test_briefing_run_with_urls_reports_sources_and_reruns_incrementally(
    site: Site, tmp_path: Path, subprocess_env: dict[str, str], validate_digest
):
    import subprocess

    from tests.flows.conftest import BRIEFING

    for story in STORIES:
        site.routes[f"/news/{story.slug}"] = Route(page_html(story, site.base))
    site.routes["/rss.xml"] = Route(rss(list(STORIES[:2]), site.base), content_type="application/rss+xml")
    feed, broken = site.url("/rss.xml"), site.url("/broken")
    site.routes["/broken"] = Route(b"boom", status=500)
    empty = tmp_path / "no-models"
    empty.mkdir()
    env = {**subprocess_env, "BRIEFING_MODEL_DIR": str(empty), "BRIEFING_FETCH_HOST_DELAY_S": "0"}
    env["BRIEFING_FETCH_ALLOW_PRIVATE_NETWORKS"] = "true"  # the local site is on 127.0.0.1
    out = tmp_path / "out"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [BRIEFING, "run", *args, "--output", str(out), "--languages", "en", "--offline"]
        return subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=600)

    first = run(feed, broken)
    assert first.returncode == 1, first.stderr[-2000:]
    assert [line for line in first.stderr.splitlines() if line.startswith("error:")] == [
        f"error: {broken}: HTTP 500"
    ]
    assert f"source {feed}: fetched: 2 new" in first.stdout and "2 digest(s)" in first.stdout
    for path in (out / "digests").glob("*.json"):
        validate_digest(json.loads(path.read_text(encoding="utf-8")))
    assert (tmp_path / ".briefing" / "state.sqlite3").is_file()  # the default data folder

    second = run(feed)
    assert second.returncode == 0, second.stderr[-2000:]
    assert f"source {feed}: not modified: 0 new, 0 to digest" in second.stdout
    assert "0 digest(s)" not in second.stdout and "Summary: 0 ok" not in second.stdout
    assert "nothing new since the last run (" in second.stdout and "2 digest(s) in" in second.stdout
