"""Bodies that already fit the summary budget: they are their own summary, never padded by a model.

A model asked for a summary of at least N tokens from a body of fewer must invent text. So a body no
longer than ``summary_max_tokens`` skips generation: the summary is the body itself (``extractive``, no
model) and a ``body-too-short`` flag says why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from briefing.models.engine import Seq2SeqModel
from briefing.records import Digest, Flag, Summary


@dataclass(frozen=True)
class ShortBody:
    """A body of ``tokens`` tokens that fits the summary budget."""

    tokens: int


def body_tokens(model: Seq2SeqModel, paragraphs: Sequence[str]) -> int:
    """Tokens of a body's text (special tokens and the model's prefix not counted)."""
    texts = [p for p in paragraphs if p.strip()]
    if not texts:
        return 0
    specials = len(model.tokenize([""])[0])
    return sum(len(ids) - specials for ids in model.tokenize(texts))


def short_body_digest(
    digest: Digest,
    paragraphs: Sequence[str],
    language: str,
    short: ShortBody,
    budget: int,
    flags: Sequence[Flag],
    models: Mapping[str, str],
) -> Digest:
    """The body (in ``language``: translated when it had to be) as the summary, flagged."""
    text = " ".join(" ".join(p for p in paragraphs if p.strip()).split())
    flag = Flag(
        "body-too-short",
        f"body of {short.tokens} tokens is no longer than the {budget}-token summary budget: the summary is "
        "the body itself, not generated",
        stage="summary",
        target="summary",
    )
    summary = Summary(language, text, "extractive", None, 1)
    # "then summarized with ..." would be untrue: say only that the body was translated.
    label = models.get("summary_translation", "")
    kept = [
        via_translation_flag(digest.language, language, label) if f.code == "summary-via-translation" else f
        for f in flags
    ]
    return replace(digest, summary=summary, models={**digest.models, **models}).with_flags(*kept, flag)


def via_translation_flag(language: str, home: str, label: str, summarizer: str | None = None) -> Flag:
    """``summary-via-translation``: the body was translated ``language``→``home`` with ``label`` (a route,
    "A -> B" through English), then summarized with ``summarizer`` (None: a short body, not summarized)."""
    translated = f"no summarizer for '{language}': body translated {language}→{home} with {label}"
    route = tuple(m for m in label.split(" -> ") if m)
    return Flag(
        "summary-via-translation",
        f"{translated}, then summarized with {summarizer}"
        if summarizer
        else f"{translated}; not summarized (short)",
        stage="summary",
        pair=f"{language}-{home}",
        models=(*route, summarizer) if summarizer else route or None,
        target="summary",
    )
