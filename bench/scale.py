"""Scale-out benchmark (not a test): 1 vs 2 Dask workers on this machine, and the model-load time a
long-lived worker saves per run. ``make bench-scale`` = ``python -m bench.scale``.

It starts what a deployment runs (PostgreSQL via scripts/dev-postgres.sh, ``briefing server --database``,
``briefing scheduler``) and, for each worker count, fresh ``briefing worker`` processes, then times two
``briefing backlog`` runs over two different backlogs of the same size: the first on cold workers (every
model loaded), the second on the same, warm workers (models still loaded). The difference in model-load
seconds is what a fresh process per run (or per shard, as Prefect's process workers start) would pay again.
Models: the tiny set (``make_models(size="tiny")``) unless ``--model-dir`` names another set.
Results: ``bench/results/scale.json`` and a table on stdout. Wall times on a shared machine are indicative.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from briefing_cli.prefect_server import api_answers, free_port, stop_group
from tests.scale.backlog import write_backlog

ROOT = Path(__file__).resolve().parents[1]
BRIEFING = str(Path(sys.executable).parent / "briefing")
RESULTS = ROOT / "bench" / "results" / "scale.json"


def _spawn(argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        argv,
        env=env,
        stdout=open(log, "ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # noqa: SIM115
    )


def _wait(check, what: str, limit: float = 300) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(1)
    raise SystemExit(f"bench-scale: timed out waiting for {what}")


def _workers_up(scheduler: str, names: set[str]) -> bool:
    from distributed import Client

    with Client(scheduler, timeout=30) as client:
        return names <= {w["name"] for w in client.scheduler_info(n_workers=-1)["workers"].values()}


def _run(env: dict[str, str], scheduler: str, backlog: Path, out: Path, shard_articles: int) -> dict:
    started = time.perf_counter()
    done = subprocess.run(
        [BRIEFING, "backlog", str(backlog), "-o", str(out), "--cluster", scheduler, "--json"]
        + ["--languages", "en,de", "--shard-articles", str(shard_articles)],
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    wall = time.perf_counter() - started
    if not done.stdout.strip().startswith("{"):
        raise SystemExit(f"bench-scale: backlog run failed: {done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    workers = report["workers"]
    return {
        "wall_s": round(wall, 1),
        "digests": len(report["digests"]),
        "failures": len(report["failures"]),
        "shards_per_worker": {w: len(v["shards"]) for w, v in workers.items()},
        "model_loads": sum(sum(v["model_loads"].values()) for v in workers.values()),
        "model_load_s": round(sum(v["model_load_seconds"] for v in workers.values()), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=40, help="articles per backlog (two backlogs)")
    parser.add_argument("--shard-articles", type=int, default=10)
    parser.add_argument("--model-dir", type=Path, default=None, help="model set (default: tiny, built here)")
    parser.add_argument("--engine", default="torch", help="briefing engine setting of the workers")
    args = parser.parse_args()

    base = Path(tempfile.mkdtemp(prefix="briefing-bench-scale-"))
    base.chmod(0o755)
    model_dir = args.model_dir
    if model_dir is None:
        from briefing.testing.tiny import make_models

        model_dir = base / "models"
        make_models(model_dir, size="tiny")
    pg_port, api_port, dask_port = free_port(), free_port(), free_port()
    pg = [str(ROOT / "scripts" / "dev-postgres.sh")]
    database = subprocess.run([*pg, "start", str(base / "pg"), str(pg_port)], capture_output=True, text=True)
    if database.returncode:
        raise SystemExit(f"bench-scale: PostgreSQL did not start: {database.stderr}")
    api, scheduler = f"http://127.0.0.1:{api_port}/api", f"tcp://127.0.0.1:{dask_port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "BRIEFING_"))}
    env.update(
        PREFECT_HOME=str(base / "home"),
        PREFECT_API_URL=api,
        PREFECT_LOCAL_STORAGE_PATH=str(base / "results"),
        PREFECT_UI_ENABLED="false",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        BRIEFING_MODEL_DIR=str(model_dir),
        BRIEFING_ENGINE=args.engine,
        HF_HUB_OFFLINE="1",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    services = [
        _spawn(
            [BRIEFING, "server", "--port", str(api_port), "--database", database.stdout.strip()],
            env,
            base / "server.log",
        ),
        _spawn([BRIEFING, "scheduler", "--port", str(dask_port)], env, base / "scheduler.log"),
    ]
    rows = []
    try:
        _wait(lambda: api_answers(api), "the Prefect server")
        for count in (1, 2):
            names = [f"w{n}" for n in range(1, count + 1)]
            workers = [
                _spawn(
                    [BRIEFING, "worker", scheduler, "--name", f"{name}-of-{count}", "--machine", f"m{n}"],
                    env,
                    base / f"{name}.log",
                )
                for n, name in enumerate(names, 1)
            ]
            try:
                wanted = {f"{n}-of-{count}" for n in names}
                _wait(lambda wanted=wanted: _workers_up(scheduler, wanted), "the workers")
                for run, seed in (("cold", 10 * count), ("warm", 10 * count + 1)):
                    backlog = base / f"backlog-{count}-{run}"
                    write_backlog(backlog, args.articles, seed=seed)
                    result = _run(env, scheduler, backlog, base / f"out-{count}-{run}", args.shard_articles)
                    rows.append({"workers": count, "run": run, **result})
                    print(json.dumps(rows[-1]), flush=True)
            finally:
                for proc in workers:
                    stop_group(proc, grace_s=30)
    finally:
        for proc in reversed(services):
            stop_group(proc, grace_s=30)
        subprocess.run([*pg, "stop", str(base / "pg"), str(pg_port)], capture_output=True)
    summary = {
        "articles_per_run": args.articles,
        "shard_articles": args.shard_articles,
        "engine": args.engine,
        "models": "tiny" if args.model_dir is None else str(args.model_dir),
        "cpus": os.cpu_count(),
        "runs": rows,
        "model_load_s_saved_per_run": {
            count: round(
                next(r["model_load_s"] for r in rows if r["workers"] == count and r["run"] == "cold")
                - next(r["model_load_s"] for r in rows if r["workers"] == count and r["run"] == "warm"),
                2,
            )
            for count in (1, 2)
        },
    }
    RESULTS.write_text(json.dumps(summary, indent=1) + "\n")
    print("workers run   wall_s  shards/worker        model loads  load_s")
    for r in rows:
        print(
            f"{r['workers']:>7} {r['run']:<5} {r['wall_s']:>7}  {json.dumps(r['shards_per_worker']):<20} "
            f"{r['model_loads']:>11}  {r['model_load_s']:>6}"
        )
    print(f"model-load seconds saved per run by warm workers: {summary['model_load_s_saved_per_run']}")
    shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
