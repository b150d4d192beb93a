"""The backlog flow: a run over many articles cut into shards, each digested on a Dask worker.

``backlog_flow`` hashes the inputs, plans shards (``briefing.scale.shards``: length-balanced, a source's
articles together) and submits one ``digest-shard`` task per shard through Prefect's ``DaskTaskRunner``.
Each shard runs the stages of ``flows/wiring.py`` (clean, batched summaries, translations and discussions,
each article's result cached in the shared result storage) inside a long-lived Dask worker process, whose
loaded models stay for its next shards and runs. When every shard is back, the same-story links and the
outputs (digests, edition, index, feeds) are made once, here. A worker that dies mid-shard is noticed by the
Dask scheduler, which runs the shard again on another worker; stages already stored are then read, not
recomputed. See docs/SCALING.md.

The shard task lives here, not in ``tasks/``: it is wiring (nested stage tasks), like the flow body it
reuses from ``flows.wiring``.
"""

from __future__ import annotations

import os
from typing import Annotated, Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.states import Completed, Failed, State
from prefect.utilities.annotations import quote
from pydantic import Field

from briefing.models.cache import model_loads
from briefing.records import ArticleFailure
from briefing.run import inputs, options
from briefing.run import report as run_report_md
from briefing.scale import shards as shard_plan
from briefing.scale.workers import ShardOutcome, loads_between, machine_name, worker_tally
from briefing.settings import Settings, load_settings
from flows import wiring
from flows.briefing import Languages, SummaryMaxTokens
from tasks import stages
from tasks.shard import model_slot, worker_name

FLOW_NAME = "briefing-backlog"
DIGEST_ARTIFACT_KEY = "briefing-backlog-digest"
STATUS_ARTIFACT_KEY = "briefing-backlog-status"


class _Tally:
    """The progress interface of ``flows.wiring``'s stage helpers, counting reuse only (a shard on a
    worker makes no progress artifact: the parent run shows the shards as task runs)."""

    def __init__(self) -> None:
        self.reused_by_stage: dict[str, int] = {}

    def reused(self, stage: str, count: int) -> None:
        self.reused_by_stage[stage] = count

    def step(self, what: str) -> None:
        pass

    def skip(self, steps: int) -> None:
        pass

    def batch(self, stage: str, count: int) -> None:
        pass


@task(name="digest-shard", task_run_name="shard {shard.index}", cache_policy=NO_CACHE, persist_result=False)
def digest_shard(shard: shard_plan.Shard, settings: Settings, model_slots: int = 1) -> ShardOutcome:
    """Clean, summarize, translate and discuss one shard's articles on this worker (stage results cached)."""
    before = model_loads()
    failures: list[ArticleFailure] = []
    tally = _Tally()
    cleaned = wiring.clean_all(list(shard.refs), settings, failures, tally)
    with model_slot(model_slots):
        translated = wiring.model_stages(cleaned, settings, failures, tally)
    after = model_loads()
    loads, seconds = loads_between(before, after)
    return ShardOutcome(
        index=shard.index,
        worker=worker_name(),
        machine=machine_name(),
        pid=os.getpid(),
        keyed=tuple(translated),
        failures=tuple(failures),
        reused=dict(tally.reused_by_stage),
        model_loads=loads,
        model_load_seconds=round(seconds, 3),
        worker_model_loads={m: n for m, (n, _) in after.items()},
    )


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
    out = settings.output_dir
    refs, failures = inputs.article_refs(shard_plan.expand_backlog(paths or inputs.default_input_paths()))
    items = shard_plan.backlog_items(refs)
    plan = shard_plan.plan_shards(items, shard_plan.shard_count(len(items), shard_articles))
    logger.info("%d article(s) in %d shard(s)", len(refs), len(plan))
    futures = [digest_shard.submit(shard, settings, model_slots) for shard in plan]
    outcomes: list[ShardOutcome] = []
    for shard, future in zip(plan, futures, strict=True):
        future.wait()
        state = future.state
        if state.is_completed():
            outcomes.append(state.result())
        else:
            reason = f"shard {shard.index} failed: {wiring.failure_reason(state)}"
            failures += [ArticleFailure(ref.path, reason) for ref in shard.refs]
    for outcome in outcomes:
        failures += outcome.failures
    order = {ref.path: n for n, ref in enumerate(refs)}
    keyed = sorted(
        (kd for o in outcomes for kd in o.keyed), key=lambda kd: order.get(kd[1].source.path, len(order))
    )
    digests = wiring.link(keyed, logger)
    files_by_id, index = stages.write_outputs(quote(digests), failures, out, settings)
    create_markdown_artifact(
        markdown=run_report_md.briefing_markdown(digests, failures, files_by_id, index),
        key=DIGEST_ARTIFACT_KEY,
        description=f"Backlog briefing ({len(digests)} digest(s)) in {out}",
    )
    create_table_artifact(
        table=run_report_md.status_rows(digests, failures),
        key=STATUS_ARTIFACT_KEY,
        description="Per-article status",
    )
    workers = worker_tally(outcomes)
    report = {
        "output_dir": str(out),
        "index": str(index),
        "digests": [d.article_id for d in digests],
        "failures": [f.one_line() for f in failures],
        "reused": _reused(outcomes),
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
    for failure in failures:
        logger.error(failure.one_line())
    logger.info(
        "Wrote %d digest(s) from %d shard(s) on %d worker(s): %s",
        len(digests),
        len(outcomes),
        len(workers),
        ", ".join(
            f"{w}: {len(v['shards'])} shard(s), model loads {v['model_loads'] or 0}"
            for w, v in workers.items()
        ),
    )
    if failures:
        return Failed(
            message=f"{len(failures)} article(s) failed, {len(digests)} digest(s) written", data=report
        )
    return Completed(message=f"{len(digests)} digest(s) written to {out}", data=report)


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
