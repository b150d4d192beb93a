"""The one start/health/stop helper for Prefect server processes (tests, benchmarks, `briefing run`)."""

from __future__ import annotations

import sys
from pathlib import Path

import psutil
import pytest

from briefing_cli.prefect_server import ServerError, api_answers, free_port, start_server_process

pytestmark = pytest.mark.cli

# A stand-in server: answers /api/health after a moment, and starts a child of its own (as `prefect server
# start` starts uvicorn), so stopping must take the whole process group.
_FAKE_SERVER = """
import http.server, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
time.sleep(0.5)
class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/api/health" else 404)
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Health).serve_forever()
"""


def test_start_waits_for_the_health_check_and_stop_ends_the_whole_group(tmp_path: Path):
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    server = start_server_process(
        [sys.executable, "-c", _FAKE_SERVER, str(port)], {}, api, tmp_path / "server.log", timeout_s=120
    )
    try:
        assert api_answers(api)
        group = [psutil.Process(server.process.pid), *psutil.Process(server.process.pid).children()]
        assert len(group) == 2
    finally:
        server.stop()
    assert not api_answers(api)
    _, alive = psutil.wait_procs(group, timeout=10)  # a safety limit: SIGTERM ends both at once
    alive = [p for p in alive if p.status() != psutil.STATUS_ZOMBIE]  # dead, not yet reaped by init
    for p in alive:  # leave nothing behind, then fail
        p.kill()
    assert not alive, [p.cmdline() for p in alive]


def test_a_server_that_exits_is_one_line_naming_its_log(tmp_path: Path):
    log = tmp_path / "server.log"
    with pytest.raises(ServerError) as err:
        start_server_process(
            [sys.executable, "-c", "import sys; print('no database'); sys.exit(3)"],
            {},
            f"http://127.0.0.1:{free_port()}/api",
            log,
            timeout_s=120,
        )
    assert str(err.value) == f"the Prefect server exited with code 3 (its log: {log})"
    assert log.read_text() == "no database\n"
