"""A pending source article through the cleaning stage: the stored document cleaned exactly like a text
file, then the page's metadata attached (canonical URL, site, feed, fetch time, publication date, by-line)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from briefing.records import Digest, Flag
from briefing.settings import Settings
from briefing.sources.fetch import FALLBACK_FLAG, SourceArticle
from briefing.sources.store import BlobStore


def clean_source_article(article: SourceArticle, settings: Settings) -> Digest:
    """The cleaning stage for a stored article; raises InputError (one line) for unusable text."""
    from briefing.cleaning import clean_bytes

    store = BlobStore(blob_root(settings))
    entry = article.entry
    digest = clean_bytes(store.get(entry.doc_sha), article.label, settings)
    local = entry.fetched_at is None
    if local and entry.doc_sha == entry.raw_sha:  # a text file: its digest is the file's own, as for a PATH
        return digest
    source = replace(
        digest.source,
        # A local HTML file is named by its path; a fetched article by its raw bytes kept in the store.
        path=article.label if local else str(store.path(entry.raw_sha)),
        sha256=entry.raw_sha,
        url=entry.url,
        site=entry.site,
        feed=entry.feed,
        fetched_at=entry.fetched_at,
    )
    digest = replace(digest, source=source, published=entry.published, byline=entry.byline)
    if entry.fallback:
        digest = digest.with_flags(Flag(FALLBACK_FLAG, f"the feed's own text was used: {entry.fallback}"))
    return digest


def blob_root(settings: Settings) -> Path:
    return Path(settings.data_dir).resolve() / "raw"
