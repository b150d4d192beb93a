"""Quality notes a reader understands: one plain sentence per kind, merged across digests, languages and
pairs, with the technical detail (pairs, model ids, a reason class) kept for a collapsed "Details".

A flag's own ``detail`` may carry an exception's text; it stays in the digest JSON and never reaches a
page. Details shown on pages are built from the flag's fields (never from ``detail``, whose wording may
change): the language ``pair``, the ``models`` involved, and one of a few reason classes read from ``cause``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefing.records import Digest, Flag
from briefing.render.flags import DEGRADATION_CODES, FLAG_TEXT, UNKNOWN_FLAG_TEXT

TEST_MODEL_NOTE = "Made with random test models — the text is meaningless."

# Causes that mean "the model is not here" (``ModelUnavailable.cause``; ``no-model``: none in the manifest).
MISSING_CAUSES = frozenset({"model-missing", "offline", "no-model"})
# Codes whose Details say why a model could not be used.
_REASON_CODES = ("translation-unavailable", "model-unavailable", "extractive-fallback")
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
    from briefing.render.view import language_name

    names = [language_name(c) for c in dict.fromkeys(codes)]
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def reason_class(flag: Flag) -> str:
    """A flag's ``cause`` as a known phrase."""
    if flag.cause in MISSING_CAUSES:
        return "model not installed"
    return "model failed while running"


def flag_pair(flag: Flag) -> tuple[str, str] | None:
    """``("de", "en")`` for a flag about the pair "de-en"."""
    if not flag.pair or "-" not in flag.pair:
        return None
    src, tgt = flag.pair.split("-", 1)
    return src, tgt


def technical_line(flag: Flag) -> str:
    """``translation-unavailable · de → en · Helsinki-NLP/opus-mt-de-en · model not installed``.

    The pair and models when the flag has them; a check's flag (``stage`` check) concerns a text, not its
    model, so its models stay in the digest."""
    pair = flag_pair(flag)
    parts = [f"{pair[0]} → {pair[1]}"] if pair else []
    if flag.stage != "check":
        parts += list(dict.fromkeys(flag.models or ()))[:3]
    if flag.code in _REASON_CODES:
        parts.append(reason_class(flag))
    return " · ".join([flag.code, *parts])


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
    from briefing.render.view import briefing_language_of

    for digest in digests:
        summary_language = digest.summary.language if digest.summary else None
        home = briefing_language_of(digest)
        for flag in digest.flags:
            if flag.code != "translation-unavailable":
                continue
            all_missing = all_missing and reason_class(flag) == "model not installed"
            src, tgt = flag_pair(flag) or ("", "")
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
