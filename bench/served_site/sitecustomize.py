"""Imported at start-up by every Python process whose ``PYTHONPATH`` holds this folder (``bench/served.py``
sets it for ``briefing serve``). Only in a process Prefect's runner spawns for a flow run (multiprocessing's
spawn child) with ``BENCH_SERVED_REPORT`` set does it install the bench's measuring
(``bench.served_process``); the serving process and any other are left alone."""

import os
import sys

if os.environ.get("BENCH_SERVED_REPORT") and "--multiprocessing-fork" in getattr(sys, "orig_argv", ()):
    from bench.served_process import start

    start(os.environ["BENCH_SERVED_REPORT"])
