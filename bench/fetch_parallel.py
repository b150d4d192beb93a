"""Fetching many feeds (not a test): sequential (one source after another, as before) against parallel
(``fetch_parallel`` sources at once; one request at a time per host with ``fetch_host_delay_s`` between them,
as always). ``python -m bench.fetch_parallel [--feeds 500] [--hosts 50] [--parallel 8] [--delay 1.0]``.

The feeds are served on this machine by one small HTTP server per loopback address (127.0.0.2, .3, ...:
each is a host of its own for politeness), each feed with one entry whose article page is on the same host,
so every source costs a feed request and a page request one host delay apart: what a morning run over an
OPML list does. Both modes go through the core (``briefing.sources.session``: ``fetch_all`` with one
context, ``fetch_parallel``), each with a fresh data folder; the flow's fetch stage submits one task per
source with the same bound. Prints progress every 10 % and the ratio parallel / sequential.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from briefing.settings import Settings
from briefing.sources import politeness, session
from briefing.sources.spec import parse_source

PAGE = (
    "<!DOCTYPE html><html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>"
    + "<p>The harbour council of town {n} met on Tuesday and voted to repair the old ferry pier before the "
    "winter storms, after engineers warned that the wooden piles had rotted.</p>"
    * 4
    + "</article></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        host = self.headers.get("Host", "")
        name = self.path.rsplit("/", 1)[-1]
        if self.path.startswith("/feed/"):
            n = name.removesuffix(".xml")
            body = (
                f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {n}</title>'
                f"<item><title>Story {n}</title><link>http://{host}/news/{n}</link>"
                f"<guid>urn:story:{n}</guid><description>A teaser.</description></item></channel></rss>"
            )
            self._send(200, "application/rss+xml", body.encode())
        elif self.path.startswith("/news/"):
            self._send(200, "text/html; charset=utf-8", PAGE.format(n=name).encode())
        else:
            self._send(404, "text/plain", b"")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def serve(hosts: int) -> list[str]:
    """One server per loopback address; their base URLs."""
    bases = []
    for n in range(hosts):
        server = ThreadingHTTPServer((f"127.0.0.{n + 2}", 0), _Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        bases.append(f"http://127.0.0.{n + 2}:{server.server_address[1]}")
    return bases


def timed(mode: str, urls: list[str], settings: Settings) -> float:
    politeness._GATES.clear()  # a fresh process: no robots.txt or delays remembered
    specs = [parse_source(u) for u in urls]
    done = {"n": 0}
    step = max(len(specs) // 10, 1)

    def progress(_result: object) -> None:
        done["n"] += 1
        if done["n"] % step == 0:
            print(f"  {mode}: {done['n']}/{len(specs)} sources fetched", flush=True)

    start = time.monotonic()
    if mode == "sequential":
        with session.fetch_context(settings) as ctx:
            for spec in specs:
                progress(session.fetch_all(ctx, [spec])[0])
    else:
        session.fetch_parallel(settings, specs, on_done=progress)
    return time.monotonic() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--parallel", type=int, default=Settings().fetch_parallel)
    parser.add_argument("--delay", type=float, default=Settings().fetch_host_delay_s)
    args = parser.parse_args()
    bases = serve(args.hosts)
    urls = [f"{bases[n % len(bases)]}/feed/{n}.xml" for n in range(args.feeds)]
    seconds = {}
    for mode in ("sequential", "parallel"):
        with tempfile.TemporaryDirectory() as data:
            settings = Settings(
                data_dir=Path(data),
                fetch_allow_private_networks=True,  # the feeds are on loopback addresses
                fetch_host_delay_s=args.delay,
                fetch_parallel=args.parallel,
            )
            seconds[mode] = timed(mode, urls, settings)
        print(f"{mode}: {args.feeds} feeds on {args.hosts} hosts in {seconds[mode]:.1f} s", flush=True)
    ratio = seconds["parallel"] / seconds["sequential"]
    print(f"parallel ({args.parallel} at once) / sequential: {ratio:.2f} (goal: under 0.25)")


if __name__ == "__main__":
    main()
