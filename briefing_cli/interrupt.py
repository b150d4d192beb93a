"""Ctrl-C during ``briefing run``: one line saying what was written, exit 130, at once.

The flow's work is safe to drop at any point: digest files are written atomically (a temporary file
renamed into place; a later run sweeps leftovers) and the state database commits each step in one
transaction, marking articles digested only after their files are written. So the run ends like a
``kill -9`` would, which the next run already recovers from, minus the Prefect shutdown chatter and the
tracebacks a KeyboardInterrupt raised inside worker threads would print. The temporary Prefect server runs
in its own process group (the terminal's SIGINT never reaches it) and dies with this process.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def written_since(out_dir: Path, started: float) -> int:
    """Digest files written into ``out_dir`` since ``started`` (a ``time.time()``)."""
    try:
        return sum(1 for p in (Path(out_dir) / "digests").glob("*.json") if p.stat().st_mtime >= started)
    except OSError:
        return 0


def interrupted_line(out_dir: Path, started: float) -> str:
    count = written_since(out_dir, started)
    if not count:
        return "interrupted: nothing was written"
    return (
        f"interrupted: {count} digest(s) were written to {Path(out_dir) / 'digests'}; "
        "the next run digests the rest"
    )


def exit_on_interrupt(out_dir: Path, before_exit: Callable[[], None]) -> None:
    """From now on, SIGINT prints :func:`interrupted_line` and ends the process with exit 130."""
    started = time.time()

    def on_sigint(_signum: int, _frame: object) -> None:
        with contextlib.suppress(Exception):  # leaving promptly matters more than a tidy terminal
            before_exit()
        print(interrupted_line(out_dir, started), file=sys.stderr, flush=True)
        sys.stdout.flush()
        os._exit(EXIT_INTERRUPTED)  # no atexit/Prefect shutdown: those are what took 25 s and printed dumps

    signal.signal(signal.SIGINT, on_sigint)
