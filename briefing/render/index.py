"""The front page and edition pages: a run's stories, newest first, same-story articles grouped together.

Each entry shows what a reader needs to decide whether to open the digest: headline, site or source,
date (the article's own publication date; the file's date only as a labelled fallback), by-line, the
summary in the briefing language with its translations one click away, and the status. The front page
(``index.html``) is the latest edition plus an archive of the earlier ones; an edition page
(``editions/<id>.html``) is the same list for one edition. Ties and undated entries sort by title, then
id, so a page is deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from briefing.editions.continuity import StoryMark
from briefing.editions.dates import ArticleDate, article_date, file_date
from briefing.editions.stories import newest_first, order_stories, same_story_groups
from briefing.io import atomic_write_text
from briefing.models.manifest import credit_lines
from briefing.models.testmodel import model_ids_of
from briefing.records import ArticleFailure, Digest
from briefing.render.advice import degradation_case
from briefing.render.flags import Status, digest_status
from briefing.render.html import environment
from briefing.render.marks import mark_views
from briefing.render.quality import TEST_MODEL_NOTE, QualityNote, quality_notes
from briefing.render.sections import arrange
from briefing.render.view import ARTICLE_ID_RE, display_title, format_time, language_name, strip_bidi

__all__ = ["IndexEntry", "index_entries", "index_stories", "render_index", "same_story_groups", "write_index"]


@dataclass(frozen=True)
class TextInLanguage:
    language: str
    language_name: str
    text: str


@dataclass(frozen=True)
class IndexEntry:
    """One entry: a digest, or an article that failed (``article_id`` None, ``reason`` set)."""

    article_id: str | None
    title: str
    source_path: str
    language: str | None
    status: Status
    flag_count: int
    group: int | None  # same-story group number (1, 2, ... in page order); None when alone
    date: datetime | None  # the article's publication date, else its file's date (see ``date_label``)
    reason: str | None = None
    date_label: str | None = None  # "Published" or "File date"
    date_text: str | None = None
    byline: str | None = None
    site: str | None = None  # outlet name, else the URL's host, else the file name
    url: str | None = None  # the article on the web (http/https only)
    summary: TextInLanguage | None = None
    translations: tuple[TextInLanguage, ...] = ()
    test_model: bool = False
    readers: str | None = None  # "Readers (12 comments in 3 languages)" when the article has a discussion
    readers_gist: TextInLanguage | None = None


@dataclass(frozen=True)
class ArchiveEdition:
    id: str
    created: str
    count: int
    degraded: int
    articles: tuple[tuple[str, str], ...]  # (article id, headline)


def _stamp(entry: IndexEntry) -> float | None:
    return entry.date.timestamp() if entry.date else None


def _name(entry: IndexEntry) -> str:
    return f"{entry.title.casefold()}\0{entry.article_id or ''}\0{entry.source_path}"


def index_stories(digests: Sequence[Digest], failures: Sequence[ArticleFailure]) -> list[list[IndexEntry]]:
    """Entries grouped by story; each story placed by its newest article, newest first inside it."""
    stories = [[_digest_entry(d) for d in story.digests] for story in order_stories(digests)]
    stories += [[_failure_entry(f)] for f in failures]
    stories = newest_first(
        stories, lambda s: _stamp(s[0]), lambda s: _name(s[0]), lambda s: s[0].date_label != "Published"
    )
    numbered: list[list[IndexEntry]] = []
    group_number = 0
    for story in stories:
        if len(story) > 1:
            group_number += 1
            story = [replace(e, group=group_number) for e in story]
        numbered.append(story)
    return numbered


def index_entries(digests: Sequence[Digest], failures: Sequence[ArticleFailure]) -> list[IndexEntry]:
    """All entries in page order."""
    return [e for story in index_stories(digests, failures) for e in story]


def _site(digest: Digest) -> tuple[str, str | None]:
    url = (
        digest.source.url
        if digest.source.url and urlsplit(digest.source.url).scheme in ("http", "https")
        else None
    )
    if digest.source.site and digest.source.site.strip():
        return strip_bidi(" ".join(digest.source.site.split())), url
    if url:
        return urlsplit(url).hostname or url, url
    return Path(digest.source.path).name or digest.source.path, url


def _date_fields(when: ArticleDate | None) -> dict[str, object]:
    if when is None:
        return {"date": None}
    return {"date": when.moment, "date_label": when.label, "date_text": when.text()}


def _digest_entry(digest: Digest) -> IndexEntry:
    site, url = _site(digest)
    summary = None
    if digest.summary is not None:
        summary = TextInLanguage(
            digest.summary.language, language_name(digest.summary.language), digest.summary.text
        )
    return IndexEntry(
        article_id=digest.article_id if ARTICLE_ID_RE.match(digest.article_id) else None,
        title=display_title(digest)[0],
        source_path=digest.source.path,
        language=digest.language,
        status=digest_status(digest),
        flag_count=len(digest.flags),
        group=None,
        byline=strip_bidi(" ".join(digest.byline.split())) if digest.byline else None,
        site=site,
        url=url,
        summary=summary,
        translations=tuple(
            TextInLanguage(t.language, language_name(t.language), t.text) for t in digest.translations or ()
        ),
        test_model="test-model" in digest.flag_codes(),
        **_readers_fields(digest),  # type: ignore[arg-type]
        **_date_fields(article_date(digest)),  # type: ignore[arg-type]
    )


def _readers_fields(digest: Digest) -> dict[str, object]:
    """The discussion line and gist an edition shows under the summary."""
    from briefing.discussion.wording import readers_line

    discussion = digest.discussion
    if discussion is None:
        return {}
    gist = discussion.gist
    return {
        "readers": readers_line(discussion),
        "readers_gist": TextInLanguage(gist.language, language_name(gist.language), gist.text)
        if gist
        else None,
    }


def failure_reason(failure: ArticleFailure) -> str:
    """The one-line reason an input failed. A stage that raised (``failure.stage``): its exception's words
    go to the run's log and its one-line failure list, not to a page."""
    if failure.stage:
        return f"The {failure.stage} stage failed for this article; the run's log has the error."
    return " ".join(failure.reason.split())


