"""The console stays quiet and shows progress; `briefing server` never prompts; `serve` stops on SIGTERM."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.run.progress import notify
from briefing_cli import console
from briefing_cli.serve import server_env
from tests.conftest import ROOT
from tests.flows.conftest import BRIEFING, free_port, start_briefing_server, wait_for


@pytest.mark.unit
def test_progress_shows_each_step_on_a_terminal():
    stream = io.StringIO()
    stop = console.show_progress(stream, force=True)
    try:
        notify(1, 6, "Cleaned story.txt")
        notify(3, 6, "summarize: 2 article(s) in one batch")
    finally:
        stop()
    text = stream.getvalue()
    assert "Cleaned story.txt" in text and "summarize: 2 article(s) in one batch" in text
    notify(4, 6, "after stop")  # no listener left: nothing is written
    assert "after stop" not in stream.getvalue()


@pytest.mark.unit
def test_no_progress_in_pipes():
    stream = io.StringIO()
    stop = console.show_progress(stream)
    notify(1, 2, "step")
    stop()
    assert stream.getvalue() == ""


@pytest.mark.unit
def test_quiet_unless_verbose(monkeypatch):
    for key in (*console.QUIET_ENV, *console.API_ENV, "DO_NOT_TRACK"):
        monkeypatch.delenv(key, raising=False)
    console.configure(verbose=True)
    assert os.environ["PREFECT_API_REQUEST_TIMEOUT"] == "30"  # bounded API waits either way
    assert os.environ["DO_NOT_TRACK"] == "1"  # no client telemetry (nor its notice) either way
    assert "TRANSFORMERS_VERBOSITY" not in os.environ
    console.configure(verbose=False)
    assert os.environ["TRANSFORMERS_VERBOSITY"] == "error"
    assert os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"
    assert os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] == "CRITICAL"


@pytest.mark.unit
def test_server_start_never_prompts_nor_sends_telemetry(tmp_path: Path):
    env = server_env({"PREFECT_CLI_PROMPT": "true"}, tmp_path, "127.0.0.1", 4321)
    assert env["PREFECT_CLI_PROMPT"] == "false"  # Prefect's first-start profile questions
    assert env["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"
    assert env["DO_NOT_TRACK"] == "1"
    assert env["PREFECT_SERVER_UI_API_URL"] == "http://127.0.0.1:4321/api"


_STUCK_RUNNER = """
import signal, sys, time
import flows.deploy as deploy
deploy.SHUTDOWN_GRACE_S = 1.0
runner = deploy.BoundedShutdownRunner(pause_on_shutdown=True, limit=1)
runner.stop = lambda: time.sleep(3600)  # what stopping does when the server is gone: wait on the API
signal.signal(signal.SIGTERM, runner.handle_sigterm)  # as Runner.start installs it
print("ready", flush=True)
time.sleep(3600)
"""


@pytest.mark.cli
def test_sigterm_ends_the_runner_even_when_stopping_hangs(tmp_path: Path):
    proc = subprocess.Popen(
        [sys.executable, "-c", _STUCK_RUNNER],
        env={**os.environ, "PYTHONPATH": str(ROOT), "PREFECT_HOME": str(tmp_path / "home")},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "ready"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.server
def test_serve_stops_on_sigterm_after_its_server_died(tmp_path: Path, subprocess_env: dict[str, str]):
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {**subprocess_env, "PREFECT_API_URL": api}
    logs = tmp_path / "logs"
    logs.mkdir()
    server = start_briefing_server(port, env, logs / "server.log", cwd=tmp_path)
    serve = None
    try:
        serve = subprocess.Popen(
            [BRIEFING, "serve", "--interval", "3600"],
            env=env,
            cwd=tmp_path,
            stdout=open(logs / "serve.log", "wb"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(lambda: "Serving deployment" in (logs / "serve.log").read_text(), 300, "serve", proc=serve)
        time.sleep(2)
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait()
        serve.send_signal(signal.SIGTERM)
        try:
            serve.wait(timeout=120)  # a safety limit, not a timing assertion: serve must stop at all
        except subprocess.TimeoutExpired:
            pytest.fail(f"briefing serve ignored SIGTERM once its server was gone (logs: {logs})")
    finally:
        for proc in (serve, server.process):
            if proc is not None and proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
