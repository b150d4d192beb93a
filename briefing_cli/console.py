"""What ``briefing run`` shows on the terminal: quiet by default, progress on stderr, a summary.

Third-party chatter (Prefect's console logs and telemetry, transformers' advisory warnings,
Python warnings) is switched off unless ``-v``; these must be set before those libraries are
imported, since they read their settings at import.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings
from collections.abc import Callable
from typing import IO

from briefing.run.progress import ProgressEvent, subscribe

# Settings that keep the run's console to our own lines (setdefault: the user's own values win).
QUIET_ENV: dict[str, str] = {
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "CRITICAL",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "TRANSFORMERS_VERBOSITY": "error",
    "TRANSFORMERS_NO_ADVISORY_WARNINGS": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TOKENIZERS_PARALLELISM": "false",
}
# Bounded waits on the Prefect API, verbose or not: a server that accepts connections but never
# answers fails a call after ~timeout x (retries + 1) instead of Prefect's default of minutes.
API_ENV: dict[str, str] = {
    "PREFECT_API_REQUEST_TIMEOUT": "30",
    "PREFECT_CLIENT_MAX_RETRIES": "2",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # The client's telemetry (and its notice on a later run) honours the cross-tool opt-out.
    "DO_NOT_TRACK": "1",
}


def configure(verbose: bool) -> None:
    """Quiet the libraries' consoles (unless ``verbose``) and bound the API's waits."""
    for key, value in API_ENV.items():
        os.environ.setdefault(key, value)
    if verbose:
        return
    for key, value in QUIET_ENV.items():
        os.environ.setdefault(key, value)
    warnings.filterwarnings("ignore")
    for name in ("transformers", "huggingface_hub", "sentence_transformers", "httpx", "asyncio"):
        logging.getLogger(name).setLevel(logging.ERROR)


def show_progress(stream: IO[str] | None = None, force: bool = False) -> Callable[[], None]:
    """A progress bar on stderr (a terminal only; pipes and logs stay clean). Returns the stop function."""
    stream = stream or sys.stderr
    if not (force or stream.isatty()):
        return lambda: None
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        console=Console(file=stream, force_terminal=force or None),
        transient=not force,
    )
    task = progress.add_task("starting the Prefect run", total=None)
    progress.start()

    def on_event(event: ProgressEvent) -> None:
        progress.update(
            task, total=max(event.total, 1), completed=event.done, description=event.what[:60], refresh=True
        )

    unsubscribe = subscribe(on_event)

    def stop() -> None:
        unsubscribe()
        progress.stop()

    return stop


def status(message: str, stream: IO[str] | None = None) -> None:
    """One status line on a terminal's stderr (nothing in pipes: scripts read stderr for errors)."""
    stream = stream or sys.stderr
    if stream.isatty():
        print(message, file=stream, flush=True)
