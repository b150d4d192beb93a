"""The Typer application objects; command modules register themselves on them."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="briefing",
    help="Turn messy news articles into briefing digests.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
models_app = typer.Typer(help="Build, fetch and inspect models.", no_args_is_help=True)
app.add_typer(models_app, name="models")
