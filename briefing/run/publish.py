"""A run's reader-facing outputs after its digest files: the edition, the front page and the feeds.

- edition: the run's digests that no earlier edition carried (``editions.json`` remembers them), written
  as ``editions/<id>.html`` and ``.md``; a run with nothing new writes no edition.
- ``index.html``: the latest edition, this run's failures, and the archive of earlier editions.
- ``feeds/<lang>.xml`` (Atom) and ``feeds/<lang>.json`` (JSON Feed 1.1) for the briefing language and
  every target language, rebuilt from the stored digests (``digests/*.json``), newest entries first.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from briefing.editions.continuity import first_marks, marks_for
from briefing.editions.dates import article_date, parse_published
from briefing.editions.feeds import EPOCH, FeedInfo, atom_feed, feed_item, json_feed, marked, one_per_entry
from briefing.editions.manifest import (
    EditionRecord,
    Manifest,
    manifest_path,
    new_digests,
    new_edition,
    read_manifest,
)
from briefing.editions.staleness import (
    STATUS_NAME,
    RunStatus,
    edition_notes,
    split_by_age,
)
from briefing.editions.stories import order_stories
from briefing.editions.topics import Topics, bounded, is_muted, without_muted
from briefing.io import atomic_write_bytes, atomic_write_text
from briefing.languages import language_name
from briefing.locks import output_lock
from briefing.records import ArticleFailure, Digest
from briefing.run import unchanged
from briefing.run.continuity import edition_threads, write_timelines
from briefing.run.front_page import edition_sections, edition_topics, feed_languages, write_front_page
from briefing.run.mail import MailResult, mail_after_edition
from briefing.run.staleness import failing_source_notes
from briefing.run.stamps import edition_stamp, feeds_stamp
from briefing.run.stored import edition_digests, edition_label, more_headlines, stored_digests
from briefing.settings import Settings

log = logging.getLogger(__name__)
# Beside ``feeds/`` and ``editions/``: what the feeds and the latest edition were rendered from and how their
# files looked (briefing.run.unchanged).
FEEDS_RENDERED = ".feed-files.json"
EDITIONS_RENDERED = ".edition-files.json"


@dataclass(frozen=True)
class Published:
    index: Path
    edition: dict[str, Path] = field(default_factory=dict)  # {"html"|"md": path}; empty: nothing new
    feeds: dict[str, dict[str, Path]] = field(default_factory=dict)  # language -> {"atom"|"json": path}
    mail: tuple[MailResult, ...] = ()  # messages sent or tried by this run (briefing.run.mail)


def publish_run(
    digests: Sequence[Digest],
    failures: Sequence[ArticleFailure],
    out_dir: str | Path,
    settings: Settings | None = None,
    generated_at: datetime | None = None,
) -> Published:
    """Edition (when anything is new), front page and feeds for a run whose digest files are written;
    under the output folder's lock: two runs publishing at once would both extend the same manifest."""
    with output_lock(out_dir, log.info):
        return _publish(digests, failures, out_dir, settings, generated_at)


def _publish(
    digests: Sequence[Digest],
    failures: Sequence[ArticleFailure],
    out_dir: str | Path,
    settings: Settings | None = None,
    generated_at: datetime | None = None,
) -> Published:
    settings = settings or Settings()
    out = Path(out_dir)
    when = generated_at or datetime.now(UTC)
    manifest = read_manifest(out)
    topics = edition_topics(settings)
    visible, _muted = without_muted(digests, topics)  # a muted article reaches no page, feed or email
    visible, too_old = split_by_age(visible, when, settings.max_article_age_days)
    fresh = new_digests(visible, manifest)
    edition_files: dict[str, Path] = {}
    record: EditionRecord | None = None
    if fresh:
        left_out = len(new_digests(too_old, manifest))
        notes = edition_notes(when, settings.max_article_age_days, left_out, failing_source_notes(settings))
        record, edition_files = write_edition(fresh, failures, out, manifest, topics, when, notes, settings)
        manifest = manifest.with_edition(record)
        atomic_write_text(manifest_path(out), manifest.to_json())
    elif (previous := manifest.latest()) and {d.article_id for d in visible} & set(previous.articles):
        # Its digests were made again (a rerun after models were installed, --reprocess): the front page
        # shows them, so "Latest edition" must open the same, not the page of the first run.
        shown = edition_digests(previous, visible, out)
        write_edition_files(previous, shown, [], out, manifest, when, settings, keep_unchanged=True)
    (out / STATUS_NAME).unlink(missing_ok=True)  # this run published: the briefing is not stale
    index = write_front_page(out, settings, when, RunStatus(), manifest, visible, failures)
    feeds = write_feeds(out, settings, manifest)
    # Last: a message that cannot be sent leaves every file above as it is (and stays owed for the next run).
    mail = mail_after_edition(out, settings, manifest, record, list(visible), when)
    return Published(index, edition_files, feeds, tuple(mail))


