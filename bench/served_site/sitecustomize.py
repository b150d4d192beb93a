"""Imported at start-up by every Python process whose ``PYTHONPATH`` holds this folder (``bench/served.py``
sets it for ``briefing serve``). Only in a process Prefect's runner starts for a flow run, with
``BENCH_SERVED_REPORT`` set, does it install the bench's measuring
(``bench.served_process``); the serving process and any other are left alone."""

import os
import sys

# The runner starts a flow run either as a multiprocessing spawn child (a flow object it holds) or as
# ``python -m prefect.engine`` (a deployment it loads by entrypoint, as ``briefing serve``'s).
_ARGV = getattr(sys, "orig_argv", ())
if os.environ.get("BENCH_SERVED_REPORT") and ("--multiprocessing-fork" in _ARGV or "prefect.engine" in _ARGV):
    from bench.served_process import start

    start(os.environ["BENCH_SERVED_REPORT"])
