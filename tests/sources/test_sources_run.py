"""Feeds, pages and OPML lists from a local site through a whole run (no models: extractive digests)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from briefing.run.batch import run_batch
from briefing.settings import Settings
from briefing.sources.state import open_state
from tests.conftest import EXAMPLES
from tests.sources.site import STORIES, Route, Site, atom, opml, page_html, rss

pytestmark = pytest.mark.local_http


def _serve_news(site: Site, rss_stories=STORIES[:2], atom_stories=STORIES[2:]) -> None:
    for story in STORIES:
        site.routes[f"/news/{story.slug}"] = Route(page_html(story, site.base))
    site.routes["/rss.xml"] = Route(rss(list(rss_stories), site.base), content_type="application/rss+xml")
    site.routes["/atom.xml"] = Route(atom(list(atom_stories), site.base), content_type="application/atom+xml")
    site.routes["/subs.opml"] = Route(
        opml([site.url("/rss.xml"), site.url("/atom.xml")]), content_type="text/x-opml"
    )


def _digests(out: Path, validate_digest) -> dict[str, dict]:
    found = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((out / "digests").glob("*.json"))]
    return {d["source"]["url"]: validate_digest(d) for d in found}


def test_feeds_from_an_opml_list_are_digested_with_metadata_and_comments(
    site: Site, settings: Settings, tmp_path: Path, validate_digest
):
    _serve_news(site)
    result = run_batch([], settings, tmp_path / "out", sources=[site.url("/subs.opml")])
    assert result.failures == ()
    digests = _digests(tmp_path / "out", validate_digest)
    assert sorted(digests) == sorted(site.url(f"/news/{s.slug}") for s in STORIES)
    for story in STORIES:
        digest = digests[site.url(f"/news/{story.slug}")]
        assert digest["title"] == story.title
        assert digest["byline"] == story.byline
        assert digest["published"].startswith(story.iso[:10])
        assert digest["source"]["site"] == "The Coastline Courier"
        assert digest["source"]["feed"] in (site.url("/rss.xml"), site.url("/atom.xml"))
        assert digest["source"]["fetched_at"]
        assert Path(digest["source"]["path"]).is_absolute() and Path(digest["source"]["path"]).is_file()
        assert len(digest["comments"]) == len(story.comments)
        body = " ".join(digest["body"])
        assert "Advertisement" not in body and "Storm damage bill" not in body
        for _, text in story.comments:  # comments never leak into the body
            assert text[:40] not in body
    ferry = digests[site.url("/news/ferry-pier")]
    assert [c["language"] for c in ferry["comments"]][:2] == ["en", "de"]
    last = ferry["comments"][-1]["segments"]
    assert last[0]["language"] == "en" and last[-1]["language"] == "fr"
    assert "dommage" in last[-1]["text"]


def test_second_run_is_conditional_and_digests_nothing_then_one_new_entry(
    site: Site, settings: Settings, tmp_path: Path, validate_digest
):
    _serve_news(site, rss_stories=STORIES[:1], atom_stories=STORIES[2:])
    sources = [site.url("/rss.xml"), site.url("/atom.xml")]
    first = run_batch([], settings, tmp_path / "out1", sources=sources)
    assert len(first.digests) == 2 and first.exit_code == 0
    page_hits = len(site.hits("/news/ferry-pier"))

    before = len(site.requests)
    second = run_batch([], settings, tmp_path / "out2", sources=sources)
    assert second.digests == () and second.exit_code == 0
    feed_requests = [r for r in site.requests[before:] if r.path in ("/rss.xml", "/atom.xml")]
    assert len(feed_requests) == 2
    for request in feed_requests:
        assert request.headers.get("if-none-match") and request.headers.get("if-modified-since")
    assert len(site.hits("/news/ferry-pier")) == page_hits  # no page refetched

    site.routes["/rss.xml"] = Route(rss(list(STORIES[:2]), site.base), content_type="application/rss+xml")
    third = run_batch([], settings, tmp_path / "out3", sources=sources)
    assert [d.source.url for d in third.digests] == [site.url("/news/library-hours")]
    assert len(site.hits("/news/ferry-pier")) == page_hits

    again = run_batch([], settings, tmp_path / "out4", sources=sources, reprocess=True)
    assert len(again.digests) == 3
    db = sqlite3.connect(settings.data_dir / "state.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()
    for digest in again.digests:
        validate_digest(digest.to_dict())


def test_the_same_story_from_two_feeds_is_digested_once_and_linked(
    site: Site, settings: Settings, tmp_path: Path
):
    _serve_news(site, rss_stories=STORIES[:1], atom_stories=())
    # A second outlet syndicates the same story verbatim at its own address.
    story = STORIES[0]
    site.routes[f"/wire/{story.slug}"] = Route(page_html(story, site.base).replace(b"/news/", b"/wire/"))
    site.routes["/wire.xml"] = Route(
        atom([story], site.base, prefix="/wire/"), content_type="application/atom+xml"
    )
    result = run_batch([], settings, tmp_path / "out", sources=[site.url("/rss.xml"), site.url("/wire.xml")])
    assert len(result.digests) == 1
    db = open_state(settings.data_dir)
    try:
        linked = db.links(result.digests[0].article_id)
    finally:
        db.close()
    assert sorted(s for s, _ in linked) == sorted([site.url("/rss.xml"), site.url("/wire.xml")])


def test_a_local_folder_source_is_incremental_by_content(settings: Settings, tmp_path: Path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    text = "\n\n".join([STORIES[1].title, *STORIES[1].paragraphs]) + "\n"
    (inbox / "library.txt").write_text(text, encoding="utf-8")
    first = run_batch([], settings, tmp_path / "out", sources=[str(inbox)])
    assert len(first.digests) == 1 and first.digests[0].source.path == str(inbox / "library.txt")
    assert run_batch([], settings, tmp_path / "out", sources=[str(inbox)]).digests == ()
    (inbox / "bikes.txt").write_text(
        "\n\n".join([STORIES[2].title, *STORIES[2].paragraphs]), encoding="utf-8"
    )
    third = run_batch([], settings, tmp_path / "out", sources=[str(inbox)])
    assert [d.source.path for d in third.digests] == [str(inbox / "bikes.txt")]
    # An explicit PATH is digested whatever the state says.
    assert len(run_batch([inbox], settings, tmp_path / "out").digests) == 2


def test_inputs_split_into_paths_digested_every_run_and_incremental_sources(
    settings: Settings, tmp_path: Path
):
    from briefing.sources.session import plan_inputs

    default = plan_inputs(None, None, settings)
    assert default.paths == () and [s.kind for s in default.sources] == ["folder"]
    assert Path(default.sources[0].location).name == "examples"
    given = plan_inputs([str(tmp_path), "https://example.org/feed.xml"], None, settings)
    assert given.paths == (str(tmp_path),) and [s.spec for s in given.sources] == [
        "https://example.org/feed.xml"
    ]
    bad = plan_inputs(None, ["ftp://example.org/x", str(tmp_path / "absent")], settings)
    assert [f.path for f in bad.bad] == ["ftp://example.org/x", str(tmp_path / "absent")]
    assert all(f.reason for f in bad.bad)


def test_the_default_sources_digest_the_examples_once(settings: Settings, tmp_path: Path, validate_digest):
    first = run_batch(None, settings, tmp_path / "out")
    assert first.exit_code == 0 and len(first.digests) == len(list(EXAMPLES.glob("*.txt")))
    for digest in first.digests:
        validate_digest(digest.to_dict())
    assert run_batch(None, settings, tmp_path / "out").digests == ()


def test_an_article_page_url_is_a_source_of_its_own(
    site: Site, settings: Settings, tmp_path: Path, validate_digest
):
    story = STORIES[0]
    site.routes["/story"] = Route(page_html(story, site.base))
    first = run_batch([], settings, tmp_path / "out", sources=[site.url("/story")])
    [digest] = first.digests
    assert digest.source.url == site.url(f"/news/{story.slug}")  # the page's canonical URL
    assert digest.source.feed is None and digest.title == story.title and digest.byline == story.byline
    validate_digest(digest.to_dict())
    second = run_batch([], settings, tmp_path / "out", sources=[site.url("/story")])
    assert second.digests == () and site.hits("/story")[-1].headers.get("if-none-match")


def test_html_files_in_an_inbox_folder_are_extracted_like_pages(
    site: Site, settings: Settings, tmp_path: Path, validate_digest
):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    story = STORIES[0]
    (inbox / "ferry.html").write_bytes(page_html(story, "https://coastline.example.org"))
    (inbox / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")  # not an article suffix: left alone
    [digest] = run_batch([], settings, tmp_path / "out", sources=[str(inbox)]).digests
    assert digest.source.path == str(inbox / "ferry.html") and digest.source.fetched_at is None
    assert digest.source.url == f"https://coastline.example.org/news/{story.slug}"
    assert digest.title == story.title and digest.byline == story.byline and digest.published
    assert len(digest.comments) == len(story.comments)
    assert not any("Advertisement" in line for line in digest.body)
    validate_digest(digest.to_dict())
