"""Sources that fail each give one line, and the others are still digested."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.run.batch import run_batch
from briefing.settings import Settings
from tests.flows.conftest import free_port
from tests.sources.site import STORIES, Route, Site, page_html, rss

pytestmark = pytest.mark.local_http

RSS = "application/rss+xml"


def test_each_failing_source_gives_one_line_and_the_rest_is_digested(
    site: Site, settings: Settings, tmp_path: Path, validate_digest
):
    for story in STORIES:
        site.routes[f"/news/{story.slug}"] = Route(page_html(story, site.base))
    bad_link = "<item><title>Local secrets</title><link>file:///etc/passwd</link><guid>local-1</guid></item>"
    site.routes["/good.xml"] = Route(
        rss(list(STORIES[:2]), site.base, extra_items=bad_link), content_type=RSS
    )
    site.routes["/500"] = Route(b"oops", status=500)
    site.routes["/slow.xml"] = Route(rss(list(STORIES), site.base), content_type=RSS, delay_s=2.5)
    site.routes["/malformed.xml"] = Route(
        b'<?xml version="1.0"?><rss version="2.0"><channel><item>', content_type=RSS
    )
    site.routes["/huge.xml"] = Route(b"<rss>" + b"x" * 20_000_000, content_type=RSS)
    site.routes["/loop"] = Route(b"", status=302, headers={"Location": "/loop"}, validators=False)
    site.routes["/plain.txt"] = Route(b"Just some plain words.\n", content_type="text/plain")
    site.routes["/blob.bin"] = Route(bytes(range(256)) * 64, content_type="application/octet-stream")
    refused = f"http://127.0.0.1:{free_port()}/feed.xml"
    failing = {
        "/500": "HTTP 500",
        "/missing.xml": "HTTP 404",
        "/slow.xml": "timed out",
        "/malformed.xml": "malformed feed",
        "/huge.xml": "too large",
        "/loop": "too many redirects",
        "/plain.txt": "not HTML or a feed (text/plain)",
        "/blob.bin": "not HTML or a feed (application/octet-stream, binary)",
    }
    sources = [site.url("/good.xml"), *(site.url(p) for p in failing), refused]
    quick = settings.replace(fetch_read_timeout_s=1.0, fetch_max_redirects=3)

    result = run_batch([], quick, tmp_path / "out", sources=sources)

    assert result.exit_code == 1
    lines = [f.one_line() for f in result.failures]
    assert all("\n" not in line for line in lines)
    by_source = {f.path: f.reason for f in result.failures}
    for path, reason in failing.items():
        assert reason in by_source.pop(site.url(path)), path
    assert "cannot connect" in by_source.pop(refused)
    [(what, why)] = by_source.items()  # the file: link, refused, and nothing else
    assert "file:" in what and "refused" in why and "only http and https" in why
    assert len(site.hits("/loop")) == 4  # the first request and three redirects, then it stops
    # The good feed's two entries are digested.
    written = [
        json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "out" / "digests").glob("*.json")
    ]
    assert sorted(d["title"] for d in written) == sorted(s.title for s in STORIES[:2])
    for digest in written:
        validate_digest(digest)


def test_a_feed_entry_whose_page_fails_falls_back_to_the_feed_text_flagged(
    site: Site, settings: Settings, tmp_path: Path, validate_digest
):
    story = STORIES[1]  # its page is not served: 404
    site.routes["/rss.xml"] = Route(rss([story], site.base), content_type=RSS)
    result = run_batch([], settings, tmp_path / "out", sources=[site.url("/rss.xml")])
    assert result.failures == ()
    [digest] = result.digests
    assert "feed-text-fallback" in digest.flag_codes()
    assert digest.source.url == site.url(f"/news/{story.slug}")
    assert digest.byline and story.byline in digest.byline
    assert digest.body and story.paragraphs[0][:30] in digest.body[0]
    validate_digest(digest.to_dict())
