"""Shape features of the lines of a page, for telling article text from boilerplate.

In the spirit of jusText and boilerpipe: a block's own shape (length, function-word density in the
detection languages, sentence punctuation, capitalisation, digits, separators of menus and share bars),
its repetition, its position, its distance to the densest run of prose on the page, and the same few
figures for its neighbours (article text comes in runs, menus and link lists too). Every feature is
language-free or computed for every detection language (function words), so no site or language is special.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from briefing.cleaning.text import ends_sentence
from briefing.function_words import FUNCTION_WORDS

_WORD = re.compile(r"\w+")
_SEPARATORS = re.compile(r"[|•·»›/>]|\s[-–—]\s")
_SENTENCE_END = re.compile(r"[.!?…][\"'’”»)]*\s+\S")
# A block is "prose" for the densest-region search when it is a sentence of at least this many words.
_PROSE_WORDS = 8
_PROSE_FUNCTION_DENSITY = 0.12
_CONTEXT = (-3, -2, -1, 1, 2, 3)
_CONTENT_WORD = 4  # letters: a word this long is a content word for the vocabulary overlap

OWN_FEATURES = (
    "log_words",
    "log_chars",
    "ends_sentence",
    "sentences",
    "function_density",
    "capitalised",
    "digits",
    "punctuation",
    "commas",
    "separators",
    "mean_word_length",
    "short_no_punct",
    "repeated",
    "has_url_or_at",
    "log_run_length",
    "run_position",
    "upper_share",
    "ends_colon",
)
PAGE_FEATURES = (
    "position",
    "words_before",
    "in_prose_region",
    "distance_to_region",
    "region_share",
    "window_prose",
    "page_log_blocks",
    "window_prose_wide",
    "log_words_to_region",
    "region_vocabulary",
    "relative_words",
    "run_log_words",
    "run_sentence_share",
)
CONTEXT_FEATURES = tuple(
    f"{name}@{offset:+d}"
    for offset in _CONTEXT
    for name in ("log_words", "ends_sentence", "function_density", "run", "capitalised")
)
FEATURES = OWN_FEATURES + PAGE_FEATURES + CONTEXT_FEATURES


# Each function word with the detection languages that list it (one lookup per word, not per language).
_LANGUAGES_OF: dict[str, tuple[int, ...]] = {}
for _index, _table in enumerate(FUNCTION_WORDS.values()):
    for _word in _table:
        _LANGUAGES_OF[_word] = (*_LANGUAGES_OF.get(_word, ()), _index)


def function_density(words: Sequence[str]) -> float:
    """Share of ``words`` that are function words of the detection language that has most of them."""
    if not words:
        return 0.0
    hits = [0] * len(FUNCTION_WORDS)
    for word in words:
        for index in _LANGUAGES_OF.get(word.lower(), ()):
            hits[index] += 1
    return max(hits) / len(words)


def _own(block: str, repeats: int, run: tuple[int, int]) -> list[float]:
    words = _WORD.findall(block)
    # Chinese and Japanese write no spaces: count two of their characters as a word.
    count = len(words) + sum(1 for ch in block if "\u3040" <= ch <= "\u9fff") // 2
    chars = len(block)
    letters = sum(ch.isalpha() for ch in block) or 1
    closed = ends_sentence(block)
    return [
        math.log1p(count),
        math.log1p(chars),
        float(closed),
        float(len(_SENTENCE_END.findall(block)) + closed),
        function_density(words),
        sum(word[0].isupper() for word in words) / count if count else 0.0,
        sum(ch.isdigit() for ch in block) / (chars or 1),
        sum(not ch.isalnum() and not ch.isspace() for ch in block) / (chars or 1),
        block.count(",") / (count or 1),
        len(_SEPARATORS.findall(block)) / (count or 1),
        sum(ch.isalpha() for ch in block) / (count or 1),
        float(count <= 4 and not closed),
        float(repeats > 1),
        float("http" in block or "@" in block or "www." in block),
        math.log1p(run[0]),
        run[1] / run[0],
        sum(ch.isupper() for ch in block) / letters,
        float(block.rstrip().endswith(":")),
    ]


def _prose_region(own: Sequence[Sequence[float]]) -> tuple[int, int, list[float]]:
    """The run of blocks with the largest prose weight (Kadane), and each block's weight."""
    weights = []
    for row in own:
        words = math.expm1(row[0])
        prose = row[2] and words >= _PROSE_WORDS and row[4] >= _PROSE_FUNCTION_DENSITY
        weights.append(words if prose else -max(words, 3.0))
    best, best_span, total, start = 0.0, (0, -1), 0.0, 0
    for index, weight in enumerate(weights):
        if total <= 0:
            total, start = 0.0, index
        total += weight
        if total > best:
            best, best_span = total, (start, index)
    return best_span[0], best_span[1], weights


