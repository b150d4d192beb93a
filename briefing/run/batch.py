"""The whole ``briefing run`` without Prefect (tests, benchmarks): the flow in ``flows/briefing.py`` runs the
same steps as tasks so each article's stages can be cached and shown in the UI."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from briefing.langid import release_models
from briefing.locks import run_lock
from briefing.records import ArticleFailure, Digest
from briefing.run.inputs import Duplicate, clean_article, expand_inputs, read_inputs, skipped_inputs
from briefing.run.report import write_digests, write_run_index
from briefing.run.stages import discuss_batch, link_or_keep, run_isolated, summarize_batch, translate_batch
from briefing.settings import Settings


@dataclass(frozen=True)
class BatchResult:
    """What a run produced: digests (degraded ones included), failures, files written."""

    digests: tuple[Digest, ...]
    failures: tuple[ArticleFailure, ...]
    files: dict[str, dict[str, Path]] = field(default_factory=dict)
    index: Path | None = None
    duplicates: tuple[Duplicate, ...] = ()  # inputs left out: the same file or bytes as an earlier one
    skipped: tuple[str, ...] = ()  # "skipped report.pdf in inbox/: not an article (...)" lines
    email: tuple[str, ...] = ()  # one line per edition message still owed after a failed send

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0


def run_batch(
    paths: Iterable[str | Path] | None,
    settings: Settings,
    out_dir: str | Path | None = None,
    generated_at: datetime | None = None,
    sources: Iterable[str] | None = None,
    reprocess: bool = False,
) -> BatchResult:
    """The whole run without Prefect: fetch sources, clean, summarize, translate, discuss, link, write,
    record."""
    from briefing.sources import session

    out = Path(out_dir) if out_dir is not None else settings.output_dir
    plan = session.plan_inputs([str(p) for p in paths or []], list(sources or []), settings)
    # As the flow: the same file named twice, or the same bytes in two files, is one article.
    read = read_inputs(expand_inputs(plan.paths) if plan.paths else [], settings.max_input_bytes)
    failures: list[ArticleFailure] = [*read.failures, *plan.bad]
    cleaned: list[Digest] = []
    for ref in read.refs:
        result = clean_article(ref.path, settings)
        (failures if isinstance(result, ArticleFailure) else cleaned).append(result)
    # A run using the state database holds its data folder's run lock from fetching to recording.
    lock = (
        run_lock(settings.data_dir, logging.getLogger(__name__).warning) if plan.uses_state else _no_context()
    )
    with lock, session.fetch_context(settings) if plan.uses_state else _no_context() as ctx:
        from_sources = session.clean_sources(ctx, plan.sources, settings, reprocess, failures)
        cleaned += [d for _, d in from_sources]
        release_models()  # lingua's models (~200 MB) are not needed past cleaning: lower the generation peak
        linked = _model_stages(cleaned, settings, failures)
        files = write_digests(linked, out, settings)
        index = write_run_index(linked, failures, out, generated_at, settings)
        if ctx is not None:
            session.record_digested(
                ctx.db, uuid.uuid4().hex, [(a, d.article_id) for a, d in from_sources], linked
            )
    skipped = tuple(skipped_inputs(plan.local_locations))
    from briefing.run.mail import unsent_lines

    email = tuple(unsent_lines(settings))
    return BatchResult(tuple(linked), tuple(failures), files, index, tuple(read.duplicates), skipped, email)


@contextmanager
def _no_context() -> Iterator[None]:
    yield None


def _model_stages(cleaned: list[Digest], settings: Settings, failures: list[ArticleFailure]) -> list[Digest]:
    summarized, failed = run_isolated("summarize", summarize_batch, cleaned, settings)
    failures += failed
    translated, failed = run_isolated("translate", translate_batch, summarized, settings)
    failures += failed
    return link_or_keep(discuss_batch(translated, settings))
