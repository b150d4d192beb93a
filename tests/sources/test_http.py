"""The polite fetcher against the local site: validators, size cap, redirects, schemes, backoff, robots."""

from __future__ import annotations

import pytest

from briefing.settings import Settings
from briefing.sources.http import Fetcher, FetchError, retry_after
from briefing.sources.spec import SpecError, parse_source, sniff_kind
from tests.sources.site import Route, Site

pytestmark = pytest.mark.local_http


def test_user_agent_and_conditional_get(site: Site, settings: Settings):
    site.routes["/a"] = Route(b"<html><body>hello</body></html>")
    with Fetcher(settings) as fetcher:
        first = fetcher.get(site.url("/a"))
        assert first.status == 200 and first.validators.etag and first.validators.last_modified
        second = fetcher.get(site.url("/a"), first.validators)
    assert second.not_modified and second.data == b""
    [_, request] = site.hits("/a")
    assert request.headers["user-agent"] == settings.fetch_user_agent
    assert request.headers["if-none-match"] == first.validators.etag


def test_size_cap_holds_without_a_content_length(site: Site, settings: Settings):
    site.routes["/big"] = Route(b"x" * 300_000, length=False)
    with (
        Fetcher(settings.replace(fetch_max_bytes=100_000)) as fetcher,
        pytest.raises(FetchError, match="too large"),
    ):
        fetcher.get(site.url("/big"))


def test_redirects_to_other_schemes_are_refused(site: Site, settings: Settings):
    site.routes["/r"] = Route(status=302, headers={"Location": "file:///etc/passwd"}, validators=False)
    with Fetcher(settings) as fetcher, pytest.raises(FetchError, match="redirect refused.*file"):
        fetcher.get(site.url("/r"))
    with Fetcher(settings) as fetcher, pytest.raises(FetchError, match="only http and https"):
        fetcher.get("ftp://127.0.0.1/feed.xml")


def test_429_and_503_are_retried_after_retry_after_then_given_up(site: Site, settings: Settings):
    site.routes["/busy"] = Route(b"<html>ok</html>", first=[429], headers={"Retry-After": "0"})
    site.routes["/down"] = Route(b"", status=503, headers={"Retry-After": "0"})
    with Fetcher(settings.replace(fetch_retries=2)) as fetcher:
        assert fetcher.get(site.url("/busy")).status == 200
        with pytest.raises(FetchError, match="HTTP 503") as err:
            fetcher.get(site.url("/down"))
    assert err.value.transient
    assert len(site.hits("/busy")) == 2 and len(site.hits("/down")) == 3


def test_retry_after_is_bounded():
    assert retry_after("5", 0, 60) == 5
    assert retry_after("3600", 0, 60) == 60
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 0, 60) == 0  # a date in the past
    assert retry_after(None, 2, 60) == 4


def test_robots_txt_is_honoured(site: Site, settings: Settings):
    site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.routes["/private/page"] = Route(b"<html>secret</html>")
    site.routes["/public/page"] = Route(b"<html>open</html>")
    with Fetcher(settings) as fetcher:
        assert fetcher.get(site.url("/public/page")).status == 200
        with pytest.raises(FetchError, match="robots.txt"):
            fetcher.get(site.url("/private/page"))
    assert site.hits("/private/page") == [] and len(site.hits("/robots.txt")) == 1


def test_source_specs_and_kind_sniffing(tmp_path):
    (tmp_path / "subs.opml").write_text("<opml/>")
    assert parse_source(str(tmp_path)).kind == "folder"
    assert parse_source(str(tmp_path / "subs.opml")).kind == "opml"
    assert parse_source("https://example.org/feed").kind == "url"
    assert parse_source("examples").kind == "folder"  # found in the repository from anywhere
    for bad, reason in (("file:///etc/passwd", "refused scheme file"), (str(tmp_path / "nope"), "no such")):
        with pytest.raises(SpecError, match=reason):
            parse_source(bad)
    assert sniff_kind("application/rss+xml", b"<rss>") == "feed"
    assert sniff_kind(None, b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">') == "feed"
    assert sniff_kind("text/html; charset=utf-8", b"<!doctype html><html>") == "page"
    assert sniff_kind("text/x-opml", b"<?xml version='1.0'?><opml version='2.0'>") == "opml"
    assert sniff_kind("text/plain", b"plain words") is None
    assert sniff_kind("application/octet-stream", bytes(range(256))) is None


def test_one_request_at_a_time_per_host_with_the_delay_between(monkeypatch):
    import threading

    from briefing.sources import politeness

    waits: list[float] = []
    monkeypatch.setattr(politeness.time, "sleep", waits.append)  # record the waits instead of sleeping
    gate = politeness.HostGate(delay_s=5.0)
    inside = {"now": 0, "most": 0}
    guard = threading.Lock()

    def request(url: str) -> None:
        with gate.turn(url):
            with guard:
                inside["now"] += 1
                inside["most"] = max(inside["most"], inside["now"])
            threading.Event().wait(0.01)
            with guard:
                inside["now"] -= 1

    threads = [threading.Thread(target=request, args=(f"http://one.example/{n}",)) for n in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert inside["most"] == 1
    assert len(waits) == 4 and all(0 < w <= 5.0 for w in waits)  # every request but the first waited
    with gate.turn("http://other.example/"):  # another host does not wait for this one
        pass
    assert len(waits) == 4
