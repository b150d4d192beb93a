"""Fixtures for the Prefect tier: one test harness per session, a real server on demand.

- ``prefect_harness``: ``prefect_test_harness`` (temporary server + database) for in-process
  flow runs, with Prefect's result storage in a session temp folder so cached results
  never leak from or into ``~/.prefect``.
- ``prefect_server``: ``briefing server`` as a subprocess on a free port with a temp
  ``PREFECT_HOME`` (SQLite), plus ``briefing serve`` against it (interval schedule), for the
  ``server`` tests; started and stopped by the shared helper (``start_briefing_server``, which the
  scale tier's PostgreSQL-backed server uses too).
- ``subprocess_env``: environment for ``briefing`` subprocesses (isolated PREFECT_HOME,
  quiet, offline).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefing_cli.prefect_server import (
    ServerError,
    ServerProcess,
    free_port,
    start_server_process,
    stop_group,
)
from tests.conftest import ROOT, SEED_000, SEED_001
from tests.sources.site import site  # noqa: F401  (fixture: the local news site)
from tests.tiny_models import tiny_models  # noqa: F401  (session fixture)

BRIEFING = str(Path(sys.executable).parent / "briefing")


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    from prefect.settings import PREFECT_LOCAL_STORAGE_PATH, temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    storage = tmp_path_factory.mktemp("prefect-results")
    with (
        temporary_settings({PREFECT_LOCAL_STORAGE_PATH: storage}),
        prefect_test_harness(server_startup_timeout=120),
    ):
        yield


def copy_seeds(folder: Path) -> list[Path]:
    """The two seed articles copied into ``folder`` (tests read them; nothing is committed)."""
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(seed, folder / seed.name)) for seed in (SEED_000, SEED_001)]


@pytest.fixture
def subprocess_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "BRIEFING_"))}
    env.update(
        PREFECT_HOME=str(tmp_path / "prefect-home"),
        PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL="CRITICAL",
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="120",
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        PYTHONUNBUFFERED="1",
    )
    return env


def start_briefing_server(
    port: int, env: dict[str, str], log_path: Path, *, cwd: Path, timeout_s: float = 300, **options: str
) -> ServerProcess:
    """``briefing server --port PORT --prefect-home $PREFECT_HOME`` (``options`` as more flags, e.g.
    ``database=...``), once its health check answers: the shared helper (``briefing_cli.prefect_server``)."""
    argv = [BRIEFING, "server", "--port", str(port), "--prefect-home", env["PREFECT_HOME"]]
    for name, value in options.items():
        argv += [f"--{name.replace('_', '-')}", value]
    try:
        return start_server_process(
            argv, env, f"http://127.0.0.1:{port}/api", log_path, cwd=cwd, timeout_s=timeout_s
        )
    except ServerError as err:
        pytest.fail(str(err))


def wait_for(predicate, timeout: float, what: str, interval: float = 0.5, proc=None):
    """Poll ``predicate`` until it returns something truthy; fail with ``what`` after ``timeout``.

    A safety limit only (the tests assert on outcomes, never on durations).
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"{what}: process exited with {proc.returncode}")
        time.sleep(interval)
    pytest.fail(f"timed out waiting for {what}")


@dataclass
class ServedPrefect:
    api_url: str
    ui_url: str
    env: dict[str, str]
    workdir: Path
    scheduled_output: Path
    logs: Path


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory: pytest.TempPathFactory, tiny_models: Path) -> Iterator[ServedPrefect]:  # noqa: F811
    """A real local Prefect server (SQLite) and ``briefing serve`` against it.

    The deployment is served with an interval schedule anchored at start, so one scheduled run
    happens during the tests. Its default parameters (``--input``/``--output``) are a copy of
    the seeds and ``scheduled_output``: what scheduled runs and the UI's quick run digest.
    """
    base = tmp_path_factory.mktemp("prefect-server")
    port = free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "BRIEFING_"))}
    env.update(
        PREFECT_HOME=str(base / "home"),
        PREFECT_API_URL=api_url,
        PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS="2",
        PREFECT_RUNNER_POLL_FREQUENCY="1",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_UI_ENABLED="true",
        BRIEFING_MODEL_DIR=str(tiny_models),
        HF_HUB_OFFLINE="1",
        PYTHONUNBUFFERED="1",
    )
    logs = base / "logs"
    logs.mkdir()
    inputs = base / "in"
    copy_seeds(inputs)
    server = start_briefing_server(port, env, logs / "server.log", cwd=base, timeout_s=180)
    serve = None
    try:
        serve = subprocess.Popen(
            [
                BRIEFING,
                "serve",
                "--interval",
                "900",
                "--input",
                str(inputs),
                "--output",
                str(base / "scheduled-out"),
            ],
            env=env,
            cwd=base,
            stdout=open(logs / "serve.log", "wb"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        yield ServedPrefect(
            api_url=api_url,
            ui_url=f"http://127.0.0.1:{port}",
            env=env,
            workdir=base,
            scheduled_output=base / "scheduled-out",
            logs=logs,
        )
    finally:
        if serve is not None:
            stop_group(serve)
        server.stop()


__all__ = ["ROOT", "copy_seeds", "wait_for", "free_port", "stop_group", "start_briefing_server", "BRIEFING"]
