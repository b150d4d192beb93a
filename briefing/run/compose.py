"""One composition of a run, for every way of running it: the briefing flow, the backlog's shards, and the
runs without Prefect of the tests and the bench (``briefing.run.batch``).

:func:`compose_run` reads the inputs (size limit, duplicates left out), fetches the sources, takes every
article through cleaning and the model stages (:func:`article_stages`), links same-story articles, writes the
outputs and records what the sources' articles became. *How* each step runs belongs to a
:class:`StageRunner`: plain calls (``briefing.run.batch.PlainRunner``), Prefect tasks with per-article
caching and a progress artifact (``flows/wiring.py``), or shards on Dask workers (``flows/scale.py``). What
happens when a batch or an article fails is :func:`briefing.run.stages.isolate`'s, for all of them.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from briefing.io import STALE_TEMP_AGE_S, sweep_temp_files
from briefing.locks import run_lock
from briefing.records import ArticleFailure, Digest
from briefing.run.inputs import (
    ArticleRef,
    default_input_paths,
    expand_backlog,
    expand_inputs,
    read_inputs,
    skipped_inputs,
)
from briefing.run.result import RunResult
from briefing.settings import Settings
from briefing.sources import session
from briefing.sources.fetch import SourceArticle, SourceResult
from briefing.sources.spec import SourceSpec

# The model stages, in order; each takes and gives keyed digests.
MODEL_STAGES = ("summarize", "translate", "discuss")

# A digest and its runner's cache key for the stage it came out of ("" for a runner that keeps none).
Keyed = tuple[str, Digest]
# A fetched article cleaned: its key, the article (recorded as digested once written) and its digest.
KeyedArticle = tuple[str, SourceArticle, Digest]


@dataclass(frozen=True)
class RunRequest:
    """What to digest: PATH arguments and sources (``briefing run``), or a backlog's folders."""

    paths: Sequence[str | Path] = ()
    sources: Sequence[str] = ()
    reprocess: bool = False  # digest every article of the sources again, not only the new ones
    generated_at: datetime | None = None  # the edition's time (now when None)
    out_dir: str | Path | None = None  # where the outputs go (the settings' output folder when None)
    backlog: bool = False  # paths are a backlog: one folder per source, read one level down; no sources

    def plan(self, settings: Settings) -> session.InputPlan:
        if self.backlog:
            return session.InputPlan(tuple(str(p) for p in self.paths or default_input_paths()), ())
        return session.plan_inputs([str(p) for p in self.paths], list(self.sources), settings)

    def expand(self, paths: Sequence[str]) -> list[Path]:
        if self.backlog:
            return expand_backlog(paths)  # absolute: a backlog's workers run elsewhere
        return expand_inputs(paths) if paths else []


class StageRunner(Protocol):
    """How each step of a run is carried out; :func:`compose_run` decides the steps and their order."""

    logger: logging.Logger | logging.LoggerAdapter

    def start(self, articles: int, sources: int) -> None:
        """The run begins with ``articles`` local inputs and ``sources`` sources to fetch."""

    def fetch(self, specs: Sequence[SourceSpec], settings: Settings, reprocess: bool) -> list[SourceResult]:
        """Every source (a failing one gives a failed result, never raises), in the order of ``specs``."""

    def digest(
        self,
        refs: Sequence[ArticleRef],
        articles: Sequence[SourceArticle],
        settings: Settings,
        failures: list[ArticleFailure],
    ) -> tuple[list[Keyed], list[KeyedArticle]]:
        """Every article through :func:`article_stages` (here, or spread over workers)."""

    def clean(
        self, refs: Sequence[ArticleRef], settings: Settings, failures: list[ArticleFailure]
    ) -> list[Keyed]: ...

    def clean_sources(
        self, articles: Sequence[SourceArticle], settings: Settings, failures: list[ArticleFailure]
    ) -> list[KeyedArticle]: ...

    def models(self) -> AbstractContextManager[object]:
        """Held while the model stages run."""

    def stage(
        self, stage: str, keyed: list[Keyed], settings: Settings, failures: list[ArticleFailure]
    ) -> list[Keyed]:
        """One of :data:`MODEL_STAGES` over every digest, isolated (:func:`briefing.run.stages.isolate`)."""

    def link(self, keyed: list[Keyed]) -> list[Digest]:
        """Same-story links (the digests unlinked when they cannot be computed)."""

    def write(
        self,
        digests: Sequence[Digest],
        failures: Sequence[ArticleFailure],
        out: Path,
        settings: Settings,
        generated_at: datetime | None,
    ) -> tuple[dict[str, dict[str, Path]], Path]:
        """Every digest's files, then the edition, index and feeds."""

    def record(
        self, cleaned: list[tuple[SourceArticle, str]], written: Sequence[Digest], settings: Settings
    ) -> None:
        """Mark the fetched articles whose digest was written as digested."""

    def finish(self, written: int, failed: int) -> None: ...