def _failure_entry(failure: ArticleFailure) -> IndexEntry:
    return IndexEntry(
        article_id=None,
        title=Path(failure.path).name or failure.path,
        source_path=failure.path,
        language=None,
        status="failed",
        flag_count=0,
        group=None,
        reason=failure_reason(failure),
        **_date_fields(file_date(failure.path)),  # type: ignore[arg-type]
    )


def render_index(
    digests: Sequence[Digest],
    failures: Sequence[ArticleFailure],
    *,
    generated_at: datetime | None = None,
    edition: tuple[str, str] | None = None,
    archive: Sequence[ArchiveEdition] = (),
    front: bool = True,
    feeds: Sequence[str] = (),
    marks: Mapping[str, StoryMark] | None = None,
    more: Sequence[tuple[str, str]] = (),
    edition_notes: Sequence[str] = (),
    stale: str | None = None,
    sections: Sequence[tuple[str, Collection[str]]] = (),
) -> str:
    """The front page (``front``) or one edition's page. ``edition`` is (id, created) of the edition shown;
    ``marks`` (article id -> continuity mark) label its stories new / update / developing."""
    stories, section_heads = arrange(index_stories(digests, failures), sections, lambda e: e.article_id)
    entries = [e for story in stories for e in story]
    counts = {
        "total": len(entries),
        "ok": sum(e.status == "ok" for e in entries),
        "degraded": sum(e.status == "degraded" for e in entries),
        "failed": sum(e.status == "failed" for e in entries),
    }
    notes: list[QualityNote] = quality_notes(digests)
    return (
        environment()
        .get_template("index.html.j2")
        .render(
            stories=stories,
            counts=counts,
            generated_at=format_time(generated_at),
            page_lang="en",
            base="" if front else "../",
            front=front,
            edition=edition,
            archive=archive,
            banner=degradation_case(digests),
            notes=notes,
            test_model_note=TEST_MODEL_NOTE,
            feeds=[f for f in feeds if re.fullmatch(r"[a-z]{2,3}", f)],
            credits=credit_lines(i for d in digests for i in model_ids_of(d)),
            marks=mark_views(marks, generated_at),
            more=[(a, t) for a, t in more if ARTICLE_ID_RE.match(a)],
            edition_notes=list(edition_notes),
            stale=stale,
            section_heads=section_heads,
        )
    )


def write_index(
    digests: Sequence[Digest],
    failures: Sequence[ArticleFailure],
    out_dir: Path,
    *,
    generated_at: datetime | None = None,
    edition: tuple[str, str] | None = None,
    archive: Sequence[ArchiveEdition] = (),
    feeds: Sequence[str] = (),
    marks: Mapping[str, StoryMark] | None = None,
    more: Sequence[tuple[str, str]] = (),
    edition_notes: Sequence[str] = (),
    stale: str | None = None,
    sections: Sequence[tuple[str, Collection[str]]] = (),
) -> Path:
    """Write ``out_dir/index.html`` atomically; failed articles are listed with their one-line reason.
    ``feeds`` are the languages of the feed files to link."""
    page = render_index(
        digests,
        failures,
        generated_at=generated_at,
        edition=edition,
        archive=archive,
        feeds=feeds,
        marks=marks,
        more=more,
        edition_notes=edition_notes,
        stale=stale,
        sections=sections,
    )
    return atomic_write_text(Path(out_dir) / "index.html", page)


def write_edition_page(
    digests: Sequence[Digest],
    failures: Sequence[ArticleFailure],
    out_dir: Path,
    edition: tuple[str, str],
    *,
    generated_at: datetime | None = None,
    marks: Mapping[str, StoryMark] | None = None,
    more: Sequence[tuple[str, str]] = (),
    edition_notes: Sequence[str] = (),
    sections: Sequence[tuple[str, Collection[str]]] = (),
) -> Path:
    """Write ``out_dir/editions/<id>.html`` atomically."""
    page = render_index(
        digests,
        failures,
        generated_at=generated_at,
        edition=edition,
        front=False,
        marks=marks,
        more=more,
        edition_notes=edition_notes,
        sections=sections,
    )
    return atomic_write_text(Path(out_dir) / "editions" / f"{edition[0]}.html", page)
