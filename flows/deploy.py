"""The briefing deployment: schedule from settings, one run at a time.

``briefing serve`` builds it here and serves it (each run in a fresh
subprocess of the serving process); ``prefect.yaml`` declares the same
deployment for the work-pool + worker path.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from prefect import serve
from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.deployments.runner import EntrypointType, RunnerDeployment
from prefect.schedules import Cron, Interval, Schedule

from briefing.settings import Settings
from flows.briefing import briefing_flow

DEPLOYMENT_NAME = "scheduled"
# A scheduled and a manual run never overlap: the later one waits for the slot.
DEPLOYMENT_CONCURRENCY = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.ENQUEUE)
# How many flow-run processes the serving process starts at most at once.
DEFAULT_RUNNER_LIMIT = 1
INTERVAL_FIRST_RUN_DELAY = timedelta(seconds=15)


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


def serve_briefing(deployment: RunnerDeployment, limit: int = DEFAULT_RUNNER_LIMIT) -> None:
    """Register the deployment and execute its runs until interrupted."""
    serve(deployment, limit=limit)
