"""`briefing clean` on unreadable or endless input: `error: FILE: reason`, exit 2, never a usage box."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.flows.conftest import BRIEFING
from tests.unprivileged import drop_permission_bypass, require_unprivileged_children

pytestmark = pytest.mark.cli


def _clean(path: Path | str, unprivileged: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BRIEFING, "clean", str(path)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=drop_permission_bypass if unprivileged else None,  # noqa: PLW1509
    )


def test_unreadable_file_is_one_line_not_a_usage_error(tmp_path: Path):
    require_unprivileged_children()
    secret = tmp_path / "secret.txt"
    secret.write_text("Council approves the new bridge.\n", encoding="utf-8")
    secret.chmod(0o000)
    result = _clean(secret, unprivileged=True)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"error: {secret}: permission denied"]


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda d: "/dev/zero", "not a regular file (a character device)"),
        (lambda d: (os.mkfifo(d / "pipe.txt"), d / "pipe.txt")[1], "not a regular file (a FIFO)"),
    ],
)
def test_endless_inputs_are_refused(make, reason, tmp_path: Path):
    path = make(tmp_path)
    result = _clean(path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"error: {path}: {reason}"]
