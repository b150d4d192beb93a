"""The backlog flow: a run over many articles cut into shards, each digested on a Dask worker.

``backlog_flow`` is the run of ``briefing.run.compose.compose_run`` (the briefing flow's: inputs read with the
size limit and duplicates left out, links, outputs, report) with a runner whose article stages are sharded:
it plans shards (``briefing.scale.shards``: length-balanced, a source's articles together) and submits one
``digest-shard`` task per shard through Prefect's ``DaskTaskRunner``. Each shard runs
``briefing.run.compose.article_stages`` with the Prefect runner of ``flows/wiring.py`` (clean, batched
summaries, translations and discussions, each article's result cached in the shared result storage) inside a
long-lived Dask worker process, whose loaded models stay for its next shards and runs. When every shard is
back, the same-story links and the outputs (digests, index) are made once, here. A worker that dies mid-shard
is noticed by the Dask scheduler, which runs the shard again on another worker; stages already stored are then
read, not recomputed. See docs/SCALING.md.

The shard task lives here, not in ``tasks/``: it is wiring (nested stage tasks).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Annotated, Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.states import State
from pydantic import Field

from briefing.models.cache import model_loads
from briefing.records import ArticleFailure
from briefing.run import inputs, options
from briefing.run.compose import Keyed, KeyedArticle, RunRequest, article_stages, compose_run
from briefing.run.summary import report_dict
from briefing.scale import shards as shard_plan
from briefing.scale.workers import ShardOutcome, loads_between, machine_name, worker_tally
from briefing.settings import Settings, load_settings
from briefing.sources.fetch import SourceArticle
from flows import wiring
from flows.briefing import Languages, SummaryMaxTokens
from flows.outcome import end_state
from tasks.shard import model_slot, worker_name

FLOW_NAME = "briefing-backlog"
DIGEST_ARTIFACT_KEY = "briefing-backlog-digest"
STATUS_ARTIFACT_KEY = "briefing-backlog-status"


class ShardRunner(wiring.PrefectRunner):
    """The Prefect runner of one shard on a worker: the model stages hold one of the machine's model slots,
    and lingua's models stay loaded for the worker's next shards."""

    def __init__(self, logger: Any, model_slots: int) -> None:
        super().__init__(logger, progress=wiring.Tally())
        self.model_slots = model_slots

    def models(self) -> AbstractContextManager[object]:
        return model_slot(self.model_slots)


@task(name="digest-shard", task_run_name="shard {shard.index}", cache_policy=NO_CACHE, persist_result=False)
def digest_shard(shard: shard_plan.Shard, settings: Settings, model_slots: int = 1) -> ShardOutcome:
    """Clean, summarize, translate and discuss one shard's articles on this worker (stage results cached)."""
    before = model_loads()
    failures: list[ArticleFailure] = []
    runner = ShardRunner(get_run_logger(), model_slots)
    keyed, _ = article_stages(runner, list(shard.refs), [], settings, failures)
    after = model_loads()
    loads, seconds = loads_between(before, after)
    return ShardOutcome(
        index=shard.index,
        worker=worker_name(),
        machine=machine_name(),
        pid=os.getpid(),
        keyed=tuple(keyed),
        failures=tuple(failures),
        reused=runner.reused,
        model_loads=loads,
        model_load_seconds=round(seconds, 3),
        worker_model_loads={m: n for m, (n, _) in after.items()},
    )


