"""How a flow runs the stage tasks of ``tasks/stages.py``: stored results read directly, misses batched.

Shared by the briefing flow (``flows/briefing.py``) and the backlog flow's shards (``flows/scale.py``): clean
every input (one cached task per article), summarize, translate and discuss (every miss of a stage in one
batch task, then one cached task per article), link same-story articles (one cached task), and a progress
artifact.
A stored result is read straight from result storage: a task run that ends ``Cached`` costs API round trips.

Lists of digests go to tasks wrapped in ``quote``: Prefect otherwise walks every nested field of every
digest looking for upstream futures. No digest list comes from a future, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from prefect import Task, get_run_logger
from prefect.artifacts import create_progress_artifact, update_progress_artifact
from prefect.futures import as_completed
from prefect.states import State
from prefect.utilities.annotations import quote

from briefing.errors import InputError, one_line
from briefing.records import ArticleFailure, Digest
from briefing.run import inputs, keys
from briefing.run.progress import notify
from briefing.run.source_keys import source_clean_key
from briefing.settings import Settings
from briefing.sources import session as source_session
from briefing.sources.fetch import SourceArticle, SourceResult
from briefing.sources.spec import SourceSpec
from tasks import sources as source_tasks
from tasks import stages

# Steps of an article in the progress: cleaning, summarizing, translating, discussion.
STEPS_PER_ARTICLE = 4


class Progress:
    """A progress artifact: cleaning, summarizing, translating and the discussion each count a step.

    Articles whose stage result was reused from the cache advance it in one update per stage: each update
    is an API call, and a rerun over unchanged inputs should cost next to nothing.
    """

    def __init__(self, articles: int, sources: int = 0) -> None:
        self.total = max(STEPS_PER_ARTICLE * articles + sources, 1)
        self.done = 0
        self.reused_by_stage: dict[str, int] = {}
        queued = f"{articles} article(s)" + (f", {sources} source(s) to fetch" if sources else "")
        self.id = create_progress_artifact(0.0, description=f"Briefing: {queued} queued")

    def add_articles(self, count: int) -> None:
        """Articles the sources brought in (known once they are fetched)."""
        self.total += STEPS_PER_ARTICLE * count

    def step(self, what: str) -> None:
        self.done += 1
        self._update(what)

    def reused(self, stage: str, count: int) -> None:
        self.reused_by_stage[stage] = count
        if count:
            self.done += count
            self._update(f"{stage}: {count} article(s) unchanged, reused from the cache")

    def skip(self, steps: int) -> None:
        self.done += steps

    def batch(self, stage: str, count: int) -> None:
        """A batched model stage starts: the console says so (it can take minutes); no API call."""
        notify(self.done, self.total, f"{stage}: {count} article(s) in one batch")

    def _update(self, what: str) -> None:
        notify(self.done, self.total, what)
        update_progress_artifact(self.id, min(100.0 * self.done / self.total, 99.0), description=what)

    def finish(self, written: int, failed: int) -> None:
        notify(self.total, self.total, "writing done")
        update_progress_artifact(
            self.id, 100.0, description=f"Done: {written} digest(s) written, {failed} failed"
        )


def clean_all(
    refs: Sequence[inputs.ArticleRef],
    settings: Settings,
    failures: list[ArticleFailure],
    progress: Progress,
) -> list[tuple[str, Digest]]:
    keyed = [(keys.clean_key(ref, settings), ref) for ref in refs]
    stored = read_stored("clean", stages.clean, [key for key, _ in keyed], progress)
    bounded_clean = stages.bounded_clean(settings)
    cleaned: list[tuple[str, Digest]] = []
    for key, ref in keyed:
        if key in stored:
            cleaned.append((key, stored[key]))
            continue
        state = bounded_clean(key, ref, settings, return_state=True)
        if state.is_completed():
            cleaned.append((key, state.result()))
        else:
            failures.append(ArticleFailure(ref.path, failure_reason(state)))
            progress.skip(STEPS_PER_ARTICLE - 1)  # a failed article has no later step
        progress.step(f"Cleaned {ref.name}")
    return cleaned


def fetch_all(
    specs: Sequence[SourceSpec],
    settings: Settings,
    reprocess: bool,
    failures: list[ArticleFailure],
    progress: Progress,
) -> list[SourceResult]:
    """One fetch task per source, ``fetch_parallel`` at a time (one host still gets one request at a time,
    with its delay: the gate is per process); a failing source gives one line and never stops the others.
    Results come back in the order of ``specs``; progress moves as each source finishes."""
    fetch_task = source_tasks.bounded_fetch(settings)
    waiting = list(enumerate(specs))[::-1]
    running: dict[Any, tuple[int, SourceSpec]] = {}
    results: dict[int, SourceResult] = {}
    while waiting or running:
        while waiting and len(running) < settings.fetch_parallel:
            index, spec = waiting.pop()
            running[fetch_task.submit(spec, settings, reprocess)] = (index, spec)
        future = next(as_completed(list(running)))
        index, spec = running.pop(future)
        future.wait()  # the task's final state (``state`` alone may still read Pending from the API)
        state = future.state
        if state.is_completed():
            result = state.result()
        else:
            result = source_tasks.fetch_failed(spec, failure_reason(state), settings, reprocess)
        results[index] = result
        failures.extend(source_session.source_failures([result]))
        progress.step(
            f"Fetched {spec.spec}: {result.new} new" + (f" ({result.error})" if result.error else "")
        )
    return [results[i] for i in sorted(results)]


def clean_sources(
    articles: Sequence[SourceArticle],
    settings: Settings,
    failures: list[ArticleFailure],
    progress: Progress,
) -> list[tuple[str, SourceArticle, Digest]]:
    """The cleaning stage of fetched articles, reusing stored results like ``clean_all``."""
    if not articles:
        return []
    keyed = [(source_clean_key(article, settings), article) for article in articles]
    stored = read_stored("clean-source", source_tasks.clean_source, [key for key, _ in keyed], progress)
    cleaned: list[tuple[str, SourceArticle, Digest]] = []
    clean_task = source_tasks.bounded_clean(settings)
    for key, article in keyed:
        if key in stored:
            cleaned.append((key, article, stored[key]))
            continue
        state = clean_task(key, article, settings, return_state=True)
        if state.is_completed():
            cleaned.append((key, article, state.result()))
        else:
            failures.append(ArticleFailure(article.label, failure_reason(state)))
            progress.skip(STEPS_PER_ARTICLE - 1)
        progress.step(f"Cleaned {article.name}")
    return cleaned


def model_stages(
    cleaned: list[tuple[str, Digest]], settings: Settings, failures: list[ArticleFailure], progress: Any
) -> list[tuple[str, Digest]]:
    """Summarize, translate, then discuss the keyed cleaned digests (stored results reused, misses batched).

    ``progress`` is a :class:`Progress`, or anything with its ``reused``/``batch``/``step``/``skip``
    methods (a shard of ``flows/scale.py`` only counts reuse)."""
    stamps = keys.ModelStamps(settings)
    summarized = batched_stage(
        "summarize",
        stages.summary,
        stages.summarize_batch,
        [(keys.summary_key(k, d, settings, stamps), d) for k, d in cleaned],
        settings,
        failures,
        progress,
    )
    translated = batched_stage(
        "translate",
        stages.translation,
        stages.translate_batch,
        [(keys.translation_key(k, d, settings, stamps), d) for k, d in summarized],
        settings,
        failures,
        progress,
    )
    return batched_stage(
        "discuss",
        stages.discussion,
        stages.discuss_batch,
        [(keys.discussion_key(k, settings), d) for k, d in translated],
        settings,
        failures,
        progress,
    )


def read_stored(
    stage: str, stage_task: Task[..., Any], keys: list[str], progress: Progress
) -> dict[str, Any]:
    """What ``stage_task`` already stored, by key (misses left out); counted as reused in the progress."""
    found = {key: hit for key in keys if (hit := stages.read_cached(stage_task, key)) is not None}
    progress.reused(stage, len(found))
    return found


# Steps an article that fails a stage will not take; and how the progress says a stage is done.
_LATER_STEPS = {"summarize": 2, "translate": 1}
_DONE = {"summarize": "Summarized", "translate": "Translated", "discuss": "Discussion of"}


def batched_stage(
    stage: str,
    per_article: Task[..., Digest],
    batch: Task[..., list[Digest]],
    keyed: list[tuple[str, Digest]],
    settings: Settings,
    failures: list[ArticleFailure],
    progress: Progress,
) -> list[tuple[str, Digest]]:
    """Stored results as they are; the misses in one batch, then one cached task per miss."""
    stored = read_stored(stage, per_article, [key for key, _ in keyed], progress)
    misses = [d for k, d in keyed if k not in stored]
    computed: dict[str, Digest] = {}
    if misses:
        progress.batch(stage, len(misses))
        state = batch(quote(misses), settings, return_state=True)
        if state.is_completed():
            computed = {d.article_id: d for d in state.result()}
        else:
            get_run_logger().warning(
                "%s batch failed (%s); retrying one article at a time", stage, failure_reason(state)
            )
    done: list[tuple[str, Digest]] = []
    for key, digest in keyed:
        if key in stored:
            done.append((key, stored[key]))
            continue
        state = per_article(key, digest, computed.get(digest.article_id), settings, return_state=True)
        if state.is_completed():
            done.append((key, state.result()))
        else:
            failures.append(ArticleFailure.of_stage(digest.source.path, stage, failure_reason(state)))
            progress.skip(_LATER_STEPS.get(stage, 0))
        progress.step(f"{_DONE.get(stage, stage)} {digest.article_id}")
    return done


def link(keyed: list[tuple[str, Digest]], logger: Any) -> list[Digest]:
    digests = [d for _, d in keyed]
    if len(digests) < 2:
        return digests
    key = keys.same_story_key(k for k, _ in keyed)
    stored = stages.read_cached(stages.same_story, key)
    if stored is not None:
        return stored
    state = stages.same_story(key, quote(digests), return_state=True)
    if state.is_completed():
        return state.result()
    logger.warning("same-story links skipped: %s", failure_reason(state))
    return digests


def failure_reason(state: State[Any]) -> str:
    """The one-line reason of a failed task state (the InputError's reason when it is one)."""
    err = state.result(raise_on_failure=False)
    if isinstance(err, InputError):
        return err.reason
    if isinstance(err, BaseException):
        return one_line(err)
    return state.message or state.name or "failed"
