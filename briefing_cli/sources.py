"""`briefing sources list` and `briefing sources import FILE.opml` (see ../shared/contracts/CLI.md)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import typer

from briefing.errors import InputError
from briefing.io import read_bytes
from briefing.settings import Settings, load_settings
from briefing_cli.app import app
from briefing_cli.errors import fail

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
    from briefing.sources.standing import DISABLED, REMOVED, switched_off
    from briefing.sources.state import STATE_FILE, SourceRow, StateError, open_state

    try:
        settings = load_settings()
    except (ValueError, OSError) as err:
        raise fail(f"error: {err}", 2) from None
    configured = list(settings.sources)
    rows = [SourceRow(spec, None, "config", None, None, None, None, 0, 0) for spec in configured]
    troubles: list[SourceTrouble] = []
    off: dict[str, str] = {}
    if (Path(settings.data_dir) / STATE_FILE).is_file():  # listing never creates the database
        try:
            db = open_state(Path(settings.data_dir))
        except StateError as err:
            raise fail(f"error: {err}", 2) from None
        try:
            off = switched_off(db)
            configured = [
                s for s in dict.fromkeys([*configured, *db.imported_sources()]) if off.get(s) != REMOVED
            ]
            # The feeds of configured OPML lists belong too; sources given to one `briefing run` do not.
            lists = {f"opml:{s}" for s in configured}
            feeds = [row.spec for row in db.sources() if row.origin in lists and row.spec not in configured]
            rows = db.sources(configured + feeds)
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
                row.spec + (" (disabled)" if off.get(row.spec) == DISABLED else ""),
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
    from briefing.sources.standing import forget_switch
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
            forget_switch(db, url)  # importing a removed feed again brings it back
            added = db.add_source(url, "import", "feed", title)
            print(f"{'added' if added else 'already there'}: {url}" + (f" ({title})" if title else ""))
    finally:
        db.close()


@sources_app.command("remove")
def remove_command(
    spec: str = typer.Argument(..., help="A configured source, as `sources list` shows it."),
) -> None:
    """Remove a configured source: runs of the configured sources no longer fetch it."""
    _switch(spec, "removed")


@sources_app.command("disable")
def disable_command(
    spec: str = typer.Argument(..., help="A configured source, as `sources list` shows it."),
) -> None:
    """Keep a configured source but skip it (`briefing sources enable SPEC` undoes it)."""
    _switch(spec, "disabled")


@sources_app.command("enable")
def enable_command(spec: str = typer.Argument(..., help="A disabled source.")) -> None:
    """Fetch a disabled source again."""
    from briefing.sources.standing import switch_on
    from briefing.sources.state import STATE_FILE, open_state

    settings = _settings()
    if not (Path(settings.data_dir) / STATE_FILE).is_file():
        raise fail(f"error: {spec}: not a disabled source", 2)
    db = open_state(Path(settings.data_dir))
    try:
        if not switch_on(db, spec):
            raise fail(f"error: {spec}: not a disabled source", 2)
    finally:
        db.close()
    print(f"enabled: {spec}")


def _settings() -> Settings:
    try:
        return load_settings()
    except (ValueError, OSError) as err:
        raise fail(f"error: {err}", 2) from None


def _switch(spec: str, state: str) -> None:
    """Remove or disable ``spec`` (exit 2 with one line when it is not a configured source)."""
    from briefing.sources.standing import REMOVED, switch_off, switched_off
    from briefing.sources.state import STATE_FILE, open_state

    settings = _settings()
    has_state = (Path(settings.data_dir) / STATE_FILE).is_file()
    db = open_state(Path(settings.data_dir)) if has_state else None
    try:
        off = switched_off(db) if db else {}
        imported = db.imported_sources() if db else []
        in_setting = spec in settings.sources
        if off.get(spec) == REMOVED or not (in_setting or spec in imported):
            raise fail(f"error: {spec}: not a configured source (see `briefing sources list`)", 2)
        db = db or open_state(Path(settings.data_dir))
        switch_off(db, spec, state)
    finally:
        if db is not None:
            db.close()
    where = (
        " (it is still written in the sources setting; runs skip it)"
        if in_setting and state == REMOVED
        else ""
    )
    print(f"{state}: {spec}{where}")


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