def runs_of(lines: Sequence[str]) -> tuple[list[str], list[tuple[int, int]]]:
    """The non-blank lines, each with (length of its run of consecutive non-blank lines, place in it)."""
    blocks: list[str] = []
    runs: list[tuple[int, int]] = []
    start = 0
    for line in [*lines, ""]:
        if line.strip():
            blocks.append(line.strip())
            continue
        size = len(blocks) - start
        runs.extend((size, place) for place in range(size))
        start = len(blocks)
    return blocks, runs


def block_features(blocks: Sequence[str], runs: Sequence[tuple[int, int]] | None = None) -> list[list[float]]:
    """One feature row per block (a line, or a paragraph when ``runs`` is None), in :data:`FEATURES` order."""
    if not blocks:
        return []
    runs = runs or [(1, 0)] * len(blocks)
    counts = Counter(block.strip().lower() for block in blocks)
    own = [_own(block, counts[block.strip().lower()], run) for block, run in zip(blocks, runs, strict=True)]
    first, last, weights = _prose_region(own)
    words = [math.expm1(row[0]) for row in own]
    cumulative = [0.0]
    for count in words:
        cumulative.append(cumulative[-1] + count)
    total_words = cumulative[-1] or 1.0
    region_words = cumulative[last + 1] - cumulative[first]
    vocabulary = Counter(word for block in blocks[first : last + 1] for word in _content_words(block))
    median = sorted(row[0] for row in own)[len(own) // 2]
    n = len(blocks)
    rows = []
    for index, row in enumerate(own):
        inside = first <= index <= last
        distance = 0 if inside else (first - index if index < first else index - last)
        between = (
            0.0
            if inside
            else (
                cumulative[first] - cumulative[index + 1]
                if index < first
                else cumulative[index] - cumulative[last + 1]
            )
        )
        size, place = runs[index]
        run_start = index - place
        run_rows = own[run_start : run_start + size]
        page = [
            index / n,
            cumulative[index] / total_words,
            float(inside),
            math.log1p(distance),
            region_words / total_words,
            _prose_share(weights, index, 3),
            math.log1p(n),
            _prose_share(weights, index, 10),
            math.log1p(max(0.0, between)),
            _overlap(blocks[index], vocabulary, inside),
            row[0] - median,
            math.log1p(sum(math.expm1(r[0]) for r in run_rows)),
            sum(r[2] for r in run_rows) / size,
        ]
        context = []
        for offset in _CONTEXT:
            other = own[index + offset] if 0 <= index + offset < n else None
            context += [other[0], other[2], other[4], other[14], other[5]] if other else [-1.0] * 5
        rows.append(row + page + context)
    return rows


def _prose_share(weights: Sequence[float], index: int, radius: int) -> float:
    window = weights[max(0, index - radius) : index + radius + 1]
    return sum(1 for weight in window if weight > 0) / len(window)


def _content_words(block: str) -> list[str]:
    return [
        word.lower() for word in _WORD.findall(block) if len(word) >= _CONTENT_WORD and not word.isdigit()
    ]


def _overlap(block: str, vocabulary: Counter[str], inside: bool) -> float:
    """Share of the block's content words also used in the densest prose region (by other blocks)."""
    mine = Counter(_content_words(block))
    if not mine:
        return 0.0
    shared = sum(1 for word, count in mine.items() if vocabulary[word] - (count if inside else 0) > 0)
    return shared / len(mine)
