"""``python -m bench.run`` (``make bench``): two baselines vs Briefing as shipped, same run, same inputs.

1. Build the real-size random default models once (``bench/.models/``, reused afterwards).
2. Convert them for ctranslate2 with the compute type chosen for this CPU (``briefing.models.cpu``; cached
   next to the models; timed, reported as a one-time cost).
3. Inputs: ``examples/`` plus the seeds (``../shared/seeds``), copied round-robin up to ``--articles``.
4. Start a local Prefect server (not timed: a daily briefing runs against a server that is already up).
5. Time, each in its own process: ours (first run, cold Prefect cache; it records the sequences it
   generated from), ours again over unchanged inputs (second run), the limit variant (those sequences
   through ctranslate2 directly: the engine's floor, ``bench/limit.py``), the competent baseline
   (``bench/competent.py``) and the naive one (``bench/baseline.py``).
6. Write ``bench/results/latest.json`` and the table in ``bench/README.md``, with the CPU's features and
   the compute type used, so figures from different CPUs are not mixed up.

``--scenario daily`` instead times ours alone at 16 and at 100 articles with three target languages and
comments in five languages (``bench/daily.py``) and reports how per-article time, tokens/s and peak RSS
grow, then times one served deployment run (``briefing serve``) that finds one new article in a local
feed (``bench/served.py``); it is not compared with the baselines and does not touch the README table.

Every variant uses fixed output lengths (min = max new tokens: ``--summary-tokens`` per summary,
``--translation-tokens`` per translated unit) and beam 4, so random weights cost what real ones do. Briefing's
translation cap stays at its default, so all variants translate the same units (sentences; clauses only
for a sentence too long for the cap). Timings are wall-clock on this machine, which other processes may
share: the JSON records the load average around the run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import daily, report
from bench.child import LIMIT_BATCH_SIZES_ENV, SEQUENCES_ENV
from bench.limit import DEFAULT_BATCH_SIZES as DEFAULT_LIMIT_BATCH_SIZES
from bench.limit import parse_batch_sizes
from bench.models import BENCH_DIR, ensure_models, real_model_dir
from bench.prefect_server import PrefectServer

ROOT = BENCH_DIR.parent
RESULTS = BENCH_DIR / "results"
WORK = RESULTS / "tmp"  # git-ignored scratch: inputs, outputs, Prefect home
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = ROOT / "examples"
README = BENCH_DIR / "README.md"
DAILY_ARTICLES = (16, 100)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --------------------------------------------------------------------------- preparation


def prepare_inputs(folder: Path, articles: int) -> list[Path]:
    """Examples and seeds, copied round-robin under distinct names until there are ``articles`` files."""
    from briefing.io import iter_article_paths

    sources = [p for p in iter_article_paths([EXAMPLES]) if EXAMPLES.is_dir()]
    sources += sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not sources:
        raise SystemExit("bench: no inputs (examples/ and ../shared/seeds are empty)")
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    written = []
    for i in range(max(articles, 1)):
        source = sources[i % len(sources)]
        round_ = i // len(sources)
        name = source.name if round_ == 0 else f"{source.stem}-copy{round_}{source.suffix}"
        # Each copy ends in its own number of blank lines: distinct bytes, so Briefing does not skip it as a
        # duplicate of the first (as it would identical files), while cleaning yields the same article.
        target = folder / name
        target.write_bytes(source.read_bytes() + b"\n" * round_)
        written.append(target)
    return written


def convert_all(model_dir: Path, compute_type: str, settings: Any = None) -> dict[str, Any]:
    """ctranslate2 conversions of the default set for the compute type the run will use (cached: later
    runs just find them), so no conversion is timed inside a run."""
    from briefing.models import ct2_convert
    from briefing.models.cpu import ct2_load_options
    from briefing.models.resolve import resolve_model
    from briefing.settings import Settings
    from briefing.testing.tiny import default_model_ids

    settings = (settings or Settings()).replace(model_dir=model_dir, offline=True)
    quant = str(ct2_load_options(compute_type)["compute_type"])
    report: dict[str, Any] = {}
    for model_id in default_model_ids(settings):
        resolved = resolve_model(model_id, settings)
        cached = ct2_convert.is_converted(
            ct2_convert.converted_dir(
                model_id, resolved.location, resolved.revision, local=resolved.local, quantization=quant
            )
        )
        began = time.perf_counter()
        try:
            ct2_convert.ensure_converted(
                model_id, resolved.location, resolved.revision, local=resolved.local, quantization=quant
            )
            outcome: Any = "cached" if cached else round(time.perf_counter() - began, 1)
        except Exception as err:  # reported; the pipeline then uses torch for this model
            outcome = f"failed: {err}"
        report[model_id] = outcome
        log(f"ctranslate2 {quant} {model_id}: {outcome}")
    return report


# --------------------------------------------------------------------------- variants

RERUNS = 3  # second runs timed; the median is reported (see median_rerun)


def child_env(model_dir: Path, args: argparse.Namespace, extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "BRIEFING_"))}
    empty_config = WORK / "briefing.toml"
    empty_config.write_text("# bench: defaults only\n")
    env.update(
        BRIEFING_CONFIG=str(empty_config),
        BRIEFING_MODEL_DIR=str(model_dir),
        BRIEFING_OFFLINE="1",
        BRIEFING_ENGINE=args.engine,
        BRIEFING_CT2_COMPUTE_TYPE=args.compute_type,
        BRIEFING_SUMMARY_MIN_TOKENS=str(args.summary_tokens),
        BRIEFING_SUMMARY_MAX_TOKENS=str(args.summary_tokens),
        BRIEFING_SUMMARY_NUM_BEAMS=str(args.beams),
        BENCH_TRANSLATION_TOKENS=str(args.translation_tokens),  # Briefing's translation cap stays default
        BRIEFING_TRANSLATION_NUM_BEAMS=str(args.beams),
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        TOKENIZERS_PARALLELISM="false",
        PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL="CRITICAL",
        PYTHONUNBUFFERED="1",
        **extra,
    )
    return env


def run_child(variant: str, label: str, inputs: Path, output: Path, env: dict[str, str]) -> dict[str, Any]:
    result_path = WORK / f"{label}.json"
    result_path.unlink(missing_ok=True)
    cmd = [
        sys.executable, "-m", "bench.child", variant,
        "--inputs", str(inputs), "--output", str(output), "--result", str(result_path),
    ]  # fmt: skip
    log(f"{label}: running")
    began = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - began
    if proc.returncode != 0 or not result_path.is_file():
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-25:])
        raise SystemExit(f"bench: {label} failed (exit {proc.returncode}):\n{tail}")
    result = json.loads(result_path.read_text(encoding="utf-8"))
    result["wall_s"] = round(wall, 3)
    result["load_average_after"] = list(os.getloadavg())
    log(f"{label}: {result['run_s']:.1f} s run, {wall:.1f} s process, {result['articles']} article(s)")
    return result


# --------------------------------------------------------------------------- machine


def cpu_signature(machine: dict[str, Any]) -> str:
    """One line naming the CPU, its instruction-set tier and the compute type chosen: runs whose lines
    differ ran on different hardware or engines, and their figures are not to be compared."""
    choice = machine.get("engine_choice", {})
    return (
        f"{machine.get('cpu_model') or 'unknown CPU'}; {machine.get('cpus')} CPU(s); "
        f"isa {choice.get('isa', '-')} [{' '.join(choice.get('flags', [])) or 'no listed flags'}]; "
        f"{choice.get('label', '-')}; MiniLM {choice.get('embedding_precision', '-')}"
    )


def machine_info() -> dict[str, Any]:
    model = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:
        cpus = os.cpu_count() or 1
    return {
        "cpus": cpus,
        "cpu_model": model,
        "python": platform.python_version(),
        "load_average_before": list(os.getloadavg()),
    }


def engine_info(compute_type: str) -> dict[str, Any]:
    """The CPU features and the engine choice the children will make (``briefing.models.cpu``)."""
    from briefing.models import cpu

    features = cpu.read_cpu_features()
    choice = cpu.engine_choice(compute_type)
    tier_flags = {f for _, needed in cpu.ISA_TIERS for f in needed}
    return {
        "isa": features.isa,
        "physical_cores": features.physical_cores,
        "logical_cpus": features.logical_cpus,
        # The instruction-set flags the tiers look at: those this CPU has, and those it lacks.
        "flags": sorted(features.flags & tier_flags),
        "flags_absent": sorted(tier_flags - features.flags),
        "supported_compute_types": sorted(cpu.supported_compute_types() or ()),
        "engine": choice.engine,
        "compute_type": choice.compute_type,
        "workers": choice.workers,
        "intra_threads": choice.intra_threads,
        "reason": choice.reason,
        "label": choice.label(),
        "embedding_precision": cpu.embedding_precision(),  # MiniLM's (torch)
    }


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("torch", "transformers", "ctranslate2", "prefect"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "missing"
    return out


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scenario",
        choices=["default", "daily"],
        default="default",
        help="default: baselines vs ours at --articles; daily: ours at 16 and 100 articles, 3 targets, "
        "comments in 5 languages (not compared with the baselines)",
    )
    parser.add_argument(
        "--articles", type=int, default=16, help="articles per run (inputs copied round-robin)"
    )
    parser.add_argument("--summary-tokens", type=int, default=64, help="fixed summary length (new tokens)")
    parser.add_argument(
        "--translation-tokens", type=int, default=40, help="fixed length of each translated unit"
    )
    parser.add_argument("--beams", type=int, default=4, help="beam size of every variant")
    parser.add_argument("--engine", default="auto", help="Briefing's engine setting: auto|ctranslate2|torch")
    parser.add_argument(
        "--compute-type", default="auto", help="Briefing's ct2_compute_type: auto (by CPU) or e.g. int8"
    )
    parser.add_argument(
        "--baselines",
        default="naive,competent,limit",
        help="variants to time besides Briefing (comma-separated: naive, competent, limit: the same "
        "sequences through ctranslate2 directly); the naive one is always run (ratios need it)",
    )
    parser.add_argument(
        "--limit-batch-sizes",
        default=",".join(str(n) for n in DEFAULT_LIMIT_BATCH_SIZES),
        help="batch sizes (examples per ctranslate2 batch) the limit variant tries; the fastest counts",
    )
    parser.add_argument(
        "--daily-sizes",
        default=",".join(str(n) for n in DAILY_ARTICLES),
        help="daily scenario: the article counts to time, smallest first (comma-separated)",
    )
    parser.add_argument(
        "--model-dir",
        type=Path,
        default=None,
        help="use these models (e.g. `briefing models make-tiny DIR`) instead of the real-size set: a quick "
        "check that the bench runs, not a measurement",
    )
    parser.add_argument("--result", type=Path, default=None, help="default bench/results/<scenario>.json")
    parser.add_argument("--no-readme", action="store_true", help="do not update bench/README.md")
    return parser.parse_args(argv)


def prepare(args: argparse.Namespace, settings: Any = None) -> tuple[Path, float | None, dict[str, Any]]:
    if args.model_dir is not None:  # e.g. tiny models: checks the bench itself, its figures mean nothing
        model_dir, build_s = args.model_dir.resolve(), None
        log(f"models: {model_dir} (given with --model-dir: not the real-size set, nothing built)")
    else:
        model_dir, build_s = real_model_dir()
        log(f"real-size models: {model_dir} ({'reused' if build_s is None else f'built in {build_s:.0f} s'})")
    if settings is not None and args.model_dir is None:
        from briefing.testing.tiny import default_model_ids

        built = ensure_models(model_dir, default_model_ids(settings.replace(model_dir=model_dir)))
        if built:
            log(f"built for this scenario: {', '.join(built)}")
    conversions = convert_all(model_dir, args.compute_type, settings) if args.engine != "torch" else {}
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    return model_dir, build_s, conversions


def time_ours(
    model_dir: Path,
    args: argparse.Namespace,
    inputs: Path,
    label: str,
    extra: dict[str, str],
    second: bool,
    first_extra: dict[str, str] | None = None,
) -> tuple[dict[str, Any], dict[str, Any] | None, float]:
    """Ours against a fresh Prefect server and result storage: first run, and the second when asked.

    ``first_extra``: environment for the first run only (where to record the sequences it generated from).
    """
    server = PrefectServer(WORK / f"prefect-home-{label}", WORK / f"prefect-server-{label}.log")
    server_s = server.start()
    log(f"Prefect server up in {server_s:.0f} s at {server.api_url} (not timed)")
    try:
        env = child_env(model_dir, args, {**server.env(), **extra})
        first_env = {**env, **(first_extra or {})}
        first = run_child("ours", f"{label}_first", inputs, WORK / f"out-{label}", first_env)
        rerun = median_rerun(label, inputs, env) if second else None
    finally:
        server.stop()
    return first, rerun, server_s


def median_rerun(label: str, inputs: Path, env: dict[str, str]) -> dict[str, Any]:
    """:data:`RERUNS` second runs, each in a new process over the unchanged inputs; the one with the median
    flow time, with every sample's flow time (``samples_run_s``). A second run lasts under a second, so one
    sample moves with whatever else the machine did in that second (0.52-1.10 s seen for the same code);
    the first run, ~50 s long, averages such noise out by itself."""
    samples = [
        run_child("ours", f"{label}_second{i + 1}", inputs, WORK / f"out-{label}", env) for i in range(RERUNS)
    ]
    chosen = sorted(samples, key=lambda r: r["run_s"])[len(samples) // 2]
    return {**chosen, "samples_run_s": [r["run_s"] for r in samples]}


def run_default(args: argparse.Namespace, data: dict[str, Any]) -> dict[str, Any]:
    model_dir, build_s, conversions = prepare(args)
    inputs = WORK / "inputs"
    paths = prepare_inputs(inputs, args.articles)
    log(f"inputs: {len(paths)} article file(s) in {inputs}")
    sequences = WORK / "sequences.json"
    first, second, server_s = time_ours(
        model_dir, args, inputs, "ours", {}, second=True, first_extra={SEQUENCES_ENV: str(sequences)}
    )
    wanted = {b.strip() for b in args.baselines.split(",") if b.strip()}
    plain = child_env(model_dir, args, {})
    limit = (
        run_child(
            "limit", "limit", sequences, WORK / "out-limit",
            {**plain, LIMIT_BATCH_SIZES_ENV: args.limit_batch_sizes},
        )
        if "limit" in wanted and args.engine != "torch"
        else None
    )  # fmt: skip
    competent = (
        run_child("competent", "competent", inputs, WORK / "out-competent", plain)
        if "competent" in wanted
        else None
    )
    naive = run_child("baseline", "baseline", inputs, WORK / "out-baseline", plain)
    data["config"].update(
        articles=len(paths),
        inputs=[p.name for p in paths],
        models=model_dir.name,
        model_build_s=None if build_s is None else round(build_s, 1),
        ct2_conversion_s=conversions,
        prefect_server_start_s=round(server_s, 1),
    )
    data["runs"] = {
        "baseline": naive,
        "competent": competent,
        "limit": limit,
        "ours_first": first,
        "ours_second": second,
    }
    data["summary"] = report.summarize(first, second, naive, competent, limit)
    return data


def daily_sizes(text: str) -> tuple[int, ...]:
    """``"16,100"`` -> (16, 100); at least two positive counts, distinct, in increasing order."""
    try:
        sizes = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise SystemExit(f"bench: --daily-sizes {text!r}: expected counts such as 16,100") from None
    if len(sizes) < 2 or min(sizes) < 1 or list(sizes) != sorted(set(sizes)):
        raise SystemExit(f"bench: --daily-sizes {text!r}: two or more increasing positive counts")
    return sizes


def run_daily(args: argparse.Namespace, data: dict[str, Any]) -> dict[str, Any]:
    from briefing.settings import Settings

    targets = ",".join(daily.TARGET_LANGUAGES)
    model_dir, build_s, conversions = prepare(args, Settings(target_languages=daily.TARGET_LANGUAGES))
    runs: dict[int, dict[str, Any]] = {}
    sizes = daily_sizes(args.daily_sizes)
    for size in sizes:
        inputs = WORK / f"inputs-{size}"
        paths = prepare_inputs(inputs, size)
        daily.add_comments(paths)
        log(f"daily: {len(paths)} article file(s) with comments in {', '.join(daily.COMMENT_LANGUAGES)}")
        extra = {"BRIEFING_TARGET_LANGUAGES": targets}
        runs[size], _, _ = time_ours(model_dir, args, inputs, f"daily{size}", extra, second=False)
        runs[size]["inputs"] = len(paths)  # checked: every input digested (none skipped as a duplicate)
    data["config"].update(
        articles=list(sizes),
        target_languages=list(daily.TARGET_LANGUAGES),
        comment_languages=list(daily.COMMENT_LANGUAGES),
        models=model_dir.name,
        model_build_s=None if build_s is None else round(build_s, 1),
        ct2_conversion_s=conversions,
    )
    from bench.served import time_served

    log("served: one scheduled deployment run (briefing serve) finding one new article in a local feed")
    served = time_served(
        child_env(model_dir, args, {"BRIEFING_TARGET_LANGUAGES": targets}), WORK / "served", ROOT, EXAMPLES
    )
    log(f"served: edition and email {served['total_s']:.1f} s after the flow-run process started")
    data["runs"] = {**{f"ours_{n}": r for n, r in runs.items()}, "served": served}
    data["summary"] = report.daily_growth(runs, served)
    return data


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from briefing.io import atomic_write_text, dumps_json

    started_at = datetime.now(UTC)
    machine = machine_info()
    daily_sizes(args.daily_sizes)  # a bad value stops here, before anything is built
    if args.model_dir is not None and not args.model_dir.is_dir():
        raise SystemExit(f"bench: --model-dir {args.model_dir}: not a folder")
    try:
        parse_batch_sizes(args.limit_batch_sizes)
    except ValueError as err:
        raise SystemExit(f"bench: --limit-batch-sizes: {err}") from None
    machine["engine_choice"] = engine_info(args.compute_type)
    machine["cpu_signature"] = cpu_signature(machine)
    log(f"machine: {machine['cpus']} CPU(s), load average {machine['load_average_before']}")
    log(f"engine choice: {machine['engine_choice']['label']} ({machine['engine_choice']['reason']})")
    log(f"CPU: {machine['cpu_signature']}")
    data: dict[str, Any] = {
        "scenario": args.scenario,
        "started_at": started_at.isoformat(timespec="seconds"),
        "machine": machine,
        "versions": versions(),
        "config": {
            "summary_tokens": args.summary_tokens,
            "translation_tokens": args.translation_tokens,
            "beams": args.beams,
            "engine": args.engine,
            "compute_type": args.compute_type,
        },
    }
    data = run_daily(args, data) if args.scenario == "daily" else run_default(args, data)
    data["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    result = args.result or RESULTS / ("latest.json" if args.scenario == "default" else "daily.json")
    atomic_write_text(result, dumps_json(data))
    if args.scenario == "daily":
        table = f"CPU and engine: `{machine['cpu_signature']}`.\n\n" + report.daily_table(data["summary"])
    else:
        table = report.markdown_table(data)
        if not args.no_readme:
            report.update_readme(README, table)
    print(table)
    log(f"results: {result}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
