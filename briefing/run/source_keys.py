"""The cleaning stage's cache key for an article fetched from a source (see :mod:`briefing.run.keys`)."""

from __future__ import annotations

from briefing.run.keys import CLEAN_CODE, CLEAN_SETTINGS, cache_key, code_stamp
from briefing.settings import Settings
from briefing.sources.fetch import SourceArticle


def source_clean_key(article: SourceArticle, settings: Settings) -> str:
    """The clean stage's cache key: the document, every metadata field, cleaning settings and code."""
    entry = article.entry
    return cache_key(
        "clean-source",
        article.label,
        [getattr(entry, f) for f in ("doc_sha", "raw_sha", "url", "site", "feed", "fetched_at")],
        [entry.published, entry.byline, entry.fallback],
        settings.fingerprint(*CLEAN_SETTINGS),
        code_stamp(*CLEAN_CODE),
    )
