"""`briefing backlog` (a run over a backlog, sharded across Dask workers), `briefing scheduler` and
`briefing worker` (the Dask cluster's processes). See docs/SCALING.md.

``briefing backlog`` runs ``flows.scale.backlog_flow`` in this process; the shards run on the Dask cluster
at ``--cluster`` (else on a temporary local cluster of ``--workers`` processes). Prefect is imported
inside the commands only.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import typer

from briefing.cli.app import app
from briefing.cli.errors import fail
from briefing.errors import one_line
from briefing.run.options import check_summary_max_tokens, parse_languages
from briefing.scale.shards import DEFAULT_SHARD_ARTICLES
from briefing.scale.workers import MACHINE_ENV
from briefing.settings import DEFAULT_DETECT_LANGUAGES, load_settings

DEFAULT_SCHEDULER_PORT = 8786


@app.command("backlog")
def backlog_command(
    paths: list[Path] = typer.Argument(..., help="Article files and/or folders (one folder per source)."),  # noqa: B008
    output: Path | None = typer.Option(None, "--output", "-o", help="Output folder (default: outputs/)."),  # noqa: B008
    cluster: str | None = typer.Option(
        None, "--cluster", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster)."
    ),
    workers: int = typer.Option(2, "--workers", min=1, help="Worker processes of the local cluster."),
    shard_articles: int = typer.Option(
        DEFAULT_SHARD_ARTICLES, "--shard-articles", min=1, help="About how many articles per shard."
    ),
    model_slots: int = typer.Option(1, "--model-slots", min=1, help="Model stages at once per machine."),
    languages: str | None = typer.Option(None, "--languages", help="e.g. en,fr,de (as for briefing run)."),
    offline: bool = typer.Option(False, "--offline", help="Never touch the network for models."),
    summary_max_tokens: int | None = typer.Option(
        None, "--summary-max-tokens", help="Longest summary in model tokens (16-512)."
    ),
    storage: Path | None = typer.Option(  # noqa: B008
        None,
        "--storage",
        help="Result storage folder every worker reaches at this path (sets PREFECT_LOCAL_STORAGE_PATH; "
        "the shards run with this run's Prefect settings).",
    ),
    report_json: bool = typer.Option(False, "--json", help="Print the run's data (shards, workers) as JSON."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show Prefect's run logs."),
) -> None:
    """Digest a large backlog in shards across workers; link stories and write the index once.

    Exit 0 when every article got a digest, 1 when any failed, 2 on bad options.
    """
    try:
        settings = load_settings()
        check_summary_max_tokens(summary_max_tokens)
        langs = parse_languages(languages, DEFAULT_DETECT_LANGUAGES) if languages is not None else None
    except (ValueError, OSError) as err:
        raise fail(f"error: {err}", 2) from None
    if not os.environ.get("PREFECT_API_URL"):
        raise fail(
            "error: PREFECT_API_URL is not set: the parent run and every worker report to one Prefect server "
            "(start one with: briefing server)",
            2,
        )
    if storage is not None:
        os.environ["PREFECT_LOCAL_STORAGE_PATH"] = str(storage.expanduser().resolve())
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

    from flows.scale import backlog_flow, dask_task_runner

    try:
        state = backlog_flow.with_options(task_runner=dask_task_runner(cluster, workers))(
            paths=[str(p) for p in paths],
            output_dir=str(output) if output is not None else str(settings.output_dir),
            languages=list(langs) if langs is not None else None,
            summary_max_tokens=summary_max_tokens,
            offline=offline,
            shard_articles=shard_articles,
            model_slots=model_slots,
            return_state=True,
        )
        report = state.result(raise_on_failure=False)
        if not isinstance(report, dict):
            raise RuntimeError(f"backlog flow ended {state.name}: {state.message}")
    except Exception as err:  # no cluster, no server, a broken setting: one line, details with -v
        if verbose:
            raise
        from briefing.cli.service_errors import prefect_server_failure

        down = prefect_server_failure(err, os.environ.get("PREFECT_API_URL"), os.environ)
        text = down or one_line(err, 300)
        raise fail(f"error: backlog run failed: {text} (run with -v for details)", 1) from None
    if report_json:
        print(json.dumps(report, indent=1))
    for line in report["failures"]:
        print(line, file=sys.stderr)
    tally = ", ".join(f"{w}: {len(v['shards'])} shard(s)" for w, v in report["workers"].items())
    print(f"{len(report['digests'])} digest(s) ({tally}); read {report['index']}", file=sys.stderr)
    if report["failures"]:
        raise typer.Exit(1)


@app.command("scheduler")
def scheduler_command(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on (0.0.0.0 for other machines)."),
    port: int = typer.Option(DEFAULT_SCHEDULER_PORT, help="Port of the scheduler."),
) -> None:
    """Start the Dask scheduler the workers and `briefing backlog --cluster` connect to (foreground)."""
    _exec([*_dask(), "scheduler", "--host", host, "--port", str(port), "--no-dashboard"], dict(os.environ))


@app.command("worker")
def worker_command(
    scheduler: str = typer.Argument(..., help="The scheduler's address, e.g. tcp://10.0.0.5:8786."),
    name: str | None = typer.Option(None, help="Worker name in the run data (default: host-based)."),
    machine: str | None = typer.Option(
        None,
        help=f"Machine name for the per-machine model limit (default: ${MACHINE_ENV}, else the host name).",
    ),
    nanny: bool = typer.Option(True, help="Restart the worker process if it dies (Dask nanny)."),
) -> None:
    """A long-lived worker process: takes shards, keeps its models loaded across shards and runs.

    Needs PREFECT_API_URL (the Prefect server) and the model settings (BRIEFING_MODEL_DIR, ...) in its
    environment. One shard at a time per process (one thread). Result storage comes with each shard: the
    Prefect settings of the `briefing backlog` run that submitted it.
    """
    env = dict(os.environ)
    if not env.get("PREFECT_API_URL"):
        raise fail("error: PREFECT_API_URL is not set (the Prefect server every worker reports to)", 2)
    if machine:
        env[MACHINE_ENV] = machine
    argv = [*_dask(), "worker", scheduler, "--nthreads", "1", "--nworkers", "1", "--no-dashboard"]
    argv += ["--name", name] if name else []
    argv += [] if nanny else ["--no-nanny"]
    _exec(argv, env)


def _dask() -> list[str]:
    beside = Path(sys.executable).parent / "dask"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("dask")
    return [found] if found else [sys.executable, "-m", "dask"]


def _exec(argv: list[str], env: dict[str, str]) -> None:
    sys.stdout.flush()
    os.execvpe(argv[0], argv, env)
