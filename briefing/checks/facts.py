"""Checkable facts of a sentence: figures, percentages, amounts, dates, quotations and names.

Pure functions of text. A figure is read in every grouping and decimal convention it could be written in
("5,000", "5 000", "5.000" and "5'000" all read 5000; "1,5" and "1.5" both read 1.5), times its scale word
("1.4 billion", "1,4 Mrd", "1,4 млрд"). Dates are (day, month, year) with any part unknown, read from month
names of the detection languages and from numeric forms (both day-month orders when ambiguous). Names are
capitalised words, except a sentence-initial word (any word is capitalised there) and function words; a
script without letter case has no names to read. German capitalises nouns: a capitalised German word after a
determiner, a number or with a noun suffix is read as a noun, not a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from briefing.checks.tables import (
    AMBIGUOUS_MONTHS,
    COMPOUND_SCALES,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    MONTHS,
    NUMBER_WORDS,
    PERCENT_PATTERN,
    SCALE_WORDS,
    SOURCE_ONLY_NUMBER_WORDS,
)
from briefing.function_words import FUNCTION_WORDS

Date = tuple[int | None, int, int | None]  # day, month, year


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class Fact:
    """One checkable fact as written (``text``) with its readings.

    ``values``: the figures it may stand for (number, percent, amount); ``quantum``: how precisely it was
    written (0 for an exact integer), so "1.4 billion" is found in a source saying 1.43 billion;
    ``currency``: ISO code of an amount; ``dates``: the (day, month, year) readings of a date.
    """

    kind: str  # number | percent | amount | date | quote | name
    text: str
    values: frozenset[Decimal] = frozenset()
    quantum: Decimal = Decimal(0)
    currency: str | None = None
    dates: frozenset[Date] = frozenset()


_DAY_SUFFIX = r"(?:st|nd|rd|th|er|e|ème|º|°|-?го|-?е|\.)?"
_NUMERIC_DATES = (
    re.compile(r"\b(?P<year>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
    re.compile(r"(?<![\d.,/])(?P<a>\d{1,2})[./](?P<b>\d{1,2})[./](?P<year>\d{4}|\d{2})(?![\d/]|[.,]\d)"),
    # Day and month without a year: "18/10", "am 25.10." (the German and Russian way). Where the decimal
    # mark is a point, "rose to 2.2." ends a sentence with a decimal: "2.2." is a date only before more words.
    re.compile(r"(?<![\d.,/])(?P<a>\d{1,2})(?:/(?P<b>\d{1,2})(?!\d|/\d|[.,]\d)|\.(?P<c>\d{1,2})\.(?!\d))"),
    re.compile(r"(?<![\d.,/])(?P<a>\d{1,2})(?:/(?P<b>\d{1,2})(?!\d|/\d|[.,]\d)|\.(?P<c>\d{1,2})\.(?=\s+\w))"),
)
# Languages whose decimal mark is a point (elsewhere "2.2." is a day and a month).
POINT_DECIMAL_LANGUAGES = frozenset({"en", "zh", "ja", "ko", "he", "th", "hi"})
_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=512)
def _month_dates(months: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """Patterns of dates with a month name, for the month words a text holds (a short alternation is fast)."""
    month = rf"(?P<month>{'|'.join(re.escape(m) for m in months)})\.?"
    return (
        re.compile(
            rf"(?<![\w.,])(?P<d>\d{{1,2}}){_DAY_SUFFIX}\s+(?:de\s+|of\s+)?{month}(?:,?\s+(?:de\s+|del\s+)?"
            r"(?P<year>\d{4}))?(?!\w)",
            re.IGNORECASE,
        ),
        re.compile(
            rf"(?<!\w){month}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d\w])(?:,?\s+(?P<year>\d{{4}}))?",
            re.IGNORECASE,
        ),
        re.compile(rf"(?<!\w){month}\s+(?:de\s+|of\s+)?(?P<year>\d{{4}})(?!\d)", re.IGNORECASE),
    )


def _date_patterns(text: str, language: str) -> tuple[re.Pattern[str], ...]:
    day_month = _NUMERIC_DATES[3] if language in POINT_DECIMAL_LANGUAGES else _NUMERIC_DATES[2]
    months = {w.lower() for w in _WORDS.findall(text)} & MONTHS.keys()
    named = _month_dates(tuple(sorted(months, key=len, reverse=True))) if months else ()
    return (*_NUMERIC_DATES[:2], *named, day_month)


_SEP_GROUP = r"(?:[ \u00a0\u202f.,'’](?=\d{3}(?!\d)))"
_NUMBER = re.compile(
    rf"(?<![\w.,])\d{{1,3}}(?:{_SEP_GROUP}\d{{3}})+(?:[.,]\d+)?(?!\d)|(?<![\w])\d+(?:[.,]\d+)?"
)
_SYMBOLS = sorted(CURRENCY_SYMBOLS, key=len, reverse=True)
_SYMBOL_BEFORE = re.compile(r"(?:" + "|".join(re.escape(s) for s in _SYMBOLS) + r")\s?$", re.IGNORECASE)
_PERCENT_AFTER = re.compile(rf"\s?(?:{PERCENT_PATTERN})", re.IGNORECASE)
_PERCENT_WORDS = re.compile(PERCENT_PATTERN, re.IGNORECASE)
_WORD_AFTER = re.compile(r"[\s\u00a0]*(?:de\s+|d['’]|of\s+)?([^\W\d_]+\.?|[$€£¥₽₴])", re.UNICODE)
_QUOTE = re.compile(
    r"“([^”“]{2,}?)”|„([^“”„]{2,}?)[“”]|«\s?([^»«]{2,}?)\s?»|\"([^\"]{2,}?)\"|‚([^‘’]{3,}?)[‘’]"
)
_TOKEN = re.compile(r"(?<!\w)[^\W\d_][\w'’\-]*", re.UNICODE)
# Links and addresses are not prose: their letters and digits are neither names nor figures.
_LINK = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
_OPENERS = '"“„«‚‘([:—–'
_GERMAN_DETERMINERS = _word_set(
    "der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner im am zum zur "
    "vom beim ins ans aufs mein meine sein seine seinen seiner seinem ihr ihre ihren ihrer ihrem unser "
    "unsere "
    "dieser diese dieses diesen diesem jeder jede jedes jeden alle allen viele vielen einige einigen mehrere "
    "wenige beide beiden zahlreiche andere anderen weitere weiteren welche solche"
)
_GERMAN_NOUN_SUFFIX = re.compile(r"(?:ung|ungen|heit|keit|schaft|tion|tionen|ität|ismus|nis|tum|chen)$")
_NUMBER_WORD_RE = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)?", re.UNICODE)


def parse_number(token: str) -> tuple[frozenset[Decimal], Decimal]:
    """Every value ``token`` can be read as in the detection languages, and how precisely it was written.

    "5,000" is 5000 (grouping) or 5.0 (a German decimal), "1.234,5" only 1234.5; a space, apostrophe or
    no-break space is always grouping.
    """
    token = token.replace("’", "'")
    plain = re.sub(r"[ \u00a0\u202f']", "", token)
    readings: set[tuple[Decimal, Decimal]] = set()
    marks = [c for c in plain if c in ".,"]
    if not marks:
        readings.add((Decimal(plain), Decimal(0)))
    elif len(set(marks)) == 2:  # both marks: the last one is the decimal mark
        decimal = plain[max(plain.rfind("."), plain.rfind(","))]
        grouping = "," if decimal == "." else "."
        readings.add(_decimal(plain.replace(grouping, "").replace(decimal, ".")))
    elif len(marks) > 1:  # one mark, repeated: grouping
        readings.add((Decimal(plain.replace(marks[0], "")), Decimal(0)))
    else:
        head, tail = re.split(r"[.,]", plain)
        readings.add(_decimal(f"{head}.{tail}"))
        if len(tail) == 3 and head != "0":
            readings.add((Decimal(head + tail), Decimal(0)))
    values = frozenset(v for v, _ in readings)
    quantum = max(q for _, q in readings) if len(readings) == 1 else Decimal(0)
    return values, quantum


def _decimal(text: str) -> tuple[Decimal, Decimal]:
    value = Decimal(text)
    places = len(text.split(".")[1]) if "." in text else 0
    return value, Decimal(1).scaleb(-places) if places else Decimal(0)


def extract_facts(sentence: str, language: str, *, names: bool = True) -> list[Fact]:
    """The facts of one sentence (or a whole text), in reading order by kind."""
    sentence = _LINK.sub(" ", sentence)
    facts: list[Fact] = []
    facts += _quotes(sentence)
    rest, dates = _dates(sentence, language)
    facts += dates
    facts += _figures(rest, language)
    facts += _number_words(_PERCENT_WORDS.sub(" ", rest), NUMBER_WORDS.get(language, {}))
    if names:
        facts += _names(sentence, language)
    return facts


def _quotes(text: str) -> list[Fact]:
    out = []
    for match in _QUOTE.finditer(text):
        inner = next(g for g in match.groups() if g)
        if len(inner.split()) >= 1 and any(c.isalpha() for c in inner):
            out.append(Fact("quote", inner.strip()))
    return out


def _dates(text: str, language: str) -> tuple[str, list[Fact]]:
    """Date facts, and the text with their spans blanked (so their parts are not read again as figures)."""
    out = []
    chars = list(text)
    for pattern in _date_patterns(text, language):
        for match in pattern.finditer(text):
            if any(chars[i] == "\0" for i in range(match.start(), match.end())):
                continue
            readings = _date_readings(match)
            if not readings:
                continue
            out.append(Fact("date", match.group(0).rstrip("."), dates=frozenset(readings)))
            for i in range(match.start(), match.end()):
                chars[i] = "\0"
    return "".join(" " if c == "\0" else c for c in chars), out


def _date_readings(match: re.Match[str]) -> set[Date]:
    groups = match.groupdict()
    year = _year(groups.get("year"))
    if groups.get("c"):  # "25.10.": always day first
        day, month = int(groups["a"]), int(groups["c"])
        return {(day, month, year)} if 1 <= month <= 12 and 1 <= day <= 31 else set()
    if groups.get("a"):  # numeric d/m/y: both orders when both could be a month
        a, b = int(groups["a"]), int(groups["b"])
        return {(d, m, year) for d, m in ((a, b), (b, a)) if 1 <= m <= 12 and 1 <= d <= 31}
    if groups.get("m"):
        month, day = int(groups["m"]), int(groups["d"])
        return {(day, month, year)} if 1 <= month <= 12 and 1 <= day <= 31 else set()
    word = groups["month"].lower()
    month = MONTHS[word]
    day = int(groups["d"]) if groups.get("d") else None
    if day is not None and not 1 <= day <= 31:
        return set()
    if word in AMBIGUOUS_MONTHS and match.group(0)[0].islower() and day is None:
        return set()  # "may 2024" in lower case is not a date worth trusting
    return {(day, month, year)}


def _year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


def figures(text: str, language: str) -> list[Fact]:
    """Figures, percentages and amounts of ``text`` read as they stand (date parts included)."""
    return _figures(_LINK.sub(" ", text), language)


def _figures(text: str, language: str) -> list[Fact]:
    out = []
    scales = {**SCALE_WORDS.get(language, {}), **SCALE_WORDS["en"]} if language != "en" else SCALE_WORDS["en"]
    for match in _NUMBER.finditer(text):
        token = match.group(0).rstrip(".,")
        try:
            values, quantum = parse_number(token)
        except InvalidOperation:
            continue
        end = match.end()
        tail = text[end : end + 40]
        scale = 1
        compound = next((c for c in COMPOUND_SCALES if tail.lower().lstrip().startswith(c)), None)
        after = _WORD_AFTER.match(tail)
        if compound:
            scale = COMPOUND_SCALES[compound]
            end += tail.lower().index(compound) + len(compound)
        elif after and after.group(1).lower().rstrip(".") in scales:
            scale = scales[after.group(1).lower().rstrip(".")]
            end += after.end()
        if scale != 1:
            values = frozenset(v * scale for v in values)
            quantum = (quantum or Decimal(1)) * scale
        currency = _currency_before(text[max(0, match.start() - 5) : match.start()])
        tail = text[end : end + 30]
        percent = _PERCENT_AFTER.match(tail)
        after = _WORD_AFTER.match(tail)
        if currency is None and after:
            word = after.group(1).lower().rstrip(".")
            currency = CURRENCY_WORDS.get(word) or CURRENCY_SYMBOLS.get(word)
        written = text[match.start() : end].strip().rstrip(".")
        if percent:
            out.append(Fact("percent", written + percent.group(0), values, quantum))
        elif currency:
            out.append(Fact("amount", written, values, quantum, currency))
        else:
            out.append(Fact("number", written, values, quantum))
    return out


def _currency_before(text: str) -> str | None:
    found = _SYMBOL_BEFORE.search(text)
    if not found:
        return None
    return CURRENCY_SYMBOLS[found.group(0).strip().lower()]


def _number_words(text: str, table: dict[str, int]) -> list[Fact]:
    return [
        Fact("number", word.group(0), frozenset({Decimal(table[word.group(0).lower()])}))
        for word in _NUMBER_WORD_RE.finditer(text)
        if word.group(0).lower() in table
    ]


def source_number_words(text: str, language: str) -> list[Fact]:
    """Spelled-out figures of a source, including the ones never required of a summary ("one")."""
    table = {**NUMBER_WORDS.get(language, {}), **SOURCE_ONLY_NUMBER_WORDS.get(language, {})}
    return _number_words(_PERCENT_WORDS.sub(" ", text), table)


def _names(sentence: str, language: str) -> list[Fact]:
    """Capitalised words that name someone or something (see the module docstring for what is skipped)."""
    function = FUNCTION_WORDS.get(language, frozenset()) | FUNCTION_WORDS["en"]
    tokens = list(_TOKEN.finditer(sentence))
    out = []
    for i, token in enumerate(tokens):
        word = token.group(0).strip("'’-")
        if not word or not word[0].isupper() or word.lower() in function or word.lower() in MONTHS:
            continue
        if word.lower() in NUMBER_WORDS.get(language, ()):
            continue
        # A sentence-initial word is capitalised whatever it is ("Residents", "Según"); a name there is
        # checked through the capitalised words after it ("Tom Ellison said": Ellison).
        if _starts_sentence(sentence, tokens, i):
            continue
        if language == "de" and _german_noun(word, tokens, i, sentence):
            continue
        out.append(Fact("name", word))
    return out


def _starts_sentence(sentence: str, tokens: list[re.Match[str]], i: int) -> bool:
    before = sentence[tokens[i - 1].end() if i else 0 : tokens[i].start()].strip()
    return i == 0 or (bool(before) and before[-1] in _OPENERS + ".!?")


def _german_noun(word: str, tokens: list[re.Match[str]], i: int, sentence: str) -> bool:
    if _GERMAN_NOUN_SUFFIX.search(word.lower()):
        return True
    if i == 0:
        return False
    previous = tokens[i - 1].group(0)
    between = sentence[tokens[i - 1].end() : tokens[i].start()]
    if previous.lower() in _GERMAN_DETERMINERS and not between.strip():
        return True
    # An inflected adjective between a determiner and the noun: "die neue Regierung".
    if i >= 2 and previous[0].islower() and tokens[i - 2].group(0).lower() in _GERMAN_DETERMINERS:
        return True
    return bool(re.search(r"\d\s*$", sentence[: tokens[i].start()]))
