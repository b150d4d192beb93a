"""Synthetic news-like text drawn from word frequency lists, for training real-size tokenizers.

The hand-written corpus in :mod:`briefing.testing.corpus` has a few hundred distinct words: enough for the
tiny test models, but a tokenizer trained on it knows ~2 000 pieces and cuts real text into about twice as
many tokens as the real BART or opus-mt tokenizers. Real tokenizers learn their pieces from word counts, so
text whose words follow a language's real frequencies (Zipf) gives realistic pieces: frequent words become
one piece, rare ones split into frequent sub-words. The words and their frequencies come from ``wordfreq``
(an optional dependency: the ``bench`` extra); the rest is shaped like news text: capitalised sentence
starts and names, numbers, commas, quotes in the language's style, French/Italian elisions.

Every line is a function of (language, count, seed) and the wordfreq data only, so a build is
reproducible. ``bench/models.py`` keys its build folder on this module's source and the wordfreq version
(with ``tiny.py`` and ``corpus.py``), so a change here builds a new model set.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache

from briefing.errors import BriefingError
from briefing.testing.corpus import COMMON_CHARS, EXTRA_CHARS

# Words kept per language (most frequent first). The 100 000th English word has a frequency of ~1e-7.
VOCABULARY = 100_000
# The languages wordfreq has lists for among those Briefing detects by default: BART's byte-level BPE
# (mixed_lines) is trained on these, as before.
LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "uk")
# Also for the opus-mt sides of the ar/tr/zh/ja models (wordfreq has their lists too).
WORDFREQ_LANGUAGES = (*LANGUAGES, "ar", "tr", "zh", "ja")
# Written without spaces between words; their commas and sentence ends are full-width.
UNSPACED = frozenset({"zh", "ja"})
COMMAS = {"zh": "\uff0c", "ja": "\u3001", "ar": "\u060c "}
SENTENCE_ENDS = {"zh": "\u3002", "ja": "\u3002", "ar": "."}
INSTALL_HINT = "pip install -e '.[bench]'"

# Elided words wordfreq stores without their apostrophe ("l'heure" counts as "l" + "heure").
ELIDED: dict[str, frozenset[str]] = {
    "fr": frozenset({"l", "d", "c", "qu", "j", "n", "s", "m", "t", "jusqu", "lorsqu", "puisqu"}),
    "it": frozenset({"l", "d", "c", "dell", "all", "nell", "sull", "dall", "quest", "quell", "anch"}),
}
# Opening and closing quotes as each language's press prints them (first: most common).
QUOTES: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (("\u201c", "\u201d"), ('"', '"'), ("\u2018", "\u2019")),
    "fr": (("\u00ab\u00a0", "\u00a0\u00bb"), ("\u00ab ", " \u00bb"), ("\u201c", "\u201d")),
    "de": (("\u201e", "\u201c"), ("\u00bb", "\u00ab"), ('"', '"')),
    "pl": (("\u201e", "\u201d"), ('"', '"')),
    "ru": (("\u00ab", "\u00bb"), ("\u201e", "\u201c")),
    "uk": (("\u00ab", "\u00bb"), ("\u201e", "\u201c")),
    "ar": (("\u00ab", "\u00bb"), ('"', '"')),
    "zh": (("\u201c", "\u201d"), ("\u300c", "\u300d")),
    "ja": (("\u300c", "\u300d"), ("\u300e", "\u300f")),
}
DEFAULT_QUOTES = (("\u201c", "\u201d"), ('"', '"'), ("\u00ab", "\u00bb"))
# German capitalises every noun; these endings mark most of them.
GERMAN_NOUN_ENDINGS = (
    "ung", "heit", "keit", "schaft", "tion", "tät", "ismus", "nis", "chen", "ment", "ling", "ur", "ik",
    "enz", "anz", "ist", "eur", "ei", "tum",
)  # fmt: skip
# wordfreq case-folds German "ß" to "ss"; these put it back where it (almost always) belongs.
GERMAN_ESZETT = (
    (re.compile(r"(ei|ie|eu|äu|ai)ss"), r"\1ß"),  # after a diphthong: heißen, schließlich, äußern
    (re.compile(r"auss(?=e[nr])"), "auß"),  # außen, außer (not aus+s...: aussehen, Ausstellung)
    (re.compile(r"(gr[oöuü]|stra|spa|f[uü]|blo|sü|st[oö])ss"), r"\1ß"),  # groß, Straße, Spaß, Fuß, Gruß
    (re.compile(r"(mä|ma)ss(?=ig|nahm|stab)"), r"\1ß"),  # regelmäßig, Maßnahmen, Maßstab
)
# A sentence ends with one of these (weights: news text is mostly statements).
ENDINGS = (".", ".", ".", ".", ".", ".", ".", ".", ".", ".", ".", ".", ".", ".", ".", ".", "?", "!", ":", ";")


class MissingExtra(BriefingError):
    """An optional dependency of a feature is not installed (the message says how to install it)."""


def require_wordfreq() -> None:
    """Raise :class:`MissingExtra` (one line, with the install command) when ``wordfreq`` is missing."""
    try:
        import wordfreq  # noqa: F401
    except ImportError:
        raise MissingExtra(
            f"real-size tokenizers need the word lists of 'wordfreq', which is not installed: {INSTALL_HINT}"
        ) from None


@dataclass(frozen=True)
class Lexicon:
    """The ``VOCABULARY`` most frequent words of a language and how to write each in running text."""

    words: tuple[str, ...]
    cum_weights: tuple[float, ...]  # cumulative frequencies, for random.choices
    capital_odds: tuple[float, ...]  # chance a word is capitalised where it is not sentence-initial


def synthetic_lines(language: str, sentences: int, *, seed: int = 0) -> list[str]:
    """``sentences`` synthetic news-like sentences of ``language`` (English when wordfreq lacks it).

    Deterministic: the same arguments give the same lines in any process.
    """
    language = language if language in WORDFREQ_LANGUAGES else "en"
    lexicon = _lexicon(language)
    rng = random.Random(f"wordcorpus:{language}:{seed}")
    return [_sentence(language, lexicon, rng) for _ in range(sentences)]


def training_lines(language: str, sentences: int, *, seed: int = 0) -> list[str]:
    """:func:`synthetic_lines` plus the language's alphabet and punctuation, so that every character
    news text uses (``–``, ``€``, ``«``, ``ß``...) is in a sentencepiece vocabulary, rare or not."""
    return synthetic_lines(language, sentences, seed=seed) + alphabet_lines(language)


def alphabet_lines(language: str) -> list[str]:
    alphabet = COMMON_CHARS + " " + EXTRA_CHARS.get(language, "")
    return [alphabet, " ".join(alphabet.split())]


def mixed_lines(sentences: int, *, main: str = "en", main_share: float = 0.85, seed: int = 0) -> list[str]:
    """Mostly ``main``-language lines plus an equal share of every other language (for a byte-level BPE).

    GPT-2's BPE, which BART uses, was trained on English web text that holds some foreign text; the
    foreign share gives the merges for accented and Cyrillic words a real tokenizer would also know.
    """
    others = [lang for lang in LANGUAGES if lang != main]
    per_other = round(sentences * (1 - main_share) / len(others))
    lines = training_lines(main, sentences - per_other * len(others), seed=seed)
    for lang in others:
        lines += training_lines(lang, per_other, seed=seed)
    return lines


@lru_cache(maxsize=len(WORDFREQ_LANGUAGES))
def _lexicon(language: str) -> Lexicon:
    require_wordfreq()
    import wordfreq

    ranked = sorted(wordfreq.get_frequency_dict(language).items(), key=lambda kv: (-kv[1], kv[0]))
    words, cum, odds = [], [], []
    total = 0.0
    for word, freq in ranked:
        if not _is_text_word(word):
            continue
        if language == "de":
            word = _german_spelling(word)
        total += freq
        words.append(word)
        cum.append(total)
        odds.append(_capital_odds(language, word, len(words)))
        if len(words) == VOCABULARY:
            break
    return Lexicon(tuple(words), tuple(cum), tuple(odds))


def _is_text_word(word: str) -> bool:
    """Letters, digits (wordfreq writes them as ``0``) and inner ``'.-``: no emoji, symbols or markup."""
    return word[:1].isalnum() and all(ch.isalnum() or ch in "'.-" for ch in word)


