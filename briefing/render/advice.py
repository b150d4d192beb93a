"""Why digests are degraded, said as the actual case, with that case's fix (data in one place).

The console's end-of-run summary and the pages' banner both read ``degradation_case``: random test models
(``briefing models make-tiny``), models not installed, models not installed while offline, a model that
failed while running, or digests with no summary for another reason. Each case has one headline and one fix;
commands are in backticks (pages show them as code, the console as they are).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing.records import Digest, Flag


@dataclass(frozen=True)
class Advice:
    case: str
    headline: str  # what happened, one sentence without a full stop
    reason: str  # the same, short, for "Degraded because: ..."
    fix: str  # what to run, commands in backticks


ADVICE: dict[str, Advice] = {
    "test-models": Advice(
        "test-models",
        "Some digests were made with random test models (from `briefing models make-tiny`): their text is "
        "meaningless",
        "made with random test models (briefing models make-tiny)",
        "Point `BRIEFING_MODEL_DIR` at a folder of real models, or unset it (it holds the test models, "
        "which are used first) and run `briefing models pull` once with internet access.",
    ),
    "offline": Advice(
        "offline",
        "Some digests are degraded: models are not installed, and the run was offline so they could not be "
        "downloaded",
        "models are not installed and the run was offline",
        "Run `briefing models pull` once with internet access (without `--offline` or `HF_HUB_OFFLINE=1`), "
        "or set `BRIEFING_MODEL_DIR` to a folder that holds the models.",
    ),
    "models-missing": Advice(
        "models-missing",
        "Some digests are degraded: models are not installed",
        "models are not installed",
        "Install the models with `briefing models pull` (needs internet once), or set `BRIEFING_MODEL_DIR` "
        "to a folder that holds them.",
    ),
    "model-failed": Advice(
        "model-failed",
        "Some digests are degraded: a model failed while running",
        "a model failed while running",
        "Run again with `briefing run -v` to see the error; if a model's files are damaged, "
        "`briefing models pull` fetches them again.",
    ),
    "no-summary": Advice(
        "no-summary",
        "Some digests have no summary: their articles had no text to summarize",
        "no summary could be made (the article had no text to summarize)",
        "Nothing to install: check those articles' source files (each digest's quality notes say why).",
    ),
}

# Which case a degradation flag points at; the first case found in this order wins.
_ORDER = ("test-models", "offline", "models-missing", "model-failed", "no-summary")
_MODEL_CODES = ("model-unavailable", "extractive-fallback", "translation-unavailable")


def flag_case(flag: Flag) -> str | None:
    """The case a degradation flag belongs to (None for a flag that degrades nothing)."""
    from briefing.render.quality import reason_class

    if flag.code == "test-model":
        return "test-models"
    if flag.code not in _MODEL_CODES:
        return None
    if flag.cause == "offline":
        return "offline"
    return "models-missing" if reason_class(flag) == "model not installed" else "model-failed"


def ran_offline(digests: Sequence[Digest]) -> bool:
    """Whether a model was missed because the run was offline: every missing model of the run was then."""
    return any(flag_case(f) == "offline" for d in digests for f in d.flags)


def digest_cases(digest: Digest, offline: bool = False) -> list[str]:
    """The cases of one degraded digest (empty for an ok one); ``offline``: see ``ran_offline``."""
    from briefing.render.flags import digest_status

    if digest_status(digest) != "degraded":
        return []
    # An extractive fallback is a consequence: its cause is the other flags when there are any.
    causes = [f for f in digest.flags if f.code != "extractive-fallback"]
    cases = {c for c in (flag_case(f) for f in causes) if c}
    if not cases:
        cases = {c for c in (flag_case(f) for f in digest.flags) if c}
    if offline and "models-missing" in cases:
        cases = (cases - {"models-missing"}) | {"offline"}
    return [c for c in _ORDER if c in cases] or ["no-summary"]


def degradation_case(digests: Sequence[Digest]) -> Advice | None:
    """The case that explains the degraded digests (the first in ``_ORDER`` present), or None."""
    offline = ran_offline(digests)
    found = {c for d in digests for c in digest_cases(d, offline)}
    for case in _ORDER:
        if case in found:
            return ADVICE[case]
    return None


def plain(text: str) -> str:
    """``text`` for a terminal: backticks dropped."""
    return text.replace("`", "")
