"""A Prefect server whose database is down: one line naming the server and the database (password hidden)."""

from __future__ import annotations

import httpx
import pytest

from briefing_cli.service_errors import prefect_server_failure

pytestmark = pytest.mark.unit

API = "http://127.0.0.1:4200/api"


def _answer(status: int) -> httpx.HTTPStatusError:
    request = httpx.Request("POST", f"{API}/task_runs/0a1b/set_state")
    response = httpx.Response(status, request=request)
    return httpx.HTTPStatusError(
        f"Server error '{status}' for url '{request.url}'", request=request, response=response
    )


def test_a_5xx_from_the_prefect_api_names_the_database():
    env = {
        "PREFECT_SERVER_DATABASE_CONNECTION_URL": "postgresql+asyncpg://briefing:s3cret@db.lan:5432/prefect"
    }
    try:
        try:
            raise _answer(500)
        except httpx.HTTPStatusError as err:
            raise RuntimeError("task run failed to report") from err
    except RuntimeError as wrapped:
        line = prefect_server_failure(wrapped, API, env)
    assert line is not None and "\n" not in line and "s3cret" not in line
    assert line.startswith(f"the Prefect server at {API} answered 500 to /api/task_runs/0a1b/set_state: ")
    assert (
        "its database postgresql+asyncpg://briefing:***@db.lan:5432/prefect is probably unreachable" in line
    )
    assert "briefing server --database" in prefect_server_failure(_answer(503), API, {})
    assert prefect_server_failure(_answer(404), API, env) is None
    assert prefect_server_failure(ValueError("no"), API, env) is None