def _german_spelling(word: str) -> str:
    for pattern, replacement in GERMAN_ESZETT:
        word = pattern.sub(replacement, word)
    return word


def _capital_odds(language: str, word: str, rank: int) -> float:
    """How often ``word`` is capitalised mid-sentence: names and titles in every language, nouns in German.

    wordfreq lowercases everything, so which words are names is unknown; a small share of every word
    capitalised lets frequent names (" Ukraine", " Paris") become pieces, as they are in real vocabularies.
    """
    if language == "de":
        if word.endswith(GERMAN_NOUN_ENDINGS) and len(word) > 4:
            return 0.9
        return 0.4 if rank > 150 else 0.05
    return 0.12 if rank > 300 else 0.03


def _sentence(language: str, lexicon: Lexicon, rng: random.Random) -> str:
    length = max(4, min(45, round(rng.gauss(20, 8))))
    picks = rng.choices(range(len(lexicon.words)), cum_weights=lexicon.cum_weights, k=length)
    elided = ELIDED.get(language, frozenset())
    parts: list[str] = []
    for position, index in enumerate(picks):
        word = lexicon.words[index]
        parts.append(_written(language, word, lexicon.capital_odds[index], position == 0, rng))
        if position < length - 1:
            parts.append(_separator(language, word, word in elided, rng))
    ending = rng.choice(ENDINGS)
    sentence = "".join(parts) + (SENTENCE_ENDS.get(language, ending) if ending == "." else ending)
    if rng.random() < 0.12:
        opening, closing = rng.choice(QUOTES.get(language, DEFAULT_QUOTES))
        sentence = f"{opening}{sentence}{closing}"
    elif rng.random() < 0.04:
        sentence = f"{sentence} ({_written(language, rng.choice(lexicon.words[:5000]), 0.5, True, rng)})"
    return sentence


