"""RSS/Atom feeds (feedparser) and OPML subscription lists (listparser): bytes in, plain records out."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser
import listparser

from briefing.errors import one_line


class FeedError(ValueError):
    """Bytes that are not a usable feed or OPML list (one-line reason)."""


@dataclass(frozen=True)
class FeedEntry:
    """One feed item: its identity, link, and what the feed itself says of it."""

    key: str
    url: str | None
    title: str | None
    published: str | None
    byline: str | None
    # The entry's own content (or summary): the fallback text when its page cannot be fetched.
    content: str
    # Hash of what the feed says of the entry: a change means the entry was updated.
    fingerprint: str


@dataclass(frozen=True)
class Feed:
    title: str | None
    site: str | None
    entries: tuple[FeedEntry, ...]


def parse_feed(data: bytes, url: str) -> Feed:
    """Parse RSS/Atom bytes; :class:`FeedError` when they are not a feed."""
    parsed = feedparser.parse(
        data, sanitize_html=True, resolve_relative_uris=True, response_headers={"content-location": url}
    )
    error = parsed.get("bozo_exception")
    # feedparser also flags a wrong declared encoding or content type; those feeds read fine.
    harmless = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    if not parsed.get("version") or (parsed.get("bozo") and not isinstance(error, harmless)):
        detail = f": {one_line(error, 120)}" if error else ""
        raise FeedError(f"malformed feed{detail}")
    info = parsed.feed
    entries = tuple(_entry(e) for e in parsed.entries)
    return Feed(title=_text(info.get("title")), site=_text(info.get("link")), entries=entries)


def _entry(entry: Any) -> FeedEntry:
    url = _text(entry.get("link"))
    content = ""
    if entry.get("content"):
        content = entry["content"][0].get("value", "")
    content = content or entry.get("summary", "") or ""
    title = _text(entry.get("title"))
    material = "\n".join([url or "", title or "", content, str(dict.get(entry, "updated", ""))])
    fingerprint = hashlib.sha256(material.encode()).hexdigest()
    key = _text(entry.get("id")) or url or fingerprint
    return FeedEntry(
        key=key,
        url=url,
        title=title,
        published=_date(dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")),
        byline=_text(entry.get("author")),
        content=content,
        fingerprint=fingerprint,
    )


def parse_opml(data: bytes) -> list[tuple[str, str | None]]:
    """The feeds of an OPML list as (URL, title); :class:`FeedError` when it is not OPML."""
    parsed = listparser.parse(data)
    if parsed.get("bozo") and not parsed.feeds:
        raise FeedError(f"invalid OPML: {' '.join(str(parsed.get('bozo_exception', '')).split())[:120]}")
    if b"<opml" not in data[:4096].lower():
        raise FeedError("not an OPML file")
    return [(f["url"], f.get("title") or None) for f in parsed.feeds if f.get("url")]


def opml_includes(data: bytes) -> list[str]:
    """The other OPML lists an OPML list includes (``type="include"`` or a link to an ``.opml`` file)."""
    return [f["url"] for f in listparser.parse(data).lists if f.get("url")]


def _date(value: time.struct_time | None) -> str | None:
    if not value:
        return None
    return datetime(*value[:6], tzinfo=UTC).isoformat()


def _text(value: Any) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None
