"""`make run` on a fresh clone says once, before installing, what it is doing and how long it takes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.cli

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_says_it_is_installing_before_it_installs(tmp_path: Path):
    venv = tmp_path / "venv"  # not there: `make run` would install first
    plan = subprocess.run(
        ["make", "-n", "run", f"VENV={venv}"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert plan.returncode == 0, plan.stderr
    lines = plan.stdout.splitlines()
    said = [i for i, line in enumerate(lines) if "about 2 minutes, once" in line]
    installs = [i for i, line in enumerate(lines) if "pip install" in line]
    assert len(said) == 1 and installs and said[0] < installs[0], plan.stdout
    assert lines[said[0]].startswith("echo ") and "installing" in lines[said[0]]
