"""Fetching one source: what is new goes into the state database and the blob store, and the source's
pending articles (new, changed, or left undigested by a killed run) come back.

Nothing here raises for a bad source: every problem is a one-line ``failures`` item of the
:class:`SourceResult`, except a transient failure of the source's own URL when ``raise_transient`` is set
(the flow's task then retries it, and reports it with :func:`failed_result` when retries are spent).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from briefing.errors import InputError
from briefing.io import read_bytes
from briefing.settings import Settings
from briefing.sources.entries import (
    describe,
    retry_fallback_pages,
    save_feed_entry,
    save_local_files,
    save_page,
)
from briefing.sources.extract import NotAnArticle, extract_page
from briefing.sources.feeds import Feed, FeedEntry, FeedError, opml_includes, parse_feed, parse_opml
from briefing.sources.http import Fetcher, FetchError
from briefing.sources.spec import SourceSpec, SpecError, check_http_url, sniff_kind
from briefing.sources.state import Entry, StateDB
from briefing.sources.store import BlobStore

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5"
FALLBACK_FLAG = "feed-text-fallback"
# OPML lists including lists: deeper nesting is reported, not read (with the visited set, no list loops).
MAX_OPML_DEPTH = 4


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
    # The stage whose exception failed the whole source (its text stays off pages: ``ArticleFailure.stage``).
    failed_stage: str | None = None


@dataclass
class FetchContext:
    settings: Settings
    db: StateDB
    store: BlobStore
    fetcher: Fetcher
    origin: str = "config"
    # OPML lists read by this context (shared by the contexts ``replace`` derives) and the current nesting.
    opml_seen: set[str] = field(default_factory=set)
    opml_depth: int = 0


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
        with ctx.fetcher.source_deadline():  # the feed and its pages: one wall-clock bound
            kind, status, new, sub = _fetch(spec, ctx, problems, reprocess, raise_transient)
            if kind == "feed":  # pages that failed in earlier runs (entries digested from the feed's text)
                new += retry_fallback_pages(spec.spec, ctx)
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


def failed_result(
    spec: SourceSpec, reason: str, ctx: FetchContext, reprocess: bool = False, stage: str | None = None
) -> SourceResult:
    """A source whose fetch failed for good (e.g. retries spent): recorded, its earlier pending kept.
    ``stage``: the stage that raised, when ``reason`` is its exception's text."""
    ctx.db.record_fetch(spec.spec, None, None, reason, 0, ctx.origin)
    failed = SourceResult(
        spec.spec, None, None, 0, failures=((spec.spec, reason),), error=reason, failed_stage=stage
    )
    return _with_pending(failed, ctx, reprocess)


def _with_pending(result: SourceResult, ctx: FetchContext, reprocess: bool) -> SourceResult:
    articles = tuple(SourceArticle(e, article_label(e)) for e in ctx.db.pending(result.spec, reprocess))
    return replace(result, articles=articles)


def article_label(entry: Entry) -> str:
    """The name of an article in its digest and errors: a local file's path, else the article's URL."""
    return entry.entry_key if entry.fetched_at is None else (entry.url or entry.entry_key)


def _fetch(
    spec: SourceSpec,
    ctx: FetchContext,
    problems: list[tuple[str, str]],
    reprocess: bool,
    raise_transient: bool,
) -> tuple[str | None, int | None, int, list[SourceResult]]:
    """(kind, HTTP status, new entries, results of the feeds an OPML list named)."""
    if spec.kind in ("folder", "file"):
        return spec.kind, None, save_local_files(spec, ctx, problems), []
    if spec.kind == "opml":
        try:
            data = read_bytes(spec.location)
        except InputError as err:
            raise _SourceFailed(err.reason, None, "opml") from None
        return "opml", None, 0, _opml_feeds(data, spec, ctx, reprocess)
    validators, stored_sha = ctx.db.validators(spec.location)
    if not (stored_sha and ctx.store.has(stored_sha)):
        validators = None  # the bytes they validate are gone: ask for the whole resource
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
        raise _SourceFailed(f"not HTML or a feed ({describe(content_type, data)})", response.status)
    sha = ctx.store.put(data)
    if kind == "opml":
        ctx.db.save_resource(spec.location, response.validators, sha, content_type)
        return "opml", response.status, 0, _opml_feeds(data, spec, ctx, reprocess)
    if kind == "feed":
        try:
            feed = parse_feed(data, spec.location)
        except FeedError as err:
            raise _SourceFailed(str(err), response.status, "feed") from None
        new = sum(
            save_feed_entry(spec.spec, spec.location, feed, e, ctx, problems)
            for e in _unique(feed, spec.location, problems)
        )
    else:
        try:
            page = extract_page(data, response.url)
        except NotAnArticle as err:
            raise _SourceFailed(str(err), response.status, "page") from None
        new = int(save_page(spec.spec, spec.location, page, sha, response.fetched_at, None, ctx, None))
    # Validators only once what they validate is stored: a run killed before this refetches.
    ctx.db.save_resource(spec.location, response.validators, sha, content_type)
    return kind, response.status, new, []


def _unique(feed: Feed, feed_url: str, problems: list[tuple[str, str]]) -> list[FeedEntry]:
    """The feed's entries, the first of each GUID only: a later one with the same GUID is reported (it would
    overwrite the first, one article counted new twice and the other lost)."""
    seen: set[str] = set()
    unique = []
    for entry in feed.entries:
        if entry.key in seen:
            problems.append((f"{feed_url} entry {entry.key}", "duplicate GUID in the feed: not read"))
            continue
        seen.add(entry.key)
        unique.append(entry)
    return unique


def _opml_feeds(data: bytes, spec: SourceSpec, ctx: FetchContext, reprocess: bool) -> list[SourceResult]:
    """The feeds (and included lists) of an OPML list, each fetched once: a list including itself, directly
    or through others, is reported and not read again."""
    if spec.location in ctx.opml_seen:
        raise _SourceFailed("not read again: this OPML list was already read (a list including itself)")
    if ctx.opml_depth >= MAX_OPML_DEPTH:
        raise _SourceFailed(f"not read: OPML lists nested more than {MAX_OPML_DEPTH} deep", None, "opml")
    try:
        feeds = parse_opml(data)
        includes = opml_includes(data)
    except FeedError as err:
        raise _SourceFailed(str(err), None, "opml") from None
    ctx.opml_seen.add(spec.location)
    inner = replace(ctx, origin=f"opml:{spec.spec}", opml_depth=ctx.opml_depth + 1)
    results = []
    outlines = [(url, title, "feed") for url, title in feeds] + [(url, None, "opml") for url in includes]
    for url, title, kind in outlines:
        if url in ctx.opml_seen:
            reason = "not read again: an OPML list already read in this run (a list including itself)"
            results.append(SourceResult(url, "opml", None, 0, failures=((url, reason),)))
            continue
        ctx.db.add_source(url, f"opml:{spec.spec}", kind, title)
        try:
            feed_spec = SourceSpec(url, "url", check_http_url(url))
        except SpecError as err:
            results.append(SourceResult(url, None, None, 0, failures=((url, str(err)),), error=str(err)))
            continue
        results.append(fetch_source(feed_spec, inner, reprocess))
    return results
