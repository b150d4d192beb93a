"""Articles through the cleaning stage: a saved or fetched web page (:func:`clean_html_page`), any article
file (:func:`clean_article_file`: a page when it is HTML, else text), and a pending source article (the stored
document cleaned exactly like a text file, then the page's metadata attached: canonical URL, site, feed,
fetch time, publication date, by-line)."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from briefing.article_files import is_html_article
from briefing.errors import InputError
from briefing.io import article_id, read_bytes, sha256_hex
from briefing.records import Digest, Flag
from briefing.settings import Settings
from briefing.sources.extract import NotAnArticle, Page, extract_page, page_document
from briefing.sources.fetch import FALLBACK_FLAG, SourceArticle
from briefing.sources.spec import SpecError, check_http_url
from briefing.sources.store import BlobStore


def clean_html_page(
    data: bytes, path: str, settings: Settings | None = None, url: str | None = None
) -> Digest:
    """HTML bytes to a cleaned digest (``summary=None``), exactly as a fetched page: decoded (declared
    charset, legacy code pages), extracted (:func:`extract_page`: title, by-line, date, canonical URL, site,
    body, comments with authors), then the cleaning stage on :func:`page_document`. ``path`` names the page
    in the digest and in errors; ``url``, when known, is where it was fetched from (a canonical URL in the
    page wins). Raises :class:`InputError` (one line) when the page has no article text or is not text."""
    from briefing.cleaning import FALLBACK_ENCODING_FLAG, clean_bytes

    try:
        page = extract_page(data, url)
    except NotAnArticle as err:
        raise InputError(path, str(err)) from None
    digest = clean_bytes(
        page_document(page.title, page.paragraphs, page.comments).encode("utf-8"), path, settings
    )
    digest = _with_page(digest, page, url)
    digest = replace(
        digest,
        article_id=article_id(path, data),
        source=replace(digest.source, sha256=sha256_hex(data), encoding=page.encoding),
    )
    if page.fallback:
        digest = digest.with_flags(
            Flag(
                FALLBACK_ENCODING_FLAG,
                f"not UTF-8 and no charset declared; decoded as {page.encoding}",
                stage="source",
                cause="fallback-encoding",
            )
        )
    return digest


def clean_article_file(path: str | os.PathLike[str], settings: Settings | None = None) -> Digest:
    """Read and clean one article file: a web page (``.html``/``.htm`` or HTML content) through
    :func:`clean_html_page`, any other file as text. Raises :class:`InputError` when it cannot be used."""
    from briefing.cleaning import clean_bytes

    data = read_bytes(path, settings.max_input_bytes if settings else None)
    if is_html_article(path, data):
        return clean_html_page(data, str(path), settings)
    return clean_bytes(data, str(path), settings)


def _with_page(digest: Digest, page: Page, url: str | None) -> Digest:
    """``digest`` with what the page says of itself (what the cleaner read from the text stays otherwise)."""
    source = replace(digest.source, url=_http_or_none(page.url) or _http_or_none(url), site=page.site)
    return replace(
        with_known_title(digest, page.title),
        source=source,
        published=page.published or digest.published,
        byline=page.byline or digest.byline,
    )


def with_known_title(digest: Digest, title: str | None) -> Digest:
    """``digest`` titled ``title`` when the page's metadata gave one: the document's first line is that title,
    which the cleaner keeps as body when it reads like a sentence ("Is football violence a crime?")."""
    if not title or digest.title == title:
        return digest
    body = digest.body[1:] if digest.body and digest.body[0] == title else digest.body
    return replace(digest, title=title, body=body) if body else digest


def _http_or_none(url: str | None) -> str | None:
    try:
        return check_http_url(url) if url else None
    except SpecError:
        return None


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
    digest = replace(
        with_known_title(digest, entry.title),
        source=source,
        published=entry.published or digest.published,
        byline=entry.byline or digest.byline,
    )
    if entry.fallback:
        detail = f"the feed's own text was used: {entry.fallback}"
        digest = digest.with_flags(
            Flag(FALLBACK_FLAG, detail, stage="source", cause="page-unreadable", target="body")
        )
    return digest


def blob_root(settings: Settings) -> Path:
    return Path(settings.data_dir).resolve() / "raw"
