"""One line for a Prefect server that fails under a run: name the server and the database behind it.

When the server's database (PostgreSQL for a scaled deployment) goes down, every API call the run makes
answers ``500 Internal Server Error`` and the raw error names only an endpoint (``.../set_state``). The line
here says which server answered, that its database is the likely cause and which database that is (the
connection URL the environment gives the server, password hidden), and that a rerun reuses what was stored.
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx

DATABASE_VARIABLES = ("PREFECT_SERVER_DATABASE_CONNECTION_URL", "PREFECT_API_DATABASE_CONNECTION_URL")


def prefect_server_failure(err: BaseException, api_url: str | None, environ: Mapping[str, str]) -> str | None:
    """The line for ``err`` when it is (or was caused by) a 5xx answer of the Prefect API, else None."""
    answer = _server_error(err)
    if answer is None:
        return None
    database = next((environ[name] for name in DATABASE_VARIABLES if environ.get(name)), None)
    named = (
        f"its database {redacted(database)}"
        if database
        else ("its database (the one given to `briefing server --database`; else SQLite under PREFECT_HOME)")
    )
    server, status = api_url or answer.request.url.host, answer.response.status_code
    return (
        f"the Prefect server at {server} answered {status} to {answer.request.url.path}: "
        f"{named} is probably unreachable; bring it back and run again (stored results are reused)"
    )


def redacted(url: str) -> str:
    """A database URL without its password, for printing."""
    scheme, sep, rest = url.partition("://")
    creds, at, host = rest.rpartition("@")
    if not at or ":" not in creds:
        return url
    return f"{scheme}{sep}{creds.split(':', 1)[0]}:***@{host}"


def _server_error(err: BaseException | None) -> httpx.HTTPStatusError | None:
    seen = 0
    while err is not None and seen < 10:  # the exception, or what caused it
        if isinstance(err, httpx.HTTPStatusError) and err.response.status_code >= 500:
            return err
        err = err.__cause__ or err.__context__
        seen += 1
    return None
