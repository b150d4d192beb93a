"""Fixtures of the scale tier: real processes on localhost, as on several machines.

``scale_cluster`` (module scope) starts, each in its own process group:

- a PostgreSQL 15 cluster in a temporary folder (``scripts/dev-postgres.sh``, run as the ``postgres``
  user when the tests run as root),
- ``briefing server --database postgresql+asyncpg://...`` (the Prefect server on that database),
- ``briefing scheduler`` (Dask) and two ``briefing worker`` processes, named ``w1``/``w2`` on machines
  ``m1``/``m2`` (so each has its own model slot, as on two machines), sharing one result-storage folder.

``ScaleCluster.backlog(...)`` runs ``briefing backlog --cluster ... --json`` in a subprocess (the parent
flow, as an operator would) and returns its run data.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.flows.conftest import BRIEFING, free_port, start_briefing_server, stop_group, wait_for
from tests.tiny_models import tiny_models  # noqa: F401  (session fixture)

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
DEV_POSTGRES = ROOT / "scripts" / "dev-postgres.sh"
START_LIMIT_S = 240  # safety nets only; nothing asserts on durations
RUN_LIMIT_S = 600


@dataclass
class ScaleCluster:
    base: Path
    database_url: str
    pg_port: int
    api_url: str
    scheduler: str
    env: dict[str, str]
    storage: Path
    workers: dict[str, subprocess.Popen] = field(default_factory=dict)

    def start_worker(self, name: str, machine: str) -> subprocess.Popen:
        proc = subprocess.Popen(
            [BRIEFING, "worker", self.scheduler, "--name", name, "--machine", machine, "--no-nanny"],
            env=self.env,
            cwd=self.base,
            stdout=open(self.base / f"worker-{name}.log", "ab"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.workers[name] = proc
        return proc

    def kill_worker(self, name: str) -> None:
        """SIGKILL the worker's whole process group: no goodbye to the scheduler, as when a machine dies."""
        os.killpg(self.workers[name].pid, signal.SIGKILL)
        self.workers[name].wait()

    def dask_client(self):
        from distributed import Client

        return Client(self.scheduler, timeout=60)

    def wait_for_workers(self, names: set[str]) -> None:
        with self.dask_client() as client:

            def registered() -> bool:
                info = client.scheduler_info(n_workers=-1)["workers"].values()
                return names <= {w["name"] for w in info}

            wait_for(registered, START_LIMIT_S, f"workers {sorted(names)} to register", interval=1)

    def backlog(self, paths: list[Path], out: Path, *extra: str) -> subprocess.Popen:
        """Start ``briefing backlog`` over ``paths`` (read its report with :func:`report_of`)."""
        return subprocess.Popen(
            [BRIEFING, "backlog", *map(str, paths), "--output", str(out), "--cluster", self.scheduler]
            + [
                "--languages",
                "en,de",
                "--summary-max-tokens",
                "16",
                "--shard-articles",
                "10",
                "--storage",
                str(self.storage),
                "--json",
                *extra,
            ],
            env=self.env,
            cwd=self.base,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def psql(self, sql: str) -> str:
        argv = [
            str(PG_BIN / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.pg_port),
            "-U",
            "postgres",
            "-d",
            "prefect",
        ]
        done = subprocess.run([*argv, "-tAc", sql], capture_output=True, text=True, timeout=60, check=True)
        return done.stdout.strip()


def report_of(proc: subprocess.Popen) -> tuple[int, dict]:
    out, err = proc.communicate(timeout=RUN_LIMIT_S)
    assert out.strip().startswith("{"), f"no run data (exit {proc.returncode}): {err[-3000:]}"
    return proc.returncode, json.loads(out)


def _postgres(base: Path, port: int, action: str) -> str:
    done = subprocess.run(
        [str(DEV_POSTGRES), action, str(base / "pg"), str(port)],
        capture_output=True,
        text=True,
        timeout=START_LIMIT_S,
        env={**os.environ, "PG_BIN": str(PG_BIN)},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.strip()


@pytest.fixture(scope="module")
def scale_cluster(tiny_models: Path) -> Iterator[ScaleCluster]:  # noqa: F811
    if not (PG_BIN / "initdb").is_file():
        pytest.fail(
            f"PostgreSQL 15 is not installed ({PG_BIN}); "
            "`make test` installs it (apt-get install postgresql-15)"
        )
    # Not under pytest's tmp_path: that folder is private to this user, and PostgreSQL runs as `postgres`.
    base = Path(tempfile.mkdtemp(prefix="briefing-scale-"))
    base.chmod(0o755)
    pg_port, api_port, dask_port = free_port(), free_port(), free_port()
    database_url = _postgres(base, pg_port, "start")
    api_url = f"http://127.0.0.1:{api_port}/api"
    storage = base / "shared-results"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "BRIEFING_"))}
    env.update(
        PREFECT_HOME=str(base / "prefect-home"),
        PREFECT_API_URL=api_url,
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_UI_ENABLED="false",
        PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL="WARNING",
        BRIEFING_MODEL_DIR=str(tiny_models),
        # torch: ctranslate2 would convert each tiny model on disk first; these tests count loads, not speed.
        BRIEFING_ENGINE="torch",
        BRIEFING_SUMMARY_NUM_BEAMS="1",
        BRIEFING_TRANSLATION_NUM_BEAMS="1",
        HF_HUB_OFFLINE="1",
        PYTHONUNBUFFERED="1",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    cluster = ScaleCluster(base, database_url, pg_port, api_url, "", env, storage)
    procs: list[subprocess.Popen] = []
    try:

        def spawn(name: str, *argv: str) -> subprocess.Popen:
            proc = subprocess.Popen(
                [BRIEFING, *argv],
                env=env,
                cwd=base,
                stdout=open(base / f"{name}.log", "wb"),  # noqa: SIM115
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            procs.append(proc)
            return proc

        dask = spawn("scheduler", "scheduler", "--port", str(dask_port))
        cluster.scheduler = f"tcp://127.0.0.1:{dask_port}"
        server = start_briefing_server(
            api_port, env, base / "server.log", cwd=base, timeout_s=START_LIMIT_S, database=database_url
        )
        procs.insert(0, server.process)  # stopped last, after the scheduler
        assert dask.poll() is None, (base / "scheduler.log").read_text()[-2000:]
        cluster.start_worker("w1", "m1")
        cluster.start_worker("w2", "m2")
        cluster.wait_for_workers({"w1", "w2"})
        yield cluster
    finally:
        for proc in [*cluster.workers.values(), *reversed(procs)]:
            stop_group(proc)
        _postgres(base, pg_port, "stop")
        if os.environ.get("BRIEFING_KEEP_SCALE_LOGS") is None:
            shutil.rmtree(base, ignore_errors=True)