def write_edition(
    fresh: Sequence[Digest],
    failures: Sequence[ArticleFailure],
    out: Path,
    manifest: Manifest,
    topics: Topics,
    when: datetime,
    notes: Sequence[str] = (),
    settings: Settings | None = None,
) -> tuple[EditionRecord, dict[str, Path]]:
    """The new edition's record (not yet in ``manifest``), its pages and its stories' timelines."""
    from briefing.render.flags import digest_status
    from briefing.render.index import index_entries
    from briefing.render.view import story_titles

    kept, more_stories = bounded(order_stories(fresh), topics)
    kept_digests = [d for story in kept for d in story.digests]
    more = [d for story in more_stories for d in story.digests]
    order = [e.article_id for e in index_entries(kept_digests, []) if e.article_id]
    by_id = {d.article_id: d for d in kept_digests}
    ordered = [by_id[i] for i in order if i in by_id]
    degraded = sum(digest_status(d) == "degraded" for d in ordered)
    threads = edition_threads(ordered, manifest, out, when)
    titles = story_titles([*ordered, *more])
    record = replace(new_edition(ordered, when, titles, degraded, threads, more), notes=tuple(notes))
    with_record = manifest.with_edition(record)
    write_timelines(out, with_record, record, ordered)
    files = write_edition_files(record, ordered, failures, out, with_record, when, settings or Settings())
    return record, files


def write_edition_files(
    record: EditionRecord,
    ordered: Sequence[Digest],
    failures: Sequence[ArticleFailure],
    out: Path,
    manifest: Manifest,
    when: datetime,
    settings: Settings,
    *,
    keep_unchanged: bool = False,
) -> dict[str, Path]:
    """An edition's page and Markdown (``manifest`` holds ``record``): for a new edition, and again for the
    latest one when a rerun remade its digests. With ``keep_unchanged``, files rendered from the same inputs
    and unchanged since are left as they are (their times stay those of the run that wrote them)."""
    from briefing.render.edition import edition_markdown
    from briefing.render.index import write_edition_page

    paths = {kind: out / "editions" / f"{record.id}.{kind}" for kind in ("html", "md")}
    stamp = edition_stamp(record, ordered, failures, manifest, settings)
    if keep_unchanged:
        known = unchanged.read_records(out / EDITIONS_RENDERED).get(record.id)
        if unchanged.unchanged(known, stamp, paths):
            return paths
    label = edition_label(record, manifest)
    marks = marks_for(manifest, record.id)
    written = {
        "html": write_edition_page(
            ordered,
            failures,
            out,
            (record.id, label),
            generated_at=when,
            marks=marks,
            more=more_headlines(record),
            edition_notes=record.notes,
            sections=edition_sections(ordered, settings),
        ),
        "md": atomic_write_text(
            out / "editions" / f"{record.id}.md",
            edition_markdown(
                ordered,
                failures,
                label,
                marks=marks,
                more=more_headlines(record),
                notes=record.notes,
                generated_at=when,
            ),
        ),
    }
    # Only the latest edition is ever rendered again: its record is the one kept.
    unchanged.write_records(out / EDITIONS_RENDERED, {record.id: unchanged.record(stamp, written)})
    return written


def write_feeds(out_dir: Path, settings: Settings, manifest: Manifest) -> dict[str, dict[str, Path]]:
    """``feeds/<lang>.xml`` and ``.json`` for every reader language, from the stored digests; left as they
    are when rendered from the same inputs and unchanged since (a rerun over unchanged inputs)."""
    feeds = out_dir / "feeds"
    languages = feed_languages(settings)
    paths = {lang: {"atom": feeds / f"{lang}.xml", "json": feeds / f"{lang}.json"} for lang in languages}
    files = {f"{language}.{kind}": path for language, kinds in paths.items() for kind, path in kinds.items()}
    stamp = feeds_stamp(out_dir, settings, manifest)
    if unchanged.unchanged(unchanged.read_records(out_dir / FEEDS_RENDERED).get("feeds"), stamp, files):
        return paths
    written = _render_feeds(out_dir, settings, manifest)
    unchanged.write_records(out_dir / FEEDS_RENDERED, {"feeds": unchanged.record(stamp, files)})
    return written


def _render_feeds(out_dir: Path, settings: Settings, manifest: Manifest) -> dict[str, dict[str, Path]]:
    from briefing.render.marks import MARK_LABELS
    from briefing.render.view import display_title

    first_seen = {a: e.created_at() for a, e in manifest.edition_of().items()}
    marks = first_marks(manifest)
    topics = edition_topics(settings)
    digests = [d for d in stored_digests(out_dir) if not is_muted(d, topics)]
    now = read_manifest(out_dir).latest()
    if now is not None:  # too old for the latest edition: too old for the feeds
        digests = split_by_age(digests, now.created_at(), settings.max_article_age_days)[0]

    def updated(d: Digest) -> datetime:
        when = article_date(d)
        return first_seen.get(d.article_id) or (when.moment if when else EPOCH)

    digests.sort(key=lambda d: (updated(d), d.article_id), reverse=True)
    digests = one_per_entry(digests)  # an updated article: its newest digest only
    digests = digests[: max(settings.feed_max_entries, 0)]
    base = settings.feed_base_url.rstrip("/") or out_dir.resolve().as_uri()
    written: dict[str, dict[str, Path]] = {}
    for language in feed_languages(settings):
        items = []
        for d in digests:
            published = parse_published(d.published)
            url = f"{base}/digests/{d.article_id}.html"
            moment = published.moment if published else None
            item = feed_item(d, language, url, display_title(d)[0], updated(d), moment)
            mark = marks.get(d.article_id)
            if mark is not None and mark.continuing:
                item = marked(item, MARK_LABELS[mark.kind], mark.first_reported_text(updated(d)))
            items.append(item)
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
