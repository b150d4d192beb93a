"""Hostile sources against the local site: compression bombs, private addresses, trickles, loops."""

from __future__ import annotations

import gzip
import json
import struct
import subprocess
import sys
import zlib

import pytest

from briefing.settings import Settings
from briefing.sources.http import Fetcher, FetchError
from tests.conftest import ROOT
from tests.sources.site import Route, Site

pytestmark = pytest.mark.local_http


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
import json, resource, sys
from briefing.settings import Settings
from briefing.sources.http import Fetcher, FetchError
settings = Settings(**json.loads(sys.argv[2]))
try:
    with Fetcher(settings) as fetcher:
        outcome = f"fetched {len(fetcher.get(sys.argv[1]).data)} bytes"
except FetchError as err:
    outcome = f"error: {err}"
print(json.dumps({"outcome": outcome, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def test_nested_gzip_bomb_is_refused_in_one_line_under_300_mb(site: Site):
    bomb = gzip.compress(gzip_of_zeros(2048), 9)  # 2 GiB inside, ~3.5 KB on the wire
    assert len(bomb) < 5_000
    site.routes["/bomb"] = Route(bomb, headers={"Content-Encoding": "gzip, gzip"}, validators=False)
    settings = {"fetch_host_delay_s": 0}
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
