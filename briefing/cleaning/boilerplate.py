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
from briefing.records import Removed

MODEL_PATH = Path(__file__).with_name("boilerplate_model.json")
REASON = "boilerplate"


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
        """Probability of article text for each feature row (all trees walked at once)."""
        data = np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))
        everyone = np.arange(len(rows))
        total = np.full(len(rows), self.offset)
        for feature, threshold, left, right, value in _arrays(self):
            node = np.zeros(len(rows), dtype=np.int64)
            while True:
                column = feature[node]
                inner = column >= 0
                if not inner.any():
                    break
                go_left = data[everyone, np.maximum(column, 0)] <= threshold[node]
                node = np.where(inner, np.where(go_left, left[node], right[node]), node)
            total += value[node]
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
        return [bool(p >= self.threshold) for p in self.probabilities(block_features(blocks, runs))]

    def to_json(self) -> dict:
        return {
            "features": list(FEATURES),
            "offset": self.offset,
            "threshold": self.threshold,
            "trees": [[t.feature, t.threshold, t.left, t.right, t.value] for t in self.trees],
        }


@lru_cache(maxsize=8)
def _arrays(model: BlockModel) -> list[tuple[np.ndarray, ...]]:
    return [
        (
            np.asarray(t.feature, dtype=np.int64),
            np.asarray(t.threshold, dtype=np.float64),
            np.asarray(t.left, dtype=np.int64),
            np.asarray(t.right, dtype=np.int64),
            np.asarray(t.value, dtype=np.float64),
        )
        for t in model.trees
    ]


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


def blank_boilerplate(
    lines: Sequence[str], protected: frozenset[str], model: BlockModel | KeepAll | None = None
) -> tuple[list[str], tuple[Removed, ...]]:
    """``lines`` with the boilerplate lines blanked (blank lines keep paragraphs apart), and those lines as
    removed. ``protected`` lines (title, related entries) and chrome the rules know are never the model's."""
    blocks, runs = runs_of(lines)
    decide = [decidable(block, protected) for block in blocks]
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
