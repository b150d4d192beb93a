"""Thin Prefect task adapters over ``briefing.sources``: fetch one source, clean one fetched article,
record what a run digested.

Fetching retries with backoff, but only for transient failures of the source's own URL (timeouts, refused
connections, 5xx): a 404, a malformed feed or a page that is not HTML fails the same way every time, and is
returned as a one-line failure of the source at once. A source whose retries are spent is reported by
:func:`fetch_failed`. Fetches are never cached by Prefect: the state database is what makes them incremental.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from briefing.records import Digest
from briefing.run.stages import each_or_none
from briefing.settings import Settings
from briefing.sources import fetch, session
from briefing.sources.articles import clean_source_article
from briefing.sources.http import FetchError
from briefing.sources.spec import SourceSpec
from tasks.stages import _CACHED

FETCH_RETRY_DELAYS_S = [2, 10]
# The fetch task's timeout is the source's deadline plus this: the core stops at its deadline, the task's
# timeout only catches what a deadline cannot (a server trickling its headers).
FETCH_TIMEOUT_MARGIN_S = 60.0


def _transient(task: Any, task_run: Any, state: Any) -> bool:
    err = state.result(raise_on_failure=False)
    return isinstance(err, FetchError) and err.transient


@task(
    name="fetch",
    task_run_name="fetch {spec.spec}",
    retries=len(FETCH_RETRY_DELAYS_S),
    retry_delay_seconds=FETCH_RETRY_DELAYS_S,
    retry_condition_fn=_transient,
    cache_policy=NO_CACHE,
    persist_result=False,
)
def fetch_source(spec: SourceSpec, settings: Settings, reprocess: bool) -> fetch.SourceResult:
    """Fetch one source: what is new goes into the state database; its pending articles come back."""
    with session.fetch_context(settings) as ctx:
        return fetch.fetch_source(spec, ctx, reprocess, raise_transient=True)


def bounded_fetch(settings: Settings) -> Any:
    """The fetch task with a timeout from the settings (``fetch_source_deadline_s`` plus a margin)."""
    return fetch_source.with_options(
        timeout_seconds=settings.fetch_source_deadline_s + FETCH_TIMEOUT_MARGIN_S
    )


def bounded_clean(settings: Settings) -> tuple[Any, Any]:
    """The cleaning batch and per-article tasks of fetched articles, each with the per-article timeout
    (``article_timeout_s``; see ``tasks.stages.bounded_clean``)."""
    return (
        clean_source_batch.with_options(timeout_seconds=settings.article_timeout_s),
        clean_source.with_options(timeout_seconds=settings.article_timeout_s),
    )


def fetch_failed(spec: SourceSpec, reason: str, settings: Settings, reprocess: bool) -> fetch.SourceResult:
    """A source whose fetch task failed for good: recorded with its reason, earlier pending kept."""
    with session.fetch_context(settings) as ctx:
        return fetch.failed_result(spec, reason, ctx, reprocess)


@task(name="clean", task_run_name="clean {article.name}", retries=0, **_CACHED)
def clean_source(key: str, article: fetch.SourceArticle, settings: Settings) -> Digest:
    """Cleaning stage for one fetched article (metadata attached); raises InputError for bad text."""
    return clean_source_article(article, settings)


@task(name="clean-batch", retries=0, cache_policy=NO_CACHE, persist_result=False)
def clean_source_batch(articles: Sequence[fetch.SourceArticle], settings: Settings) -> list[Digest | None]:
    """Cleaning for every fetched article whose stored result missed, in one task run; None for one that
    failed, which its own ``clean`` task then runs alone (and reports)."""
    return each_or_none(articles, lambda article: clean_source_article(article, settings))


@task(name="record-digested", retries=1, cache_policy=NO_CACHE, persist_result=False)
def record_digested(
    run_id: str,
    cleaned: Sequence[tuple[fetch.SourceArticle, str]],
    written: Sequence[Digest],
    settings: Settings,
) -> int:
    """Mark the fetched articles whose digest files were written as digested by this run."""
    with session.fetch_context(settings) as ctx:
        return session.record_digested(ctx.db, run_id, cleaned, written)
