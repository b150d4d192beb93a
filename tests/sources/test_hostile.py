"""Hostile sources against the local site: compression bombs, private addresses, trickles, loops."""

from __future__ import annotations

import gzip
import json
import re
import socket
import struct
import subprocess
import sys
import zlib

import httpcore
import pytest

from briefing.settings import Settings
from briefing.sources.addresses import GuardedBackend
from briefing.sources.http import Fetcher, FetchError
from tests.conftest import ROOT
from tests.sources.site import STORIES, Route, Site, page_html, rss


def gzip_of_zeros(mib: int) -> bytes:
    """A valid gzip member of ``mib`` MiB of zeros, built from one repeated deflate block (fast)."""
    block = bytes(1 << 20)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflate.compress(block)
    deflate.flush(zlib.Z_FULL_FLUSH)  # the first block; every later one compresses to the same bytes
    repeated = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(block, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
    return header + repeated * mib + deflate.flush() + struct.pack("<II", crc, (mib << 20) & 0xFFFFFFFF)


_FETCH_AND_MEASURE = """
import json, sys
from briefing.settings import Settings
from briefing.sources.http import Fetcher, FetchError
settings = Settings(**json.loads(sys.argv[2]))
try:
    with Fetcher(settings) as fetcher:
        outcome = f"fetched {len(fetcher.get(sys.argv[1]).data)} bytes"
except FetchError as err:
    outcome = f"error: {err}"
# VmHWM, not ru_maxrss: the latter keeps the parent's size from before exec (a large pytest process).
peak_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"outcome": outcome, "peak_mb": peak_kb / 1024}))
"""


@pytest.mark.cli
def test_nested_gzip_bomb_is_refused_in_one_line_under_300_mb(site: Site):
    bomb = gzip.compress(gzip_of_zeros(2048), 9)  # 2 GiB inside, ~3.5 KB on the wire
    assert len(bomb) < 5_000
    site.routes["/bomb"] = Route(bomb, headers={"Content-Encoding": "gzip, gzip"}, validators=False)
    settings = {"fetch_host_delay_s": 0, "fetch_allow_private_networks": True}
    done = subprocess.run(
        [sys.executable, "-c", _FETCH_AND_MEASURE, site.url("/bomb"), json.dumps(settings)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        check=True,
    )
    report = json.loads(done.stdout)
    assert report["peak_mb"] < 300, report
    assert report["outcome"].startswith("error: refused Content-Encoding 'gzip, gzip'")
    assert "\n" not in report["outcome"]


@pytest.mark.local_http
def test_one_coding_is_decoded_and_a_single_layer_bomb_stops_at_the_cap(site: Site, settings: Settings):
    page = b"<html><body>" + b"<p>a paragraph of news</p>" * 200 + b"</body></html>"
    site.routes["/gz"] = Route(gzip.compress(page), headers={"Content-Encoding": "gzip"})
    site.routes["/deflate"] = Route(zlib.compress(page), headers={"Content-Encoding": "deflate"})
    site.routes["/bomb"] = Route(gzip_of_zeros(64), headers={"Content-Encoding": "gzip"})
    site.routes["/br"] = Route(page, headers={"Content-Encoding": "br"})
    with Fetcher(settings) as fetcher:
        assert fetcher.get(site.url("/gz")).data == page
        assert fetcher.get(site.url("/deflate")).data == page
        with pytest.raises(FetchError, match="too large"):
            fetcher.get(site.url("/bomb"))
        with pytest.raises(FetchError, match="refused Content-Encoding 'br'"):
            fetcher.get(site.url("/br"))


class _MappedNetwork(httpcore.NetworkBackend):
    """The mocked transport: fake public addresses lead to the local site, every connect is recorded."""

    def __init__(self, site_port: int) -> None:
        self.site_port = site_port
        self.connects: list[str] = []
        self.real = httpcore.SyncBackend()

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        self.connects.append(host)
        if host.startswith("93.184.216."):  # public addresses (never dialled for real)
            return self.real.connect_tcp("127.0.0.1", self.site_port, timeout)
        raise httpcore.ConnectError(f"mocked: nothing at {host}")

    def sleep(self, seconds):
        pass


def _resolver(answers: dict[str, list[list[str]]]):
    """getaddrinfo answering from ``answers`` (a list of answers per name, one per lookup, the last kept)."""
    seen: dict[str, int] = {}

    def resolve(host, port, type=0):
        if host not in answers:
            return socket.getaddrinfo(host, port, type=type)  # numeric forms and localhost: no DNS
        n = seen[host] = seen.get(host, -1) + 1
        addrs = answers[host][min(n, len(answers[host]) - 1)]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in addrs]

    return resolve


@pytest.mark.local_http
def test_private_addresses_are_refused_naming_the_rule_and_the_setting(site: Site, settings: Settings):
    network = _MappedNetwork(int(site.base.rsplit(":", 1)[1]))
    resolve = _resolver(
        {
            "news.example": [["93.184.216.7"]],
            "metadata.example": [["169.254.169.254"]],
            "mixed.example": [["93.184.216.7", "10.1.2.3"]],
            "rebind.example": [["93.184.216.8"], ["127.0.0.1"]],
        }
    )
    site.routes["/robots.txt"] = Route(b"", status=404)
    site.routes["/hop"] = Route(
        status=302, headers={"Location": "http://127.0.0.1:9/admin"}, validators=False
    )
    site.routes["/page"] = Route(b"<html><body>public</body></html>")
    strict = settings.replace(fetch_allow_private_networks=False)
    cases = {
        "http://127.0.0.1/": "loopback address 127.0.0.1",
        "http://localhost/": "loopback address",
        "http://[::1]/": "loopback address ::1",
        "http://2130706433/": "loopback address 127.0.0.1",
        "http://0x7f.1/": "loopback address 127.0.0.1",
        "http://[::ffff:127.0.0.1]/": "IPv4-mapped loopback",
        "http://10.0.0.5/": "private address 10.0.0.5",
        "http://192.168.1.1/": "private address",
        "http://[fd00::1]/": "unique local (ULA) address fd00::1",
        "http://224.0.0.1/": "multicast address",
        "http://240.0.0.1/": "reserved address",
        "http://0.0.0.0/": "unspecified address",
        "http://metadata.example/": "link-local address 169.254.169.254",
        "http://mixed.example/": "private address 10.1.2.3",  # every address is checked
        "http://news.example/hop": "loopback address 127.0.0.1",  # the redirect hop
    }
    with Fetcher(strict, network=GuardedBackend(False, resolve, network)) as fetcher:
        for url, rule in cases.items():
            with pytest.raises(FetchError, match=re.escape(rule)) as err:
                fetcher.get(url)
            assert "fetch_allow_private_networks = true" in str(err.value) and "\n" not in str(err.value)
        assert fetcher.get("http://news.example/page").data == b"<html><body>public</body></html>"
        # Rebinding: the name answers a public address (robots.txt), then loopback (the page): refused.
        with pytest.raises(FetchError, match="loopback address 127.0.0.1"):
            fetcher.get("http://rebind.example/page")
    # Pinned: every dial went to an address that was checked, never to a name resolved again.
    assert set(network.connects) == {"93.184.216.7", "93.184.216.8"}
    with Fetcher(strict) as fetcher, pytest.raises(FetchError, match="loopback"):
        fetcher.get(site.url("/page"))  # the default backend: the local site itself is refused
    assert len(site.hits("/page")) == 1  # only the mapped public fetch reached it


@pytest.mark.local_http
def test_private_networks_can_be_allowed(site: Site, settings: Settings):
    site.routes["/page"] = Route(b"<html><body>intranet</body></html>")
    assert not Settings().fetch_allow_private_networks
    with Fetcher(settings.replace(fetch_allow_private_networks=True)) as fetcher:
        assert fetcher.get(site.url("/page")).status == 200


@pytest.mark.local_http
def test_a_trickling_server_fails_its_source_within_the_deadline(site: Site, settings: Settings):
    from briefing.sources import session
    from briefing.sources.fetch import fetch_source
    from briefing.sources.spec import parse_source

    # One byte every 1.5 s: no read ever times out (2 s), the whole feed would take a minute.
    feed = rss(list(STORIES[:1]), site.base)[:40]
    site.routes["/slow.xml"] = Route(feed, content_type="application/rss+xml", trickle_s=1.5)
    site.routes["/paged.xml"] = Route(rss(list(STORIES[:2]), site.base), content_type="application/rss+xml")
    for story in STORIES[:2]:
        site.routes[f"/news/{story.slug}"] = Route(page_html(story, site.base), trickle_s=1.5)
    fast = settings.replace(fetch_request_deadline_s=2.0, fetch_source_deadline_s=3.0)
    with session.fetch_context(fast) as ctx:
        slow = fetch_source(parse_source(site.url("/slow.xml")), ctx)
        paged = fetch_source(parse_source(site.url("/paged.xml")), ctx)
    with session.fetch_context(fast.replace(fetch_request_deadline_s=30.0)) as ctx:
        whole = fetch_source(parse_source(site.url("/slow.xml")), ctx)
    assert slow.error == "timed out: over the 2 s deadline per request (fetch_request_deadline_s)"
    assert whole.error == "timed out: over the 3 s deadline per source (fetch_source_deadline_s)"
    # The feed came at once, its pages trickle: each stops at the deadline and the feed's text is kept.
    assert paged.error is None and paged.new == 2


def _outlines(*outlines: str) -> bytes:
    return f'<?xml version="1.0"?><opml version="2.0"><body>{"".join(outlines)}</body></opml>'.encode()


@pytest.mark.local_http
def test_an_opml_list_including_itself_reads_its_real_feeds_once(site: Site, settings: Settings):
    from briefing.sources import session
    from briefing.sources.fetch import fetch_source
    from briefing.sources.spec import parse_source

    site.routes["/robots.txt"] = Route(b"", status=404)
    site.routes["/a.opml"] = Route(
        _outlines(
            f'<outline type="rss" xmlUrl="{site.url("/one.xml")}"/>',
            f'<outline type="include" url="{site.url("/b.opml")}"/>',
        ),
        content_type="text/x-opml",
    )
    site.routes["/b.opml"] = Route(  # B names A back as if it were a feed
        _outlines(
            f'<outline type="rss" xmlUrl="{site.url("/two.xml")}"/>',
            f'<outline type="rss" xmlUrl="{site.url("/a.opml")}"/>',
        ),
        content_type="text/x-opml",
    )
    for path, story in (("/one.xml", STORIES[0]), ("/two.xml", STORIES[1])):
        site.routes[path] = Route(rss([story], site.base), content_type="application/rss+xml")
        site.routes[f"/news/{story.slug}"] = Route(page_html(story, site.base))
    with session.fetch_context(settings) as ctx:
        result = fetch_source(parse_source(site.url("/a.opml")), ctx)
    assert result.error is None and result.new == 2
    for path in ("/a.opml", "/b.opml", "/one.xml", "/two.xml"):
        assert len(site.hits(path)) == 1, path
    assert result.failures == (
        (
            site.url("/a.opml"),
            "not read again: an OPML list already read in this run (a list including itself)",
        ),
    )


@pytest.mark.local_http
def test_a_long_retry_after_is_remembered_per_host_through_the_run_and_the_state_database(
    site: Site, settings: Settings, monkeypatch
):
    from briefing.sources import politeness, session
    from briefing.sources.fetch import fetch_source
    from briefing.sources.spec import parse_source

    site.routes["/robots.txt"] = Route(b"", status=404)
    site.routes["/rss.xml"] = Route(rss(list(STORIES), site.base), content_type="application/rss+xml")
    for story in STORIES:  # every page answers 429 "come back in an hour"
        site.routes[f"/news/{story.slug}"] = Route(b"", status=429, headers={"Retry-After": "3600"})
    results = []
    for _ in range(2):
        monkeypatch.setattr(politeness, "_GATES", {})  # a new process: only the state database remembers
        with session.fetch_context(settings) as ctx:
            results.append(fetch_source(parse_source(site.url("/rss.xml")), ctx))
    first, second = results
    assert first.error is None and len(first.articles) == 3  # digested from the feed's text
    assert second.error and second.error.startswith(f"HTTP 429: {site.base} asked not to be fetched before")
    pages = [r for r in site.requests if r.path.startswith("/news/")]
    assert len(pages) == 1 and len(site.hits("/rss.xml")) == 1  # the host was asked once, in the first run


@pytest.mark.local_http
def test_a_page_that_failed_is_asked_again_until_it_arrives_then_its_entry_is_updated(
    site: Site, settings: Settings
):
    from briefing.sources import session
    from briefing.sources.entries import MAX_PAGE_RETRIES
    from briefing.sources.fetch import fetch_source
    from briefing.sources.spec import parse_source

    back, never = STORIES[0], STORIES[1]
    site.routes["/rss.xml"] = Route(rss([back, never], site.base), content_type="application/rss+xml")
    spec = parse_source(site.url("/rss.xml"))

    def fetch() -> dict[str, object]:
        with session.fetch_context(settings) as ctx:
            result = fetch_source(spec, ctx)
        return {a.entry.url.rsplit("/", 1)[1]: a.entry.fallback for a in result.articles}

    first = fetch()  # both pages missing (404): digested from the feed's text
    assert first[back.slug] and first[never.slug]
    site.routes[f"/news/{back.slug}"] = Route(page_html(back, site.base))
    second = fetch()  # the feed answers 304; the page that is back now is fetched and its entry updated
    assert second[back.slug] is None and second[never.slug]
    for _ in range(MAX_PAGE_RETRIES + 1):
        fetch()
    assert len(site.hits(f"/news/{back.slug}")) == 2  # once failed, once fetched: never asked again
    assert len(site.hits(f"/news/{never.slug}")) == 1 + MAX_PAGE_RETRIES  # bounded


@pytest.mark.local_http
def test_a_malformed_answer_is_not_retried_as_transient(site: Site, settings: Settings):
    site.routes["/huge-header"] = Route(b"<html>x</html>", headers={"X-Padding": "a" * 200_000})
    with Fetcher(settings) as fetcher, pytest.raises(FetchError, match="HTTP protocol error") as err:
        fetcher.get(site.url("/huge-header"))
    assert not err.value.transient and "\n" not in str(err.value)


@pytest.mark.local_http
def test_duplicate_guids_in_a_feed_are_reported(site: Site, settings: Settings):
    from briefing.sources import session
    from briefing.sources.fetch import fetch_source
    from briefing.sources.spec import parse_source

    twin = f"<item><title>Another story</title><guid>{site.base}/news/{STORIES[0].slug}</guid></item>"
    feed = rss(list(STORIES[:2]), site.base, extra_items=twin)
    site.routes["/rss.xml"] = Route(feed, content_type="application/rss+xml")
    with session.fetch_context(settings) as ctx:
        result = fetch_source(parse_source(site.url("/rss.xml")), ctx)
    assert result.new == 2
    duplicate = f"{site.url('/rss.xml')} entry {site.base}/news/{STORIES[0].slug}"
    assert (duplicate, "duplicate GUID in the feed: not read") in result.failures
