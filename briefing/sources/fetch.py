"""Fetching one source: what is new goes into the state database and the blob store, and the source's
pending articles (new, changed, or left undigested by a killed run) come back.

Nothing here raises for a bad source: every problem is a one-line ``failures`` item of the
:class:`SourceResult`, except a transient failure of the source's own URL when ``raise_transient`` is set
(the flow's task then retries it, and reports it with :func:`failed_result` when retries are spent).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from briefing.errors import InputError
from briefing.io import iter_article_paths, read_bytes
from briefing.settings import Settings
from briefing.sources.extract import (
    NotAnArticle,
    Page,
    entry_paragraphs,
    extract_page,
    page_document,
    story_fingerprint,
)
from briefing.sources.feeds import Feed, FeedEntry, FeedError, parse_feed, parse_opml
from briefing.sources.http import Fetcher, FetchError
from briefing.sources.spec import SourceSpec, SpecError, check_http_url, sniff_kind
from briefing.sources.state import Entry, StateDB
from briefing.sources.store import BlobStore

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
FALLBACK_FLAG = "feed-text-fallback"


@dataclass(frozen=True)
class SourceArticle:
    """A pending article of a source: the stored document to clean and what is known of it."""

    entry: Entry
    # The name the cleaning stage gives the article (the local path, or the page's URL).
    label: str

    @property
    def name(self) -> str:
        return Path(self.label.rstrip("/")).name or self.label


@dataclass(frozen=True)
class SourceResult:
    spec: str
    kind: str | None
    status: int | None
    new: int
    articles: tuple[SourceArticle, ...] = ()
    # One line per problem: (what, reason); the first one is the source's own when ``error`` is set.
    failures: tuple[tuple[str, str], ...] = ()
    error: str | None = None


@dataclass
class FetchContext:
    settings: Settings
    db: StateDB
    store: BlobStore
    fetcher: Fetcher
    origin: str = "config"


class _SourceFailed(Exception):
    def __init__(self, reason: str, status: int | None = None, kind: str | None = None) -> None:
        super().__init__(reason)
        self.status = status
        self.kind = kind


def fetch_source(
    spec: SourceSpec, ctx: FetchContext, reprocess: bool = False, raise_transient: bool = False
) -> SourceResult:
    """Fetch ``spec``, store what is new, return its pending articles (all of them with ``reprocess``)."""
    problems: list[tuple[str, str]] = []
    results: list[SourceResult] = []
    try:
        kind, status, new, sub = _fetch(spec, ctx, problems, reprocess, raise_transient)
        results += sub
    except _SourceFailed as err:
        ctx.db.record_fetch(spec.spec, err.kind, err.status, str(err), 0, ctx.origin)
        return _with_pending(
            SourceResult(
                spec.spec, err.kind, err.status, 0, failures=((spec.spec, str(err)),), error=str(err)
            ),
            ctx,
            reprocess,
        )
    ctx.db.record_fetch(spec.spec, kind, status, problems[0][1] if problems else None, new, ctx.origin)
    result = _with_pending(
        SourceResult(spec.spec, kind, status, new, failures=tuple(problems)), ctx, reprocess
    )
    for sub_result in results:
        result = replace(
            result,
            new=result.new + sub_result.new,
            articles=result.articles + sub_result.articles,
            failures=result.failures + sub_result.failures,
        )
    return result


def failed_result(spec: SourceSpec, reason: str, ctx: FetchContext, reprocess: bool = False) -> SourceResult:
    """A source whose fetch failed for good (e.g. retries spent): recorded, its earlier pending kept."""
    ctx.db.record_fetch(spec.spec, None, None, reason, 0, ctx.origin)
    return _with_pending(
        SourceResult(spec.spec, None, None, 0, failures=((spec.spec, reason),), error=reason), ctx, reprocess
    )


def _with_pending(result: SourceResult, ctx: FetchContext, reprocess: bool) -> SourceResult:
    articles = tuple(SourceArticle(e, e.url or e.entry_key) for e in ctx.db.pending(result.spec, reprocess))
    return replace(result, articles=articles)


def _fetch(
    spec: SourceSpec,
    ctx: FetchContext,
    problems: list[tuple[str, str]],
    reprocess: bool,
    raise_transient: bool,
) -> tuple[str | None, int | None, int, list[SourceResult]]:
    """(kind, HTTP status, new entries, results of the feeds an OPML list named)."""
    if spec.kind in ("folder", "file"):
        return spec.kind, None, _local_files(spec, ctx, problems), []
    if spec.kind == "opml":
        return "opml", None, 0, _opml_feeds(read_bytes(spec.location), spec, ctx, reprocess)
    validators, stored_sha = ctx.db.validators(spec.location)
    try:
        response = ctx.fetcher.get(spec.location, validators, FEED_ACCEPT)
    except FetchError as err:
        if err.transient and raise_transient:
            raise
        raise _SourceFailed(str(err), err.status) from None
    if response.not_modified and stored_sha and ctx.store.has(stored_sha):
        data, content_type = ctx.store.get(stored_sha), None
        known = {r.spec: r.kind for r in ctx.db.sources([spec.spec])}.get(spec.spec)
        if known != "opml":  # unchanged feed or page: nothing new (OPML lists still visit their feeds)
            return known, 304, 0, []
    else:
        data, content_type = response.data, response.content_type
    kind = sniff_kind(content_type, data)
    if kind is None:
        raise _SourceFailed(f"not HTML or a feed ({_describe(content_type, data)})", response.status)
    sha = ctx.store.put(data)
    if kind == "opml":
        ctx.db.save_resource(spec.location, response.validators, sha, content_type)
        return "opml", response.status, 0, _opml_feeds(data, spec, ctx, reprocess)
    if kind == "feed":
        try:
            feed = parse_feed(data, spec.location)
        except FeedError as err:
            raise _SourceFailed(str(err), response.status, "feed") from None
        new = sum(_feed_entry(spec.spec, spec.location, feed, e, ctx, problems) for e in feed.entries)
    else:
        try:
            page = extract_page(data, response.url)
        except NotAnArticle as err:
            raise _SourceFailed(str(err), response.status, "page") from None
        new = int(_save(spec.spec, spec.location, page, sha, response.fetched_at, None, ctx, None))
    # Validators only once what they validate is stored: a run killed before this refetches.
    ctx.db.save_resource(spec.location, response.validators, sha, content_type)
    return kind, response.status, new, []


def _opml_feeds(data: bytes, spec: SourceSpec, ctx: FetchContext, reprocess: bool) -> list[SourceResult]:
    try:
        feeds = parse_opml(data)
    except FeedError as err:
        raise _SourceFailed(str(err), None, "opml") from None
    results = []
    for url, title in feeds:
        ctx.db.add_source(url, f"opml:{spec.spec}", "feed", title)
        try:
            feed_spec = SourceSpec(url, "url", check_http_url(url))
        except SpecError as err:
            results.append(SourceResult(url, None, None, 0, failures=((url, str(err)),), error=str(err)))
            continue
        results.append(fetch_source(feed_spec, replace(ctx, origin=f"opml:{spec.spec}"), reprocess))
    return results


def _feed_entry(
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
    return _save(source, entry.key, page, raw_sha, fetched_at, fallback, ctx, (feed_url, feed, entry))


def _page(url: str, ctx: FetchContext) -> tuple[Page, str, str]:
    validators, stored_sha = ctx.db.validators(url)
    response = ctx.fetcher.get(url, validators, PAGE_ACCEPT)
    if response.not_modified and stored_sha and ctx.store.has(stored_sha):
        data = ctx.store.get(stored_sha)
    else:
        data = response.data
        if sniff_kind(response.content_type, data) != "page":
            raise NotAnArticle(f"not an HTML page ({_describe(response.content_type, data)})")
    sha = ctx.store.put(data)
    page = extract_page(data, response.url)
    ctx.db.save_resource(url, response.validators, sha, response.content_type)
    return page, sha, response.fetched_at


def _save(
    source: str,
    key: str,
    page: Page,
    raw_sha: str,
    fetched_at: str | None,
    fallback: str | None,
    ctx: FetchContext,
    from_feed: tuple[str, Feed, FeedEntry] | None,
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
        url=_http_or_none(page.url) or (entry.url if entry else key),
        title=title,
        published=(entry.published if entry else None) or page.published,
        byline=page.byline or (entry.byline if entry else None),
        site=page.site or (feed.title if feed else None),
        feed=feed_url,
        fetched_at=fetched_at or _now(),
        fallback=fallback,
    )
    return ctx.db.save_entry(stored)


def _local_files(spec: SourceSpec, ctx: FetchContext, problems: list[tuple[str, str]]) -> int:
    """Every article file of a folder (or the one file): stored when new or changed (content hash)."""
    new = 0
    for path in iter_article_paths([spec.location]):
        try:
            data = read_bytes(path)
        except InputError as err:
            problems.append((err.path, err.reason))
            continue
        sha = ctx.store.put(data)
        entry = Entry(
            source=spec.spec, entry_key=str(path), fingerprint=sha, story=sha, doc_sha=sha, raw_sha=sha
        )
        new += ctx.db.save_entry(entry)
    return new


def _http_or_none(url: str | None) -> str | None:
    try:
        return check_http_url(url) if url else None
    except SpecError:
        return None


def _describe(content_type: str | None, data: bytes) -> str:
    mime = (content_type or "").split(";")[0].strip() or "no content type"
    return f"{mime}, binary" if b"\x00" in data[:1024] else mime


def _now() -> str:
    from briefing.sources.state import now

    return now()
