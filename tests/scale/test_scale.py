"""Scale-out on localhost with real processes: PostgreSQL, a Prefect server on it, a Dask scheduler and
two long-lived workers (fixture ``scale_cluster``). The tests run in file order and share the cluster:
the second run's model counts depend on the first having loaded the models on both workers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.flows.conftest import wait_for
from tests.scale.backlog import write_backlog
from tests.scale.conftest import RUN_LIMIT_S, ScaleCluster, report_of

pytestmark = pytest.mark.scale

SUMMARIZER = "sshleifer/distilbart-cnn-12-6"
EN_DE = "Helsinki-NLP/opus-mt-en-de"

_RUNS: dict[str, dict] = {}


def _digests(out: Path, validate_digest) -> dict[str, dict]:
    found = {}
    for path in sorted((out / "digests").glob("*.json")):
        digest = validate_digest(json.loads(path.read_text(encoding="utf-8")))
        found[digest["source"]["path"]] = digest
    return found


def _shard_articles(report: dict) -> list[str]:
    return [path for shard in report["shards"] for path in shard["articles"]]


def test_two_workers_digest_a_60_article_backlog_each_article_once(
    scale_cluster: ScaleCluster, validate_digest
):
    inputs = write_backlog(scale_cluster.base / "backlog-a", 60, seed=1)
    out = scale_cluster.base / "out-a"
    code, report = report_of(scale_cluster.backlog([scale_cluster.base / "backlog-a"], out))
    _RUNS["a"] = report
    assert code == 0, report["failures"]
    expected = sorted(str(p.absolute()) for p in inputs)
    # Every article in exactly one shard, and digested exactly once.
    assert sorted(_shard_articles(report)) == expected
    assert len(report["digests"]) == len(set(report["digests"])) == 60
    digests = _digests(out, validate_digest)
    assert sorted(digests) == expected
    assert all(
        d["summary"] and [t["language"] for t in d["translations"]] == ["de"] for d in digests.values()
    )
    # Both workers took shards; the run data says which and how many articles each.
    workers = report["workers"]
    assert set(workers) == {"w1", "w2"}
    assert all(w["shards"] and w["articles"] > 0 for w in workers.values())
    assert sum(w["articles"] for w in workers.values()) == 60
    assert {w["machine"] for w in workers.values()} == {"m1", "m2"}
    # One edition and one index at the end, listing every article of the run.
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(article_id in index for article_id in report["digests"])
    # (and the hidden lock file publishing takes: briefing.locks)
    shown = sorted(p.name for p in out.iterdir() if p.is_file() and not p.name.startswith("."))
    assert shown == ["editions.json", "index.html"]
    assert len(list((out / "editions").glob("*.html"))) == 1
    # Each article's clean/summary/translation results, and the run's same-story link, are in the shared
    # storage the parent named (the workers' own environment names none: the setting travels with the shards).
    assert len([p for p in scale_cluster.storage.iterdir() if p.is_file()]) >= 3 * 60 + 1
    # The Prefect server kept the runs in PostgreSQL: one backlog flow run, its shards as task runs.
    assert (
        scale_cluster.psql(
            "SELECT count(*) FROM flow_run f JOIN flow ON flow.id = f.flow_id "
            "WHERE flow.name = 'briefing-backlog'"
        )
        == "1"
    )
    shard_runs = scale_cluster.psql("SELECT count(*) FROM task_run WHERE name LIKE 'shard %'")
    assert int(shard_runs) == len(report["shards"])
    linked = scale_cluster.psql("SELECT count(*) FROM task_run WHERE task_key LIKE '%same_story%'")
    written = scale_cluster.psql("SELECT count(*) FROM task_run WHERE task_key LIKE '%write_outputs%'")
    assert (linked, written) == ("1", "1")
    # Each machine's model stages ran under its own one-slot limit.
    limits = scale_cluster.psql(
        "SELECT name || '=' || \"limit\" FROM concurrency_limit_v2 "
        "WHERE name LIKE 'briefing-models-%' ORDER BY name"
    )
    assert limits.split() == ["briefing-models-m1=1", "briefing-models-m2=1"]


def test_models_stay_loaded_across_runs_on_each_worker(scale_cluster: ScaleCluster, validate_digest):
    first = _RUNS.get("a") or pytest.skip("needs the first run of this module")
    for worker in first["workers"].values():
        assert worker["model_loads"] == {SUMMARIZER: 1, EN_DE: 1}
    write_backlog(scale_cluster.base / "backlog-b", 20, seed=2)
    out = scale_cluster.base / "out-b"
    code, report = report_of(scale_cluster.backlog([scale_cluster.base / "backlog-b"], out))
    assert code == 0, report["failures"]
    assert report["reused"]["summarize"] == 0  # new articles: the models did run
    assert len(_digests(out, validate_digest)) == 20
    for name, worker in report["workers"].items():
        assert worker["model_loads"] == {}, name  # nothing loaded in this run...
        assert worker["model_loads_total"] == {SUMMARIZER: 1, EN_DE: 1}, name  # ...once over both runs


def _processing_on(client, worker_name: str) -> list:
    names = {addr: w["name"] for addr, w in client.scheduler_info(n_workers=-1)["workers"].items()}
    return [
        key for addr, keys in client.processing().items() if names.get(addr) == worker_name for key in keys
    ]


def _task_where(key, dask_scheduler=None):
    task = dask_scheduler.tasks.get(key)
    if task is None:
        return None
    return task.state, sorted(w.name for w in task.who_has or ()), getattr(task.processing_on, "name", None)


def test_a_worker_killed_mid_run_its_shard_is_redone_on_the_other(
    scale_cluster: ScaleCluster, validate_digest
):
    inputs = write_backlog(scale_cluster.base / "backlog-c", 40, seed=3)
    out = scale_cluster.base / "out-c"
    run = scale_cluster.backlog([scale_cluster.base / "backlog-c"], out)
    with scale_cluster.dask_client() as client:
        keys = wait_for(lambda: _processing_on(client, "w1"), RUN_LIMIT_S, "w1 to take a shard", interval=0.2)
        scale_cluster.kill_worker("w1")

        def redone():
            where = client.run_on_scheduler(_task_where, keys[0])
            if where is None or run.poll() is not None:
                return "gone"
            return where if where[0] == "memory" else None

        where = wait_for(redone, RUN_LIMIT_S, "the killed shard to finish elsewhere", interval=0.2)
    code, report = report_of(run)
    assert code == 0, report["failures"]
    if where != "gone":  # the flow still held it: the shard's result now lives on w2
        assert where[1] == ["w2"]
    digests = _digests(out, validate_digest)
    assert sorted(digests) == sorted(str(p.absolute()) for p in inputs)
    assert sorted(_shard_articles(report)) == sorted(digests)
    # w1 died holding a shard: w2 did that one too (and w1 reports only what it finished before).
    assert report["workers"]["w2"]["articles"] > 0
    assert report["workers"].get("w1", {"articles": 0})["articles"] < 40

    # Rerun on the surviving worker: every stage of every article read from the shared results.
    code, again = report_of(scale_cluster.backlog([scale_cluster.base / "backlog-c"], out))
    assert code == 0, again["failures"]
    assert again["reused"] == {"clean": 40, "summarize": 40, "translate": 40, "discuss": 40}
    assert set(again["workers"]) == {"w2"}
    assert sorted(_digests(out, validate_digest)) == sorted(digests)
