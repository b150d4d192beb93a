"""Flags in plain words, and which of them make a digest "degraded" (decided here, once)."""

from __future__ import annotations

from typing import Literal

from briefing.records import Digest, Flag

Status = Literal["ok", "degraded", "failed"]

# What a reader should understand from each flag code. The flag's own ``detail`` is shown after it.
FLAG_TEXT: dict[str, str] = {
    "model-unavailable": "A model was unavailable, so part of this digest was made without it",
    "extractive-fallback": (
        "Summary is extractive: the summarization model was unavailable, "
        "so key sentences were picked from the article instead"
    ),
    "translation-unavailable": (
        "Some text could not be machine-translated: no translation model was available"
    ),
    "chunked": "The article was too long for the summarization model and was summarized in parts",
    "low-confidence-language": "The language of some text could not be identified with confidence",
    "decoded-with-fallback-encoding": (
        "The article file was not valid UTF-8 and was decoded with a fallback encoding; "
        "some characters may be wrong"
    ),
    "decoded-with-replacement": (
        "A few bytes of the article file were not valid UTF-8 and were replaced; the rest is exact"
    ),
    "summary-via-translation": (
        "No summarization model exists for the article's language: it was translated first, then summarized"
    ),
    "test-model": "Made with random test models — the text is meaningless",
    "translation-pivot": "Some text was translated through English, as no direct model exists for its pair",
    "model-output-empty": "The summarization model produced no text, so key sentences were picked instead",
    "no-body": "The article had no body text to summarize",
    "unsupported-content": (
        "Some summary sentences stated names, figures, dates or quotations the article does not contain; "
        "the summary section says which"
    ),
    "translation-mismatch": (
        "A machine translation does not have the figures or dates of its original; "
        "the original is shown first"
    ),
    "untranslated-output": "A machine translation looks untranslated; the original is shown first",
    "long-sentence-split": (
        "A very long sentence was split to fit the model; the summary may read less smoothly"
    ),
    "translation-truncated": (
        "A translation reached the model's length limit before it ended, so its end may be cut off"
    ),
    "body-too-short": (
        "The article is shorter than a summary would be, so its own text is shown as the summary"
    ),
    "comments-only": "The file held only a comment section, no article text",
    "feed-text-fallback": (
        "The article page could not be read, so the text the feed itself carries was used instead"
    ),
}
# What a page says for a code missing above (new codes get a sentence above; this keeps raw codes off pages).
UNKNOWN_FLAG_TEXT = "Another quality note was recorded for this digest (see Details)"

# A digest with any of these is "degraded": the reader is not getting what the pipeline normally delivers.
# The other known codes are quality notes (still worth reading) that leave the digest "ok".
DEGRADATION_CODES: frozenset[str] = frozenset(
    # test-model: random weights are never "ok", whatever else went right.
    {"model-unavailable", "extractive-fallback", "translation-unavailable", "test-model"}
)


def is_degradation(flag: Flag) -> bool:
    return flag.code in DEGRADATION_CODES


def digest_status(digest: Digest) -> Status:
    """ "degraded" when a degradation flag is present or no summary was made; "ok" otherwise.

    "failed" belongs to articles that got no digest at all (``ArticleFailure``).
    """
    if digest.summary is None or any(is_degradation(f) for f in digest.flags):
        return "degraded"
    check = digest.summary.check
    if check is not None and any(not u.dropped for u in check.unsupported):  # kept, marked: not trustworthy
        return "degraded"
    return "ok"
