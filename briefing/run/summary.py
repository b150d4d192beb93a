"""The end-of-run summary: ok / degraded / failed counts, why anything was degraded, what fixes it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from briefing.records import ArticleFailure, Digest


def summary_lines(
    digests: Sequence[Digest], failures: Sequence[ArticleFailure], duplicates: int = 0
) -> list[str]:
    """A few lines: the counts, then for degraded digests the most common reason and the fixing command."""
    from briefing.render.advice import ADVICE, degradation_case, digest_cases, plain
    from briefing.render.flags import digest_status

    statuses = Counter(digest_status(d) for d in digests)
    counts = f"{statuses['ok']} ok, {statuses['degraded']} degraded, {len(failures)} failed"
    if duplicates:
        counts += f" ({duplicates} duplicate(s) left out)"
    lines = [f"Summary: {counts}"]

    cases: Counter[str] = Counter()
    for digest in digests:
        cases.update(digest_cases(digest))  # digests, not flags, are counted
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
