"""``python -m bench.run`` (``make bench``): naive baseline vs Briefing as shipped, same run, same inputs.

1. Build the real-size random default models once (``bench/.models/``, reused afterwards).
2. Convert them for ctranslate2 int8 (cached next to the models; timed, reported as a one-time cost).
3. Inputs: ``examples/`` plus the seeds (``../shared/seeds``), copied round-robin up to ``--articles``.
4. Start a local Prefect server (not timed: a daily briefing runs against a server that is already up).
5. Time, each in its own process: ours (first run, cold Prefect cache), ours again over unchanged inputs
   (second run), and the naive baseline (``bench/baseline.py``).
6. Write ``bench/results/latest.json`` and the table in ``bench/README.md``.

Both variants use fixed output lengths (min = max new tokens) and beam 4, so random weights cost what real
ones do. Timings are wall-clock on this machine, which other processes may share: the JSON records the load
average around the run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.models import BENCH_DIR, real_model_dir

ROOT = BENCH_DIR.parent
RESULTS = BENCH_DIR / "results"
WORK = RESULTS / "tmp"  # git-ignored scratch: inputs, outputs, Prefect home
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = ROOT / "examples"
README = BENCH_DIR / "README.md"
TABLE_START = "<!-- bench:results -->"
TABLE_END = "<!-- /bench:results -->"

# Acceptance targets of the issue.
TARGET_SPEEDUP = 5.0
TARGET_SECOND_RUN = 0.02
TARGET_RSS_BYTES = 2_500_000_000  # 2.5 GB, decimal (the stricter reading)


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
        written.append(Path(shutil.copyfile(source, folder / name)))
    return written


def convert_all(model_dir: Path) -> dict[str, Any]:
    """ctranslate2 int8 conversions of the default set (cached: later runs just find them)."""
    from briefing.models import ct2
    from briefing.models.resolve import resolve_model
    from briefing.models.tiny import default_model_ids
    from briefing.settings import Settings

    settings = Settings(model_dir=model_dir, offline=True)
    report: dict[str, Any] = {}
    for model_id in default_model_ids(settings):
        resolved = resolve_model(model_id, settings)
        cached = ct2.is_converted(
            ct2.converted_dir(model_id, resolved.location, resolved.revision, local=resolved.local)
        )
        began = time.perf_counter()
        try:
            ct2.ensure_converted(model_id, resolved.location, resolved.revision, local=resolved.local)
            outcome: Any = "cached" if cached else round(time.perf_counter() - began, 1)
        except Exception as err:  # reported; the pipeline then uses torch for this model
            outcome = f"failed: {err}"
        report[model_id] = outcome
        log(f"ctranslate2 int8 {model_id}: {outcome}")
    return report


# --------------------------------------------------------------------------- Prefect server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrefectServer:
    """``prefect server start`` on a free port with its own PREFECT_HOME; stopped by its process group."""

    def __init__(self, home: Path, log_path: Path) -> None:
        self.home = home
        self.port = free_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        self.log_path = log_path
        self.proc: subprocess.Popen[bytes] | None = None

    def env(self) -> dict[str, str]:
        return {"PREFECT_HOME": str(self.home), "PREFECT_API_URL": self.api_url}

    def start(self, timeout: float = 180) -> float:
        prefect = Path(sys.executable).parent / "prefect"
        argv = [str(prefect)] if prefect.is_file() else [sys.executable, "-m", "prefect"]
        env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
        env["PREFECT_HOME"] = str(self.home)
        began = time.perf_counter()
        with open(self.log_path, "wb") as out:
            self.proc = subprocess.Popen(
                [*argv, "server", "start", "--host", "127.0.0.1", "--port", str(self.port)],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"bench: Prefect server exited; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=2) as resp:
                    if resp.status == 200:
                        return time.perf_counter() - began
            except OSError:
                pass
            time.sleep(0.5)
        self.stop()
        raise SystemExit(f"bench: Prefect server not healthy after {timeout:.0f} s; see {self.log_path}")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)  # the group this process started (server + uvicorn)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


# --------------------------------------------------------------------------- variants


def child_env(model_dir: Path, args: argparse.Namespace, extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "BRIEFING_"))}
    empty_config = WORK / "briefing.toml"
    empty_config.write_text("# bench: defaults only\n")
    env.update(
        BRIEFING_CONFIG=str(empty_config),
        BRIEFING_MODEL_DIR=str(model_dir),
        BRIEFING_OFFLINE="1",
        BRIEFING_ENGINE=args.engine,
        BRIEFING_SUMMARY_MIN_TOKENS=str(args.summary_tokens),
        BRIEFING_SUMMARY_MAX_TOKENS=str(args.summary_tokens),
        BRIEFING_SUMMARY_NUM_BEAMS=str(args.beams),
        BRIEFING_TRANSLATION_MAX_TOKENS=str(args.translation_tokens),
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


# --------------------------------------------------------------------------- summary


def summarize(first: dict, second: dict, baseline: dict) -> dict[str, Any]:
    articles = baseline["articles"]

    def per_article(r: dict) -> float:
        return r["run_s"] / max(1, r["articles"])

    def tok_s(r: dict) -> float | None:
        return round(r["new_tokens"] / r["generate_s"], 1) if r["generate_s"] else None

    ratio = per_article(baseline) / per_article(first)
    second_share = second["run_s"] / first["run_s"]
    rss = first["peak_rss_bytes"]
    return {
        "articles": articles,
        "baseline_per_article_s": round(per_article(baseline), 2),
        "ours_per_article_s": round(per_article(first), 2),
        "speedup": round(ratio, 2),
        "second_run_s": second["run_s"],
        "second_run_share": round(second_share, 4),
        "second_run_process_share": round(second["wall_s"] / first["wall_s"], 4),
        "baseline_tokens_per_s": tok_s(baseline),
        "ours_tokens_per_s": tok_s(first),
        "ours_end_to_end_tokens_per_s": round(first["new_tokens"] / first["run_s"], 1),
        "baseline_end_to_end_tokens_per_s": round(baseline["new_tokens"] / baseline["run_s"], 1),
        "same_work": {
            "baseline_new_tokens": baseline["new_tokens"],
            "ours_new_tokens": first["new_tokens"],
            "baseline_sequences": baseline["generated_sequences"],
            "ours_sequences": first["generated_sequences"],
        },
        "acceptance": {
            f"speedup >= {TARGET_SPEEDUP}": ratio >= TARGET_SPEEDUP,
            f"second run <= {TARGET_SECOND_RUN:.0%} of first": second_share <= TARGET_SECOND_RUN,
            "peak RSS <= 2.5 GB": rss <= TARGET_RSS_BYTES,
            "articles digested match": first["articles"] == baseline["articles"] == second["articles"],
        },
    }


def gb(value: int) -> str:
    return f"{value / 1e9:.2f} GB"


def markdown_table(data: dict[str, Any]) -> str:
    s = data["summary"]
    runs = data["runs"]
    b, o1, o2 = runs["baseline"], runs["ours_first"], runs["ours_second"]
    lines = [
        f"Run {data['finished_at']} on {data['machine']['cpus']} CPU(s) ({data['machine']['cpu_model']}), "
        f"{s['articles']} articles, summary {data['config']['summary_tokens']} / translation "
        f"{data['config']['translation_tokens']} new tokens fixed, beam {data['config']['beams']}, "
        f"engine setting `{data['config']['engine']}`. Load average before: "
        f"{', '.join(f'{x:.1f}' for x in data['machine']['load_average_before'])}.",
        "",
        "| | baseline (naive transformers) | Briefing, first run | Briefing, second run (unchanged inputs) |",
        "|---|---:|---:|---:|",
        f"| per-article time | {s['baseline_per_article_s']:.2f} s | {s['ours_per_article_s']:.2f} s | "
        f"{o2['run_s'] / max(1, o2['articles']):.3f} s |",
        f"| run time (flow / loop) | {b['run_s']:.1f} s | {o1['run_s']:.1f} s | {o2['run_s']:.2f} s |",
        f"| process wall time | {b['wall_s']:.1f} s | {o1['wall_s']:.1f} s | {o2['wall_s']:.1f} s |",
        f"| model load time | {b['model_load_s']:.1f} s ({b['model_loads']} loads) | "
        f"{o1['model_load_s']:.1f} s ({o1['model_loads']} loads) | "
        f"{o2['model_load_s']:.1f} s ({o2['model_loads']} loads) |",
        f"| generation tokens/s | {s['baseline_tokens_per_s']} | {s['ours_tokens_per_s']} | - |",
        f"| end-to-end tokens/s | {s['baseline_end_to_end_tokens_per_s']} | "
        f"{s['ours_end_to_end_tokens_per_s']} | - |",
        f"| generated sequences / tokens | {b['generated_sequences']} / {b['new_tokens']} | "
        f"{o1['generated_sequences']} / {o1['new_tokens']} | "
        f"{o2['generated_sequences']} / {o2['new_tokens']} |",
        f"| generate calls | {b['generate_calls']} | {o1['generate_calls']} | {o2['generate_calls']} |",
        f"| peak RSS | {gb(b['peak_rss_bytes'])} | {gb(o1['peak_rss_bytes'])} | {gb(o2['peak_rss_bytes'])} |",
        "",
        f"- Speed-up per article (baseline / ours): **{s['speedup']:.2f}×** "
        f"(target ≥ {TARGET_SPEEDUP:.0f}×).",
        f"- Second run / first run: **{s['second_run_share']:.2%}** of the flow time "
        f"({s['second_run_process_share']:.1%} of the process wall time incl. imports; target ≤ "
        f"{TARGET_SECOND_RUN:.0%}).",
        f"- Peak RSS of the first run: **{gb(o1['peak_rss_bytes'])}** (target ≤ 2.5 GB).",
        f"- Engines used by the first run: {', '.join(sorted(set(o1['engines'].values()))) or '-'} "
        f"({len(o1['engines'])} model(s) loaded).",
        "- Acceptance: "
        + ", ".join(f"{k}: {'yes' if v else '**no**'}" for k, v in s["acceptance"].items())
        + ".",
    ]
    return "\n".join(lines)


def update_readme(table: str) -> None:
    from briefing.io import atomic_write_text

    text = README.read_text(encoding="utf-8") if README.is_file() else ""
    block = f"{TABLE_START}\n{table}\n{TABLE_END}"
    if TABLE_START in text and TABLE_END in text:
        head, rest = text.split(TABLE_START, 1)
        tail = rest.split(TABLE_END, 1)[1]
        text = head + block + tail
    else:
        text = text.rstrip() + "\n\n## Latest results\n\n" + block + "\n"
    atomic_write_text(README, text)


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
        "--articles", type=int, default=16, help="articles per run (inputs copied round-robin)"
    )
    parser.add_argument("--summary-tokens", type=int, default=64, help="fixed summary length (new tokens)")
    parser.add_argument(
        "--translation-tokens", type=int, default=40, help="fixed length of each translated sentence"
    )
    parser.add_argument("--beams", type=int, default=4, help="beam size of both variants")
    parser.add_argument("--engine", default="auto", help="Briefing's engine setting: auto|ctranslate2|torch")
    parser.add_argument("--result", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--no-readme", action="store_true", help="do not update bench/README.md")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from briefing.io import atomic_write_text, dumps_json

    started_at = datetime.now(UTC)
    machine = machine_info()
    log(f"machine: {machine['cpus']} CPU(s), load average {machine['load_average_before']}")
    model_dir, build_s = real_model_dir()
    log(f"real-size models: {model_dir} ({'reused' if build_s is None else f'built in {build_s:.0f} s'})")
    conversions = convert_all(model_dir) if args.engine != "torch" else {}

    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    inputs = WORK / "inputs"
    paths = prepare_inputs(inputs, args.articles)
    log(f"inputs: {len(paths)} article file(s) in {inputs}")

    server = PrefectServer(WORK / "prefect-home", WORK / "prefect-server.log")
    server_s = server.start()
    log(f"Prefect server up in {server_s:.0f} s at {server.api_url} (not timed)")
    try:
        ours_env = child_env(model_dir, args, server.env())
        first = run_child("ours", "ours_first", inputs, WORK / "out-ours", ours_env)
        second = run_child("ours", "ours_second", inputs, WORK / "out-ours", ours_env)
    finally:
        server.stop()
    baseline = run_child(
        "baseline", "baseline", inputs, WORK / "out-baseline", child_env(model_dir, args, {})
    )

    data = {
        "started_at": started_at.isoformat(timespec="seconds"),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine,
        "versions": versions(),
        "config": {
            "articles": len(paths),
            "inputs": [p.name for p in paths],
            "summary_tokens": args.summary_tokens,
            "translation_tokens": args.translation_tokens,
            "beams": args.beams,
            "engine": args.engine,
            "models": model_dir.name,
            "model_build_s": None if build_s is None else round(build_s, 1),
            "ct2_conversion_s": conversions,
            "prefect_server_start_s": round(server_s, 1),
        },
        "runs": {"baseline": baseline, "ours_first": first, "ours_second": second},
    }
    data["summary"] = summarize(first, second, baseline)
    atomic_write_text(args.result, dumps_json(data))
    table = markdown_table(data)
    if not args.no_readme:
        update_readme(table)
    print(table)
    log(f"results: {args.result}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
