"""`briefing run`: the Prefect flow over files/folders, in this process.

With ``PREFECT_API_URL`` set the run is recorded on that server (and shows in
its UI); without it Prefect starts a temporary local server for the run
(ephemeral mode). Prefect is imported inside the command only.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from briefing.cli.app import app
from briefing.cli.errors import fail
from briefing.cli.sources import source_lines
from briefing.run.options import parse_languages
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
    offline: bool = typer.Option(False, "--offline", help="Never touch the network (HF_HUB_OFFLINE)."),
    summary_max_tokens: int | None = typer.Option(
        None, "--summary-max-tokens", min=16, max=512, help="Longest summary in model tokens."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show Prefect's run logs."),
    reprocess: bool = typer.Option(
        False, "--reprocess", help="Digest every article of the sources again, not only the new ones."
    ),
) -> None:
    """Digest articles: clean, summarize, translate, write outputs/digests/* and outputs/index.html.

    Exit 0 when every article got a digest (degraded ones included), 1 when any failed
    (the others are still written; one line `error: FILE: reason` per failure), 2 on bad options.
    """
    try:
        settings = load_settings()
        langs = parse_languages(languages, DEFAULT_DETECT_LANGUAGES) if languages is not None else None
    except (ValueError, OSError) as err:
        raise fail(f"error: {err}", 2) from None
    if offline:
        os.environ["HF_HUB_OFFLINE"] = "1"
    _quiet_prefect_console(verbose)
    # Prefect gives its temporary server 20 s to start; on a busy 2-core machine that is not enough
    # (seen here: "Timed out while attempting to connect to ephemeral Prefect API server").
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

    from flows.briefing import briefing_flow, run_report

    try:
        state = briefing_flow(
            paths=[str(p) for p in paths] if paths else None,
            output_dir=str(output) if output is not None else str(settings.output_dir),
            languages=list(langs) if langs is not None else None,
            summary_max_tokens=summary_max_tokens,
            offline=offline,
            reprocess=reprocess,
            return_state=True,
        )
        report = run_report(state)
    except Exception as err:  # Prefect unreachable, a broken setting...: one line, details with -v
        if verbose:
            raise
        where = os.environ.get("PREFECT_API_URL") or "ephemeral Prefect"
        raise fail(f"error: run failed ({where}): {_one_line(err)} (run with -v for details)", 1) from None
    for line in report["failures"]:
        print(line, file=sys.stderr)
    for line in source_lines(report.get("sources", [])):
        print(line)
    count = len(report["digests"])
    print(f"{count} digest(s) in {Path(report['output_dir']) / 'digests'}; read {report['index']}")
    if report["failures"]:
        raise typer.Exit(1)


def _quiet_prefect_console(verbose: bool) -> None:
    """Prefect's console logs are noise for a CLI user (they still reach the server/UI).

    Must run before Prefect is imported: it configures logging at import.
    """
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")


def _one_line(err: BaseException) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    return text if len(text) <= 300 else text[:297] + "..."
