"""`briefing run` over a batch of every bad input, and killed with SIGKILL: the issue's acceptance.

- every hostile case in one batch, as a process that obeys file modes (non-root): exit 1, one line
  per bad input, every good digest written;
- kill -9 of the run itself (not its process group) mid-batch: nothing it started survives it, and the
  next run mends a torn digest, sweeps the temp files a killed writer leaves and fails the bad files alone.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import psutil
import pytest

from briefing.io import STALE_TEMP_AGE_S
from tests.flows.conftest import BRIEFING, copy_seeds, wait_for
from tests.unprivileged import drop_permission_bypass, require_unprivileged_children

pytestmark = pytest.mark.cli

RUN_LIMIT_S = 600  # a safety net for a hung run, not a performance assertion
COPIES = 6  # copies of the seeds in the batch killed mid-write (more widen the window, and cost)


def _digests(out: Path) -> dict[str, dict]:
    return {
        p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((out / "digests").glob("*.json"))
    }


def test_every_bad_input_is_one_line_and_the_good_ones_are_digested(
    subprocess_env: dict[str, str], tmp_path: Path, validate_digest
):
    require_unprivileged_children()
    inputs = tmp_path / "in"
    good = copy_seeds(inputs)
    (inputs / "README.md").write_text("# About these articles\n\nNot an article.\n", encoding="utf-8")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 8)
    secret = inputs / "secret.txt"
    secret.write_text("The harbour reopened on Monday.\n", encoding="utf-8")
    secret.chmod(0o000)
    fifo = inputs / "pipe.txt"
    os.mkfifo(fifo)
    sparse = inputs / "huge.txt"
    with open(sparse, "wb") as fh:
        fh.truncate(2 * 1024**3)
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(inputs / "socket.txt"))
    locked = tmp_path / "locked"  # r--: its entries cannot be stat'ed
    locked.mkdir()
    (locked / "inside.txt").write_text("A ferry strike ends after two days.\n", encoding="utf-8")
    locked.chmod(0o444)
    closed = tmp_path / "closed"  # ---: cannot be listed
    closed.mkdir()
    closed.chmod(0o000)
    copies = tmp_path / "copies"
    copies.mkdir()
    twin = Path(shutil.copy(good[0], copies / "twin.txt"))
    out = tmp_path / "out"
    env = {**subprocess_env, "BRIEFING_MODEL_DIR": str(tmp_path / "no-models")}
    args = [str(inputs), str(locked), str(closed), "/dev/zero", str(good[1]), str(copies), "-o", str(out)]
    try:
        result = subprocess.run(
            [BRIEFING, "run", *args],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=RUN_LIMIT_S,
            preexec_fn=drop_permission_bypass,  # noqa: PLW1509
        )
    finally:
        sock.close()
        locked.chmod(0o755)
        closed.chmod(0o755)
    assert result.returncode == 1, result.stderr[-3000:]
    assert sorted(result.stderr.splitlines()) == sorted(
        [
            f"error: {inputs / 'binary.txt'}: binary file (contains NUL bytes)",
            f"error: {inputs / 'empty.txt'}: empty file",
            f"error: {sparse}: too large (2,147,483,648 bytes or more; "
            "the limit is max_input_bytes = 20,000,000)",
            f"error: {fifo}: not a regular file (a FIFO)",
            f"error: {secret}: permission denied",
            f"error: {inputs / 'socket.txt'}: not a regular file (a socket)",
            f"error: {locked / 'inside.txt'}: permission denied",
            f"error: {closed}: permission denied",
            "error: /dev/zero: not a regular file (a character device)",
            f"duplicate: {good[1]}: same content as {good[1]} (digested once)",
            f"duplicate: {twin}: same content as {good[0]} (digested once)",
            f"skipped README.md in {inputs}/: the folder's own document (README, LICENSE, ...)",
        ]
    ), result.stderr
    digests = _digests(out)
    assert sorted(d["source"]["path"] for d in digests.values()) == sorted(map(str, good))
    for digest in digests.values():
        validate_digest(digest)
    assert "Summary: 0 ok, 2 degraded, 9 failed (2 duplicate(s) left out)" in result.stdout


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def test_kill_9_mid_batch_leaves_no_process_and_the_rerun_mends_every_digest(
    subprocess_env: dict[str, str], tmp_path: Path, validate_digest
):
    """kill -9 of the run alone while it writes digests; the rerun replaces a torn digest, sweeps stale temp
    files (not a fresh one), writes every digest and fails the bad files alone (exit 1)."""
    inputs = tmp_path / "in"
    seeds = copy_seeds(inputs)
    for i in range(COPIES):  # distinct bytes, so distinct articles: a wider writing window to kill it in
        (inputs / f"copy-{i}.txt").write_bytes(seeds[i % 2].read_bytes() + f"\n\nCopy {i}.\n".encode())
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out"
    env = {**subprocess_env, "BRIEFING_MODEL_DIR": str(tmp_path / "no-models")}
    args = [BRIEFING, "run", str(inputs), "--output", str(out)]
    victim = subprocess.Popen(
        args,
        env=env,
        cwd=tmp_path,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started: dict[int, psutil.Process] = {}
    try:

        def server_started() -> bool:
            started.update({p.pid: p for p in _descendants(victim.pid)})
            return any("uvicorn" in " ".join(p.cmdline()) for p in started.values() if p.is_running())

        wait_for(server_started, RUN_LIMIT_S, "the run's Prefect server", interval=0.2, proc=victim)
        wait_for(
            lambda: list((out / "digests").glob("*.json")) if (out / "digests").is_dir() else None,
            RUN_LIMIT_S,
            "the first digest file",
            interval=0.005,
            proc=victim,
        )
        started.update({p.pid: p for p in _descendants(victim.pid)})
        os.kill(victim.pid, signal.SIGKILL)  # the run alone, as the OOM killer would
        victim.wait()
    finally:
        if victim.poll() is None:
            os.killpg(victim.pid, signal.SIGKILL)
            victim.wait()
    assert started
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(
        p.is_running() and p.status() != psutil.STATUS_ZOMBIE for p in started.values()
    ):
        time.sleep(0.2)
    survivors = [p for p in started.values() if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    for p in survivors:  # leave nothing behind, then fail
        p.kill()
    assert not survivors, [p.cmdline() for p in survivors]

    # A torn digest, as a non-atomic writer would have left it: the rerun must replace it.
    torn = sorted((out / "digests").glob("*.json"))[0]
    torn.write_bytes(torn.read_bytes()[:40])
    # What a writer killed between mkstemp and rename leaves behind (the run just killed may have left some
    # too); a later run sweeps them once they are STALE_TEMP_AGE_S old, so age them all by that much.
    stale = out / "digests" / ".copy-0.json.ab12_XYZ.tmp"
    stale.write_text("{", encoding="utf-8")
    old = time.time() - 2 * STALE_TEMP_AGE_S
    for left in out.rglob("*.tmp"):
        os.utime(left, (old, old))
    fresh = out / "digests" / ".copy-1.json.cd34_UVW.tmp"  # another run's, being written right now
    fresh.write_text("{", encoding="utf-8")
    # Young for the whole rerun, however long a loaded machine makes it (the sweep may run at its end).
    os.utime(fresh, (time.time() + STALE_TEMP_AGE_S, time.time() + STALE_TEMP_AGE_S))

    result = subprocess.run(args, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=RUN_LIMIT_S)
    assert result.returncode == 1, result.stderr[-3000:]
    errors = sorted(line for line in result.stderr.splitlines() if line.startswith("error: "))
    assert len(errors) == 2, result.stderr[-3000:]
    assert errors[0].startswith(f"error: {inputs / 'binary.txt'}: ")
    assert errors[1].startswith(f"error: {inputs / 'empty.txt'}: ")
    assert list(out.rglob("*.tmp")) == [fresh]
    digests = _digests(out)
    assert len(digests) == COPIES + 2
    for digest in digests.values():
        validate_digest(digest)
        for kind in ("md", "html"):
            assert (out / "digests" / f"{digest['article_id']}.{kind}").read_bytes().strip()
    assert json.loads(torn.read_text(encoding="utf-8"))["article_id"] == torn.stem
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "empty.txt" in index and "binary.txt" in index
