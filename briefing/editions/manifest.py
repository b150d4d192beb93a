"""The editions written into an output folder: ``DIR/editions.json``, a small list kept in creation order.

An edition is what one run added to the briefing: the digests that were in no earlier edition. The
manifest is the only memory of that (digest files are rewritten by every run), so it is written
atomically by the caller and read leniently: a missing file is an empty history, and an unreadable one
too (the next edition then holds the run's digests again rather than failing the run).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from briefing.records import Digest

MANIFEST_NAME = "editions.json"
MANIFEST_VERSION = 1
EDITION_ID_RE = re.compile(r"^\d{8}-\d{6}-[0-9a-f]{6}$")


@dataclass(frozen=True)
class EditionRecord:
    """One edition: its id (also its file name), when it was made, and its articles in page order."""

    id: str
    created: str  # ISO 8601, UTC
    articles: tuple[str, ...]
    titles: dict[str, str] = field(default_factory=dict)  # article id -> headline (for the archive)
    degraded: int = 0  # how many of its digests were degraded
    # article id -> story thread across editions (briefing.editions.continuity); absent: its own
    threads: dict[str, str] = field(default_factory=dict)
    # articles beyond the edition's cap (edition_max_stories), best first: listed as headlines under "More"
    more: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # cutoff, articles left out as too old, failing sources (editions.staleness)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "created": self.created,
            "articles": list(self.articles),
            "titles": dict(self.titles),
            "degraded": self.degraded,
        }
        if self.threads:
            out["threads"] = dict(self.threads)
        if self.more:
            out["more"] = list(self.more)
        if self.notes:
            out["notes"] = list(self.notes)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EditionRecord:
        return cls(
            id=str(data["id"]),
            created=str(data["created"]),
            articles=tuple(str(a) for a in data.get("articles", ())),
            titles={str(k): str(v) for k, v in dict(data.get("titles", {})).items()},
            degraded=int(data.get("degraded", 0)),
            threads={str(k): str(v) for k, v in dict(data.get("threads", {})).items()},
            more=tuple(str(a) for a in data.get("more", ())),
            notes=tuple(str(n) for n in data.get("notes", ())),
        )

    def created_at(self) -> datetime:
        return datetime.fromisoformat(self.created)


@dataclass(frozen=True)
class Manifest:
    editions: tuple[EditionRecord, ...] = ()

    def seen(self) -> set[str]:
        return {a for e in self.editions for a in (*e.articles, *e.more)}

    def latest(self) -> EditionRecord | None:
        return self.editions[-1] if self.editions else None

    def with_edition(self, edition: EditionRecord) -> Manifest:
        return replace(self, editions=(*self.editions, edition))

    def edition_of(self) -> dict[str, EditionRecord]:
        """Article id -> the first edition that carried it."""
        out: dict[str, EditionRecord] = {}
        for edition in self.editions:
            for article in (*edition.articles, *edition.more):
                out.setdefault(article, edition)
        return out

    def to_json(self) -> str:
        data = {"version": MANIFEST_VERSION, "editions": [e.to_dict() for e in self.editions]}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def manifest_path(out_dir: str | Path) -> Path:
    return Path(out_dir) / MANIFEST_NAME


def read_manifest(out_dir: str | Path) -> Manifest:
    """The folder's editions; an absent or unreadable manifest is an empty one (see the module doc)."""
    try:
        data = json.loads(manifest_path(out_dir).read_text(encoding="utf-8"))
        editions = tuple(EditionRecord.from_dict(e) for e in data["editions"])
    except (OSError, ValueError, KeyError, TypeError):
        return Manifest()
    return Manifest(tuple(e for e in editions if EDITION_ID_RE.match(e.id)))


def new_digests(digests: Iterable[Digest], manifest: Manifest) -> list[Digest]:
    """The digests no earlier edition carried (order kept)."""
    seen = manifest.seen()
    return [d for d in digests if d.article_id not in seen]


def edition_id(created: datetime, article_ids: Sequence[str]) -> str:
    """``20240314-091500-1a2b3c``: creation time (UTC) plus a short hash of its articles, file-name safe."""
    stamp = created.astimezone(UTC) if created.tzinfo else created
    short = hashlib.sha256("\n".join(sorted(article_ids)).encode()).hexdigest()[:6]
    return f"{stamp.strftime('%Y%m%d-%H%M%S')}-{short}"


def new_edition(
    digests: Sequence[Digest],
    created: datetime,
    titles: dict[str, str],
    degraded: int,
    threads: dict[str, str] | None = None,
    more: Sequence[Digest] = (),
) -> EditionRecord:
    ids = tuple(d.article_id for d in digests)
    more_ids = tuple(d.article_id for d in more)
    moment = created.astimezone(UTC) if created.tzinfo else created.replace(tzinfo=UTC)
    return EditionRecord(
        id=edition_id(moment, ids + more_ids),
        created=moment.isoformat(timespec="seconds"),
        articles=ids,
        titles={i: titles[i] for i in ids + more_ids if i in titles},
        degraded=degraded,
        threads={i: threads[i] for i in ids if threads and i in threads},
        more=more_ids,
    )
