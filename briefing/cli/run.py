"""`briefing run`: the Prefect flow over files/folders, in this process.

With ``PREFECT_API_URL`` set the run is recorded on that server (and shows in
its UI) after a bounded health check; without it a temporary local server is
started for the run as a child that dies with it (``briefing.cli.prefect_server``).
Settings, paths and the output folder are checked before any of that, so a bad
command line fails in well under a second with exit 2 and one line. Prefect is
imported inside the command only, after those checks.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import typer

from briefing.cli import console
from briefing.cli.app import app
from briefing.cli.errors import fail
from briefing.cli.interrupt import exit_on_interrupt
from briefing.cli.sources import source_lines
from briefing.errors import one_line
from briefing.run.options import check_summary_max_tokens, parse_languages
from briefing.run.validate import validate_run
from briefing.settings import DEFAULT_DETECT_LANGUAGES, load_settings


@app.command("run")
def run_command(
    paths: list[str] = typer.Argument(  # noqa: B008
        None,
        help="Article files and/or folders (digested every run), and/or http(s) URLs of feeds, pages or "
        "OPML lists (only what is new is digested). Default: the configured sources (the bundled examples/).",
    ),
    output: Path | None = typer.Option(  # noqa: B008
        None, "--output", "-o", help="Output folder (default: outputs/)."
    ),
    languages: str | None = typer.Option(
        None,
        "--languages",
        help="Comma-separated languages to read the briefing in, e.g. en,fr,de. Summaries are in the "
        "briefing language (setting briefing_language, default en); each other listed language gets "
        "a translation. Default: the configured target languages.",
    ),
    offline: bool = typer.Option(False, "--offline", help="Never touch the network for models."),
    summary_max_tokens: int | None = typer.Option(
        None, "--summary-max-tokens", help="Longest summary in model tokens (16-512)."
    ),
    verbose: bool = typer.Option(
        False,
        "--verbose",
        "-v",
        help="Show Prefect's logs, library warnings and the temporary server's output.",
    ),
    reprocess: bool = typer.Option(
        False, "--reprocess", help="Digest every article of the sources again, not only the new ones."
    ),
) -> None:
    """Digest articles: clean, summarize, translate, write outputs/digests/* and outputs/index.html.

    Exit 0 when every article got a digest (degraded ones included), 1 when any failed
    (the others are still written; one line `error: FILE: reason` per failure), 2 on bad options.
    """
    from briefing.sources.state import StateError, check_state

    try:
        settings = load_settings()
        check_summary_max_tokens(summary_max_tokens)
        langs = parse_languages(languages, DEFAULT_DETECT_LANGUAGES) if languages is not None else None
        out = output if output is not None else settings.output_dir
        validate_run(paths or [], out, settings)
        check_state(
            settings.data_dir
        )  # a corrupt or empty state database: one line naming it, before any work
    except (ValueError, OSError, StateError) as err:
        raise fail(f"error: {err}", 2) from None
    console.configure(verbose)
    stops: list[Callable[[], None]] = []  # the progress bar, once shown: cleared before "interrupted"
    exit_on_interrupt(out, lambda: [stop() for stop in stops])
    api = _prefect_api(verbose)

    from flows.briefing import run_here, run_report

    stop_progress = console.show_progress() if not verbose else (lambda: None)
    stops.append(stop_progress)
    try:
        state = run_here(  # empty values mean "as configured" (the flow's run form reads the same way)
            paths=[str(p) for p in paths] if paths else [],
            output_dir=str(out),
            languages=list(langs) if langs is not None else [],
            summary_max_tokens=summary_max_tokens or 0,
            offline=offline,
            reprocess=reprocess,
        )
        report = run_report(state)
    except Exception as err:  # Prefect unreachable, a broken setting...: one line, details with -v
        if verbose:
            raise
        from briefing.cli.service_errors import prefect_server_failure

        text = prefect_server_failure(err, api, os.environ) or one_line(err, 300)
        raise fail(f"error: run failed ({api}): {text} (run with -v for details)", 1) from None
    finally:
        stop_progress()
    for line in report["failures"]:
        print(line, file=sys.stderr)
    for line in report.get("duplicates", []):
        print(line, file=sys.stderr)
    for line in (*report.get("skipped", []), *report.get("email", []), *report.get("warnings", [])):
        print(line, file=sys.stderr)
    for line in source_lines(report.get("sources", [])):
        print(line)
    if report.get("nothing_new"):  # not "0 digest(s)" and "Summary: 0 ok, ...": say why
        print(report["nothing_new"])
    else:
        count = len(report["digests"])
        print(f"{count} digest(s) in {Path(report['output_dir']) / 'digests'}; read {report['index']}")
        for line in report.get("summary", []):
            print(line)
    if report["failures"]:
        raise typer.Exit(1)


def _prefect_api(verbose: bool) -> str:
    """The API the run records on: ``PREFECT_API_URL`` once it answers, else a temporary server of ours."""
    from briefing.cli import prefect_server

    configured = os.environ.get("PREFECT_API_URL")
    try:
        if configured:
            prefect_server.check_api(configured)
            return configured
        if not prefect_server.can_tie_to_parent():
            # Prefect's own ephemeral server (not tied to this process's death on this platform).
            os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
            return "ephemeral Prefect"
        console.status("starting a temporary Prefect server ...")
        server = prefect_server.start_temporary_server(None if verbose else _server_log(), verbose)
    except prefect_server.ServerError as err:
        raise fail(f"error: {err}", 2 if configured else 1) from None
    os.environ["PREFECT_API_URL"] = server.api_url
    return f"temporary Prefect server {server.api_url}"


def _server_log() -> Path | None:
    """The temporary server's own log (its tracebacks stay out of the console unless -v)."""
    home = Path(os.environ.get("PREFECT_HOME") or "~/.prefect").expanduser()
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return home / "briefing-run-server.log"
