"""Ctrl-C in a terminal during `briefing run`: SIGINT to the whole process group (as a terminal sends it),
then one line, exit 130 at once, no traceback or Prefect dump, no process left, the state database whole;
the next run completes."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.flows.conftest import BRIEFING, copy_seeds, wait_for

pytestmark = pytest.mark.cli

RUN_LIMIT_S = 600  # a safety net for a hung run, not a performance assertion
EXIT_LIMIT_S = 10  # a bound on the wait, not a measurement: the run itself leaves at once


def _descendants(pid: int) -> set[int]:
    found: set[int] = set()
    todo = [pid]
    while todo:
        for task in Path(f"/proc/{todo.pop()}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_ctrl_c_in_a_terminal_ends_the_run_at_once_and_the_next_run_completes(
    subprocess_env: dict[str, str], tmp_path: Path, validate_digest
):
    inbox = tmp_path / "inbox"
    seeds = copy_seeds(inbox)
    for i in range(6):  # more articles widen the window in which the run is interrupted
        (inbox / f"copy-{i}.txt").write_bytes(seeds[i % 2].read_bytes() + f"\n\nCopy {i}.\n".encode())
    total = len(list(inbox.glob("*.txt")))
    out = tmp_path / "out"
    env = {
        **subprocess_env,
        "BRIEFING_MODEL_DIR": str(tmp_path / "no-models"),
        "HF_HUB_OFFLINE": "1",
        "BRIEFING_DATA_DIR": str(tmp_path / "data"),
        "BRIEFING_SOURCES": str(inbox),  # a configured source: the state database is used
    }
    master, slave = os.openpty()
    run = subprocess.Popen(
        [BRIEFING, "run", "--output", str(out)],
        env=env,
        cwd=tmp_path,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        start_new_session=True,  # its own group, as a shell's foreground job
    )
    os.close(slave)
    chunks: list[bytes] = []

    def read() -> None:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        wait_for(
            lambda: list((out / "digests").glob("*.json")) if (out / "digests").is_dir() else None,
            RUN_LIMIT_S,
            "the first digest file",
            interval=0.005,
            proc=run,
        )
        children = _descendants(run.pid)
        assert children, "the run has its temporary Prefect server as a child"
        sent = time.monotonic()
        os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground process group
        code = run.wait(timeout=EXIT_LIMIT_S)
        took = time.monotonic() - sent
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
    reader.join(timeout=5)
    os.close(master)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode("utf-8", "replace"))
    print(f"exit {code} {took:.2f} s after SIGINT")
    assert code == 130, text[-3000:]
    lines = [line for line in text.replace("\r", "\n").splitlines() if line.startswith("interrupted:")]
    assert len(lines) == 1, text[-3000:]
    for noise in ("Traceback", "KeyboardInterrupt", "Connection refused", "prefect", "Crashed"):
        assert noise not in text, text[-3000:]
    wait_for(lambda: not any(_alive(p) for p in children), EXIT_LIMIT_S, "the run's processes to end")
    db = sqlite3.connect(tmp_path / "data" / "state.sqlite3")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()

    again = subprocess.run(
        [BRIEFING, "run", "--output", str(out)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=RUN_LIMIT_S,
    )
    assert again.returncode == 0, again.stderr[-3000:]
    digests = sorted((out / "digests").glob("*.json"))
    assert len(digests) == total
    for path in digests:
        validate_digest(json.loads(path.read_text(encoding="utf-8")))