def compose_run(request: RunRequest, settings: Settings, runner: StageRunner) -> RunResult:
    """The whole run: every way of running Briefing goes through here, with its own ``runner``."""
    out = Path(request.out_dir if request.out_dir is not None else settings.output_dir)
    sweep_temp_files(out, STALE_TEMP_AGE_S)  # left by a run killed while writing
    plan = request.plan(settings)
    history = session.run_history(settings) if plan.uses_state else (None, 0)
    # The same file named twice, or the same bytes in two files, is one article; oversize inputs fail.
    read = read_inputs(request.expand(plan.paths), settings.max_input_bytes)
    failures: list[ArticleFailure] = [*read.failures, *plan.bad]
    runner.start(len(read.refs), len(plan.sources))
    # A run using the state database holds its data folder's run lock from fetching to recording what it
    # digested: a second run of the same feeds waits, then finds those articles digested.
    lock = run_lock(settings.data_dir, runner.logger.warning) if plan.uses_state else nullcontext()
    with lock:
        fetched = runner.fetch(plan.sources, settings, request.reprocess) if plan.sources else []
        failures += session.source_failures(fetched)
        warnings: list[str] = []
        if plan.configured:  # a configured source dead for several runs warns instead of failing each run
            from briefing.sources import standing

            warnings = standing.excuse_dead_sources(fetched, failures, settings)
        articles = session.unique_articles(fetched)
        keyed, from_sources = runner.digest(read.refs, articles, settings, failures)
        digests = runner.link(keyed)
        files, index = runner.write(digests, failures, out, settings, request.generated_at)
        if plan.uses_state:  # only now, with the digest files written: a killed run leaves them pending
            runner.record(
                [(article, digest.article_id) for _, article, digest in from_sources], digests, settings
            )
    runner.finish(len(digests), len(failures))
    nothing_new = None
    if plan.uses_state and not digests and not failures and not plan.paths:
        from briefing.run.summary import nothing_new_line

        nothing_new = nothing_new_line(*history, out, index)
    from briefing.run.mail import unsent_lines

    return RunResult(
        digests=tuple(digests),
        failures=tuple(failures),
        files=files,
        index=index,
        duplicates=tuple(read.duplicates),
        skipped=tuple(skipped_inputs(plan.local_locations)),
        email=tuple(unsent_lines(settings)),
        out_dir=out,
        fetched=tuple(fetched),
        warnings=tuple(warnings),
        inputs=len(read.refs),
        nothing_new=nothing_new,
    )


def article_stages(
    runner: StageRunner,
    refs: Sequence[ArticleRef],
    articles: Sequence[SourceArticle],
    settings: Settings,
    failures: list[ArticleFailure],
) -> tuple[list[Keyed], list[KeyedArticle]]:
    """Clean every input and fetched article, then run the model stages over the cleaned ones, in order."""
    cleaned = runner.clean(refs, settings, failures)
    from_sources = runner.clean_sources(articles, settings, failures)
    keyed = cleaned + [(key, digest) for key, _, digest in from_sources]
    with runner.models():
        for stage in MODEL_STAGES:
            keyed = runner.stage(stage, keyed, settings, failures)
    return keyed, from_sources


def release_cleaning_models() -> AbstractContextManager[object]:
    """What most runners hold during the model stages: lingua's models (~200 MB) are not needed past
    cleaning, so they go, to lower the generation peak."""
    from briefing.langid import release_models

    release_models()
    return nullcontext()
