"""The end-of-run summary: ok / degraded / failed counts, why anything was degraded, what fixes it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from briefing.records import ArticleFailure, Digest

# What a user runs to fix each kind of degradation (data in one place).
FIXES: dict[str, str] = {
    "model-unavailable": (
        "briefing models pull   (downloads the default models; or set BRIEFING_MODEL_DIR to a model folder)"
    ),
    "extractive-fallback": "briefing models pull   (the summarization model was missing)",
    "translation-unavailable": "briefing models pull   (a translation model was missing)",
    "no-summary": "briefing models pull   (no summarization model could be used)",
}


def summary_lines(
    digests: Sequence[Digest], failures: Sequence[ArticleFailure], duplicates: int = 0
) -> list[str]:
    """A few lines: the counts, then for degraded digests the most common reason and the fixing command."""
    from briefing.render.flags import digest_status, is_degradation

    statuses = Counter(digest_status(d) for d in digests)
    counts = f"{statuses['ok']} ok, {statuses['degraded']} degraded, {len(failures)} failed"
    if duplicates:
        counts += f" ({duplicates} duplicate(s) left out)"
    lines = [f"Summary: {counts}"]
    reasons: Counter[str] = Counter()
    details: dict[str, str] = {}
    for digest in digests:
        if digest_status(digest) != "degraded":
            continue
        degradations = [f for f in digest.flags if is_degradation(f)]
        if not degradations:
            reasons["no-summary"] += 1
            details.setdefault("no-summary", "no summary could be made")
        for flag in degradations:
            details.setdefault(flag.code, " ".join(flag.detail.split()))
        reasons.update({f.code for f in degradations})  # digests, not flags, are counted
    if reasons:
        code, count = reasons.most_common(1)[0]
        why = f"Degraded because: {code} in {count} digest(s): {details[code]}"
        others = [c for c in reasons if c != code]
        if others:
            why += f" (also: {', '.join(others)})"
        lines.append(_clip(why))
        lines.append(f"Fix: {FIXES.get(code, 'see the flags in the digests')}")
    if failures:
        lines.append(f"Failed: {len(failures)} input(s), one line each above (error: FILE: reason)")
    return lines


def _clip(text: str, limit: int = 400) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
