from __future__ import annotations

import os
from dataclasses import replace

import pytest

from briefing.records import ArticleFailure, Flag
from briefing.render import index_entries, same_story_groups, write_index
from tests.render.conftest import friendly_digest
from tests.render.html_tree import parse

pytestmark = pytest.mark.unit

DAY = 86400


def _article(tmp_path, name: str, age_days: int, **changes):
    path = tmp_path / "in" / f"{name}.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text("x", encoding="utf-8")
    stamp = 1_700_000_000 - age_days * DAY
    os.utime(path, (stamp, stamp))
    fields = {"article_id": f"{name}-0123456789", "title": name.title(), "same_story_as": ()}
    return friendly_digest(source_path=str(path), **(fields | changes))


@pytest.fixture
def run(tmp_path):
    old = _article(tmp_path, "old", 5, same_story_as=("new-0123456789",))
    new = _article(tmp_path, "new", 1)
    middle = _article(tmp_path, "middle", 3, flags=(), language="fr")
    failed = tmp_path / "in" / "broken.txt"
    failed.write_bytes(b"\x00\x01")
    os.utime(failed, (1_700_000_000 - 2 * DAY,) * 2)
    failures = [ArticleFailure(path=str(failed), reason="binary file (NUL bytes)")]
    return [old, new, middle], failures


def test_same_story_groups_are_symmetric_components(friendly):
    a = replace(friendly, article_id="a", same_story_as=("b",))
    b = replace(friendly, article_id="b", same_story_as=())
    c = replace(friendly, article_id="c", same_story_as=("b", "elsewhere"))
    d = replace(friendly, article_id="d", same_story_as=())
    assert same_story_groups([a, b, c, d]) == [["a", "b", "c"], ["d"]]


def test_entries_newest_first_with_same_story_group_placed_by_its_newest(run):
    digests, failures = run
    entries = index_entries(digests, failures)
    assert [(e.title, e.status, e.group) for e in entries] == [
        ("New", "degraded", 1),
        ("Old", "degraded", 1),
        ("broken.txt", "failed", None),
        ("Middle", "ok", None),
    ]
    assert entries[2].reason == "binary file (NUL bytes)" and entries[2].article_id is None
    assert entries[3].flag_count == 0 and entries[0].flag_count == 3
    assert entries[3].language == "fr"


def test_undated_entries_go_last(run, tmp_path):
    digests, failures = run
    gone = replace(
        digests[2], article_id="gone-0123456789", source=replace(digests[2].source, path="nowhere")
    )
    entries = index_entries([*digests, gone], failures)
    assert entries[-1].article_id == "gone-0123456789" and entries[-1].date is None


def test_index_page_lists_everything_with_badges_links_and_groups(run, tmp_path):
    digests, failures = run
    path = write_index(digests, failures, tmp_path / "out")
    assert path == tmp_path / "out" / "index.html"
    root, _ = parse(path.read_text(encoding="utf-8"))
    stories = root.find_all("section", cls="story")
    assert [len(s.find_all("article")) for s in stories] == [2, 1, 1]
    assert "grouped" in stories[0].classes
    assert stories[0].find(cls="story-label").text() == "Same story · 2 articles"
    titles = [a.find("h2").text() for a in root.find_all("article")]
    assert titles == ["New", "Old", "broken.txt", "Middle"]
    new = root.find_all("article")[0]
    assert [a.attrs["href"] for a in new.find(cls="links").find_all("a")] == [
        "digests/new-0123456789.html",
        "digests/new-0123456789.md",
        "digests/new-0123456789.json",
    ]
    assert new.find(cls="badge").text() == "degraded"
    assert new.find(cls="summary-text").text() == digests[1].summary.text
    assert [d.find("summary").text() for d in new.find_all("details", cls="translation")] == [
        "French (machine translation)",
        "German (machine translation)",
    ]
    assert "File date: 2023-11-13" in new.find(cls="meta").text()  # no publication date: labelled
    failed = root.find_all("article")[2]
    assert failed.find(cls="badge").text() == "failed"
    assert failed.find(cls="reason").text() == "binary file (NUL bytes)"
    assert not failed.find_all("a")
    middle = root.find_all("article")[3]
    assert middle.find(cls="badge").text() == "ok" and "French" in middle.find(cls="meta").text()


def test_index_is_deterministic(run, tmp_path):
    digests, failures = run
    first = write_index(digests, failures, tmp_path / "a").read_bytes()
    second = write_index(digests, failures, tmp_path / "b").read_bytes()
    assert first == second


def test_degraded_status_on_index_follows_flags(run, tmp_path):
    digests, failures = run
    ok = replace(digests[1], flags=(Flag("chunked", "2"),), same_story_as=())
    entries = index_entries([ok], [])
    assert entries[0].status == "ok" and entries[0].group is None


def test_empty_run(tmp_path):
    root, _ = parse(write_index([], [], tmp_path).read_text(encoding="utf-8"))
    assert "No articles in this run." in root.find("main").text()
