"""An output folder as earlier runs left it: digests read back from ``digests/*.json`` and the labels and
headlines of recorded editions. Read by publishing, continuity, the front page and email alike."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import UTC
from pathlib import Path

from briefing.editions.manifest import EditionRecord, Manifest
from briefing.records import Digest

log = logging.getLogger(__name__)


def load_digest(path: Path) -> Digest | None:
    try:
        return Digest.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as err:
        log.warning("skipping stored digest %s: %s", path, type(err).__name__)
        return None


def stored_digests(out_dir: Path) -> list[Digest]:
    found = (load_digest(p) for p in sorted((out_dir / "digests").glob("*.json")))
    return [d for d in found if d is not None]


def edition_digests(record: EditionRecord, current: Sequence[Digest], out_dir: Path) -> list[Digest]:
    """The latest edition's digests: this run's in memory, the others from their stored JSON."""
    by_id = {d.article_id: d for d in current}
    out: list[Digest] = []
    for article in record.articles:
        digest = by_id.get(article) or load_digest(out_dir / "digests" / f"{article}.json")
        if digest is not None:
            out.append(digest)
    return out


def more_headlines(record: EditionRecord | None) -> list[tuple[str, str]]:
    """(article id, headline) of the stories beyond the edition's cap, best first."""
    return [(a, record.titles.get(a, a)) for a in record.more] if record else []


def edition_label(record: EditionRecord, manifest: Manifest | None = None) -> str:
    """``2024-03-14 09:15 UTC``, unique among ``manifest``'s editions (which hold ``record``)."""
    if manifest is not None and record.id in {e.id for e in manifest.editions}:
        return edition_labels(manifest.editions)[record.id]
    return record.created_at().astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def edition_labels(editions: Sequence[EditionRecord]) -> dict[str, str]:
    """Edition id -> label, in creation order: an edition made in the same minute as an earlier one gets its
    seconds too, and one made in the same second a number, so two editions never read the same."""
    labels: dict[str, str] = {}
    for edition in editions:
        when = edition.created_at().astimezone(UTC)
        label = when.strftime("%Y-%m-%d %H:%M UTC")
        if label in labels.values():
            base = label = when.strftime("%Y-%m-%d %H:%M:%S UTC")
            number = 1
            while label in labels.values():
                number += 1
                label = f"{base} ({number})"
        labels[edition.id] = label
    return labels
