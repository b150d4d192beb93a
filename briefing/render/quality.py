"""Quality notes a reader understands: one plain sentence per kind, merged across digests, languages and
pairs, with the technical detail (pairs, model ids, a reason class) kept for a collapsed "Details".

A flag's own ``detail`` may carry an exception's text; it stays in the digest JSON and never reaches a
page. Details shown on pages are rebuilt from what is safe and useful: the language pair, the model ids
named in the detail, and one of a few known reason classes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefing.languages import language_name
from briefing.records import Digest, Flag
from briefing.render.flags import DEGRADATION_CODES, FLAG_TEXT, UNKNOWN_FLAG_TEXT
from briefing.render.reading import briefing_language_of

TEST_MODEL_NOTE = "Made with random test models — the text is meaningless."

_PAIR = re.compile(r"(?<![a-z])([a-z]{2})\s*(?:→|->)\s*([a-z]{2})(?![a-z])")
_MODEL_ID = re.compile(r"(?<![\w./-])([A-Za-z0-9][\w.-]*/[\w.-]*[A-Za-z0-9])(?![\w/])")
_MISSING = re.compile(
    r"not found|not in the hugging face cache|no such|missing|offline|not installed|unavailable|no route"
    r"|no translation model",
    re.IGNORECASE,
)
# Kinds in the order a reader should meet them.
_ORDER = (
    "test-model",
    "summary-fallback",
    "model-unavailable",
    "summary-untranslated",
    "comments-untranslated",
    "summary-via-translation",
)


@dataclass(frozen=True)
class QualityNote:
    kind: str
    text: str  # one plain sentence
    details: tuple[str, ...]  # technical lines for a collapsed "Details"
    degradation: bool


def language_list(codes: Iterable[str]) -> str:
    """``["de", "es", "fr"]`` -> "German, Spanish and French"."""
    names = [language_name(c) for c in dict.fromkeys(codes)]
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def reason_class(detail: str) -> str:
    """A flag detail reduced to a known phrase (never the detail's own words)."""
    if _MISSING.search(detail):
        return "model not installed"
    return "model failed while running"


def technical_line(flag: Flag) -> str:
    """``de → en · Helsinki-NLP/opus-mt-de-en · model not installed`` (pair and ids when named)."""
    parts = [f"{a} → {b}" for a, b in _PAIR.findall(flag.detail)[:1]]
    parts += list(dict.fromkeys(_MODEL_ID.findall(flag.detail)))[:3]
    if flag.code in ("translation-unavailable", "model-unavailable", "extractive-fallback"):
        parts.append(reason_class(flag.detail))
    return " · ".join([flag.code, *parts])


def _pairs(flag: Flag) -> list[tuple[str, str]]:
    return _PAIR.findall(flag.detail)[:1]


def _comment_languages(digest: Digest) -> set[str]:
    return {s.language for c in digest.comments for s in c.segments if s.translation is None}


def _untranslated(digests: Sequence[Digest]) -> tuple[list[str], list[str], list[Flag], list[Flag], bool]:
    """Languages of untranslated comments, target languages of untranslated summaries, their flags,
    and whether every reason was a missing model."""
    comments: list[str] = []
    summaries: list[str] = []
    comment_flags: list[Flag] = []
    summary_flags: list[Flag] = []
    all_missing = True
    for digest in digests:
        summary_language = digest.summary.language if digest.summary else None
        home = briefing_language_of(digest)
        for flag in digest.flags:
            if flag.code != "translation-unavailable":
                continue
            all_missing = all_missing and reason_class(flag.detail) == "model not installed"
            for src, tgt in _pairs(flag) or [("", "")]:
                if src and src == summary_language and src != tgt:
                    summaries.append(tgt)
                    summary_flags.append(flag)
                if not src or (src in _comment_languages(digest) and tgt == home):
                    comments.append(src)
                    comment_flags.append(flag)
    return comments, summaries, comment_flags, summary_flags, all_missing


def _note(kind: str, text: str, flags: Iterable[Flag], degradation: bool) -> QualityNote:
    details = tuple(dict.fromkeys(technical_line(f) for f in flags))
    return QualityNote(kind, text, details, degradation)


def quality_notes(digests: Sequence[Digest]) -> list[QualityNote]:
    """One note per kind for ``digests`` (one digest for its page, an edition's for the edition)."""
    flags = [f for d in digests for f in d.flags]
    by_code: dict[str, list[Flag]] = {}
    for flag in flags:
        by_code.setdefault(flag.code, []).append(flag)
    notes: dict[str, QualityNote] = {}
    if "test-model" in by_code:
        notes["test-model"] = _note("test-model", TEST_MODEL_NOTE, by_code.pop("test-model"), True)
    fallback = by_code.pop("extractive-fallback", []) + by_code.pop("model-unavailable", [])
    if fallback:
        notes["summary-fallback"] = _note(
            "summary-fallback", FLAG_TEXT["extractive-fallback"] + ".", fallback, True
        )
    comments, summaries, comment_flags, summary_flags, missing = _untranslated(digests)
    by_code.pop("translation-unavailable", None)
    why = "no translation model is installed" if missing else "the translation model failed"
    known_comments = [c for c in comments if c]
    if comment_flags:
        who = "Some text was"
        if known_comments:
            who = f"Reader comments in {language_list(sorted(set(known_comments)))} were"
        notes["comments-untranslated"] = _note(
            "comments-untranslated", f"{who} not translated: {why}.", comment_flags, True
        )
    if summary_flags:
        notes["summary-untranslated"] = _note(
            "summary-untranslated",
            f"The summary was not translated into {language_list(sorted(set(summaries)))}: {why}.",
            summary_flags,
            True,
        )
    for code, group in by_code.items():
        sentence = f"{FLAG_TEXT.get(code, UNKNOWN_FLAG_TEXT)}."
        notes[code] = _note(code, sentence, group, code in DEGRADATION_CODES)
    ordered = [notes.pop(k) for k in _ORDER if k in notes]
    return ordered + list(notes.values())
