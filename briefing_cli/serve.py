"""`briefing server` (local Prefect server + UI) and `briefing serve` (the scheduled deployment).

``briefing server`` runs ``prefect server start`` with ``PREFECT_HOME`` defaulting
to the project-local ``.prefect/`` (SQLite database ``.prefect/prefect.db``).
``briefing serve`` registers the briefing deployment on the server named by
``PREFECT_API_URL`` (default: the local one ``briefing server`` starts) and
executes its scheduled and manual runs until interrupted.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

import typer

from briefing.settings import load_settings
from briefing_cli.app import app
from briefing_cli.errors import fail
from briefing_cli.prefect_server import api_answers

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 4200


def local_api_url(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> str:
    return f"http://{host}:{port}/api"


@app.command("server")
def server_command(
    host: str = typer.Option(DEFAULT_HOST, help="Interface to listen on."),
    port: int = typer.Option(DEFAULT_PORT, help="Port of the API and UI."),
    prefect_home: Path | None = typer.Option(  # noqa: B008
        None,
        "--prefect-home",
        help="Prefect's home folder (database, settings). Default: $PREFECT_HOME, else ./.prefect",
    ),
    database: str | None = typer.Option(
        None,
        "--database",
        help="Server database URL, e.g. postgresql+asyncpg://user:pass@host:5432/prefect (several "
        "workers, several machines: docs/SCALING.md). Default: SQLite in the Prefect home.",
    ),
) -> None:
    """Start the local Prefect server and UI (SQLite, or --database) in the foreground; Ctrl-C stops it."""
    home = (prefect_home or Path(os.environ.get("PREFECT_HOME") or ".prefect")).expanduser().resolve()
    home.mkdir(parents=True, exist_ok=True)
    api = local_api_url(host, port)
    env = server_env(os.environ, home, host, port)
    if database:
        if not database.startswith(("postgresql+asyncpg://", "sqlite+aiosqlite://")):
            raise fail(
                f"error: --database {_redacted(database)}: expected postgresql+asyncpg://... "
                "or sqlite+aiosqlite://..."
            )
        env["PREFECT_SERVER_DATABASE_CONNECTION_URL"] = database
    where = _redacted(database) if database else home / "prefect.db"
    print(f"Prefect UI:  http://{host}:{port}", flush=True)
    print(f"Prefect API: {api}   (PREFECT_HOME={home}, database {where})", flush=True)
    print(f"Then, in another shell:  PREFECT_API_URL={api} briefing serve", flush=True)
    argv = [*_prefect_command(), "server", "start", "--host", host, "--port", str(port)]
    os.execvpe(argv[0], argv, env)


def server_env(base: Mapping[str, str], home: Path, host: str, port: int) -> dict[str, str]:
    """The environment of ``prefect server start``: our home, host and port; no prompts, no telemetry."""
    env = {**base, "PREFECT_HOME": str(home), "PREFECT_SERVER_API_HOST": host}
    env["PREFECT_SERVER_API_PORT"] = str(port)
    # The UI's browser code calls this URL; without it the UI follows PREFECT_API_URL/defaults (port 4200).
    env.setdefault("PREFECT_SERVER_UI_API_URL", local_api_url(host, port))
    env.setdefault("PREFECT_SERVER_UI_SHOW_PROMOTIONAL_CONTENT", "false")
    # In a terminal, `prefect server start` first asks whether to set PREFECT_API_URL in the current
    # profile (and which profile to switch to): a first-run stop no document mentions. Never prompt.
    env["PREFECT_CLI_PROMPT"] = "false"
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    env.setdefault("DO_NOT_TRACK", "1")
    return env


@app.command("serve")
def serve_command(
    name: str = typer.Option("scheduled", help="Deployment name."),
    cron: str | None = typer.Option(None, help="Cron schedule (default: setting schedule_cron)."),
    timezone: str | None = typer.Option(
        None, help="IANA timezone of the cron schedule (default: setting schedule_timezone)."
    ),
    interval: float | None = typer.Option(
        None, min=1, help="Run every N seconds instead of the cron schedule (testing)."
    ),
    limit: int = typer.Option(
        1, min=1, help="Most flow-run processes this server starts at once (backlog bound)."
    ),
    inputs: list[Path] | None = typer.Option(  # noqa: B008
        None,
        "--input",
        readable=False,
        help="Default article file/folder of the deployment's runs (repeatable; default: the sources).",
    ),
    output: Path | None = typer.Option(  # noqa: B008
        None, "--output", help="Default output folder of the deployment's runs (default: outputs/)."
    ),
) -> None:
    """Serve the briefing deployment: scheduled runs plus runs started from the UI ('Run')."""
    if not os.environ.get("PREFECT_API_URL"):
        os.environ["PREFECT_API_URL"] = local_api_url()
        print(f"PREFECT_API_URL not set: using {os.environ['PREFECT_API_URL']} (briefing server)")
    try:
        settings = load_settings()
        from flows.deploy import briefing_deployment, briefing_schedule, serve_briefing

        schedule = briefing_schedule(settings, cron=cron, timezone=timezone, interval=interval)
    except (ValueError, OSError) as err:
        raise fail(f"error: {err}", 2) from None
    if not api_answers(os.environ["PREFECT_API_URL"], timeout_s=10):
        raise fail(
            f"error: no Prefect server answers at {os.environ['PREFECT_API_URL']} "
            "(start one with: briefing server)",
            2,
        )
    # Absolute paths: runs start in fresh processes, possibly elsewhere.
    defaults: dict[str, object] = {}
    if inputs:
        defaults["paths"] = [str(p.expanduser().resolve()) for p in inputs]
    if output is not None:
        defaults["output_dir"] = str(output.expanduser().resolve())
    serve_briefing(briefing_deployment(schedule, name=name, parameters=defaults), limit=limit)


def _redacted(url: str) -> str:
    """The database URL without its password, for printing."""
    scheme, sep, rest = url.partition("://")
    creds, at, host = rest.rpartition("@")
    if not at or ":" not in creds:
        return url
    return f"{scheme}{sep}{creds.split(':', 1)[0]}:***@{host}"


def _prefect_command() -> list[str]:
    """The ``prefect`` executable of this environment (beside this Python), else ``python -m prefect``."""
    beside = Path(sys.executable).parent / "prefect"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("prefect")
    return [found] if found else [sys.executable, "-m", "prefect"]
