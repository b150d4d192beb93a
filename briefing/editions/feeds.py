"""Feeds a reader subscribes to: Atom (RFC 4287, written by feedgen) and JSON Feed 1.1, one per language.

One entry per digest: a stable id (``urn:briefing:digest:<article_id>``; the article id is a hash of the
raw article, so a rerun never changes it), ``updated`` = when the digest first appeared in an edition
(stable across runs too), the headline, a link to the digest page and the summary in the feed's language
as content. A digest whose summary could not be translated into that language carries its original
summary, marked with that text's language (JSON Feed ``language``; a note in the Atom content). An
article with a discussion adds what readers say after the summary: the line and the gist (in the
briefing language, marked when the feed's language is another).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from briefing.models.manifest import credit_lines
from briefing.models.testmodel import model_ids_of
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
    # Attribution of the CC-BY models whose output the entry shows (briefing.models.manifest).
    credits: tuple[str, ...] = ()
    readers: str | None = None  # "Readers (12 comments in 3 languages): <gist>"


@dataclass(frozen=True)
class FeedInfo:
    language: str
    title: str
    home_url: str  # the index page
    self_url: str  # this feed file (Atom ``rel=self`` / JSON Feed ``feed_url``)


def entry_id(article_id: str) -> str:
    return f"urn:briefing:digest:{article_id}"


def stable_entry_id(digest: Digest) -> str:
    """The feed entry id of ``digest``: for an article from a feed, its source entry (the feed and the
    article's URL), so an updated article replaces its entry in readers instead of appearing twice; else
    the digest's own id (a file's content is its identity)."""
    if digest.source.feed and digest.source.url:
        key = hashlib.sha256(f"{digest.source.feed}\n{digest.source.url}".encode()).hexdigest()[:24]
        return f"urn:briefing:entry:{key}"
    return entry_id(digest.article_id)


def one_per_entry(digests: Sequence[Digest]) -> list[Digest]:
    """``digests`` (newest first) with one digest per feed entry id: the newest version of an article."""
    seen: set[str] = set()
    kept = []
    for digest in digests:
        key = stable_entry_id(digest)
        if key not in seen:
            seen.add(key)
            kept.append(digest)
    return kept


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


def readers_text(digest: Digest, language: str) -> str | None:
    """The discussion line and gist for a feed in ``language``; None without a discussion."""
    from briefing.discussion.wording import readers_line

    discussion = digest.discussion
    if discussion is None:
        return None
    line = readers_line(discussion)
    gist = discussion.gist
    if gist is None:
        return line
    marked = gist.text if gist.language == language else f"[{gist.language}] {gist.text}"
    return f"{line}: {marked}"


def feed_item(
    digest: Digest, language: str, url: str, title: str, updated: datetime, published: datetime | None
) -> FeedItem:
    # Every digest gets its entry; one without a summary says so (in English, the pages' language).
    text, text_language = summary_in(digest, language) or (NO_SUMMARY, "en")
    return FeedItem(
        id=stable_entry_id(digest),
        title=title,
        url=url,
        updated=updated,
        published=published,
        language=text_language,
        text=text,
        author=digest.byline,
        credits=credit_lines(model_ids_of(digest)),
        readers=readers_text(digest, language),
    )


def marked(item: FeedItem, label: str, note: str) -> FeedItem:
    """An entry of a continuing story: ``Update: <headline>``, the content starting with when it was first
    reported (the summary is the newest article's: what is new)."""
    return replace(item, title=f"{label}: {item.title}", text=f"{label} ({note}). {item.text}")


def feed_updated(items: Sequence[FeedItem]) -> datetime:
    return max((i.updated for i in items), default=EPOCH)


def _content(item: FeedItem, language: str) -> str:
    text = item.text
    if item.language != language:
        text = f"[{item.language}: no translation into {language} was made] {item.text}"
    return _with_extras(item, text)


def _with_extras(item: FeedItem, text: str) -> str:
    """``text``, then what readers say, then the credits of the CC-BY models that made it."""
    readers = f"\n\n{item.readers}" if item.readers else ""
    return text + readers + "".join(f"\n\nMade with {line}" for line in item.credits)


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
        "content_text": _with_extras(item, item.text),
        "date_modified": item.updated.isoformat(),
        "language": item.language,
    }
    if item.published is not None:
        out["date_published"] = item.published.isoformat()
    if item.author:
        out["authors"] = [{"name": item.author}]
    return out
