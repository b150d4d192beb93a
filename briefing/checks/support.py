"""What a source text contains, indexed once, and whether a fact is found in it.

A figure is found when the source has a figure within the precision it was written with ("1.4 billion"
is found in 1.43 billion, not in 1.5 billion); an amount also needs the same currency when the source
gives that figure as an amount. A date is found when every part it states matches a source date. A
quotation is found word for word (case and punctuation aside). A name is found when a source word begins
with it, allowing for case endings ("Путина" for "Путин"), or, in German and Dutch, contains it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from briefing.checks.facts import Date, Fact, extract_facts, figures, source_number_words

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_COMPOUNDING = frozenset({"de", "nl"})
_TOKEN = re.compile(r"[^\W_][\w'’-]*|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class SourceIndex:
    """The facts of a source text, ready to look facts up in."""

    language: str
    numbers: frozenset[Decimal]
    amounts: dict[Decimal, frozenset[str]]
    dates: frozenset[Date]
    text: str  # normalised: lower case, words separated by single spaces
    words: frozenset[str]
    sorted_words: tuple[str, ...]
    initials: frozenset[str] = frozenset()  # of capitalised word runs: "ecb" for "European Central Bank"


def normalise(text: str) -> str:
    """Lower case, accents kept, punctuation dropped, words joined by single spaces."""
    text = unicodedata.normalize("NFC", text).lower().replace("’", "'")
    return " ".join(_WORD.findall(text))


def index_source(text: str, language: str) -> SourceIndex:
    # Figures read with and without dates blanked: "2.2. The" is a date to the reader of dates, and the source
    # still says 2.2.
    facts = extract_facts(text, language, names=False) + source_number_words(text, language)
    facts += figures(text, language)
    numbers: set[Decimal] = set()
    amounts: dict[Decimal, set[str]] = {}
    dates: set[Date] = set()
    for fact in facts:
        numbers.update(fact.values)
        if fact.currency:
            for value in fact.values:
                amounts.setdefault(value, set()).add(fact.currency)
        for day, month, year in fact.dates:
            numbers.update(Decimal(p) for p in (day, year) if p is not None)
            for key in ((day, month, year), (day, month, None), (None, month, year), (None, month, None)):
                dates.add(key)
    normal = normalise(text)
    words = frozenset(normal.split())
    return SourceIndex(
        language,
        frozenset(numbers),
        {v: frozenset(c) for v, c in amounts.items()},
        frozenset(dates),
        f" {normal} ",
        words,
        tuple(sorted(words)),
        _initials(text),
    )


def _initials(text: str) -> frozenset[str]:
    """Initials of every run of 2 to 6 capitalised words, so an acronym of a name is found."""
    out: set[str] = set()
    runs: list[list[str]] = [[]]
    for token in _TOKEN.findall(text):
        if token[0].isupper():
            runs[-1].append(token[0].lower())
        elif runs[-1]:
            runs.append([])
    for letters in runs:
        for start in range(len(letters)):
            for end in range(start + 2, min(len(letters), start + 6) + 1):
                out.add("".join(letters[start:end]))
    return frozenset(out)


def is_found(fact: Fact, source: SourceIndex) -> bool:
    if fact.kind in ("number", "percent", "amount"):
        return _figure_found(fact, source)
    if fact.kind == "date":
        return any(reading in source.dates for reading in fact.dates)
    if fact.kind == "quote":
        quoted = normalise(fact.text)
        return not quoted or f" {quoted} " in source.text
    if fact.kind == "name":
        return name_found(fact.text, source)
    return True


def _figure_found(fact: Fact, source: SourceIndex) -> bool:
    half = fact.quantum / 2
    for value in fact.values:
        near = (
            [s for s in source.numbers if abs(s - value) <= half]
            if half
            else ([value] if value in source.numbers else [])
        )
        for found in near:
            currencies = source.amounts.get(found)
            if fact.currency is None or currencies is None or fact.currency in currencies:
                return True
            if "OTHER" in currencies:
                return True
    return False


def name_found(word: str, source: SourceIndex) -> bool:
    word = normalise(word)
    if not word:
        return True
    if word in source.words:
        return True
    if word in source.initials:  # an acronym of a name the source spells out
        return True
    parts = word.split()
    if len(parts) > 1:
        return all(name_found(p, source) for p in parts)
    stem = word if len(word) <= 4 else word[: max(4, len(word) - 3)]
    if _has_prefix(source.sorted_words, stem):
        return True
    if source.language in _COMPOUNDING and len(word) >= 5:
        return any(stem in w for w in source.words if len(w) > len(stem))
    return False


def _has_prefix(sorted_words: tuple[str, ...], prefix: str) -> bool:
    from bisect import bisect_left

    at = bisect_left(sorted_words, prefix)
    return at < len(sorted_words) and sorted_words[at].startswith(prefix)
