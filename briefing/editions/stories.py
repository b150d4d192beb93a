"""A run's digests as stories: articles linked by ``same_story_as`` form one story, newest first.

Each story is placed by its newest article; inside a story the newest comes first. Articles with no date
of their own follow every dated one (by their file's date); with no date at all, last; ties sort by title,
then id, so the order (and a page's bytes) never depends on input order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from briefing.editions.dates import article_date
from briefing.records import Digest

T = TypeVar("T")


@dataclass(frozen=True)
class Story:
    digests: tuple[Digest, ...]


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


def newest_first(
    items: Sequence[T],
    stamp: Callable[[T], float | None],
    name: Callable[[T], str],
    undated: Callable[[T], bool] = lambda _: False,
) -> list[T]:
    """``items`` newest first by ``stamp`` (POSIX seconds; None last), then by ``name``; items that are
    ``undated`` (only a file's date: when it was saved, not written) all come after the dated ones."""

    def key(item: T) -> tuple[bool, float, str]:
        value = stamp(item)
        return (undated(item), -(value if value is not None else float("-inf")), name(item))

    return sorted(items, key=key)


def digest_stamp(digest: Digest) -> float | None:
    when = article_date(digest)
    return when.moment.timestamp() if when else None


def digest_undated(digest: Digest) -> bool:
    """No publication date of its own (a yearless dateline, say): placed by its file's date, after the
    dated ones."""
    when = article_date(digest)
    return when is None or when.kind != "published"


def digest_name(digest: Digest) -> str:
    return f"{(digest.title or '').casefold()}\0{digest.article_id}"


def order_stories(digests: Sequence[Digest]) -> list[Story]:
    """Stories of ``digests`` (grouped by ``same_story_as``), newest first, newest first inside."""
    by_id = {d.article_id: d for d in digests}
    stories = [
        Story(tuple(newest_first([by_id[i] for i in group], digest_stamp, digest_name, digest_undated)))
        for group in same_story_groups(digests)
    ]
    return newest_first(
        stories,
        lambda s: digest_stamp(s.digests[0]),
        lambda s: digest_name(s.digests[0]),
        lambda s: digest_undated(s.digests[0]),
    )
