"""Thin Prefect task adapters over ``briefing.run``.

Caching: each per-article task takes a small ``key`` (from ``briefing.run``:
content hash + output-affecting settings + model revisions + core code) and its
Prefect cache key is that key plus a hash of the task's own source. Prefect
never hashes the digests or settings passed beside it. Results are persisted
(``persist_result=True``) in Prefect's result storage (``PREFECT_LOCAL_STORAGE_PATH``,
by default ``$PREFECT_HOME/storage``), so a later run, in any process, that
computes the same key gets a ``Cached`` task state and recomputes nothing.

Hits and misses: the flow first reads each article's stored result with
:func:`read_cached` (no task run: a rerun over unchanged inputs creates no
clean/summary/translation task runs at all, and says how many it reused). Only
the misses run a task: one batch task per stage over all of them (cleaning,
summarization and translation are batched across articles), and the flow stores
each article's result under the per-article task's key (:func:`store_result`)
without a task run of its own: a task run costs API round trips (~0.3 s), more
than cleaning an article. The per-article task runs only for an article the batch
left out (it raised for that article, or the whole batch failed): it computes its
article alone, so one bad article cannot take down the others, and its failure
shows in the UI with its reason.

Retries: model stages retry once (loading and generation can fail
transiently); cleaning never retries (bad input is deterministic).
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from prefect import Task, task
from prefect.cache_policies import NO_CACHE
from prefect.context import TaskRunContext
from prefect.results import get_result_store

from briefing.records import ArticleFailure, Digest
from briefing.run import inputs, report, stages
from briefing.settings import Settings

MODEL_RETRIES = 1
MODEL_RETRY_DELAY_S = 2


@cache
def _source_stamp(fn: Any) -> str:
    return hashlib.sha256(inspect.getsource(fn).encode()).hexdigest()[:12]


def stored_key(stage_task: Task[Any, Any], key: str) -> str:
    """The cache/storage key Prefect uses for ``stage_task`` called with ``key``."""
    return f"{key}-{_source_stamp(stage_task.fn)}"


def _key_param(context: TaskRunContext, parameters: dict[str, Any]) -> str:
    return stored_key(context.task, parameters["key"])


def read_cached(stage_task: Task[Any, Any], key: str) -> Any | None:
    """The result ``stage_task`` stored for ``key``, or None (call inside a flow run).

    The flow's hit path: reading the stored result directly costs a file read, where a task run that ends
    ``Cached`` costs several API round trips (about 0.1-0.2 s each). Misses, an unreadable record and an
    expired one all return None, and the flow then runs the task, which recomputes and stores again.
    """
    store = get_result_store().update_for_task(stage_task)
    try:
        # One read: ``store.exists`` would read and deserialize the whole record too.
        record = store.read(stored_key(stage_task, key))
    except Exception:  # absent, corrupt or half-written: a miss, never a failed run
        return None
    expiration = record.metadata.expiration
    if expiration is not None and expiration <= datetime.now(UTC):
        return None
    return record.result


def store_result(stage_task: Task[Any, Any], key: str, value: Any) -> bool:
    """Store ``value`` as ``stage_task`` called with ``key`` would have (same record, same storage key), so
    :func:`read_cached` and a later run of the task both find it. False (and nothing stored) when storage
    refuses: the result is still good for this run, and a later run recomputes it."""
    store = get_result_store().update_for_task(stage_task)
    try:
        store.write(obj=value, key=stored_key(stage_task, key))
    except Exception:
        return False
    return True


_CACHED = {"cache_key_fn": _key_param, "persist_result": True}


@task(name="clean", task_run_name="clean {ref.name}", retries=0, **_CACHED)
def clean(key: str, ref: inputs.ArticleRef, settings: Settings) -> Digest:
    """Cleaning stage for one article (a saved web page is extracted first); raises InputError (task Failed)
    for bad input."""
    from briefing.sources.articles import clean_article_file

    return clean_article_file(ref.path, settings)


@task(name="clean-batch", retries=0, cache_policy=NO_CACHE, persist_result=False)
def clean_batch(refs: Sequence[inputs.ArticleRef], settings: Settings) -> list[Digest | None]:
    """Cleaning for every article whose stored result missed, in one task run; None for an article that
    failed, which its own ``clean`` task then runs alone (and reports)."""
    from briefing.sources.articles import clean_article_file

    return stages.each_or_none(refs, lambda ref: clean_article_file(ref.path, settings))


def bounded_clean(settings: Settings) -> tuple[Task, Task]:
    """The cleaning batch and per-article tasks, each with the per-article timeout (``article_timeout_s``):
    a batch that runs past it (a stuck input) leaves every article to its own task, where the stuck one
    fails alone."""
    return (
        clean_batch.with_options(timeout_seconds=settings.article_timeout_s),
        clean.with_options(timeout_seconds=settings.article_timeout_s),
    )


_MODEL = {"retries": MODEL_RETRIES, "retry_delay_seconds": MODEL_RETRY_DELAY_S}


def _model_stage(
    stage: str, article_task: str, what: str
) -> tuple[Task[..., list[Digest]], Task[..., Digest]]:
    """A model stage's two tasks: ``<stage>-batch`` over every article whose stored result missed (not
    cached; the flow stores each article's result under ``<article_task>``'s key), and ``<article_task>``,
    cached, which computes one article alone when the batch failed or left it out
    (``briefing.run.stages.BATCHES[stage]``)."""
    run = stages.BATCHES[stage]

    def batch(digests: Sequence[Digest], settings: Settings) -> list[Digest]:
        return run(digests, settings)

    def article(key: str, digest: Digest, settings: Settings) -> Digest:
        return run([digest], settings)[0]

    batch.__doc__ = f"{what}, for the articles whose stored result missed, in one batched pass."
    article.__doc__ = f"One article's {what.lower()}, computed alone (the batch failed or left it out)."
    batch_task = task(batch, name=f"{stage}-batch", cache_policy=NO_CACHE, persist_result=False, **_MODEL)
    article_run = f"{article_task} {{digest.article_id}}"
    return batch_task, task(article, name=article_task, task_run_name=article_run, **_MODEL, **_CACHED)


summarize_batch, summary = _model_stage("summarize", "summary", "Summaries")
translate_batch, translation = _model_stage("translate", "translation", "Translations")
discuss_batch, discussion = _model_stage("discuss", "discussion", "What readers say")
# By stage name (``briefing.run.compose.MODEL_STAGES``): (batch task, per-article task).
MODEL_TASKS = {
    "summarize": (summarize_batch, summary),
    "translate": (translate_batch, translation),
    "discuss": (discuss_batch, discussion),
}


@task(name="same-story", retries=MODEL_RETRIES, retry_delay_seconds=MODEL_RETRY_DELAY_S, **_CACHED)
def same_story(key: str, digests: Sequence[Digest]) -> list[Digest]:
    """Link digests of the run that report the same story (keyed on every article's key)."""
    return stages.link_stories(digests)


@task(name="write-outputs", retries=1, cache_policy=NO_CACHE, persist_result=False)
def write_outputs(
    digests: Sequence[Digest],
    failures: Sequence[ArticleFailure],
    out_dir: Path,
    settings: Settings | None = None,
    generated_at: datetime | None = None,
) -> tuple[dict[str, dict[str, Path]], Path]:
    """Every digest's files, then the edition (when anything is new), index and feeds. Always runs, also
    after cache hits: a killed run may have left files missing. One task, not two: each task run costs API
    round trips, and a rerun is mostly this."""
    files = report.write_digests(digests, out_dir, settings)
    return files, report.write_run_index(digests, failures, out_dir, generated_at, settings)
