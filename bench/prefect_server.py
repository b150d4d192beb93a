"""A local Prefect server for the bench's runs of the flow (``prefect server start``, stopped by group).

Starting, the health check and stopping are the shared helper's (``briefing_cli.prefect_server``), as in
the tests.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from briefing_cli.prefect_server import (
    ServerError,
    ServerProcess,
    free_port,
    start_server_process,
)


class PrefectServer:
    """``prefect server start`` on a free port with its own PREFECT_HOME; stopped by its process group."""

    def __init__(self, home: Path, log_path: Path) -> None:
        self.home = home
        self.port = free_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        self.log_path = log_path
        self.server: ServerProcess | None = None

    def env(self) -> dict[str, str]:
        return {"PREFECT_HOME": str(self.home), "PREFECT_API_URL": self.api_url}

    def start(self, timeout: float = 180) -> float:
        """Start the server, wait for its health check and warm it (:meth:`warm`); the seconds that took."""
        prefect = Path(sys.executable).parent / "prefect"
        argv = [str(prefect)] if prefect.is_file() else [sys.executable, "-m", "prefect"]
        env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
        env["PREFECT_HOME"] = str(self.home)
        self.log_path.unlink(missing_ok=True)
        began = time.perf_counter()
        try:
            self.server = start_server_process(
                [
                    *argv,
                    "server",
                    "start",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                ],
                env,
                self.api_url,
                self.log_path,
                timeout_s=timeout,
            )
        except ServerError as err:
            raise SystemExit(f"bench: {err}") from None
        self.server.grace_s = 30
        self.warm()
        return time.perf_counter() - began

    def warm(self) -> None:
        """A few API requests, as a server that is already up has served: a fresh server's first request
        that reaches its database takes ~0.7 s (measured: 0.68 s, then 0.01 s from the next process), which
        is the server's start, not the run's (the bench times runs against a server that is already up)."""
        import httpx

        with httpx.Client(base_url=self.api_url, timeout=60) as client:
            client.get("/admin/version").raise_for_status()
            client.post("/flow_runs/filter", json={"limit": 1}).raise_for_status()
            client.post("/task_runs/filter", json={"limit": 1}).raise_for_status()

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
