"""`briefing serve` refuses bad schedules and a missing server with one line and exit 2."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.flows.conftest import BRIEFING, free_port

pytestmark = pytest.mark.cli


def _serve(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BRIEFING, "serve", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--timezone", "Mars/Olympus"], "error: unknown IANA timezone: 'Mars/Olympus'"),
        (["--cron", "99 x"], 'error: Invalid cron string: "99 x"'),
    ],
)
def test_bad_schedule_is_one_line(args, message, subprocess_env, tmp_path):
    env = {**subprocess_env, "PREFECT_API_URL": f"http://127.0.0.1:{free_port()}/api"}
    result = _serve(args, env, tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [message]


def test_no_server_is_one_line(subprocess_env, tmp_path):
    url = f"http://127.0.0.1:{free_port()}/api"
    result = _serve([], {**subprocess_env, "PREFECT_API_URL": url}, tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"error: no Prefect server answers at {url} (start one with: briefing server)"
    ]
