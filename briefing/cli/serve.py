"""`briefing serve` command(s)."""

from __future__ import annotations

from briefing.cli.app import app, models_app  # noqa: F401
