"""A small news site served on 127.0.0.1 for the sources tests: routes the test controls, every request
recorded (path and headers), conditional GET answered with 304, and pages written by us in the messy style
of real ones (navigation, ads, related boxes, a comment section in several languages)."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

import pytest


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    # ETag / Last-Modified sent, and honoured on conditional requests (304).
    validators: bool = True
    delay_s: float = 0.0
    # Statuses answered first, one per request (e.g. [429] then the route's own), before ``status``.
    first: list[int] = field(default_factory=list)
    # False: no Content-Length (the body ends when the connection closes).
    length: bool = True
    # Seconds between bytes of the body: a server trickling one byte at a time (0: all at once).
    trickle_s: float = 0.0


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


class Site:
    """Start with :meth:`start`; ``routes`` may change between runs (a new entry, a new page)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self._server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> None:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                site.requests.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = site.routes.get(self.path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if route.delay_s:
                    time.sleep(route.delay_s)
                etag = f'"{hash(route.body) & 0xFFFFFFFF:x}"'
                modified = formatdate(1_700_000_000, usegmt=True)
                if route.validators and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(route.first.pop(0) if route.first else route.status)
                self.send_header("Content-Type", route.content_type)
                if route.length:
                    self.send_header("Content-Length", str(len(route.body)))
                if route.validators:
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", modified)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    if not route.trickle_s:
                        self.wfile.write(route.body)
                    for n in range(len(route.body) if route.trickle_s else 0):
                        self.wfile.write(route.body[n : n + 1])
                        self.wfile.flush()
                        time.sleep(route.trickle_s)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def hits(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path == path]


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    byline: str
    published: str  # RFC 822 for RSS
    iso: str  # ISO 8601 for Atom and page metadata
    paragraphs: tuple[str, ...]
    comments: tuple[tuple[str, str], ...] = ()  # (author, text)


STORIES = (
    Story(
        "ferry-pier",
        "Harbour town votes to close its old ferry pier",
        "Ines Marlow",
        "Thu, 02 May 2024 08:15:00 +0000",
        "2024-05-02T08:15:00+00:00",
        (
            "The council of a small harbour town voted on Tuesday to close its century-old ferry pier, "
            "saying repairs would cost more than building a new landing further along the bay.",
            "Engineers found that the wooden piles under the pier had rotted faster than expected after "
            "three stormy winters, and warned that heavy vehicles could no longer use it safely.",
            "Residents who rely on the morning boat to reach jobs on the mainland said they feared long "
            "detours while the new landing is built, which could take two years.",
            "The mayor promised a temporary floating jetty by the autumn and said the ferry timetable "
            "would not change during the works.",
        ),
        (
            (
                "Harbourwatcher",
                "The pier has been shaky for years and everyone here knew it would come to "
                "this sooner or later.",
            ),
            (
                "K. Brandt",
                "Endlich eine Entscheidung, aber zwei Jahre ohne richtigen Anleger sind für "
                "Pendler wirklich sehr lang und teuer.",
            ),
            (
                "Yvette",
                "I visit every summer and I really hope the new landing keeps the old charm of the "
                "bay. C'est vraiment dommage pour le vieux ponton du village, il était magnifique.",
            ),
        ),
    ),
    Story(
        "library-hours",
        "City library extends its evening opening hours",
        "Tomas Lindqvist",
        "Fri, 03 May 2024 10:00:00 +0000",
        "2024-05-03T10:00:00+00:00",
        (
            "The central library will stay open until ten in the evening on weekdays from next month, "
            "after a survey found that students had nowhere quiet to work after classes.",
            "The longer hours will be paid for by closing two small branch reading rooms that drew few "
            "visitors, the city's culture department said in a statement.",
            "Librarians welcomed the change but asked for more staff, warning that late shifts could "
            "not be covered by the current team without overtime.",
        ),
        (
            (
                "reader_22",
                "Great news for anyone studying for exams this summer, the old hours were far too short.",
            ),
            (
                "Lucía",
                "Ojalá hicieran lo mismo en mi barrio, la biblioteca cierra a las siete y no da "
                "tiempo a nada.",
            ),
        ),
    ),
    Story(
        "bike-lanes",
        "Regional council approves new protected bike lanes",
        "Amara Okafor",
        "Sat, 04 May 2024 07:30:00 +0000",
        "2024-05-04T07:30:00+00:00",
        (
            "The regional council approved a plan on Friday to build twelve kilometres of protected bike "
            "lanes along the main roads into the city centre over the next three years.",
            "Cycling groups had campaigned for separated lanes after several crashes at busy junctions, "
            "and said the plan was a good first step but far from enough.",
            "Shop owners on the affected streets worried about losing parking spaces, and the council "
            "promised new delivery bays before construction starts.",
        ),
    ),
)


def page_html(story: Story, base: str) -> bytes:
    """An article page in the messy style: navigation, ads, share bar, related box, comments, footer."""
    paras = list(story.paragraphs)
    body = [f"<p>{escape(p)}</p>" for p in paras[:2]]
    body.append(
        '<div class="related"><h3>Related coverage</h3><ul>'
        '<li><a href="/x">Storm damage bill tops ten million</a></li>'
        '<li><a href="/y">Ferry operator adds winter sailings</a></li></ul></div>'
    )
    body += [f"<p>{escape(p)}</p>" for p in paras[2:]]
    comments = ""
    if story.comments:
        items = "".join(
            f'<div class="comment"><span class="comment-author">{escape(a)}</span><p>{escape(t)}</p></div>'
            for a, t in story.comments
        )
        header = f"<h2>Comments ({len(story.comments)})</h2>"
        comments = f'<section id="comments" class="comments">{header}{items}</section>'
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(story.title)} | The Coastline Courier</title>
<link rel="canonical" href="{base}/news/{story.slug}">
<meta property="og:site_name" content="The Coastline Courier">
<meta name="author" content="{escape(story.byline)}">
<meta property="article:published_time" content="{story.iso}">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<div class="ad-banner">Advertisement — Subscribe now for 1 euro a month</div>
<div class="share">Share this article: Facebook Twitter Email</div>
<article><h1>{escape(story.title)}</h1><p class="byline">By {escape(story.byline)}</p>
{"".join(body)}
</article>
{comments}
<footer>© The Coastline Courier. All rights reserved. Privacy policy · Cookie settings</footer>
</body></html>""".encode()


def rss(stories: tuple[Story, ...] | list[Story], base: str, extra_items: str = "") -> bytes:
    items = "".join(
        f"<item><title>{escape(s.title)}</title><link>{base}/news/{s.slug}</link>"
        f"<guid>{base}/news/{s.slug}</guid><pubDate>{s.published}</pubDate>"
        f"<author>desk@example.org ({escape(s.byline)})</author>"
        f"<description>{escape(s.paragraphs[0])}</description></item>"
        for s in stories
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Coastline Courier</title>'
        f"<link>{base}/</link><description>News</description>{items}{extra_items}</channel></rss>"
    ).encode()


def atom(stories: tuple[Story, ...] | list[Story], base: str, prefix: str = "/news/") -> bytes:
    entries = "".join(
        f'<entry><title>{escape(s.title)}</title><link href="{base}{prefix}{s.slug}"/>'
        f"<id>urn:coastline:{s.slug}</id><updated>{s.iso}</updated><published>{s.iso}</published>"
        f"<author><name>{escape(s.byline)}</name></author>"
        f"<summary>{escape(' '.join(s.paragraphs))}</summary></entry>"
        for s in stories
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Valley Post</title><id>urn:valley</id><updated>2024-05-04T00:00:00Z</updated>"
        f"{entries}</feed>"
    ).encode()


def opml(urls: list[str]) -> bytes:
    outlines = "".join(
        f'<outline type="rss" text="feed {i}" xmlUrl="{escape(u)}"/>' for i, u in enumerate(urls)
    )
    return (
        '<?xml version="1.0"?><opml version="2.0"><head><title>Subs</title></head>'
        f"<body>{outlines}</body></opml>"
    ).encode()


@pytest.fixture
def site() -> Iterator[Site]:
    """A local news site on 127.0.0.1, stopped after the test (import this fixture where it is used)."""
    served = Site()
    served.start()
    yield served
    served.stop()
