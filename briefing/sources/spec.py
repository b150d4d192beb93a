"""Source specs: what a line of the ``sources`` setting (or a ``briefing run`` argument) names.

A spec is a folder, a file, an OPML file, or an http(s) URL. What a URL serves (an article page, an RSS/Atom
feed or an OPML list) is only known once it is fetched: :func:`sniff_kind` decides from the content type and
the first bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

SourceKind = Literal["folder", "file", "opml", "url", "page", "feed"]

REPO_ROOT = Path(__file__).resolve().parents[2]
OPML_SUFFIXES = (".opml",)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")
_XML_TYPES = ("application/xml", "text/xml")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class SourceSpec:
    """One source: ``spec`` is the text as configured (the key in the state database)."""

    spec: str
    kind: SourceKind
    # The resolved local path (folders, files, OPML files) or the URL.
    location: str


class SpecError(ValueError):
    """A source spec that cannot be used (bad scheme, missing path)."""


def is_url(text: str) -> bool:
    return "://" in text or text.lower().startswith(("http:", "https:", "file:"))


def parse_source(text: str, base: Path | None = None) -> SourceSpec:
    """Parse one spec; raises :class:`SpecError` with the reason (one line)."""
    spec = text.strip()
    if not spec:
        raise SpecError("empty source")
    if is_url(spec):
        check_http_url(spec)
        return SourceSpec(spec, "url", spec)
    path = resolve_local(spec, base)
    if path.is_dir():
        return SourceSpec(spec, "folder", str(path))
    if not path.exists():
        raise SpecError("no such file or folder")
    if path.suffix.lower() in OPML_SUFFIXES:
        return SourceSpec(spec, "opml", str(path))
    return SourceSpec(spec, "file", str(path))


def resolve_local(spec: str, base: Path | None = None) -> Path:
    """A relative path against ``base`` (the working directory), else against the repository."""
    path = Path(spec).expanduser()
    if path.is_absolute():
        return path
    here = (base or Path.cwd()) / path
    if here.exists():
        return here
    in_repo = REPO_ROOT / path
    return in_repo if in_repo.exists() else here


def check_http_url(url: str) -> str:
    """``url`` when it is an absolute http(s) URL with a host; :class:`SpecError` otherwise."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise SpecError(f"refused scheme {parts.scheme or '(none)'}: only http and https are fetched")
    if not parts.hostname:
        raise SpecError("URL has no host")
    return url


def sniff_kind(content_type: str | None, data: bytes) -> Literal["page", "feed", "opml"] | None:
    """What fetched bytes are: an HTML page, a feed, an OPML list, or None (text, binary, unknown)."""
    mime = (content_type or "").split(";")[0].strip().lower()
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<opml" in head:
        return "opml"
    if mime in _FEED_TYPES or b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if mime in _HTML_TYPES or head.startswith((b"<!doctype html", b"<html")):
        return "page" if mime in _HTML_TYPES or not mime or mime in _XML_TYPES else None
    return None
