"""`briefing sources list` and `briefing sources import FILE.opml` (see ../shared/contracts/CLI.md)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import typer

from briefing.cli.app import app
from briefing.cli.errors import fail
from briefing.errors import InputError
from briefing.io import read_bytes
from briefing.settings import load_settings

sources_app = typer.Typer(
    help="List the configured sources and import OPML subscription lists.", no_args_is_help=True
)
app.add_typer(sources_app, name="sources")

COLUMNS = ("source", "kind", "last fetch", "HTTP", "entries seen", "new last run", "last error")


@sources_app.command("list")
def list_command() -> None:
    """Each configured source (settings, imported feeds, feeds of OPML lists, sources run before): kind, last
    fetch, HTTP status, entries seen, new in the last run, last error."""
    from briefing.sources.health import SourceTrouble, failing_sources
    from briefing.sources.spec import SpecError, parse_source
    from briefing.sources.state import STATE_FILE, SourceRow, StateError, open_state

    try:
        settings = load_settings()
    except (ValueError, OSError) as err:
        raise fail(f"error: {err}", 2) from None
    configured = list(settings.sources)
    rows = [SourceRow(spec, None, "config", None, None, None, None, 0, 0) for spec in configured]
    troubles: list[SourceTrouble] = []
    if (Path(settings.data_dir) / STATE_FILE).is_file():  # listing never creates the database
        try:
            db = open_state(Path(settings.data_dir))
        except StateError as err:
            raise fail(f"error: {err}", 2) from None
        try:
            configured = list(dict.fromkeys([*configured, *db.imported_sources()]))
            everything = [row.spec for row in db.sources()]
            rows = db.sources(configured + [s for s in everything if s not in configured])
            troubles = failing_sources(db, settings.source_failure_runs)
        finally:
            db.close()
    table: list[tuple[str, ...]] = []
    for row in rows:
        kind = row.kind
        if kind is None:
            try:
                kind = parse_source(row.spec).kind
            except SpecError as err:
                kind, row = "-", replace(row, last_error=str(err))
        table.append(
            (
                row.spec,
                kind or "-",
                row.last_fetch or "never",
                str(row.http_status) if row.http_status else "-",
                str(row.entries_seen),
                str(row.new_last_run),
                row.last_error or "-",
            )
        )
    _print_table(table)
    for trouble in troubles:  # failed its last source_failure_runs runs in a row
        print(trouble.note)


@sources_app.command("import")
def import_command(opml_file: Path = typer.Argument(..., help="An OPML subscription list.")) -> None:  # noqa: B008
    """Add the OPML list's feeds to the configured sources (kept in the state database)."""
    from briefing.sources.feeds import FeedError, parse_opml
    from briefing.sources.state import StateError, open_state

    try:
        settings = load_settings()
        feeds = parse_opml(read_bytes(opml_file))
    except InputError as err:
        raise fail(err.one_line(), 2) from None
    except FeedError as err:
        raise fail(f"error: {opml_file}: {err}", 2) from None
    except (ValueError, OSError) as err:
        raise fail(f"error: {err}", 2) from None
    if not feeds:
        raise fail(f"error: {opml_file}: no feeds in the OPML list", 2)
    try:
        db = open_state(Path(settings.data_dir))
    except StateError as err:
        raise fail(f"error: {err}", 2) from None
    try:
        for url, title in feeds:
            added = db.add_source(url, "import", "feed", title)
            print(f"{'added' if added else 'already there'}: {url}" + (f" ({title})" if title else ""))
    finally:
        db.close()


def source_lines(report: Iterable[dict[str, Any]]) -> list[str]:
    """One line per source of a run's report (the CLI prints them after the run)."""
    lines = []
    for item in report:
        state = item["error"] if item["error"] else f"{item['new']} new, {item['pending']} to digest"
        lines.append(f"source {item['source']}: {item['status']}: {state}")
    return lines


def _print_table(rows: list[tuple[str, ...]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(*COLUMNS, show_lines=False)
    for row in rows:
        table.add_row(*row)
    Console(file=sys.stdout, width=None if sys.stdout.isatty() else 200).print(table)
