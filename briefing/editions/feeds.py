"""Feeds a reader subscribes to: Atom (RFC 4287, written by feedgen) and JSON Feed 1.1, one per language.

One entry per digest: a stable id (``urn:briefing:digest:<article_id>``; the article id is a hash of the
raw article, so a rerun never changes it), ``updated`` = when the digest first appeared in an edition
(stable across runs too), the headline, a link to the digest page and the summary in the feed's language
as content. A digest whose summary could not be translated into that language carries its original
summary, marked with that text's language (JSON Feed ``language``; a note in the Atom content).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from briefing.records import Digest

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
NO_SUMMARY = "No summary was made for this article."


@dataclass(frozen=True)
class FeedItem:
    id: str
    title: str
    url: str
    updated: datetime
    published: datetime | None
    language: str  # the language of ``text``
    text: str
    author: str | None


@dataclass(frozen=True)
class FeedInfo:
    language: str
    title: str
    home_url: str  # the index page
    self_url: str  # this feed file (Atom ``rel=self`` / JSON Feed ``feed_url``)


def entry_id(article_id: str) -> str:
    return f"urn:briefing:digest:{article_id}"


def summary_in(digest: Digest, language: str) -> tuple[str, str] | None:
    """(text, its language): the summary in ``language``, else the original summary, else None."""
    summary = digest.summary
    if summary is None:
        return None
    if summary.language == language:
        return summary.text, language
    for translation in digest.translations or ():
        if translation.language == language and translation.text.strip():
            return translation.text, language
    return summary.text, summary.language


def feed_item(
    digest: Digest, language: str, url: str, title: str, updated: datetime, published: datetime | None
) -> FeedItem:
    # Every digest gets its entry; one without a summary says so (in English, the pages' language).
    text, text_language = summary_in(digest, language) or (NO_SUMMARY, "en")
    return FeedItem(
        id=entry_id(digest.article_id),
        title=title,
        url=url,
        updated=updated,
        published=published,
        language=text_language,
        text=text,
        author=digest.byline,
    )


def marked(item: FeedItem, label: str, note: str) -> FeedItem:
    """An entry of a continuing story: ``Update: <headline>``, the content starting with when it was first
    reported (the summary is the newest article's: what is new)."""
    return replace(item, title=f"{label}: {item.title}", text=f"{label} ({note}). {item.text}")


def feed_updated(items: Sequence[FeedItem]) -> datetime:
    return max((i.updated for i in items), default=EPOCH)


def _content(item: FeedItem, language: str) -> str:
    if item.language == language:
        return item.text
    return f"[{item.language}: no translation into {language} was made] {item.text}"


def atom_feed(info: FeedInfo, items: Sequence[FeedItem]) -> bytes:
    """The Atom document (UTF-8 bytes); entries in the given order."""
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(f"urn:briefing:feed:{info.language}")
    fg.title(info.title)
    fg.language(info.language)
    fg.author({"name": "Briefing"})
    fg.link(href=info.home_url, rel="alternate")
    fg.link(href=info.self_url, rel="self")
    fg.updated(feed_updated(items))
    fg.generator("Briefing")
    for item in items:
        entry = fg.add_entry(order="append")
        entry.id(item.id)
        entry.title(item.title)
        entry.link(href=item.url, rel="alternate")
        entry.updated(item.updated)
        if item.published is not None:
            entry.published(item.published)
        if item.author:
            entry.author({"name": item.author})
        entry.content(_content(item, info.language), type="text")
    return fg.atom_str(pretty=True)


def json_feed(info: FeedInfo, items: Sequence[FeedItem]) -> str:
    """The JSON Feed 1.1 document."""
    data = {
        "version": JSON_FEED_VERSION,
        "title": info.title,
        "home_page_url": info.home_url,
        "feed_url": info.self_url,
        "language": info.language,
        "authors": [{"name": "Briefing"}],
        "items": [_json_item(item) for item in items],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _json_item(item: FeedItem) -> dict[str, object]:
    out: dict[str, object] = {
        "id": item.id,
        "url": item.url,
        "title": item.title,
        "content_text": item.text,
        "date_modified": item.updated.isoformat(),
        "language": item.language,
    }
    if item.published is not None:
        out["date_published"] = item.published.isoformat()
    if item.author:
        out["authors"] = [{"name": item.author}]
    return out
