"""Cut a backlog into shards: balanced by article length, articles of one source kept together.

A shard is the unit of work a worker takes: its articles are cleaned, summarized and translated
there in batches. Sources are kept whole where they fit so that one worker sees a source's articles
together (a source often reports one story several times); the same-story links of the whole run are
still computed once, after every shard. A source larger than a shard's fair share is cut into pieces
in file order, so one busy feed cannot leave the other workers idle.

Balance is by size in bytes (a cheap, monotone stand-in for the tokens the models read): sources, or
pieces of them, go largest first to the lightest shard (longest-processing-time first).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.run.inputs import ArticleRef

DEFAULT_SHARD_ARTICLES = 10


@dataclass(frozen=True)
class ShardItem:
    """One article of a backlog: its ref, the source it came from and its size in bytes."""

    ref: ArticleRef
    source: str
    size: int


@dataclass(frozen=True)
class Shard:
    index: int
    items: tuple[ShardItem, ...]

    @property
    def refs(self) -> tuple[ArticleRef, ...]:
        return tuple(item.ref for item in self.items)

    @property
    def size(self) -> int:
        return sum(item.size for item in self.items)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(item.source for item in self.items))


def source_of(path: str | Path) -> str:
    """The source of an article file: the folder it is in (a backlog keeps one folder per feed/site)."""
    return str(Path(path).parent)


def backlog_items(refs: Iterable[ArticleRef], source: Callable[[str], str] = source_of) -> list[ShardItem]:
    """Refs with their source and size; a file that vanished since it was hashed counts as size 0."""
    items = []
    for ref in refs:
        try:
            size = Path(ref.path).stat().st_size
        except OSError:
            size = 0
        items.append(ShardItem(ref, source(ref.path), size))
    return items


def shard_count(articles: int, shard_articles: int = DEFAULT_SHARD_ARTICLES) -> int:
    """How many shards for ``articles`` articles at about ``shard_articles`` each (at least one)."""
    if shard_articles < 1:
        raise ValueError(f"shard_articles must be at least 1, not {shard_articles}")
    return max(1, math.ceil(articles / shard_articles))


def plan_shards(items: Sequence[ShardItem], shards: int) -> list[Shard]:
    """``items`` in at most ``shards`` shards, balanced by size, each source whole where it fits.

    Every item is in exactly one shard; empty shards are dropped; within a shard items keep their
    backlog order, and shards are numbered from 0 in the order of their first item.
    """
    if shards < 1:
        raise ValueError(f"shards must be at least 1, not {shards}")
    if not items:
        return []
    order = {id(item): n for n, item in enumerate(items)}
    fair = max(sum(i.size for i in items) / shards, 1)
    per_shard = math.ceil(len(items) / shards)
    bins: list[list[ShardItem]] = [[] for _ in range(shards)]
    loads = [0] * shards
    counts = [0] * shards
    for group in sorted(_groups(items, fair, per_shard), key=_group_weight, reverse=True):
        # Lightest shard first; ties go to the one with fewer articles, then the lower number.
        target = min(range(shards), key=lambda b: (loads[b], counts[b], b))
        bins[target].extend(group)
        loads[target] += sum(i.size for i in group)
        counts[target] += len(group)
    kept = [sorted(b, key=lambda i: order[id(i)]) for b in bins if b]
    kept.sort(key=lambda b: order[id(b[0])])
    return [Shard(n, tuple(b)) for n, b in enumerate(kept)]


def _groups(items: Sequence[ShardItem], fair: float, per_shard: int) -> list[list[ShardItem]]:
    """Items by source in backlog order; a source over a fair share (bytes or articles) cut in pieces."""
    by_source: dict[str, list[ShardItem]] = {}
    for item in items:
        by_source.setdefault(item.source, []).append(item)
    groups: list[list[ShardItem]] = []
    for members in by_source.values():
        piece: list[ShardItem] = []
        for item in members:
            if piece and (sum(i.size for i in piece) + item.size > fair or len(piece) >= per_shard):
                groups.append(piece)
                piece = []
            piece.append(item)
        groups.append(piece)
    return groups


def _group_weight(group: list[ShardItem]) -> tuple[int, int]:
    return sum(i.size for i in group), len(group)
