"""`briefing editions send [EDITION_ID]` (see ../shared/contracts/CLI.md): email an edition again."""

from __future__ import annotations

import typer

from briefing.settings import load_settings
from briefing_cli.app import app
from briefing_cli.errors import fail

editions_app = typer.Typer(help="Editions already written: send them by email.", no_args_is_help=True)
app.add_typer(editions_app, name="editions")


@editions_app.command("send")
def send_command(
    edition_id: str | None = typer.Argument(None, help="The edition to send (default: the latest)."),
) -> None:
    """Email an edition to the configured recipients, one message per language; one line per message.

    Exit 0 when every message was sent, 1 when one could not be, 2 without mail settings."""
    from briefing.editions.manifest import read_manifest
    from briefing.run.mail import run_config, send_edition

    try:
        settings = load_settings()
    except (ValueError, OSError) as err:
        raise fail(f"error: {err}", 2) from None
    out = settings.output_dir
    if run_config(settings, out) is None:
        raise fail("error: no mail settings: set smtp_host, email_from and email_recipients", 2)
    manifest = read_manifest(out)
    if edition_id is None:
        record = manifest.latest()
        if record is None:
            raise fail(f"error: {out}: no edition written yet", 2)
    else:
        record = next((e for e in manifest.editions if e.id == edition_id), None)
        if record is None:
            raise fail(f"error: {edition_id}: no such edition in {out}", 2)
    results = send_edition(out, settings, record, manifest=manifest)
    for result in results:
        print(result.line)
    if not all(r.sent for r in results):
        raise typer.Exit(1)
