"""``python -m bench.fixed_costs``: where a run's time goes outside ``generate`` (imports, cleaning, language
ID, MiniLM, rendering, writes), with the tiny models so generation is negligible.

1. ``python -X importtime -c "import flows.briefing"`` in a fresh process: the slowest imports (cumulative).
2. The pipeline without Prefect (the steps of ``briefing.run.batch.run_batch``) over ``--articles`` inputs
   copied as the bench copies them, each step timed, twice in one process (the second pass shows what a
   process pays once: lingua's models, MiniLM, tokenizers), ``generate`` time measured apart.
3. ``--profile``: cProfile of the first pass, the top functions by cumulative time.

Figures are wall-clock on whatever else the machine runs; they guide cuts, nothing asserts them.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.models import BENCH_DIR

ROOT = BENCH_DIR.parent


def import_times(module: str = "flows.briefing", top: int = 15) -> list[tuple[str, float]]:
    """The ``top`` slowest imports of ``module`` (cumulative seconds) in a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    rows = []
    for line in proc.stderr.splitlines():
        found = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if found and len(found.group(3)) <= 3:  # top-level and first-level imports only
            rows.append((found.group(4).strip(), int(found.group(2)) / 1e6))
    return sorted(rows, key=lambda r: -r[1])[:top]


def timed_pass(paths: list[Path], settings: Any, out: Path) -> dict[str, float]:
    """The steps of ``run_batch``, each timed; ``generate`` seconds reported apart."""
    from bench.baseline import Counters
    from briefing.records import ArticleFailure
    from briefing.run.inputs import clean_article
    from briefing.run.report import write_digests, write_run_index
    from briefing.run.stages import link_or_keep, run_isolated, summarize_batch, translate_batch

    times: dict[str, float] = {}
    counters: Counters = _COUNTERS

    def step(name: str, fn: Any, *args: Any) -> Any:
        began = time.perf_counter()
        result = fn(*args)
        times[name] = round(time.perf_counter() - began, 3)
        return result

    before = counters.generate_s
    cleaned = step("clean + language ID", lambda: [clean_article(p, settings) for p in paths])
    cleaned = [d for d in cleaned if not isinstance(d, ArticleFailure)]
    summarized, _ = step("summarize", run_isolated, "summarize", summarize_batch, cleaned, settings)
    translated, _ = step("translate", run_isolated, "translate", translate_batch, summarized, settings)
    linked = step("same-story (MiniLM)", link_or_keep, translated)
    step("render + write digests", write_digests, linked, out)
    step("index", write_run_index, linked, [], out, None)
    times["generate (inside summarize/translate)"] = round(counters.generate_s - before, 3)
    return times


_COUNTERS: Any = None


def main(argv: list[str] | None = None) -> int:
    global _COUNTERS
    parser = argparse.ArgumentParser(prog="python -m bench.fixed_costs", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=16)
    parser.add_argument(
        "--model-dir", type=Path, help="models (default: the tests' tiny set, built if missing)"
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the first pass")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)

    print("Slowest imports of flows.briefing (cumulative s):")
    for name, seconds in import_times():
        print(f"  {seconds:6.3f}  {name}")

    from bench.baseline import Counters
    from bench.instrument import install
    from bench.run import prepare_inputs
    from briefing.settings import Settings

    model_dir = args.model_dir
    if model_dir is None:
        sys.path.insert(0, str(ROOT))
        from tests.tiny_models import tiny_model_dir

        model_dir = tiny_model_dir(os.environ.get("BRIEFING_TEST_MODEL_CACHE") or tempfile.mkdtemp())
    _COUNTERS = Counters()
    install(_COUNTERS, None)
    settings = Settings(model_dir=model_dir, offline=True)
    with tempfile.TemporaryDirectory() as work:
        paths = prepare_inputs(Path(work) / "inputs", args.articles)
        profiler = cProfile.Profile() if args.profile else None
        for label in ("first pass (cold process)", "second pass (same process)"):
            if profiler is not None and label.startswith("first"):
                profiler.enable()
            times = timed_pass(paths, settings, Path(work) / label.split()[0])
            if profiler is not None and label.startswith("first"):
                profiler.disable()
            print(f"\n{label}, {len(paths)} articles:")
            for name, seconds in times.items():
                print(f"  {seconds:7.3f} s  {name}")
        if profiler is not None:
            buffer = io.StringIO()
            pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(args.top)
            print("\n" + buffer.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
