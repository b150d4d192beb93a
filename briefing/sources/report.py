"""Per-source lines of a run's report and status table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from briefing.sources.fetch import SourceResult


def source_status(result: SourceResult) -> str:
    if result.error:
        return "failed"
    if result.status == 304:
        return "not modified"
    return "fetched"


def source_status_rows(results: Sequence[SourceResult]) -> list[dict[str, str]]:
    """One row per source, in the columns of the per-article status table."""
    return [
        {
            "article": "-",
            "file": r.spec,
            "status": f"source {source_status(r)}",
            "flags": r.error or (f"{len(r.failures)} problem(s)" if r.failures else "-"),
            "summary": f"{r.new} new, {len(r.articles)} to digest",
            "translations": f"{r.kind or '-'} · HTTP {r.status}" if r.status else (r.kind or "-"),
        }
        for r in results
    ]


def source_report(results: Sequence[SourceResult]) -> list[dict[str, Any]]:
    """The ``sources`` part of a run's report dict (JSON-able)."""
    return [
        {
            "source": r.spec,
            "kind": r.kind,
            "status": source_status(r),
            "http_status": r.status,
            "new": r.new,
            "pending": len(r.articles),
            "error": r.error,
        }
        for r in results
    ]
