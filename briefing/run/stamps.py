"""What a rerun compares before rendering a feed or the latest edition again (``briefing.run.unchanged``):
a hash of everything the output is rendered from, the run's time aside."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from briefing.editions.manifest import EditionRecord, Manifest
from briefing.records import ArticleFailure, Digest
from briefing.run.front_page import feed_languages
from briefing.run.keys import cache_key, code_stamp
from briefing.settings import Settings

# The code that renders editions and feeds: a change to it renders them again.
RENDERING_CODE = ("briefing.editions", "briefing.render", "briefing.run", "briefing.records")


def feeds_stamp(out_dir: Path, settings: Settings, manifest: Manifest) -> str:
    """What the feeds are made of: the stored digests' bytes, the editions, the settings they read and the
    code that renders them (feeds carry no time of their own: a rerun never changes them)."""
    stored = [
        (path.name, hashlib.sha256(path.read_bytes()).hexdigest())
        for path in sorted((out_dir / "digests").glob("*.json"))
    ]
    return cache_key(
        "feeds",
        stored,
        manifest.to_json(),
        feed_languages(settings),
        settings.feed_base_url or out_dir.resolve().as_uri(),
        settings.feed_max_entries,
        settings.max_article_age_days,
        settings.mute_keywords,
        code_stamp(*RENDERING_CODE),
    )


def edition_stamp(
    record: EditionRecord,
    ordered: Sequence[Digest],
    failures: Sequence[ArticleFailure],
    manifest: Manifest,
    settings: Settings,
) -> str:
    """What an edition's files are rendered from, but the run's time."""
    return cache_key(
        "edition",
        record.id,
        [d.to_dict() for d in ordered],
        [(f.path, f.reason) for f in failures],
        manifest.to_json(),
        settings.briefing_language,
        list(settings.reader_languages),
        settings.edition_sections,
        code_stamp(*RENDERING_CODE),
    )
