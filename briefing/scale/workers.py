"""What a shard reports back from the worker that ran it, and the run's per-worker tally.

A worker is a long-lived process (a Dask worker): the models it loads stay in its process-wide cache
(``briefing.models.cache``) for its next shards and its next runs, within ``model_memory_mb``. Each shard
says how many times each model was loaded while it ran (the difference of the worker's cumulative counts
before and after), so a run's data shows which worker did what and which models were loaded or reused.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from briefing.records import ArticleFailure, Digest

MACHINE_ENV = "BRIEFING_MACHINE"


@dataclass(frozen=True)
class ShardOutcome:
    """A finished shard: its digests (each with its translation-stage cache key) and failures."""

    index: int
    worker: str
    machine: str
    pid: int
    keyed: tuple[tuple[str, Digest], ...]
    failures: tuple[ArticleFailure, ...]
    # per stage: articles whose stored result was reused (nothing recomputed)
    reused: Mapping[str, int] = field(default_factory=dict)
    # model id -> loads while this shard ran, and the seconds those loads took
    model_loads: Mapping[str, int] = field(default_factory=dict)
    model_load_seconds: float = 0.0
    # model id -> loads over the worker process's whole life, as of the shard's end
    worker_model_loads: Mapping[str, int] = field(default_factory=dict)


def machine_name() -> str:
    """This machine's name for per-machine limits: ``$BRIEFING_MACHINE``, else the host name."""
    return os.environ.get(MACHINE_ENV) or socket.gethostname()


def loads_between(
    before: Mapping[str, tuple[int, float]], after: Mapping[str, tuple[int, float]]
) -> tuple[dict[str, int], float]:
    """Loads per model id and seconds spent loading between two ``model_loads()`` readings."""
    counts: dict[str, int] = {}
    seconds = 0.0
    for model_id, (n, s) in after.items():
        n0, s0 = before.get(model_id, (0, 0.0))
        if n > n0:
            counts[model_id] = n - n0
            seconds += s - s0
    return counts, seconds


def worker_tally(outcomes: Iterable[ShardOutcome]) -> dict[str, dict[str, Any]]:
    """Per worker: its machine and process, the shards and articles it did, the models it loaded.

    ``model_loads`` counts loads during this run; ``model_loads_total`` is the worker process's count
    since it started (so across runs on a long-lived worker each model stays at 1 within the budget).
    """
    tally: dict[str, dict[str, Any]] = {}
    for outcome in sorted(outcomes, key=lambda o: o.index):
        entry = tally.setdefault(
            outcome.worker,
            {
                "machine": outcome.machine,
                "pids": [],
                "shards": [],
                "articles": 0,
                "model_loads": {},
                "model_load_seconds": 0.0,
                "model_loads_total": {},
            },
        )
        if outcome.pid not in entry["pids"]:
            entry["pids"].append(outcome.pid)
        entry["shards"].append(outcome.index)
        entry["articles"] += len(outcome.keyed) + len(outcome.failures)
        for model_id, n in outcome.model_loads.items():
            entry["model_loads"][model_id] = entry["model_loads"].get(model_id, 0) + n
        entry["model_load_seconds"] = round(entry["model_load_seconds"] + outcome.model_load_seconds, 3)
        for model_id, n in outcome.worker_model_loads.items():
            entry["model_loads_total"][model_id] = max(entry["model_loads_total"].get(model_id, 0), n)
    return tally
