"""A run's sources, end to end but for the model stages: which inputs are sources, the shared fetch
context, and recording what was digested once its files are written.

PATH arguments (``briefing run PATH``, the flow's ``paths``) that are local files or folders are digested as
they are on every run, as before sources existed (their stage results are cached, so that is cheap). URLs and
OPML files among them, and the configured ``sources`` (with the feeds ``briefing sources import`` added) when
no PATH is given, are incremental: only what is new or changed since the last run is digested.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import one_line
from briefing.records import ArticleFailure, Digest
from briefing.settings import Settings
from briefing.sources.articles import blob_root
from briefing.sources.context import FetchContext
from briefing.sources.fetch import SourceArticle, SourceResult, failed_result, fetch_source
from briefing.sources.http import Fetcher
from briefing.sources.spec import OPML_SUFFIXES, SourceSpec, SpecError, is_url, parse_source
from briefing.sources.state import StateDB, host_backoffs, open_state, save_host_backoffs
from briefing.sources.store import BlobStore


@dataclass(frozen=True)
class InputPlan:
    """Local PATH arguments digested as they are, and incremental sources (parsed, or failed to parse)."""

    paths: tuple[str, ...]
    sources: tuple[SourceSpec, ...]
    bad: tuple[ArticleFailure, ...] = ()
    configured: bool = False  # the configured sources (not ones given for this run only)

    @property
    def uses_state(self) -> bool:
        return bool(self.sources)

    @property
    def local_locations(self) -> tuple[str, ...]:
        """The local files and folders read: PATH arguments and source folders (for the "skipped" lines)."""
        return (*self.paths, *(s.location for s in self.sources if s.kind == "folder"))


def plan_inputs(paths: Sequence[str] | None, sources: Sequence[str] | None, settings: Settings) -> InputPlan:
    """Split a run's inputs: ``sources`` (the flow parameter) wins over the ``sources`` setting; PATH
    arguments that are URLs or OPML files become sources; with no PATH and no sources, the configured
    sources run."""
    given = [p for p in (paths or []) if str(p).strip()]
    local = tuple(p for p in given if not _is_source(p))
    specs = [p for p in given if _is_source(p)] + list(sources or [])
    configured = not given and not sources
    if configured:
        specs = _configured(settings)
    parsed: list[SourceSpec] = []
    bad: list[ArticleFailure] = []
    for text in dict.fromkeys(specs):
        try:
            parsed.append(parse_source(text))
        except SpecError as err:
            bad.append(ArticleFailure(text, str(err)))
    return InputPlan(local, tuple(parsed), tuple(bad), configured)


def _is_source(text: str) -> bool:
    """URLs and OPML lists among PATH arguments are sources; other paths are digested as they are."""
    return is_url(text) or text.lower().endswith(OPML_SUFFIXES)


def _configured(settings: Settings) -> list[str]:
    """The sources setting and the imported feeds, less those removed or disabled."""
    from briefing.sources.standing import switched_off

    path = Path(settings.data_dir) / "state.sqlite3"
    if not path.exists():
        return list(settings.sources)
    db = open_state(Path(settings.data_dir))
    try:
        off = switched_off(db)
        return [s for s in [*settings.sources, *db.imported_sources()] if s not in off]
    finally:
        db.close()


def run_history(settings: Settings) -> tuple[str | None, int]:
    """``StateDB.history`` before this run records anything ((None, 0) with no state database yet)."""
    if not (Path(settings.data_dir) / "state.sqlite3").exists():
        return None, 0
    db = open_state(Path(settings.data_dir))
    try:
        return db.history()
    finally:
        db.close()


@contextmanager
def fetch_context(settings: Settings) -> Iterator[FetchContext]:
    """The state database, blob store and polite HTTP client of one run (closed at the end)."""
    db = open_state(Path(settings.data_dir))
    try:
        with Fetcher(settings) as fetcher:
            fetcher.gate.remember(host_backoffs(db))
            try:
                yield FetchContext(settings, db, BlobStore(blob_root(settings)), fetcher)
            finally:
                save_host_backoffs(db, fetcher.gate.backoffs())
    finally:
        db.close()


def unique_articles(results: Iterable[SourceResult]) -> list[SourceArticle]:
    """Every pending article once: the same story from two sources is digested once (and linked)."""
    seen: dict[str, SourceArticle] = {}
    for result in results:
        for article in result.articles:
            seen.setdefault(article.entry.story, article)
    return list(seen.values())


def source_failures(results: Iterable[SourceResult]) -> list[ArticleFailure]:
    return [ArticleFailure(what, reason, r.failed_stage) for r in results for what, reason in r.failures]


def fetch_all(ctx: FetchContext, specs: Iterable[SourceSpec], reprocess: bool = False) -> list[SourceResult]:
    """Every source in turn (a bad one never stops the others, even by an error nobody foresaw)."""
    results = []
    for spec in specs:
        try:
            results.append(fetch_source(spec, ctx, reprocess))
        except Exception as err:  # a bug or a library failure: this source fails, in one line
            reason = one_line(err)
            results.append(failed_result(spec, f"fetch failed: {reason}", ctx, reprocess, "fetch"))
    return results


def fetch_parallel(
    settings: Settings,
    specs: Sequence[SourceSpec],
    reprocess: bool = False,
    on_done: Callable[[SourceResult], None] | None = None,
) -> list[SourceResult]:
    """Every source, ``fetch_parallel`` at a time, each with its own context (database connection and
    client; the per-host gate is shared by the process, so politeness holds across them); results in the
    order of ``specs``, ``on_done`` told as each one finishes (progress)."""

    def one(spec: SourceSpec) -> SourceResult:
        with fetch_context(settings) as ctx:
            return fetch_all(ctx, [spec], reprocess)[0]

    with ThreadPoolExecutor(max_workers=settings.fetch_parallel) as pool:
        futures = [pool.submit(one, spec) for spec in specs]
        for future in as_completed(futures):
            if on_done is not None:
                on_done(future.result())
        return [future.result() for future in futures]


def record_digested(
    db: StateDB, run_id: str, cleaned: Iterable[tuple[SourceArticle, str]], written: Iterable[Digest]
) -> int:
    """Mark the articles whose digest was written as digested by ``run_id`` (one transaction).

    ``cleaned`` pairs each article with the id its cleaned digest got; articles that failed a later stage
    have no written digest and stay pending."""
    ids = {d.article_id for d in written}
    done = [(article.entry, article_id) for article, article_id in cleaned if article_id in ids]
    db.start_run(run_id)
    db.mark_digested(run_id, done)
    db.finish_run(run_id)
    return len(done)
