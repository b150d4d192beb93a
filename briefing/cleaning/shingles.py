"""The article-extraction benchmark's metric (``../shared/data/aeb/README.md``): 4-gram shingles.

Tokens are ``\\w+`` runs; shingles are runs of 4 consecutive tokens counted with multiplicity (a text of
fewer than 4 tokens is one shingle of them all). Per page tp/fp/fn are normalised to sum to 1, so every
page weighs the same; precision and recall are macro means over pages, F1 comes from the two means.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int = SHINGLE) -> Counter[str]:
    """Every run of ``n`` tokens with its count."""
    words = tokens(text)
    grams = (" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1)))
    return Counter(gram for gram in grams if gram)


def page_counts(extracted: str, gold: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page."""
    ours, theirs = shingles(extracted), shingles(gold)
    tp = fp = fn = 0
    for key in ours.keys() | theirs.keys():
        mine, true = ours.get(key, 0), theirs.get(key, 0)
        tp += min(mine, true)
        fp += max(0, mine - true)
        fn += max(0, true - mine)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def page_precision_recall(tp: float, fp: float, fn: float) -> tuple[float, float]:
    if fp == fn == 0:
        return 1.0, 1.0
    if tp == 0:
        return 0.0, 0.0
    return tp / (tp + fp), tp / (tp + fn)


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    pages: int

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def score(pairs: Iterable[tuple[str, str]]) -> Score:
    """Macro precision and recall over (extracted, gold) pairs."""
    precisions, recalls = [], []
    for extracted, gold in pairs:
        p, r = page_precision_recall(*page_counts(extracted, gold))
        precisions.append(p)
        recalls.append(r)
    if not precisions:
        return Score(0.0, 0.0, 0)
    return Score(sum(precisions) / len(precisions), sum(recalls) / len(recalls), len(precisions))