class BacklogRunner(wiring.PrefectRunner):
    """The Prefect runner of the backlog flow: the articles' stages run in shards on the Dask workers
    (:func:`digest_shard`); linking, writing and the report are the parent's, as for the briefing flow."""

    def __init__(self, logger: Any, shard_articles: int, model_slots: int) -> None:
        super().__init__(logger, progress=wiring.Tally())
        self.shard_articles = shard_articles
        self.model_slots = model_slots
        self.outcomes: list[ShardOutcome] = []

    def digest(
        self,
        refs: Sequence[inputs.ArticleRef],
        articles: Sequence[SourceArticle],
        settings: Settings,
        failures: list[ArticleFailure],
    ) -> tuple[list[Keyed], list[KeyedArticle]]:
        items = shard_plan.backlog_items(refs)
        plan = shard_plan.plan_shards(items, shard_plan.shard_count(len(items), self.shard_articles))
        self.logger.info("%d article(s) in %d shard(s)", len(refs), len(plan))
        futures = [digest_shard.submit(shard, settings, self.model_slots) for shard in plan]
        for shard, future in zip(plan, futures, strict=True):
            future.wait()
            state = future.state
            if state.is_completed():
                self.outcomes.append(state.result())
            else:
                reason = f"shard {shard.index} failed: {wiring.failure_reason(state)}"
                failures += [ArticleFailure(ref.path, reason) for ref in shard.refs]
        for outcome in self.outcomes:
            failures += outcome.failures
        order = {ref.path: n for n, ref in enumerate(refs)}
        keyed = sorted(
            (kd for o in self.outcomes for kd in o.keyed),
            key=lambda kd: order.get(kd[1].source.path, len(order)),
        )
        return keyed, []


@flow(name=FLOW_NAME, persist_result=False, validate_parameters=True)
def backlog_flow(
    paths: list[str] | None = None,
    output_dir: str | None = None,
    languages: Languages = None,
    summary_max_tokens: SummaryMaxTokens = None,
    offline: bool = False,
    shard_articles: Annotated[int, Field(ge=1)] = shard_plan.DEFAULT_SHARD_ARTICLES,
    model_slots: Annotated[int, Field(ge=1)] = 1,
) -> State[Any]:
    """Digest a backlog across the workers of a Dask cluster; link stories and write outputs once.

    Args:
        paths: Article files and/or folders (one folder per source), as paths every worker can read.
        output_dir: Folder for digests/ and index.html (on the machine running this flow).
        languages: Languages to read the briefing in (as for the briefing flow).
        summary_max_tokens: Longest summary, in model tokens (16-512).
        offline: Never touch the network; missing models give degraded (extractive) digests.
        shard_articles: About how many articles per shard (the unit a worker takes).
        model_slots: Model stages one machine runs at once (Prefect concurrency limit per machine).
    """
    logger = get_run_logger()
    settings = options.run_settings(load_settings(), languages, summary_max_tokens, offline, output_dir)
    runner = BacklogRunner(logger, shard_articles, model_slots)
    result = compose_run(RunRequest(paths or (), backlog=True), settings, runner)
    outcomes = runner.outcomes
    workers = worker_tally(outcomes)
    report = {
        **report_dict(result, _reused(outcomes)),
        "shards": [
            {
                "index": o.index,
                "worker": o.worker,
                "articles": [d.source.path for _, d in o.keyed] + [f.path for f in o.failures],
                "model_loads": dict(o.model_loads),
            }
            for o in sorted(outcomes, key=lambda o: o.index)
        ],
        "workers": workers,
    }
    done_line = (
        f"Wrote {len(result.digests)} digest(s) from {len(outcomes)} shard(s) on {len(workers)} worker(s): "
        + ", ".join(
            f"{w}: {len(v['shards'])} shard(s), model loads {v['model_loads'] or 0}"
            for w, v in workers.items()
        )
    )
    return end_state(
        result,
        report,
        logger,
        digest_key=DIGEST_ARTIFACT_KEY,
        status_key=STATUS_ARTIFACT_KEY,
        title="Backlog briefing",
        done_line=done_line,
    )


def _reused(outcomes: list[ShardOutcome]) -> dict[str, int]:
    total: dict[str, int] = {}
    for outcome in outcomes:
        for stage, n in outcome.reused.items():
            total[stage] = total.get(stage, 0) + n
    return total


def dask_task_runner(address: str | None = None, workers: int = 2) -> Any:
    """The Dask cluster at ``address`` (``tcp://host:8786``), else a local one of ``workers`` processes.

    One thread per worker process: a worker runs one shard at a time, and its models are its own.
    """
    from prefect_dask import DaskTaskRunner

    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(
        cluster_class="distributed.LocalCluster",
        cluster_kwargs={
            "n_workers": workers,
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": None,
        },
    )
