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
from briefing.same_story import story_text


def edition_threads(
    ordered: Sequence[Digest],
    manifest: Manifest,
    out_dir: Path,
    when: datetime,
    embed: Embedder | None = None,
) -> dict[str, str]:
    """Article id -> thread for a new edition's digests (``manifest``: the editions before it).

    The story vectors of earlier editions' digests come from the output folder, today's from the run's
    same-story links (``briefing.story_vectors``): only texts never embedded are embedded now."""
    from briefing.same_story import DEFAULT_THRESHOLD
    from briefing.story_vectors import StoredVectors

    earlier: list[tuple[str, Digest]] = []
    for edition in window_editions(manifest, when):
        for article in edition.articles:
            digest = load_digest(out_dir / "digests" / f"{article}.json")
            if digest is not None:
                earlier.append((thread_of(edition, article), digest))
    if embed is not None:
        return assign_threads(order_stories(ordered), earlier, embed, DEFAULT_THRESHOLD)
    vectors = StoredVectors.read(out_dir)
    threads = assign_threads(order_stories(ordered), earlier, vectors.embed, DEFAULT_THRESHOLD)
    # Today's too, for tomorrow's edition: those embedded already (by continuity, or by the run's same-story
    # links); a text not embedded yet (a one-article run with no earlier edition) is embedded tomorrow.
    vectors.keep([story_text(d) for d in ordered])
    vectors.save(out_dir)
    return threads


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
