"""One benchmark variant in its own process, so its peak RSS and load times are its own.

``python -m bench.child {baseline,competent,ours,limit} --inputs DIR --output DIR --result FILE``

``limit`` (``bench/limit.py``) reads, as ``--inputs``, the sequences file an ``ours`` run wrote where
``BENCH_SEQUENCES_FILE`` pointed (every ``generate`` call's token ids, written after the run).

Settings come from the environment the orchestrator (``bench.run``) sets: ``BRIEFING_MODEL_DIR``, the fixed
summary length, the beams, offline, and ``BENCH_TRANSLATION_TOKENS`` (every translated unit's fixed
length); ``ours`` also gets ``PREFECT_HOME``/``PREFECT_API_URL``. The result JSON has wall times, model
load time, generation counters and ``peak_rss_bytes`` (this process's ``VmHWM``: see :func:`peak_rss_bytes`).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()
TRANSLATION_TOKENS_ENV = "BENCH_TRANSLATION_TOKENS"
SEQUENCES_ENV = "BENCH_SEQUENCES_FILE"  # ours: where to write the sequences it generated from
LIMIT_BATCH_SIZES_ENV = "BENCH_LIMIT_BATCH_SIZES"


def translation_tokens() -> int:
    """Decoded tokens per translated unit, the same in every variant (set by ``bench.run``)."""
    return int(os.environ.get(TRANSLATION_TOKENS_ENV, "40"))


def peak_rss_bytes() -> int:
    """This process's own peak resident memory: ``VmHWM`` of ``/proc/self/status``.

    Not ``getrusage(RUSAGE_SELF).ru_maxrss``: Linux folds the high-water mark of the image a process replaced
    at ``exec`` into it, so a child started by ``subprocess`` (fork/vfork + exec) reports at least its
    parent's resident size at the time. The orchestrator holds ~2 GB after building and converting the
    models, which every variant then appeared to use. ``ru_maxrss`` remains the fallback off Linux.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB


def run_baseline_variant(inputs: Path) -> dict[str, Any]:
    from bench.baseline import run_baseline
    from briefing.io import iter_article_paths
    from briefing.settings import load_settings

    settings = load_settings()
    paths = list(iter_article_paths([inputs]))
    began = time.perf_counter()
    report = run_baseline(paths, settings, Path(settings.model_dir or "."), translation_tokens())
    report["run_s"] = round(time.perf_counter() - began, 3)
    return report


def run_competent_variant(inputs: Path) -> dict[str, Any]:
    from bench.competent import run_competent
    from briefing.io import iter_article_paths
    from briefing.settings import load_settings

    settings = load_settings()
    paths = list(iter_article_paths([inputs]))
    began = time.perf_counter()
    report = run_competent(paths, settings, Path(settings.model_dir or "."), translation_tokens())
    report["run_s"] = round(time.perf_counter() - began, 3)
    return report


def run_ours_variant(inputs: Path, output: Path) -> dict[str, Any]:
    """``briefing run`` as shipped: the Prefect flow, in this process, with the configured engine."""
    from bench.baseline import Counters
    from bench.instrument import FixedLengths, Recorder, install, time_discussion, time_sections
    from briefing.settings import load_settings

    settings = load_settings()
    summarizers = frozenset({settings.summarizer, *settings.summarizers_by_language.values()})
    counters = Counters()
    sequences_file = os.environ.get(SEQUENCES_ENV)
    recorder = Recorder() if sequences_file else None
    engines = install(counters, FixedLengths(translation_tokens(), summarizers), recorder)
    discussion_s = time_discussion()
    sections = time_sections(counters)
    imported = time.perf_counter()
    from flows.briefing import run_here, run_report

    import_s = time.perf_counter() - imported
    began = time.perf_counter()
    state = run_here(paths=[str(inputs)], output_dir=str(output), offline=True)  # as ``briefing run`` does
    run_s = time.perf_counter() - began
    report = run_report(state)
    digests = report["digests"]
    statuses = _statuses(output, digests)
    if recorder is not None and sequences_file:  # after the run: not timed
        from briefing.io import atomic_write_text

        atomic_write_text(Path(sequences_file), json.dumps(recorder.as_dict()))
    return {
        "articles": len(digests),
        "failures": report["failures"],
        "flow_import_s": round(import_s, 3),
        "run_s": round(run_s, 3),
        "discussion_s": round(sum(discussion_s), 3),
        "sections": {name: section.as_dict() for name, section in sections.items()},
        "engines": dict(sorted(engines.items())),
        "digest_status": statuses,
        **counters.as_dict(),
    }


def run_limit_variant(sequences: Path) -> dict[str, Any]:
    from bench.limit import parse_batch_sizes, run_limit
    from briefing.settings import load_settings

    sizes = parse_batch_sizes(os.environ.get(LIMIT_BATCH_SIZES_ENV, ""))
    return run_limit(json.loads(sequences.read_text(encoding="utf-8")), load_settings(), sizes)


def _statuses(output: Path, article_ids: list[str]) -> dict[str, Any]:
    """Summary method and flag codes of the written digests (checks the run really was abstractive)."""
    methods: dict[str, int] = {}
    flags: dict[str, int] = {}
    for article_id in article_ids:
        data = json.loads((output / "digests" / f"{article_id}.json").read_text(encoding="utf-8"))
        method = (data.get("summary") or {}).get("method", "none")
        methods[method] = methods.get(method, 0) + 1
        for flag in data.get("flags", []):
            flags[flag["code"]] = flags.get(flag["code"], 0) + 1
    return {"summary_methods": methods, "flags": dict(sorted(flags.items()))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.child")
    parser.add_argument("variant", choices=["baseline", "competent", "ours", "limit"])
    parser.add_argument("--inputs", type=Path, required=True)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--result", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.variant == "baseline":
        result = run_baseline_variant(args.inputs)
    elif args.variant == "competent":
        result = run_competent_variant(args.inputs)
    elif args.variant == "limit":
        result = run_limit_variant(args.inputs)
    else:
        result = run_ours_variant(args.inputs, args.output)
    result.update(
        variant=args.variant,
        process_s=round(time.perf_counter() - STARTED, 3),
        peak_rss_bytes=peak_rss_bytes(),
        engine_setting=os.environ.get("BRIEFING_ENGINE", "auto"),
        compute_type_setting=os.environ.get("BRIEFING_CT2_COMPUTE_TYPE", "auto"),
    )
    from briefing.io import atomic_write_text, dumps_json

    atomic_write_text(args.result, dumps_json(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
