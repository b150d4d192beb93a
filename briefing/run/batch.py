"""The whole ``briefing run`` without Prefect (tests, benchmarks): :func:`briefing.run.compose.compose_run`
with plain calls for its steps. The flow in ``flows/briefing.py`` runs the same composition with Prefect
tasks, so each article's stages can be cached and shown in the UI."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path

from briefing.records import ArticleFailure, Digest
from briefing.run import stages
from briefing.run.compose import (
    Keyed,
    KeyedArticle,
    RunRequest,
    RunResult,
    article_stages,
    compose_run,
    release_cleaning_models,
)
from briefing.run.inputs import ArticleRef
from briefing.run.report import write_digests, write_run_index
from briefing.settings import Settings
from briefing.sources.fetch import SourceArticle, SourceResult
from briefing.sources.spec import SourceSpec

BatchResult = RunResult  # the name tests and benchmarks know


def run_batch(
    paths: Iterable[str | Path] | None,
    settings: Settings,
    out_dir: str | Path | None = None,
    generated_at: datetime | None = None,
    sources: Iterable[str] | None = None,
    reprocess: bool = False,
) -> RunResult:
    """The whole run without Prefect: fetch sources, clean, summarize, translate, discuss, link, write,
    record."""
    request = RunRequest(
        tuple(paths or ()), tuple(sources or ()), reprocess, generated_at=generated_at, out_dir=out_dir
    )
    return compose_run(request, settings, PlainRunner())


class PlainRunner:
    """Each step of :func:`compose_run` as a plain call in this process; no cache keys (``Keyed`` keys are
    empty), no progress."""

    def __init__(self, logger: logging.Logger | None = None) -> None:
        self.logger = logger or logging.getLogger(__name__)

    def start(self, articles: int, sources: int) -> None:
        pass

    def fetch(self, specs: Sequence[SourceSpec], settings: Settings, reprocess: bool) -> list[SourceResult]:
        from briefing.sources import session

        with session.fetch_context(settings) as ctx:
            return session.fetch_all(ctx, specs, reprocess)

    def digest(
        self,
        refs: Sequence[ArticleRef],
        articles: Sequence[SourceArticle],
        settings: Settings,
        failures: list[ArticleFailure],
    ) -> tuple[list[Keyed], list[KeyedArticle]]:
        return article_stages(self, refs, articles, settings, failures)

    def clean(
        self, refs: Sequence[ArticleRef], settings: Settings, failures: list[ArticleFailure]
    ) -> list[Keyed]:
        from briefing.sources.articles import clean_article_file

        done = stages.isolate(
            "clean",
            refs,
            lambda ref, _: clean_article_file(ref.path, settings),
            lambda ref, err: ArticleFailure(ref.path, stages.failure_reason(err)),
            failures,
        )
        return [("", digest) for _, digest in done]

    def clean_sources(
        self, articles: Sequence[SourceArticle], settings: Settings, failures: list[ArticleFailure]
    ) -> list[KeyedArticle]:
        from briefing.sources.articles import clean_source_article

        done = stages.isolate(
            "clean",
            articles,
            lambda article, _: clean_source_article(article, settings),
            lambda article, err: ArticleFailure(article.label, stages.failure_reason(err)),
            failures,
        )
        return [("", article, digest) for article, digest in done]

    def models(self) -> AbstractContextManager[object]:
        return release_cleaning_models()

    def stage(
        self, stage: str, keyed: list[Keyed], settings: Settings, failures: list[ArticleFailure]
    ) -> list[Keyed]:
        digests, failed = stages.run_isolated(stage, stages.BATCHES[stage], [d for _, d in keyed], settings)
        failures += failed
        return [("", digest) for digest in digests]

    def link(self, keyed: list[Keyed]) -> list[Digest]:
        return stages.link_or_keep([digest for _, digest in keyed])

    def write(
        self,
        digests: Sequence[Digest],
        failures: Sequence[ArticleFailure],
        out: Path,
        settings: Settings,
        generated_at: datetime | None,
    ) -> tuple[dict[str, dict[str, Path]], Path]:
        return write_digests(digests, out, settings), write_run_index(
            digests, failures, out, generated_at, settings
        )

    def record(
        self, cleaned: list[tuple[SourceArticle, str]], written: Sequence[Digest], settings: Settings
    ) -> None:
        from briefing.sources import session

        with session.fetch_context(settings) as ctx:
            session.record_digested(ctx.db, uuid.uuid4().hex, cleaned, written)

    def finish(self, written: int, failed: int) -> None:
        pass
