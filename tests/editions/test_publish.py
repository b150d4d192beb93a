"""Two runs into one output folder: two editions, a front page with the latest and an archive, feeds."""

from __future__ import annotations

import json
import re
import stat

import pytest

from briefing.editions.manifest import read_manifest
from briefing.run.batch import run_batch
from tests.editions.conftest import THIRD, second_inputs
from tests.render.html_tree import parse

pytestmark = pytest.mark.pipeline


def _ids(result) -> list[str]:
    return [d.article_id for d in result.digests]


def test_two_runs_two_editions(two_runs):
    editions = read_manifest(two_runs.out).editions
    assert [sorted(e.articles) for e in editions] == [
        sorted(_ids(two_runs.first)),
        sorted(_ids(two_runs.second)),
    ]
    for edition in editions:
        for suffix in (".html", ".md"):
            assert (two_runs.out / "editions" / f"{edition.id}{suffix}").is_file()


def test_index_shows_the_latest_edition_with_summaries_and_links_to_both(two_runs):
    first, second = read_manifest(two_runs.out).editions
    root, _ = parse((two_runs.out / "index.html").read_text(encoding="utf-8"))
    summaries = [e.text() for e in root.find("main").find_all(cls="summary-text")]
    assert sorted(summaries) == sorted(" ".join(d.summary.text.split()) for d in two_runs.second.digests)
    hrefs = [a.attrs.get("href") for a in root.find_all("a")]
    assert f"editions/{second.id}.html" in hrefs and f"editions/{first.id}.html" in hrefs
    # Every digest of both runs is one click from the front page.
    for article in _ids(two_runs.first) + _ids(two_runs.second):
        assert f"digests/{article}.html" in hrefs, article
        assert (two_runs.out / "digests" / f"{article}.html").is_file()


def test_the_seeds_are_one_story(two_runs):
    root, _ = parse((two_runs.out / "index.html").read_text(encoding="utf-8"))
    grouped = root.find_all("section", cls="grouped")
    assert len(grouped) == 1
    links = {a.attrs["href"] for a in grouped[0].find_all("a") if a.attrs["href"].endswith(".html")}
    assert links == {f"digests/{a}.html" for a in _ids(two_runs.second)}


def test_edition_orders_by_publication_date_and_shows_byline(two_runs):
    first = read_manifest(two_runs.out).editions[0]
    page = (two_runs.out / "editions" / f"{first.id}.html").read_text(encoding="utf-8")
    root, _ = parse(page)
    entries = root.find_all("article", cls="entry")
    metas = [e.find(cls="meta").text() for e in entries]
    # 14 March (night trains) is newer than 6 February (Lyon): newest first, by the article's own date.
    assert "Published: 2024-03-14" in metas[0] and "By Hannah Ortiz" in metas[0]
    assert "Published: 2024-02-06" in metas[1] and "By Claire Dumas" in metas[1]
    # Links from editions/ go up to the digests.
    assert entries[0].find("h2").find("a").attrs["href"].startswith("../digests/")


def test_degraded_run_has_one_banner_and_one_note_per_kind(two_runs):
    root, _ = parse((two_runs.out / "index.html").read_text(encoding="utf-8"))
    banners = root.find_all(cls="banner")
    assert len(banners) == 1
    assert "briefing models pull" in banners[0].text() and "BRIEFING_MODEL_DIR" in banners[0].text()
    notes = [n.text() for n in root.by_id("quality").find_all(cls="flag-text")]
    assert len(notes) == len(set(notes))
    assert (
        "The summary was not translated into German and French: no translation model is installed." in notes
    )
    assert "Traceback" not in root.text() and "Error" not in root.text()


def test_digests_validate_and_outputs_are_readable_by_others(two_runs, validate_digest):
    for path in (two_runs.out / "digests").glob("*.json"):
        validate_digest(json.loads(path.read_text(encoding="utf-8")))
    for path in two_runs.out.rglob("*"):
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


def test_a_run_with_nothing_new_writes_no_edition(two_runs, tmp_path):
    before = sorted(p.name for p in (two_runs.out / "editions").iterdir())
    again = run_batch([second_inputs(tmp_path / "again")], two_runs.settings, two_runs.out, THIRD)
    assert sorted(_ids(again)) == sorted(_ids(two_runs.second))
    assert sorted(p.name for p in (two_runs.out / "editions").iterdir()) == before
    assert len(read_manifest(two_runs.out).editions) == 2
    root, _ = parse((two_runs.out / "index.html").read_text(encoding="utf-8"))
    assert len(root.find("main").find_all(cls="summary-text")) == 2


def test_edition_markdown_reads_as_plain_text(two_runs):
    first = read_manifest(two_runs.out).editions[0]
    md = (two_runs.out / "editions" / f"{first.id}.md").read_text(encoding="utf-8")
    assert "By Hannah Ortiz" in md and "Published: 2024-03-14" in md
    assert "briefing models pull" in md
    # No escapes where nothing would become markup (e.g. "_" inside BRIEFING_MODEL_DIR, plain "|").
    assert "BRIEFING_MODEL_DIR" in md
    assert not re.search(r"\\[.,'’\-]", md)
