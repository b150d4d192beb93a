"""The bench's measuring inside a served flow-run process (installed by ``bench/served_site``).

The same as in the bench's own runs (``bench.instrument``): fixed output lengths (random weights cost what
real ones do), model load and generate times. At exit it writes them to the report file with the process's
start time as the kernel recorded it (``/proc/self/stat``), its exit time and its peak RSS.
"""

from __future__ import annotations

import atexit
import json
import os
import time
from pathlib import Path


def process_start_epoch() -> float:
    """When this process started (``/proc``: clock ticks after boot), as a Unix time; now off Linux."""
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        boot = next(
            int(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime")
        )
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return time.time()


def start(report: str) -> None:
    from bench.baseline import Counters
    from bench.child import peak_rss_bytes, translation_tokens
    from bench.instrument import FixedLengths, install
    from briefing.settings import load_settings

    started = process_start_epoch()
    hooked = time.time()
    settings = load_settings()
    counters = Counters()
    summarizers = frozenset({settings.summarizer, *settings.summarizers_by_language.values()})
    engines = install(counters, FixedLengths(translation_tokens(), summarizers))

    def write() -> None:
        data = {
            "process_start_epoch": started,
            "measuring_installed_s": round(hooked - started, 3),
            "exit_epoch": time.time(),
            "engines": dict(sorted(engines.items())),
            "peak_rss_bytes": peak_rss_bytes(),
            **counters.as_dict(),
        }
        Path(report).write_text(json.dumps(data, indent=1), encoding="utf-8")

    atexit.register(write)
