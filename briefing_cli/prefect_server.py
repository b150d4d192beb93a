"""The temporary Prefect server of one ``briefing run``: a child process that dies with the run.

Prefect's own ephemeral server (``SubprocessASGIServer``) is a plain subprocess stopped by an
``atexit`` hook, so a ``kill -9`` or an OOM kill of the run leaves it running for ever. Here the
same server (uvicorn serving ``prefect.server.api.server:create_app``, UI off) is started with
Linux's parent-death signal (``PR_SET_PDEATHSIG``): the kernel kills it when the run dies, however
the run dies. ``PREFECT_API_URL`` then points at it, so Prefect starts nothing of its own.
Prefect is not imported here (only located), so failing fast stays fast.

The start/health/stop pieces (:func:`free_port`, :func:`api_answers`, :func:`wait_until_answers`,
:func:`stop_group`, :func:`start_server_process`) are the one copy the tests and the benchmarks use too,
for the ``briefing server`` / ``prefect server start`` processes they run.
"""

from __future__ import annotations

import atexit
import ctypes
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import one_line

PR_SET_PDEATHSIG = 1
STARTUP_TIMEOUT_S = 120.0  # a busy 2-core machine can take tens of seconds (migrations on a fresh DB)
HEALTH_TIMEOUT_S = 10.0


class ServerError(RuntimeError):
    """The Prefect API could not be started or reached; the message is one line."""


def can_tie_to_parent() -> bool:
    return sys.platform.startswith("linux")


def _die_with_parent(parent: int) -> None:
    """In the child, before exec: ask the kernel for SIGKILL when the parent dies."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def api_answers(api_url: str, timeout_s: float = 2.0) -> bool:
    """Whether the Prefect API at ``api_url`` answers its health check with HTTP 200."""
    import httpx

    try:
        return httpx.get(f"{api_url.rstrip('/')}/health", timeout=timeout_s).status_code == 200
    except httpx.HTTPError:
        return False


def wait_until_answers(
    api_url: str, process: subprocess.Popen, timeout_s: float, what: str, log_path: Path | None = None
) -> None:
    """Poll the health check until it answers; :class:`ServerError` when ``process`` exits or time is up."""
    where = f" (its log: {log_path})" if log_path else ""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"{what} exited with code {process.returncode}{where}")
        if api_answers(api_url):
            return
        time.sleep(0.2)
    raise ServerError(f"{what} did not answer within {timeout_s:.0f} s{where}")


def stop_group(process: subprocess.Popen, grace_s: float = 20.0) -> None:
    """SIGTERM the process group ``process`` leads (the server and what it started), SIGKILL after
    ``grace_s``. The process must lead its own group (``start_new_session`` or ``process_group=0``)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:  # gone between poll and kill
        process.wait()


@dataclass
class ServerProcess:
    """A server process leading its own process group, its API URL and its log."""

    process: subprocess.Popen[bytes]
    api_url: str
    log_path: Path | None
    grace_s: float = 20.0

    def stop(self) -> None:
        stop_group(self.process, self.grace_s)


def start_server_process(
    argv: list[str],
    env: dict[str, str],
    api_url: str,
    log_path: Path,
    *,
    cwd: Path | None = None,
    timeout_s: float = STARTUP_TIMEOUT_S,
    what: str = "the Prefect server",
) -> ServerProcess:
    """Run ``argv`` (``briefing server ...``, ``prefect server start ...``) in its own process group with its
    output appended to ``log_path``, and wait until ``api_url`` answers; stopped (whole group) if it never
    does."""
    with open(log_path, "ab") as out:
        process = subprocess.Popen(
            argv, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = ServerProcess(process, api_url, log_path)
    try:
        wait_until_answers(api_url, process, timeout_s, what, log_path)
    except BaseException:
        server.stop()
        raise
    return server


class TemporaryServer(ServerProcess):
    """The temporary server of one run (it leads its own process group: stopping it stops the group)."""


def start_temporary_server(
    log_path: Path | None, inherit_output: bool = False, timeout_s: float = STARTUP_TIMEOUT_S
) -> TemporaryServer:
    """Start the server, wait for its health check, and return it (stopped at exit, killed with us).

    Its output goes to ``log_path`` (replaced each run), else to our console when ``inherit_output``,
    else nowhere.
    """
    spec = importlib.util.find_spec("prefect")
    if spec is None or spec.origin is None:
        raise ServerError("Prefect is not installed")
    app_dir = Path(spec.origin).parent.parent
    port = free_port()
    argv = [
        sys.executable,
        "-m",
        "uvicorn",
        "--app-dir",
        str(app_dir),
        "--factory",
        "prefect.server.api.server:create_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "error",
        "--lifespan",
        "on",
    ]
    env = {
        **os.environ,
        "PREFECT_UI_ENABLED": "0",
        "PREFECT__SERVER_EPHEMERAL": "1",
        "PREFECT__SERVER_FINAL": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": os.environ.get("DO_NOT_TRACK", "1"),
    }
    env.pop("PREFECT_API_URL", None)
    parent = os.getpid()
    out = open(log_path, "wb") if log_path is not None else None  # noqa: SIM115  (handed to the child)
    quiet = None if inherit_output else subprocess.DEVNULL
    try:
        process = subprocess.Popen(
            argv,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out if out is not None else quiet,
            stderr=subprocess.STDOUT if out is not None else quiet,
            preexec_fn=(lambda: _die_with_parent(parent)),  # noqa: PLW1509  (no threads yet)
            # Its own process group: a terminal's Ctrl-C (SIGINT to the foreground group) must not kill the
            # server under a run that is still finishing; it dies with the run anyway (above).
            process_group=0,
        )
    finally:
        if out is not None:
            out.close()
    server = TemporaryServer(process, f"http://127.0.0.1:{port}/api", log_path, grace_s=5)
    atexit.register(server.stop)
    try:
        wait_until_answers(server.api_url, process, timeout_s, "the temporary Prefect server", log_path)
    except ServerError:
        server.stop()
        raise
    return server


def check_api(api_url: str, timeout_s: float = HEALTH_TIMEOUT_S) -> None:
    """Raise :class:`ServerError` unless the Prefect API at ``api_url`` answers its health check in time."""
    import httpx

    try:
        response = httpx.get(f"{api_url.rstrip('/')}/health", timeout=timeout_s)
    except httpx.TimeoutException:
        raise ServerError(
            f"the Prefect API at {api_url} did not answer within {timeout_s:.0f} s (PREFECT_API_URL)"
        ) from None
    except httpx.HTTPError as err:
        reason = one_line(err, None)
        raise ServerError(
            f"the Prefect API at {api_url} cannot be reached: {reason} (PREFECT_API_URL)"
        ) from None
    if response.status_code != 200:
        raise ServerError(
            f"the Prefect API at {api_url} answered HTTP {response.status_code} to its health check "
            "(PREFECT_API_URL)"
        )
