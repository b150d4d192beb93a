"""The summary check: which summary sentences state a fact the source does not contain.

``check_summary(source, summary, language, mode)`` splits the summary with the project's sentence
splitter, reads the facts of every sentence (:mod:`briefing.checks.facts`) and looks each one up in the
source (:mod:`briefing.checks.support`). A sentence with any fact not found is *unsupported*: ``drop``
removes it from the text, ``flag`` keeps it (marked on the page), ``off`` checks nothing. When fewer than
half of the sentences are left, :attr:`CheckedSummary.too_little_left` tells the caller to fall back to an
extractive summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing.checks.facts import extract_facts
from briefing.checks.support import SourceIndex, index_source, is_found
from briefing.models.text import split_sentences
from briefing.records import SummaryCheck, Unsupported

# Under this share of the summary's sentences left after dropping, the extractive summary is used instead.
MIN_KEPT_SHARE = 0.5


@dataclass(frozen=True)
class CheckedSummary:
    """The check (the digest's ``summary.check``) and the summary text left after it."""

    check: SummaryCheck
    text: str

    @property
    def too_little_left(self) -> bool:
        """Under :data:`MIN_KEPT_SHARE` of the sentences left after dropping: use the extractive summary."""
        dropped = sum(1 for u in self.check.unsupported if u.dropped)
        return bool(dropped) and (self.check.sentences - dropped) < self.check.sentences * MIN_KEPT_SHARE


def missing_facts(sentence: str, source: SourceIndex, language: str) -> list[str]:
    """The facts of ``sentence`` (as written) that ``source`` does not contain, each once."""
    missing = [f.text for f in extract_facts(sentence, language) if not is_found(f, source)]
    return list(dict.fromkeys(missing))


def check_summary(
    source: str | Sequence[str], summary: str, language: str, mode: str = "drop"
) -> CheckedSummary:
    """Check ``summary`` against ``source`` (the text, or the chunks, the summarizer read)."""
    sentences = split_sentences(summary, language)
    if mode == "off":
        return CheckedSummary(SummaryCheck("off", len(sentences)), summary)
    text = source if isinstance(source, str) else "\n\n".join(source)
    index = index_source(text, language)
    kept: list[str] = []
    unsupported: list[Unsupported] = []
    for sentence in sentences:
        missing = missing_facts(sentence, index, language)
        if missing:
            unsupported.append(Unsupported(sentence, tuple(missing), mode == "drop"))
            if mode == "drop":
                continue
        kept.append(sentence)
    return CheckedSummary(SummaryCheck(mode, len(sentences), tuple(unsupported)), " ".join(kept))


def removal_sentence(check: SummaryCheck) -> str:
    """One plain sentence for the page: "1 sentence removed: the article does not mention 1.4 billion"."""
    dropped = [u for u in check.unsupported if u.dropped]
    rows = dropped or list(check.unsupported)
    if not rows:
        return ""
    missing = list(dict.fromkeys(m for u in rows for m in u.missing))
    shown = ", ".join(missing[:4]) + (f" and {len(missing) - 4} more" if len(missing) > 4 else "")
    count = f"{len(rows)} sentence{'s' if len(rows) != 1 else ''}"
    verb = "removed" if dropped else "marked"
    return f"{count} {verb}: the article does not mention {shown}"
