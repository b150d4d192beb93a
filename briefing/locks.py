"""Advisory file locks (fcntl) so concurrent runs wait for each other instead of racing.

- the run lock, one per data folder (``<data_dir>/run.lock``): held from fetching a run's sources to recording
  what it digested, so two runs of one feed never both take the same pending articles;
- the output lock, one per output folder (``<out>/.publish.lock``): held while a run reads ``editions.json``,
  writes its edition and rewrites the manifest, the front page and the feeds, so no edition is lost.

The kernel releases a lock when its holder exits, however it dies (kill -9 included): nothing stale is left
to clean up, and a waiting run goes on at once.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

RUN_LOCK_NAME = "run.lock"
OUTPUT_LOCK_NAME = ".publish.lock"


@contextmanager
def held(path: Path, what: str, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the exclusive lock of ``path`` (created 0644 when missing), waiting for its holder if any;
    ``on_wait`` hears one line when there is a wait."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait(f"waiting for {what} to finish ({path})")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def run_lock(data_dir: str | os.PathLike[str], on_wait: Callable[[str], None] | None = None):
    """The data folder's run lock (see the module docstring)."""
    return held(Path(data_dir) / RUN_LOCK_NAME, "another run using this data folder", on_wait)


def output_lock(out_dir: str | os.PathLike[str], on_wait: Callable[[str], None] | None = None):
    """The output folder's publishing lock (see the module docstring)."""
    return held(Path(out_dir) / OUTPUT_LOCK_NAME, "another run publishing into this folder", on_wait)
