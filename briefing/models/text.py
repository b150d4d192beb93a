"""Pure text helpers shared by summarization, translation and the extractive fallback.

Sentence splitting (pysbd) and cutting a text into pieces that fit a token
budget at the coarsest boundary that works: paragraph, then sentence, then word,
then (for absurd "words" such as long URLs) characters. Nothing is dropped:
joining the pieces gives back every non-space character in order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefing.segmenter import segmenter as sentence_segmenter


def split_sentences(text: str, language: str = "en") -> list[str]:
    """Sentences of ``text`` (stripped, empty ones dropped)."""
    text = text.strip()
    if not text:
        return []
    segmenter = sentence_segmenter(language)
    sentences = [s.strip() for chunk in presplit(text) for s in segmenter.segment(chunk)]
    return [s for s in sentences if s]


# pysbd's time grows with the square of a paragraph's length (80 KB: 8 s; a 19 MB one-line file: days), so
# longer text goes to it in chunks of about this many characters, cut where a sentence most likely ends.
SEGMENT_CHARS = 4_000
_SENTENCE_END = re.compile(r"[.!?\u3002\uff01\uff1f\u0964][\"'\u201d\u2019)\]]*\s+")
_SPACE = re.compile(r"\s+")


def presplit(text: str, size: int = SEGMENT_CHARS) -> list[str]:
    """``text`` in chunks of at most ``size`` characters, each cut after the last sentence end in the second
    half of its window, else after the last space there, else at ``size``; joined, they give ``text``."""
    chunks: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = size
        for pattern in (_SENTENCE_END, _SPACE):
            ends = [m.end() for m in pattern.finditer(window, size // 2)]
            if ends:
                cut = ends[-1]
                break
        chunks.append(text[start : start + cut])
        start += cut
    chunks.append(text[start:])
    return chunks


@dataclass(frozen=True)
class Piece:
    """A piece of text that fits a budget; ``forced`` when a sentence had to be cut inside."""

    text: str
    tokens: int
    forced: bool = False


def split_to_fit(
    text: str, budget: int, count: Callable[[str], int], language: str = "en", *, clauses: bool = False
) -> list[Piece]:
    """``text`` as pieces of at most ``budget`` tokens each (by ``count``), split at sentences first.

    A sentence longer than ``budget`` is cut (with ``clauses``, first after clause punctuation: commas,
    semicolons, colons, dashes) between words (between characters for a single over-long word) and its
    pieces are marked ``forced``.
    """
    n = count(text)
    if n <= budget:
        return [Piece(text, n)] if text.strip() else []
    pieces: list[Piece] = []
    sentences = split_sentences(text, language)
    cut = _split_clauses if clauses else _split_words
    if len(sentences) <= 1:
        return cut(text.strip(), budget, count)
    for sentence in sentences:
        size = count(sentence)
        if size <= budget:
            pieces.append(Piece(sentence, size))
        else:
            pieces.extend(cut(sentence, budget, count))
    return pieces


# A clause ends after a comma, semicolon, colon or dash followed by a space (any script's comma), or after
# a CJK comma, enumeration comma, semicolon or colon, which no space follows in Chinese and Japanese.
_CJK_CLAUSE_MARKS = "\u3001\uff0c\uff1b\uff1a"
_CLAUSE_END = re.compile(
    rf"(?<=[,;:\u060c{_CJK_CLAUSE_MARKS}])\s+|(?<=[{_CJK_CLAUSE_MARKS}])|\s+(?=[\u2013\u2014]\s)"
)


def _join_clauses(current: str, clause: str) -> str:
    if not current:
        return clause
    return current + clause if current[-1] in _CJK_CLAUSE_MARKS else f"{current} {clause}"


def _split_clauses(sentence: str, budget: int, count: Callable[[str], int]) -> list[Piece]:
    """Consecutive clauses packed up to ``budget``; a clause still too long is cut between words."""
    clauses = [c for c in _CLAUSE_END.split(sentence) if c.strip()]
    if len(clauses) <= 1:
        return _split_words(sentence, budget, count)
    pieces: list[Piece] = []
    current = ""
    for clause in clauses:
        joined = _join_clauses(current, clause)
        if count(joined) <= budget:
            current = joined
            continue
        if current:
            pieces.append(_piece(current, count))
        if count(clause) <= budget:
            current = clause
        else:
            pieces.extend(_split_words(clause, budget, count))
            current = ""
    if current:
        pieces.append(_piece(current, count))
    return pieces


def _split_words(sentence: str, budget: int, count: Callable[[str], int]) -> list[Piece]:
    pieces: list[Piece] = []
    current: list[str] = []
    for word in sentence.split():
        if count(word) > budget:
            if current:
                pieces.append(_piece(" ".join(current), count))
                current = []
            pieces.extend(_split_chars(word, budget, count))
            continue
        if current and count(" ".join([*current, word])) > budget:
            pieces.append(_piece(" ".join(current), count))
            current = []
        current.append(word)
    if current:
        pieces.append(_piece(" ".join(current), count))
    return pieces


def _split_chars(word: str, budget: int, count: Callable[[str], int]) -> list[Piece]:
    pieces = []
    start = 0
    while start < len(word):
        # Longest prefix that fits (binary search: token counts grow with length).
        lo, hi = start + 1, len(word)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if count(word[start:mid]) <= budget:
                lo = mid
            else:
                hi = mid - 1
        pieces.append(_piece(word[start:lo], count))
        start = lo
    return pieces


def _piece(text: str, count: Callable[[str], int]) -> Piece:
    return Piece(text, count(text), forced=True)


def pack(pieces: Sequence[Piece], budget: int, separator_tokens: int = 1) -> list[list[Piece]]:
    """Greedily group consecutive pieces so each group's tokens (plus separators) fit ``budget``."""
    groups: list[list[Piece]] = []
    current: list[Piece] = []
    used = 0
    for piece in pieces:
        extra = piece.tokens + (separator_tokens if current else 0)
        if current and used + extra > budget:
            groups.append(current)
            current, used = [], 0
            extra = piece.tokens
        current.append(piece)
        used += extra
    if current:
        groups.append(current)
    return groups
