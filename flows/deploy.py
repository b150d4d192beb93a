"""The briefing deployment: schedule from settings, one run at a time.

``briefing serve`` builds it here and serves it (each run in a fresh
subprocess of the serving process); ``prefect.yaml`` declares the same
deployment for the work-pool + worker path.
"""

from __future__ import annotations

import asyncio
import os
import threading
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.deployments.runner import EntrypointType, RunnerDeployment
from prefect.exceptions import TerminationSignal
from prefect.runner import Runner
from prefect.schedules import Cron, Interval, Schedule

from briefing.settings import Settings
from flows.briefing import briefing_flow

DEPLOYMENT_NAME = "scheduled"
# A scheduled and a manual run never overlap: the later one waits for the slot.
DEPLOYMENT_CONCURRENCY = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.ENQUEUE)
# How many flow-run processes the serving process starts at most at once.
DEFAULT_RUNNER_LIMIT = 1
INTERVAL_FIRST_RUN_DELAY = timedelta(seconds=15)
# A documented choice (docs/PREFECT.md): stopping `briefing serve` pauses the deployment's schedule.
PAUSE_ON_SHUTDOWN = True
# SIGTERM: how long the runner may spend stopping (pausing the schedule, ending runs) before it exits anyway.
SHUTDOWN_GRACE_S = 15.0


def briefing_schedule(
    settings: Settings, cron: str | None = None, timezone: str | None = None, interval: float | None = None
) -> Schedule:
    """An interval schedule when ``interval`` (seconds) is given, else the cron in ``timezone``.

    Defaults: ``settings.schedule_cron`` (weekdays 06:30) in ``settings.schedule_timezone``.
    Raises ValueError for a bad cron string or an unknown IANA timezone.
    """
    if interval is not None:
        # Anchored just ahead of now, so the first run comes soon after serving starts rather than
        # on a grid from 2020 (a slot already past when the deployment registers would be skipped).
        return Interval(interval, anchor_date=datetime.now(UTC) + INTERVAL_FIRST_RUN_DELAY)
    tz = timezone or settings.schedule_timezone
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown IANA timezone: {tz!r}") from None
    return Cron(cron or settings.schedule_cron, timezone=tz)


def briefing_deployment(
    schedule: Schedule,
    name: str = DEPLOYMENT_NAME,
    parameters: dict[str, Any] | None = None,
) -> RunnerDeployment:
    return briefing_flow.to_deployment(
        name=name,
        schedules=[schedule],
        concurrency_limit=DEPLOYMENT_CONCURRENCY,
        parameters=parameters or {},
        description="Digest news articles into briefing files (JSON, Markdown, HTML) and artifacts.",
        tags=["briefing"],
        enforce_parameter_schema=True,
        # Importable module path, so runs load the flow wherever the server process was started.
        entrypoint_type=EntrypointType.MODULE_PATH,
    )


class BoundedShutdownRunner(Runner):
    """Prefect's runner whose SIGTERM shutdown ends within ``SHUTDOWN_GRACE_S`` whatever the server does.

    Prefect's handler stops the runner through the API (pausing the schedule, see below); with the
    server gone, those calls retry for minutes and the process ignores the signal meanwhile.
    """

    def handle_sigterm(self, *args: Any, **kwargs: Any) -> None:
        timer = threading.Timer(SHUTDOWN_GRACE_S, os._exit, args=(0,))
        timer.daemon = True
        timer.start()
        super().handle_sigterm(*args, **kwargs)


def serve_briefing(deployment: RunnerDeployment, limit: int = DEFAULT_RUNNER_LIMIT) -> None:
    """Register the deployment and execute its runs until interrupted (SIGTERM: bounded shutdown).

    Like ``prefect.serve``, with ``PAUSE_ON_SHUTDOWN``: stopping ``serve`` pauses the schedule on the
    server, so no late runs pile up while nothing executes them; the next ``serve`` unpauses it.
    """
    runner = BoundedShutdownRunner(pause_on_shutdown=PAUSE_ON_SHUTDOWN, limit=limit)
    runner.add_deployment(deployment)
    print(
        f"Serving deployment '{briefing_flow.name}/{deployment.name}' (Ctrl-C or SIGTERM stops it)",
        flush=True,
    )
    try:
        asyncio.run(runner.start())
    except (KeyboardInterrupt, TerminationSignal):
        print("Stopped serving.", flush=True)
