"""One source's entries stored: a feed entry (its page fetched and extracted when new or changed, else the
feed's own text, flagged), an article page, or a local file. Each returns True when the entry is new or its
story changed; the state database decides that."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from briefing.article_files import is_html_article, iter_article_paths
from briefing.errors import InputError
from briefing.io import read_bytes
from briefing.sources.context import FetchContext
from briefing.sources.extract import (
    NotAnArticle,
    Page,
    entry_paragraphs,
    extract_page,
    page_document,
    story_fingerprint,
)
from briefing.sources.feeds import Feed, FeedEntry
from briefing.sources.http import FetchError
from briefing.sources.spec import SourceSpec, SpecError, check_http_url, sniff_kind
from briefing.sources.state import Entry, count_page_retry, fallback_entries, now

PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


def save_feed_entry(
    source: str,
    feed_url: str,
    feed: Feed,
    entry: FeedEntry,
    ctx: FetchContext,
    problems: list[tuple[str, str]],
) -> bool:
    """Store one feed entry (its page fetched when new or changed); True when it is new or changed."""
    known = ctx.db.entry(source, entry.key)
    if known is not None and known.fingerprint == entry.fingerprint:
        return False  # unchanged: its page is not fetched again
    if entry.url is not None:
        try:
            check_http_url(entry.url)
        except SpecError as err:
            problems.append((f"{feed_url} entry {entry.url}", f"refused link: {err}"))
            return False
    page, raw_sha, fetched_at, fallback = None, None, None, None
    if entry.url is None:
        fallback = "the entry has no link"
    else:
        try:
            page, raw_sha, fetched_at = _page(entry.url, ctx)
        except (FetchError, NotAnArticle) as err:
            fallback = f"page not fetched ({err})"
    if page is None:
        paragraphs = entry_paragraphs(entry)
        if not paragraphs:
            problems.append(
                (entry.url or f"{feed_url} entry {entry.key}", f"{fallback}; the feed has no text")
            )
            return False
        page = Page(entry.title, entry.byline, entry.published, entry.url, feed.title, paragraphs, ())
        raw_sha = ctx.store.put(entry.content.encode("utf-8"))
    return save_page(source, entry.key, page, raw_sha, fetched_at, fallback, ctx, (feed_url, feed, entry))


def _page(url: str, ctx: FetchContext) -> tuple[Page, str, str]:
    validators, stored_sha = ctx.db.validators(url)
    if not (stored_sha and ctx.store.has(stored_sha)):
        validators = None  # the bytes they validate are gone: ask for the whole resource
    response = ctx.fetcher.get(url, validators, PAGE_ACCEPT)
    if response.not_modified and stored_sha and ctx.store.has(stored_sha):
        data = ctx.store.get(stored_sha)
    else:
        data = response.data
        if sniff_kind(response.content_type, data) != "page":
            raise NotAnArticle(f"not an HTML page ({describe(response.content_type, data)})")
    sha = ctx.store.put(data)
    page = extract_page(data, response.url)
    ctx.db.save_resource(url, response.validators, sha, response.content_type)
    return page, sha, response.fetched_at


# A page that failed once is asked for again on this many later fetches of its feed (then left as it is).
MAX_PAGE_RETRIES = 5


def retry_fallback_pages(source: str, ctx: FetchContext) -> int:
    """Ask again for the pages of ``source``'s entries digested from the feed's text (not those asked for
    in this fetch already; a bounded number of times each); an entry whose page arrives is updated from it
    (its story changes, so it is digested again). The count of entries updated."""
    updated = 0
    for known in fallback_entries(ctx.db, source, MAX_PAGE_RETRIES):
        if known.url is None or known.url in ctx.fetcher.asked:
            continue
        try:
            page, raw_sha, fetched_at = _page(known.url, ctx)
        except (FetchError, NotAnArticle):
            count_page_retry(ctx.db, source, known.entry_key)
            continue
        title = page.title or known.title
        document = page_document(title, page.paragraphs, page.comments)
        stored = replace(
            known,
            story=story_fingerprint(title, page.paragraphs),
            doc_sha=ctx.store.put(document.encode("utf-8")),
            raw_sha=raw_sha,
            url=_http_or_none(page.url) or known.url,
            title=title,
            published=known.published or page.published,
            byline=page.byline or known.byline,
            site=page.site or known.site,
            fetched_at=fetched_at,
            fallback=None,
        )
        updated += ctx.db.save_entry(stored)
    return updated


def save_page(
    source: str,
    key: str,
    page: Page,
    raw_sha: str,
    fetched_at: str | None,
    fallback: str | None,
    ctx: FetchContext,
    from_feed: tuple[str, Feed, FeedEntry] | None,
    local: bool = False,
) -> bool:
    feed_url, feed, entry = from_feed if from_feed else (None, None, None)
    title = page.title or (entry.title if entry else None)
    document = page_document(title, page.paragraphs, page.comments)
    stored = Entry(
        source=source,
        entry_key=key,
        fingerprint=entry.fingerprint if entry else None,
        story=story_fingerprint(title, page.paragraphs),
        doc_sha=ctx.store.put(document.encode("utf-8")),
        raw_sha=raw_sha,
        url=_http_or_none(page.url) or (entry.url if entry else (None if local else key)),
        title=title,
        published=(entry.published if entry else None) or page.published,
        byline=page.byline or (entry.byline if entry else None),
        site=page.site or (feed.title if feed else None),
        feed=feed_url,
        # None marks a local file (its path names the article); a fetched one always has a time.
        fetched_at=None if local else (fetched_at or now()),
        fallback=fallback,
    )
    return ctx.db.save_entry(stored)


def save_local_files(spec: SourceSpec, ctx: FetchContext, problems: list[tuple[str, str]]) -> int:
    """Every article file of a folder (or the one file): stored when new or changed (content hash). Text files
    are cleaned as they are; ``.html`` files a scraper saved are extracted like fetched pages."""
    new = 0
    for path in local_article_paths(spec.location):
        try:
            data = read_bytes(path)
        except InputError as err:
            problems.append((err.path, err.reason))
            continue
        sha = ctx.store.put(data)
        if is_html_article(path, data):
            try:
                page = extract_page(data, None)
            except NotAnArticle as err:
                problems.append((str(path), str(err)))
                continue
            new += save_page(spec.spec, str(path), page, sha, None, None, ctx, None, local=True)
            continue
        entry = Entry(
            source=spec.spec, entry_key=str(path), fingerprint=sha, story=sha, doc_sha=sha, raw_sha=sha
        )
        new += ctx.db.save_entry(entry)
    return new


def local_article_paths(location: str) -> list[Path]:
    """A folder's article files by the one rule of :func:`briefing.io.scan_folder` (text, HTML pages), or
    the one file."""
    return list(iter_article_paths([location]))


def _http_or_none(url: str | None) -> str | None:
    try:
        return check_http_url(url) if url else None
    except SpecError:
        return None


def describe(content_type: str | None, data: bytes) -> str:
    mime = (content_type or "").split(";")[0].strip() or "no content type"
    return f"{mime}, binary" if b"\x00" in data[:1024] else mime
