"""The translation check: every figure, date and amount of a text is in its translation, and the
translation is a translation (not the source copied through, and in the target language's script).

Figures are read in the source language's conventions and looked up among the translation's readings in
the target language's ("5.000" in German is found as "5,000" in English); spelled-out numbers count.
Names and quotations are not required: translations legitimately transliterate and reword them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from briefing.checks.facts import extract_facts
from briefing.checks.support import index_source, is_found, normalise

# Languages not written in Latin script, by the Unicode script name their letters carry.
SCRIPTS: dict[str, str] = {
    **dict.fromkeys(["ru", "uk", "be", "bg", "mk", "sr", "kk"], "CYRILLIC"),
    "ar": "ARABIC",
    "fa": "ARABIC",
    "ur": "ARABIC",
    "he": "HEBREW",
    "el": "GREEK",
    "zh": "CJK",
    "ja": "CJK",
    "ko": "HANGUL",
    "hi": "DEVANAGARI",
    "th": "THAI",
}
# A translation is copied through when this share of its words is the source's, word for word.
COPY_SHARE = 0.8
COPY_MIN_WORDS = 4
# Letters in the target script under this share: the output is in the wrong script.
SCRIPT_MIN_SHARE = 0.5
_JAPANESE = ("HIRAGANA", "KATAKANA")


@dataclass(frozen=True)
class TranslationIssue:
    cause: str  # "translation-mismatch" (figures) | "untranslated-output" (copied or wrong script)
    detail: str
    missing: tuple[str, ...] = ()


def check_translation(source: str, translation: str, src: str, tgt: str) -> list[TranslationIssue]:
    """What is wrong with ``translation`` of ``source`` (``src`` → ``tgt``); empty when nothing is."""
    issues = []
    copied = _copied(source, translation, src, tgt)
    if copied:
        issues.append(TranslationIssue("untranslated-output", copied))
    script = _wrong_script(translation, tgt)
    if script and not copied:
        issues.append(TranslationIssue("untranslated-output", script))
    index = index_source(translation, tgt)
    missing = [
        f.text
        for f in extract_facts(source, src, names=False)
        if f.kind in ("number", "percent", "amount", "date") and not is_found(f, index)
    ]
    if missing:
        missing = list(dict.fromkeys(missing))
        issues.append(
            TranslationIssue(
                "translation-mismatch",
                f"{src}→{tgt}: the translation does not have {', '.join(missing[:4])}",
                tuple(missing),
            )
        )
    return issues


def _copied(source: str, translation: str, src: str, tgt: str) -> str | None:
    if src == tgt:
        return None
    words = [w for w in normalise(translation).split() if not w.isdigit()]
    original = {w for w in normalise(source).split() if not w.isdigit()}
    if len(words) < COPY_MIN_WORDS or len(original) < COPY_MIN_WORDS:
        return None
    share = sum(1 for w in words if w in original) / len(words)
    if share >= COPY_SHARE:
        return f"{src}→{tgt}: the translation repeats the original ({share:.0%} of its words)"
    return None


def script_of(char: str) -> str:
    name = unicodedata.name(char, "")
    if name.startswith(_JAPANESE):
        return "CJK"
    return name.split(" ")[0] if name else ""


def _wrong_script(text: str, tgt: str) -> str | None:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 8:
        return None
    expected = SCRIPTS.get(tgt, "LATIN")
    share = sum(1 for c in letters if script_of(c) == expected) / len(letters)
    if share < SCRIPT_MIN_SHARE:
        script = expected.lower()
        return f"the {tgt} translation is mostly not in {script} script ({share:.0%} of its letters)"
    return None
