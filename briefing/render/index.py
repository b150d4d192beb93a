"""The index page: every article of a run, newest first, same-story articles grouped together.

"Newest first" uses the article file's modification time: no publication date is extracted from
the text, and the processing time would reorder the page (and change its bytes) on every rerun.
Ties and files that are gone sort by title, then id, so the page is deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from briefing.io import atomic_write_text
from briefing.records import ArticleFailure, Digest
from briefing.render.flags import Status, digest_status
from briefing.render.html import environment
from briefing.render.view import ARTICLE_ID_RE, display_title, format_time, source_date


@dataclass(frozen=True)
class IndexEntry:
    """One row of the index: a digest, or an article that failed (``article_id`` None, ``reason`` set)."""

    article_id: str | None
    title: str
    source_path: str
    language: str | None
    status: Status
    flag_count: int
    group: int | None  # same-story group number (1, 2, ... in page order); None when alone
    date: datetime | None  # the source file's mtime (see module doc)
    reason: str | None = None


def same_story_groups(digests: Sequence[Digest]) -> list[list[str]]:
    """Connected components of the ``same_story_as`` links among ``digests`` (ids in input order).

    Links are taken as symmetric, and links to ids not in ``digests`` are ignored.
    """
    ids = [d.article_id for d in digests]
    known = set(ids)
    parent = {i: i for i in ids}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for d in digests:
        for other in d.same_story_as:
            if other in known:
                parent[root(other)] = root(d.article_id)
    groups: dict[str, list[str]] = {}
    for i in dict.fromkeys(ids):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def _sort_key(entry: IndexEntry) -> tuple:
    # Newest first; undated last; then title and id for a stable order.
    stamp = entry.date.timestamp() if entry.date else float("-inf")
    return (-stamp, entry.title.casefold(), entry.article_id or "", entry.source_path)


def index_stories(digests: Sequence[Digest], failures: Sequence[ArticleFailure]) -> list[list[IndexEntry]]:
    """Entries grouped by story; each story placed by its newest article, newest first inside it."""
    by_id = {d.article_id: d for d in digests}
    stories: list[list[IndexEntry]] = []
    for group in same_story_groups(digests):
        entries = [_digest_entry(by_id[i]) for i in group]
        stories.append(sorted(entries, key=_sort_key))
    for failure in failures:
        stories.append([_failure_entry(failure)])
    stories.sort(key=lambda story: _sort_key(story[0]))
    numbered: list[list[IndexEntry]] = []
    group_number = 0
    for story in stories:
        if len(story) > 1:
            group_number += 1
            story = [_with_group(e, group_number) for e in story]
        numbered.append(story)
    return numbered


def index_entries(digests: Sequence[Digest], failures: Sequence[ArticleFailure]) -> list[IndexEntry]:
    """All entries in page order."""
    return [e for story in index_stories(digests, failures) for e in story]


def _with_group(entry: IndexEntry, group: int) -> IndexEntry:
    return replace(entry, group=group)


def _digest_entry(digest: Digest) -> IndexEntry:
    return IndexEntry(
        article_id=digest.article_id if ARTICLE_ID_RE.match(digest.article_id) else None,
        title=display_title(digest)[0],
        source_path=digest.source.path,
        language=digest.language,
        status=digest_status(digest),
        flag_count=len(digest.flags),
        group=None,
        date=source_date(digest.source.path),
    )


def _failure_entry(failure: ArticleFailure) -> IndexEntry:
    return IndexEntry(
        article_id=None,
        title=Path(failure.path).name or failure.path,
        source_path=failure.path,
        language=None,
        status="failed",
        flag_count=0,
        group=None,
        date=source_date(failure.path),
        reason=" ".join(failure.reason.split()),
    )


def render_index(
    digests: Sequence[Digest],
    failures: Sequence[ArticleFailure],
    *,
    generated_at: datetime | None = None,
) -> str:
    stories = index_stories(digests, failures)
    entries = [e for story in stories for e in story]
    counts = {
        "total": len(entries),
        "ok": sum(e.status == "ok" for e in entries),
        "degraded": sum(e.status == "degraded" for e in entries),
        "failed": sum(e.status == "failed" for e in entries),
    }
    return (
        environment()
        .get_template("index.html.j2")
        .render(stories=stories, counts=counts, generated_at=format_time(generated_at), page_lang="en")
    )


def write_index(
    digests: Sequence[Digest],
    failures: Sequence[ArticleFailure],
    out_dir: Path,
    *,
    generated_at: datetime | None = None,
) -> Path:
    """Write ``out_dir/index.html`` atomically; failed articles are listed with their one-line reason."""
    return atomic_write_text(
        Path(out_dir) / "index.html", render_index(digests, failures, generated_at=generated_at)
    )
