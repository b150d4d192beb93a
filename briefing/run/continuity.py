"""Continuity when an edition is made: the threads of its stories (from the editions of the last week, their
digests read back from ``digests/*.json``) and the timeline pages of its continuing stories."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from briefing.editions.continuity import (
    Embedder,
    assign_threads,
    marks_for,
    thread_of,
    timeline,
    window_editions,
)
from briefing.editions.manifest import EditionRecord, Manifest
from briefing.editions.stories import order_stories
from briefing.records import Digest
from briefing.run.stored import load_digest


def edition_threads(
    ordered: Sequence[Digest],
    manifest: Manifest,
    out_dir: Path,
    when: datetime,
    embed: Embedder | None = None,
) -> dict[str, str]:
    """Article id -> thread for a new edition's digests (``manifest``: the editions before it)."""
    from briefing.same_story import DEFAULT_THRESHOLD, embed_texts

    earlier: list[tuple[str, Digest]] = []
    for edition in window_editions(manifest, when):
        for article in edition.articles:
            digest = load_digest(out_dir / "digests" / f"{article}.json")
            if digest is not None:
                earlier.append((thread_of(edition, article), digest))
    return assign_threads(order_stories(ordered), earlier, embed or embed_texts, DEFAULT_THRESHOLD)


def write_timelines(
    out_dir: Path, manifest: Manifest, record: EditionRecord, current: Sequence[Digest]
) -> dict[str, Path]:
    """Timeline pages of ``record``'s continuing stories (rewritten: each gains this edition)."""
    from briefing.render.timeline import write_timeline

    by_id = {d.article_id: d for d in current}
    written = {}
    for thread in sorted({m.thread for m in marks_for(manifest, record.id).values() if m.continuing}):
        items = timeline(manifest, thread)
        digests = {}
        for item in items:
            found = by_id.get(item.article_id) or load_digest(out_dir / "digests" / f"{item.article_id}.json")
            if found is not None:
                digests[item.article_id] = found
        written[thread] = write_timeline(out_dir, thread, items, digests)
    return written