def _separator(language: str, word: str, elided: bool, rng: random.Random) -> str:
    """What follows ``word`` inside a sentence: mostly a space, some commas, dashes, compounds."""
    if elided:
        return "'" if rng.random() < 0.6 else "\u2019"
    draw = rng.random()
    if draw < 0.08:
        return COMMAS.get(language, ", ")
    if language in UNSPACED:
        return ""
    if draw < 0.095:
        return " \u2014 " if language == "en" else " \u2013 "
    if draw < 0.115 and "0" not in word:
        return "-"  # compounds: "cross-border", "Offshore-Windparks"
    return " "


def _written(language: str, word: str, capital_odds: float, first: bool, rng: random.Random) -> str:
    if "0" in word:
        return _number(word, rng)
    if language == "en" and (word == "i" or word.startswith("i'")):
        word = "I" + word[1:]
    elif first or rng.random() < capital_odds:
        word = word[:1].upper() + word[1:]
    if "'" in word and rng.random() < 0.4:
        word = word.replace("'", "\u2019")  # typographic apostrophe, as news sites print it
    return word


def _number(template: str, rng: random.Random) -> str:
    """wordfreq's digit pattern (``0000``, ``0,000``, ``00th``) with random digits, years mostly recent;
    some amounts get a currency sign or a percent sign."""
    if template == "0000":
        return str(rng.choice((rng.randint(1900, 2030), rng.randint(2000, 2030), rng.randint(1000, 9999))))
    if template.strip("0.,") == "":
        draw = rng.random()
        if draw < 0.06:
            return rng.choice("$\u20ac\u00a3") + _digits(template, rng)
        if draw < 0.12:
            return _digits(template, rng) + "%"
    return _digits(template, rng)


def _digits(template: str, rng: random.Random) -> str:
    """``template`` with each ``0`` a random digit (no leading zero in a number of several digits)."""
    digits = []
    for i, ch in enumerate(template):
        if ch == "0":
            leading = (i == 0 or not template[i - 1].isdigit()) and template[i + 1 : i + 2].isdigit()
            digits.append(str(rng.randint(1 if leading else 0, 9)))
        else:
            digits.append(ch)
    return "".join(digits)
