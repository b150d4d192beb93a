"""A run's reader-facing outputs after its digest files: the edition, the front page and the feeds.

- edition: the run's digests that no earlier edition carried (``editions.json`` remembers them), written
  as ``editions/<id>.html`` and ``.md``; a run with nothing new writes no edition.
- ``index.html``: the latest edition, this run's failures, and the archive of earlier editions.
- ``feeds/<lang>.xml`` (Atom) and ``feeds/<lang>.json`` (JSON Feed 1.1) for the briefing language and
  every target language, rebuilt from the stored digests (``digests/*.json``), newest entries first.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.editions.dates import article_date, parse_published
from briefing.editions.feeds import EPOCH, FeedInfo, atom_feed, feed_item, json_feed
from briefing.editions.manifest import (
    EditionRecord,
    Manifest,
    manifest_path,
    new_digests,
    new_edition,
    read_manifest,
)
from briefing.io import atomic_write_bytes, atomic_write_text
from briefing.records import ArticleFailure, Digest
from briefing.settings import Settings

if TYPE_CHECKING:
    from briefing.render.index import ArchiveEdition

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Published:
    index: Path
    edition: dict[str, Path] = field(default_factory=dict)  # {"html"|"md": path}; empty: nothing new
    feeds: dict[str, dict[str, Path]] = field(default_factory=dict)  # language -> {"atom"|"json": path}


def publish_run(
    digests: Sequence[Digest],
    failures: Sequence[ArticleFailure],
    out_dir: str | Path,
    settings: Settings | None = None,
    generated_at: datetime | None = None,
) -> Published:
    """Edition (when anything is new), front page and feeds for a run whose digest files are written."""
    from briefing.render.edition import edition_markdown
    from briefing.render.flags import digest_status
    from briefing.render.index import index_entries, write_edition_page, write_index
    from briefing.render.view import story_titles

    settings = settings or Settings()
    out = Path(out_dir)
    when = generated_at or datetime.now(UTC)
    manifest = read_manifest(out)
    fresh = new_digests(digests, manifest)
    edition_files: dict[str, Path] = {}
    if fresh:
        order = [e.article_id for e in index_entries(fresh, []) if e.article_id]
        by_id = {d.article_id: d for d in fresh}
        ordered = [by_id[i] for i in order if i in by_id]
        degraded = sum(digest_status(d) == "degraded" for d in ordered)
        record = new_edition(ordered, when, story_titles(ordered), degraded)
        label = edition_label(record, manifest.with_edition(record))
        edition_files["html"] = write_edition_page(
            ordered, failures, out, (record.id, label), generated_at=when
        )
        edition_files["md"] = atomic_write_text(
            out / "editions" / f"{record.id}.md", edition_markdown(ordered, failures, label)
        )
        manifest = manifest.with_edition(record)
        atomic_write_text(manifest_path(out), manifest.to_json())
    elif (previous := manifest.latest()) and {d.article_id for d in digests} & set(previous.articles):
        # Its digests were made again (a rerun after models were installed, --reprocess): the front page
        # shows them, so "Latest edition" must open the same, not the page of the first run.
        _rewrite_edition(previous, digests, out, manifest, when)  # not a new edition: not in Published
    latest = manifest.latest()
    shown = _edition_digests(latest, digests, out) if latest else list(digests)
    index = write_index(
        shown,
        failures,
        out,
        generated_at=when,
        edition=(latest.id, edition_label(latest, manifest)) if latest else None,
        archive=archive(manifest),
        feeds=feed_languages(settings),
    )
    return Published(index, edition_files, write_feeds(out, settings, manifest))


def _rewrite_edition(
    record: EditionRecord, digests: Sequence[Digest], out: Path, manifest: Manifest, when: datetime
) -> dict[str, Path]:
    from briefing.render.edition import edition_markdown
    from briefing.render.index import write_edition_page

    shown = _edition_digests(record, digests, out)
    label = edition_label(record, manifest)
    return {
        "html": write_edition_page(shown, [], out, (record.id, label), generated_at=when),
        "md": atomic_write_text(out / "editions" / f"{record.id}.md", edition_markdown(shown, [], label)),
    }


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


def load_digest(path: Path) -> Digest | None:
    try:
        return Digest.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as err:
        log.warning("skipping stored digest %s: %s", path, type(err).__name__)
        return None


def stored_digests(out_dir: Path) -> list[Digest]:
    found = (load_digest(p) for p in sorted((out_dir / "digests").glob("*.json")))
    return [d for d in found if d is not None]


def _edition_digests(record: EditionRecord, current: Sequence[Digest], out_dir: Path) -> list[Digest]:
    """The latest edition's digests: this run's in memory, the others from their stored JSON."""
    by_id = {d.article_id: d for d in current}
    out: list[Digest] = []
    for article in record.articles:
        digest = by_id.get(article) or load_digest(out_dir / "digests" / f"{article}.json")
        if digest is not None:
            out.append(digest)
    return out


def feed_languages(settings: Settings) -> list[str]:
    wanted = dict.fromkeys([settings.briefing_language, *settings.target_languages])
    return [lang for lang in wanted if re.fullmatch(r"[a-z]{2,3}", lang)]  # codes become file names


def write_feeds(out_dir: Path, settings: Settings, manifest: Manifest) -> dict[str, dict[str, Path]]:
    """``feeds/<lang>.xml`` and ``.json`` for every reader language, from the stored digests."""
    from briefing.render.view import display_title, language_name

    first_seen = {a: e.created_at() for a, e in manifest.edition_of().items()}
    digests = stored_digests(out_dir)

    def updated(d: Digest) -> datetime:
        when = article_date(d)
        return first_seen.get(d.article_id) or (when.moment if when else EPOCH)

    digests.sort(key=lambda d: (updated(d), d.article_id), reverse=True)
    digests = digests[: max(settings.feed_max_entries, 0)]
    base = settings.feed_base_url.rstrip("/") or out_dir.resolve().as_uri()
    written: dict[str, dict[str, Path]] = {}
    for language in feed_languages(settings):
        items = []
        for d in digests:
            published = parse_published(d.published)
            url = f"{base}/digests/{d.article_id}.html"
            moment = published.moment if published else None
            items.append(feed_item(d, language, url, display_title(d)[0], updated(d), moment))
        info = FeedInfo(
            language=language,
            title=f"Briefing ({language_name(language)})",
            home_url=f"{base}/index.html",
            self_url=f"{base}/feeds/{language}.xml",
        )
        json_info = FeedInfo(info.language, info.title, info.home_url, f"{base}/feeds/{language}.json")
        written[language] = {
            "atom": atomic_write_bytes(out_dir / "feeds" / f"{language}.xml", atom_feed(info, items)),
            "json": atomic_write_text(out_dir / "feeds" / f"{language}.json", json_feed(json_info, items)),
        }
    return written
