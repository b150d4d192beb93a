"""The end-of-run summary: ok / degraded / failed counts, why anything was degraded, what fixes it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.records import ArticleFailure, Digest

if TYPE_CHECKING:
    from briefing.run.result import RunResult


def summary_lines(
    digests: Sequence[Digest], failures: Sequence[ArticleFailure], duplicates: int = 0
) -> list[str]:
    """A few lines: the counts, then for degraded digests the most common reason and the fixing command."""
    from briefing.render.advice import ADVICE, degradation_case, digest_cases, plain, ran_offline
    from briefing.render.flags import digest_status

    statuses = Counter(digest_status(d) for d in digests)
    counts = f"{statuses['ok']} ok, {statuses['degraded']} degraded, {len(failures)} failed"
    if duplicates:
        counts += f" ({duplicates} duplicate(s) left out)"
    lines = [f"Summary: {counts}"]

    cases: Counter[str] = Counter()
    offline = ran_offline(digests)
    for digest in digests:
        cases.update(digest_cases(digest, offline))  # digests, not flags, are counted
    advice = degradation_case(digests)  # the same case the pages' banner names
    if advice is not None:
        case = advice.case
        why = f"Degraded because: {advice.reason} in {cases[case]} digest(s)"
        others = [ADVICE[c].reason for c in cases if c != case]
        if others:
            why += f" (also: {'; '.join(others)})"
        lines.append(_clip(why))
        lines.append(f"Fix: {plain(advice.fix)}")
    if failures:
        lines.append(f"Failed: {len(failures)} input(s), one line each above (error: FILE: reason)")
    return lines


def _clip(text: str, limit: int = 400) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def nothing_new_line(
    last_run: str | None, digested_before: int, out_dir: Path, index: str | Path, now: datetime | None = None
) -> str:
    """What a run of sources that digested nothing says instead of "0 digest(s)".

    ``last_run`` and ``digested_before`` are the state database's history read before the run; a new output
    folder with no digests while the sources' articles were digested before needs ``--reprocess``.
    """
    digests = Path(out_dir) / "digests"
    held = len(list(digests.glob("*.json"))) if digests.is_dir() else 0
    if held == 0 and digested_before:
        return (
            f"nothing new: every article of the sources was digested before, into another output folder; "
            f"{out_dir} has none. To digest them here, run again with --reprocess (reprocess=true in the UI)."
        )
    since = f"since the last run ({clock(last_run, now)})" if last_run else "in the sources"
    return f"nothing new {since}; {held} digest(s) in {digests}; read {index}"


def clock(iso: str, now: datetime | None = None) -> str:
    """An ISO time as the reader's local "06:30" (today) or "2026-12-01 06:30" (another day)."""
    try:
        when = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    today = (now or datetime.now().astimezone()).date()
    return when.strftime("%H:%M" if when.date() == today else "%Y-%m-%d %H:%M")


def report_dict(result: RunResult, reused: dict[str, int]) -> dict[str, Any]:
    """A finished run's report (what ``briefing run`` prints and the flow's final state carries)."""
    from briefing.sources.report import source_report

    report: dict[str, Any] = {
        "output_dir": str(result.out_dir),
        "index": str(result.index),
        "digests": [d.article_id for d in result.digests],
        "failures": [f.one_line() for f in result.failures],
        # per stage: articles whose stored result was reused (nothing recomputed, no task run)
        "reused": dict(reused),
        "duplicates": [d.one_line() for d in result.duplicates],
        "skipped": list(result.skipped),  # every file a folder left out, named
        "summary": summary_lines(result.digests, result.failures, len(result.duplicates)),
        "sources": source_report(list(result.fetched)),
        # edition messages still owed after a failed send (kept for the next run): a flag, not a failure
        "email": list(result.email),
        "warnings": list(result.warnings),
    }
    if result.nothing_new is not None:
        report["nothing_new"] = result.nothing_new
    return report
