"""The Prefect stage runner: the steps of ``briefing.run.compose.compose_run`` as the tasks of ``tasks/``.

Used by the briefing flow (``flows/briefing.py``) and the backlog flow and its shards (``flows/scale.py``):
clean, summarize, translate and discuss (every miss of a stage in one batch task, each article's result stored
under its key; an article's own task runs only when the batch left it out), link same-story articles (one
cached task), write, record, and a progress artifact. A stored result is read straight from result storage:
a task run that ends ``Cached`` costs API round trips. Which articles fail alone, and how, is
``briefing.run.stages.isolate``'s.

Lists of digests go to tasks wrapped in ``quote``: Prefect otherwise walks every nested field of every
digest looking for upstream futures. No digest list comes from a future, so nothing is lost.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import Any

from prefect import Task
from prefect.artifacts import create_progress_artifact, update_progress_artifact
from prefect.futures import as_completed
from prefect.states import State
from prefect.utilities.annotations import quote

from briefing.records import ArticleFailure, Digest
from briefing.run import inputs, keys
from briefing.run import stages as isolation
from briefing.run.compose import Keyed, KeyedArticle, article_stages, release_cleaning_models
from briefing.run.progress import notify
from briefing.run.source_keys import source_clean_key
from briefing.settings import Settings
from briefing.sources.fetch import SourceArticle, SourceResult
from briefing.sources.spec import SourceSpec
from tasks import sources as source_tasks
from tasks import stages

# Steps of an article in the progress: cleaning, summarizing, translating, discussion.
STEPS_PER_ARTICLE = 4
# The progress artifact is updated at most this often (seconds), and before every batch (it can take minutes).
ARTIFACT_INTERVAL_S = 1.0


class Progress:
    """A progress artifact: cleaning, summarizing, translating and the discussion each count a step.

    Each artifact update is an API call (tens of milliseconds), so the artifact moves at most once per
    :data:`ARTIFACT_INTERVAL_S`, and before a batch starts (:meth:`batch`: the artifact then shows where the
    run is while the batch works); the console hears every step. The artifact is made by its first update:
    a run with nothing to watch (no batch, done within :data:`ARTIFACT_INTERVAL_S`, e.g. a rerun over
    unchanged inputs, whose results are all read back) makes none, and its report artifacts and final
    state say what it did. Articles whose stage result was reused from the cache advance it in one step per
    stage.
    """

    def __init__(self, articles: int, sources: int = 0) -> None:
        self.total = max(STEPS_PER_ARTICLE * articles + sources, 1)
        self.done = 0
        self.reused_by_stage: dict[str, int] = {}
        self._pending: str | None = None
        self._published = time.monotonic()
        self.id: Any = None  # the artifact's, once made

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
        """A batched stage starts (it can take minutes): the console says so, and the artifact shows the
        steps before it."""
        notify(self.done, self.total, f"{stage}: {count} article(s) in one batch")
        self.flush()

    def _update(self, what: str) -> None:
        notify(self.done, self.total, what)
        self._pending = what
        if time.monotonic() - self._published >= ARTIFACT_INTERVAL_S:
            self.flush()

    def flush(self) -> None:
        """Publish the latest step to the artifact, when one is not shown yet."""
        if self._pending is None:
            return
        what, self._pending = self._pending, None
        self._publish(min(100.0 * self.done / self.total, 99.0), what)
        self._published = time.monotonic()

    def finish(self, written: int, failed: int) -> None:
        notify(self.total, self.total, "writing done")
        if self.id is not None:  # else nothing was ever worth showing: no artifact made only to say "done"
            self._publish(100.0, f"Done: {written} digest(s) written, {failed} failed")

    def _publish(self, percent: float, description: str) -> None:
        if self.id is None:
            self.id = create_progress_artifact(percent, description=description)
        else:
            update_progress_artifact(self.id, percent, description=description)


class Tally:
    """The progress interface of :class:`Progress`, counting reuse only (a shard on a worker makes no
    progress artifact: the parent run shows the shards as task runs)."""

    def __init__(self) -> None:
        self.reused_by_stage: dict[str, int] = {}

    def reused(self, stage: str, count: int) -> None:
        self.reused_by_stage[stage] = count

    def add_articles(self, count: int) -> None:
        pass

    def step(self, what: str) -> None:
        pass

    def skip(self, steps: int) -> None:
        pass

    def batch(self, stage: str, count: int) -> None:
        pass

    def flush(self) -> None:
        pass

    def finish(self, written: int, failed: int) -> None:
        pass


class PrefectRunner:
    """The steps of :func:`briefing.run.compose.compose_run` as Prefect tasks (``tasks/``): a stored result
    is read straight from result storage (a task run that ends ``Cached`` costs API round trips); the misses
    of a stage go in one batch task whose results are stored by article (no task run each); every step moves
    ``progress``
    (a :class:`Progress` artifact made at :meth:`start` when None)."""

    def __init__(self, logger: Any, run_id: str = "local", progress: Any = None) -> None:
        self.logger = logger
        self.run_id = run_id
        self.progress = progress
        self._stamps: keys.ModelStamps | None = None

    @property
    def reused(self) -> dict[str, int]:
        """Per stage: articles whose stored result was reused (nothing recomputed, no task run)."""
        return dict(self.progress.reused_by_stage) if self.progress is not None else {}

    def start(self, articles: int, sources: int) -> None:
        if self.progress is None:
            self.progress = Progress(articles, sources=sources)

    def fetch(self, specs: Sequence[SourceSpec], settings: Settings, reprocess: bool) -> list[SourceResult]:
        return fetch_all(specs, settings, reprocess, self.progress)

    def digest(
        self,
        refs: Sequence[inputs.ArticleRef],
        articles: Sequence[SourceArticle],
        settings: Settings,
        failures: list[ArticleFailure],
    ) -> tuple[list[Keyed], list[KeyedArticle]]:
        self.progress.add_articles(len(articles))
        return article_stages(self, refs, articles, settings, failures)

    def clean(
        self, refs: Sequence[inputs.ArticleRef], settings: Settings, failures: list[ArticleFailure]
    ) -> list[Keyed]:
        keyed = [(keys.clean_key(ref, settings), ref) for ref in refs]
        batch_task, clean_task = stages.bounded_clean(settings)
        done = self._cached(
            "clean",
            "clean",
            stages.clean,
            keyed,
            lambda items: _run(batch_task, quote([ref for _, ref in items]), settings),
            lambda item: _run(clean_task, item[0], item[1], settings),
            lambda item, err: ArticleFailure(item[1].path, isolation.failure_reason(err)),
            failures,
            lambda item: f"Cleaned {item[1].name}",
        )
        return [(key, done[key]) for key, _ in keyed if key in done]

    def clean_sources(
        self, articles: Sequence[SourceArticle], settings: Settings, failures: list[ArticleFailure]
    ) -> list[KeyedArticle]:
        if not articles:
            return []
        keyed = [(source_clean_key(article, settings), article) for article in articles]
        batch_task, clean_task = source_tasks.bounded_clean(settings)
        done = self._cached(
            "clean",
            "clean-source",
            source_tasks.clean_source,
            keyed,
            lambda items: _run(batch_task, quote([article for _, article in items]), settings),
            lambda item: _run(clean_task, item[0], item[1], settings),
            lambda item, err: ArticleFailure(item[1].label, isolation.failure_reason(err)),
            failures,
            lambda item: f"Cleaned {item[1].name}",
        )
        return [(key, article, done[key]) for key, article in keyed if key in done]

    def models(self) -> AbstractContextManager[object]:
        return release_cleaning_models()

    def stage(
        self, stage: str, keyed: list[Keyed], settings: Settings, failures: list[ArticleFailure]
    ) -> list[Keyed]:
        """Stored results as they are; the misses in one batch task (each result stored under the article's
        key), and the per-article task only for an article the batch left out."""
        batch, per_article = stages.MODEL_TASKS[stage]
        keyed = [(self._stage_key(stage, key, digest, settings), digest) for key, digest in keyed]

        def run_batch(items: list[Keyed]) -> list[Digest | None]:
            self.progress.batch(stage, len(items))
            digests = [digest for _, digest in items]
            return isolation.by_article(digests, _run(batch, quote(digests), settings))

        done = self._cached(
            stage,
            stage,
            per_article,
            keyed,
            run_batch,
            lambda item: _run(per_article, item[0], item[1], settings),
            lambda item, err: isolation.stage_failure(stage, item[1], err),
            failures,
            lambda item: f"{_DONE[stage]} {item[1].article_id}",
        )
        return [(key, done[key]) for key, _ in keyed if key in done]

    def _stage_key(self, stage: str, key: str, digest: Digest, settings: Settings) -> str:
        if stage == "discuss":
            return keys.discussion_key(key, settings)
        if self._stamps is None:
            self._stamps = keys.ModelStamps(settings)
        if stage == "summarize":
            return keys.summary_key(key, digest, settings, self._stamps)
        return keys.translation_key(key, digest, settings, self._stamps)

    def _cached(
        self,
        stage: str,
        reuse_as: str,
        stage_task: Task[..., Any],
        keyed: list[tuple[str, Any]],
        batch: Any,
        alone: Any,
        fail: Any,
        failures: list[ArticleFailure],
        done_line: Any,
    ) -> dict[str, Any]:
        """Results by key: what ``stage_task`` stored, and the misses through :func:`isolation.isolate`:
        ``batch`` over them all (one task run), each result stored under ``stage_task``'s key for that
        article; ``alone`` (``stage_task`` itself) for an article the batch left out."""
        stored = read_stored(reuse_as, stage_task, [key for key, _ in keyed], self.progress)
        misses = [item for item in keyed if item[0] not in stored]

        def one(item: tuple[str, Any], computed: Any) -> Any:
            if computed is None:
                return alone(item)
            if not stages.store_result(stage_task, item[0], computed):
                self.logger.warning("%s: result not stored (a later run recomputes it)", done_line(item))
            return computed

        def after(item: tuple[str, Any], ok: bool) -> None:
            if not ok:  # a failed article has no later step
                self.progress.skip(_LATER_STEPS[stage])
            self.progress.step(done_line(item))

        done = isolation.isolate(
            stage, misses, one, fail, failures, batch=batch, after=after, logger=self.logger
        )
        return {**stored, **{item[0]: result for item, result in done}}

    def link(self, keyed: list[Keyed]) -> list[Digest]:
        return link(keyed, self.logger)

    def write(
        self,
        digests: Sequence[Digest],
        failures: Sequence[ArticleFailure],
        out: Path,
        settings: Settings,
        generated_at: datetime | None,
    ) -> tuple[dict[str, dict[str, Path]], Path]:
        return stages.write_outputs(quote(digests), failures, out, settings, generated_at)

    def record(
        self, cleaned: list[tuple[SourceArticle, str]], written: Sequence[Digest], settings: Settings
    ) -> None:
        source_tasks.record_digested(self.run_id, quote(cleaned), quote(written), settings)

    def finish(self, written: int, failed: int) -> None:
        self.progress.finish(written, failed)


def _run(stage_task: Task[..., Any], *args: Any) -> Any:
    """``stage_task``'s result, or :class:`StageFailed` with its one-line reason (for the isolation)."""
    state = stage_task(*args, return_state=True)
    if state.is_completed():
        return state.result()
    raise isolation.StageFailed(failure_reason(state))


