"""``index.html`` of an output folder: the latest edition (its notes, marks and "More"), the archive of
earlier editions, the feeds offered, and the stale banner. Written by publishing and by a failed run."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.editions.continuity import marks_for
from briefing.editions.manifest import Manifest, read_manifest
from briefing.editions.staleness import RunStatus
from briefing.editions.stories import order_stories
from briefing.editions.topics import Topics, sections_of
from briefing.records import ArticleFailure, Digest
from briefing.run.stored import edition_digests, edition_label, edition_labels, more_headlines
from briefing.settings import Settings

if TYPE_CHECKING:
    from briefing.render.index import ArchiveEdition


def write_front_page(
    out: Path,
    settings: Settings,
    when: datetime,
    status: RunStatus,
    manifest: Manifest | None = None,
    current: Sequence[Digest] = (),
    failures: Sequence[ArticleFailure] = (),
) -> Path:
    """``index.html``: the latest edition (its notes, marks and "More"), the archive, the stale banner."""
    from briefing.render.index import write_index

    manifest = manifest if manifest is not None else read_manifest(out)
    latest = manifest.latest()
    shown = edition_digests(latest, current, out) if latest else list(current)
    return write_index(
        shown,
        failures,
        out,
        generated_at=when,
        edition=(latest.id, edition_label(latest, manifest)) if latest else None,
        archive=archive(manifest),
        feeds=feed_languages(settings),
        marks=marks_for(manifest, latest.id) if latest else None,
        more=more_headlines(latest),
        edition_notes=latest.notes if latest else (),
        sections=edition_sections(shown, settings),
        stale=status.banner(edition_label(latest, manifest) if latest else None),
    )


def archive(manifest: Manifest) -> list[ArchiveEdition]:
    """Earlier editions (all but the latest), newest first."""
    from briefing.render.index import ArchiveEdition

    labels = edition_labels(manifest.editions)
    return [
        ArchiveEdition(
            id=e.id,
            created=labels[e.id],
            count=len(e.articles),
            degraded=e.degraded,
            articles=tuple((a, e.titles.get(a, a)) for a in e.articles),
        )
        for e in reversed(manifest.editions[:-1])
    ]


def feed_languages(settings: Settings) -> list[str]:
    wanted = dict.fromkeys([settings.briefing_language, *settings.target_languages])
    return [lang for lang in wanted if re.fullmatch(r"[a-z]{2,3}", lang)]  # codes become file names


def edition_sections(digests: Sequence[Digest], settings: Settings) -> list[tuple[str, set[str]]]:
    """(section name, article ids) in the settings' order; empty without ``edition_sections``."""
    if not settings.edition_sections:
        return []
    groups = sections_of(order_stories(digests), settings.edition_sections)
    return [(name, {d.article_id for s in stories for d in s.digests}) for name, stories in groups]


def edition_topics(settings: Settings) -> Topics:
    return Topics(settings.mute_keywords, settings.boost_keywords, settings.edition_max_stories)
