"""The end of a flow run, written once for the briefing flow and the backlog flow: the Markdown briefing and
the per-article status artifacts, the failures logged one line each, and the final state carrying the report
(Failed when any article failed: the digests of the others are written all the same)."""

from __future__ import annotations

from typing import Any

from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.states import Completed, Failed, State

from briefing.run import report as run_report_md
from briefing.run.result import RunResult
from briefing.sources import report as source_report


def end_state(
    result: RunResult,
    report: dict[str, Any],
    logger: Any,
    *,
    digest_key: str,
    status_key: str,
    title: str,
    done_line: str,
) -> State[Any]:
    """Artifacts ``digest_key`` (described as ``title``) and ``status_key``, the log, and the final state;
    ``done_line`` is the closing log line (what was written, what was reused)."""
    digests, failures = result.digests, result.failures
    create_markdown_artifact(
        markdown=run_report_md.briefing_markdown(digests, failures, result.files, result.index),
        key=digest_key,
        description=f"{title} ({len(digests)} digest(s)) in {result.out_dir}",
    )
    create_table_artifact(
        table=source_report.source_status_rows(result.fetched) + run_report_md.status_rows(digests, failures),
        key=status_key,
        description="Per-article status: ok / degraded / failed, with flags",
    )
    for failure in failures:
        logger.error(failure.one_line())
    for line in report["email"]:
        logger.warning(line)
    logger.info(done_line)
    if failures:
        return Failed(
            message=f"{len(failures)} article(s) failed, {len(digests)} digest(s) written: "
            + "; ".join(f.one_line() for f in failures),
            data=report,
        )
    return Completed(message=f"{len(digests)} digest(s) written to {result.out_dir}", data=report)
