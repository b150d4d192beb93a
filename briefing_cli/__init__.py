"""Command-line entry point (``briefing``): see ../shared/contracts/CLI.md.

Each command lives in its own module and registers on ``app``; heavy imports
(torch, transformers, Prefect) happen inside the commands, so ``briefing clean``
stays fast and loads no seq2seq model.
"""

from __future__ import annotations

from briefing_cli import check, clean, editions, models, run, scale, serve, sources  # noqa: F401  (registers commands)
from briefing_cli.app import app


def main() -> None:
    app()