def fetch_all(
    specs: Sequence[SourceSpec],
    settings: Settings,
    reprocess: bool,
    progress: Progress,
) -> list[SourceResult]:
    """One fetch task per source, ``fetch_parallel`` at a time (one host still gets one request at a time,
    with its delay: the gate is per process); a failing source gives a failed result and never stops the
    others. Results come back in the order of ``specs``; progress moves as each source finishes."""
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
        progress.step(
            f"Fetched {spec.spec}: {result.new} new" + (f" ({result.error})" if result.error else "")
        )
    return [results[i] for i in sorted(results)]


def read_stored(
    stage: str, stage_task: Task[..., Any], keys: list[str], progress: Progress
) -> dict[str, Any]:
    """What ``stage_task`` already stored, by key (misses left out); counted as reused in the progress."""
    found = {key: hit for key in keys if (hit := stages.read_cached(stage_task, key)) is not None}
    progress.reused(stage, len(found))
    return found


# Steps an article that fails a stage will not take; and how the progress says a stage is done.
_LATER_STEPS = {"clean": STEPS_PER_ARTICLE - 1, "summarize": 2, "translate": 1, "discuss": 0}
_DONE = {"summarize": "Summarized", "translate": "Translated", "discuss": "Discussion of"}


def link(keyed: list[Keyed], logger: Any) -> list[Digest]:
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
    if isinstance(err, BaseException):
        return isolation.failure_reason(err)
    return state.message or state.name or "failed"
