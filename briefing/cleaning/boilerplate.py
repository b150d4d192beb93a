"""Body blocks or boilerplate: a small boosted-tree model on :mod:`briefing.cleaning.blocks` features.

The model is data (``boilerplate_model.json``, made by ``make train-cleaner``, see
:mod:`briefing.cleaning.train_cleaner`): regression trees whose summed leaves, plus an offset, are the
log-odds that a block is article text. Evaluated here in plain Python, so cleaning needs no learning library.
The pattern rules still run first (related boxes, correction notices, ads, comment chrome); this model
only decides which of the remaining body paragraphs are the article.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from briefing.cleaning.blocks import FEATURES, block_features, runs_of
from briefing.cleaning.classify import classify_article_line, comment_header
from briefing.cleaning.text import ends_sentence
from briefing.function_words import FUNCTION_WORDS
from briefing.records import Removed

MODEL_PATH = Path(__file__).with_name("boilerplate_model.json")
REASON = "boilerplate"
SMOOTHING = 0.3
# The model reads scraped pages: text with at least this many menu-shaped lines (of at most MENU_WORDS words,
# in runs of lines with no blank line between) the rules do not know. Text without them (written by hand, or
# a page's extracted article, one paragraph a block) is left as it is.
MENU_LINES = 2
MENU_WORDS = 4
RELATIVE_BAR = 0.5


@dataclass(frozen=True)
class Tree:
    """Parallel node arrays; a leaf has feature -1 and its value in ``value``."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]


@dataclass(frozen=True)
class BlockModel:
    offset: float
    trees: tuple[Tree, ...]
    # Keep a line when its probability of being article text is at least this.
    threshold: float = 0.5

    def probabilities(self, rows: Sequence[Sequence[float]]) -> np.ndarray:
        """Probability of article text for each feature row (every tree walked at once, one level a step)."""
        data = np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))
        feature, threshold, left, right, value = _arrays(self)
        trees = np.arange(feature.shape[0])[None, :]
        node = np.zeros((len(rows), feature.shape[0]), dtype=np.int64)
        while True:
            column = feature[trees, node]
            inner = column >= 0
            if not inner.any():
                break
            values = np.take_along_axis(data, np.maximum(column, 0), axis=1)
            step = np.where(values <= threshold[trees, node], left[trees, node], right[trees, node])
            node = np.where(inner, step, node)
        total = self.offset + value[trees, node].sum(axis=1)
        return 1.0 / (1.0 + np.exp(-total))

    def keep(
        self,
        blocks: Sequence[str],
        runs: Sequence[tuple[int, int]] | None = None,
        decide: Sequence[bool] = (),
    ) -> list[bool]:
        """Keep or drop each block; ``decide`` (unused here) marks the blocks whose verdict is used."""
        if not blocks:
            return []
        chance = self.probabilities(block_features(blocks, runs))
        if len(chance) > 2:
            # Article lines come in runs: a line's verdict leans on its two neighbours.
            chance[1:-1] = (1 - SMOOTHING) * chance[1:-1] + SMOOTHING / 2 * (chance[:-2] + chance[2:])
        asked = np.asarray(decide, dtype=bool) if len(decide) else np.ones(len(chance), dtype=bool)
        # A page whose article reads unlike most (lists, tables, another script) still keeps its likeliest
        # lines: the bar drops to a share of the page's best line.
        best = float(chance[asked].max()) if asked.any() else 1.0
        bar = min(self.threshold, RELATIVE_BAR * best)
        return [bool(p >= bar) for p in chance]

    def to_json(self) -> dict:
        return {
            "features": list(FEATURES),
            "offset": self.offset,
            "threshold": self.threshold,
            "trees": [[t.feature, t.threshold, t.left, t.right, t.value] for t in self.trees],
        }


@lru_cache(maxsize=8)
def _arrays(model: BlockModel) -> tuple[np.ndarray, ...]:
    """The trees as (trees x nodes) arrays, shorter trees padded with leaves."""
    width = max(len(t.feature) for t in model.trees)

    def table(name: str, pad: float, dtype: type) -> np.ndarray:
        rows = [list(getattr(t, name)) + [pad] * (width - len(t.feature)) for t in model.trees]
        return np.asarray(rows, dtype=dtype)

    return (
        table("feature", -1, np.int64),
        table("threshold", 0.0, np.float64),
        table("left", 0, np.int64),
        table("right", 0, np.int64),
        table("value", 0.0, np.float64),
    )


class KeepAll:
    """A stand-in model that keeps every line (the rule-based cleaner alone, for training)."""

    def keep(
        self,
        blocks: Sequence[str],
        runs: Sequence[tuple[int, int]] | None = None,
        decide: Sequence[bool] = (),
    ) -> list[bool]:
        return [True] * len(blocks)


def model_from_json(data: dict) -> BlockModel:
    if data.get("features") != list(FEATURES):
        raise ValueError("boilerplate model was trained on other features; run `make train-cleaner`")
    trees = tuple(Tree(*(tuple(column) for column in tree)) for tree in data["trees"])
    return BlockModel(float(data["offset"]), trees, float(data["threshold"]))


@lru_cache(maxsize=1)
def shipped_model() -> BlockModel | KeepAll:
    """The model shipped with the package; keeps everything when the file is missing."""
    if not MODEL_PATH.is_file():
        return KeepAll()
    return model_from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


def decidable(line: str, protected: frozenset[str]) -> bool:
    """Whether the model decides this line: the pattern rules did not already place it."""
    text = line.strip()
    return (
        bool(text)
        and text not in protected
        and comment_header(text) is None
        and classify_article_line(text) is None
    )


def menu_shaped(line: str) -> bool:
    """A short capitalised line without final punctuation: a menu or link-list item (a hard-wrapped line
    of prose starts in lower case or ends on a function word such as "the")."""
    words = line.split()
    if not words or len(words) > MENU_WORDS or ends_sentence(line) or line.rstrip().endswith(","):
        return False
    last = words[-1].lower()
    return (words[0][0].isupper() or words[0][0].isdigit()) and not any(
        last in table for table in FUNCTION_WORDS.values()
    )


def blank_boilerplate(
    lines: Sequence[str], protected: frozenset[str], model: BlockModel | KeepAll | None = None
) -> tuple[list[str], tuple[Removed, ...]]:
    """``lines`` with the boilerplate lines blanked (blank lines keep paragraphs apart), and those lines as
    removed. ``protected`` lines (title, related entries) and chrome the rules know are never the model's."""
    blocks, runs = runs_of(lines)
    decide = [decidable(block, protected) for block in blocks]
    listed = [menu_shaped(block) and run[0] > 1 for block, run in zip(blocks, runs, strict=True)]
    if sum(flag for flag, asked in zip(listed, decide, strict=True) if asked) < MENU_LINES:
        return list(lines), ()
    verdicts = iter((model or shipped_model()).keep(blocks, runs, decide))
    out: list[str] = []
    removed: list[Removed] = []
    for line in lines:
        if not line.strip():
            out.append(line)
            continue
        if next(verdicts) or not decidable(line, protected):
            out.append(line)
        else:
            out.append("")
            removed.append(Removed(line.strip(), REASON))
    return out, tuple(removed)
