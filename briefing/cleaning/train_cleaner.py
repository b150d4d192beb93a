"""Train the boilerplate model (``make train-cleaner``) and cross-validate it by page.

Examples: the lines the cleaner asks the model about (:class:`_Recorder`: after the pattern rules, past
the gate) on the scraped text of the aeb pages (``../shared/data/aeb``) and of the project's own corpus
(``eval/corpus``; today no corpus page opens the gate, so it adds no line). An aeb line is article text
when at least half of its 4-gram shingles are in the page's gold body; a corpus line is article text when
the rules keep it in the body (the corpus gold is checked by ``make eval``). Each line weighs its share of
its page's words, so every page weighs the same, as in the benchmark's macro mean.

Cross-validation: aeb pages are split into folds by page; a page is only ever scored by a model trained
without it (the corpus is in every training fold). The shipped model is trained on everything.
Needs scikit-learn (``pip install -e '.[eval]'``); cleaning itself does not.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.cleaning.aeb_pages import DEFAULT_PAGES, load_pages
from briefing.cleaning.blocks import block_features
from briefing.cleaning.boilerplate import MODEL_PATH, BlockModel, KeepAll, Tree
from briefing.cleaning.core import clean_text
from briefing.cleaning.decode import decode_bytes
from briefing.cleaning.shingles import shingles, tokens
from briefing.io import atomic_write_text

FOLDS = 5
ARTICLE_SHARE = 0.5
TREES = 200
LEAVES = 15
LEARNING_RATE = 0.1


@dataclass(frozen=True)
class Examples:
    rows: list[list[float]]
    labels: list[int]
    weights: list[float]
    groups: list[str]


class _Recorder(KeepAll):
    """Keeps everything and records what the cleaner asked the model."""

    def __init__(self) -> None:
        self.asked: list[tuple[list[str], list[tuple[int, int]], list[bool]]] = []

    def keep(self, blocks, runs=None, decide=()):  # noqa: ANN001, ANN201 - same signature as the model's
        self.asked.append((list(blocks), list(runs or []), list(decide)))
        return super().keep(blocks, runs, decide)


def model_questions(text: str) -> tuple[list[str], list[list[float]], list[str]]:
    """Lines of ``text``'s article part, their feature rows, and the body text the rules keep."""
    recorder = _Recorder()
    parts = clean_text(text, recorder)
    if not recorder.asked:
        return [], [], list(parts.body)
    blocks, runs, decide = recorder.asked[0]
    rows = block_features(blocks, runs)
    chosen = [i for i, flag in enumerate(decide) if flag]
    return [blocks[i] for i in chosen], [rows[i] for i in chosen], list(parts.body)


def article_labels(blocks: Sequence[str], gold: str) -> list[int]:
    truth = shingles(gold)
    labels = []
    for block in blocks:
        mine = shingles(block)
        shared = sum(min(count, truth.get(key, 0)) for key, count in mine.items())
        labels.append(int(shared >= ARTICLE_SHARE * max(1, sum(mine.values()))))
    return labels


def add_page(
    examples: Examples, key: str, blocks: Sequence[str], rows: Sequence[list[float]], labels: Sequence[int]
) -> None:
    sizes = [max(1, len(tokens(block))) for block in blocks]
    total = sum(sizes) or 1
    examples.rows.extend(rows)
    examples.labels.extend(labels)
    examples.weights.extend(size / total for size in sizes)
    examples.groups.extend([key] * len(blocks))


def corpus_examples(folder: Path) -> Examples:
    examples = Examples([], [], [], [])
    for path in sorted(folder.glob("*.txt")):
        blocks, rows, body = model_questions(decode_bytes(path.read_bytes(), str(path)).text)
        # Corpus lines the rules keep in the body are article text; the others (comments) are not asked.
        inside = [i for i, block in enumerate(blocks) if any(block in paragraph for paragraph in body)]
        add_page(
            examples,
            f"corpus/{path.stem}",
            [blocks[i] for i in inside],
            [rows[i] for i in inside],
            [1] * len(inside),
        )
    return examples


def page_examples(pages: Sequence[tuple[str, str, str]]) -> Examples:
    """Examples of (key, scraped text, gold body) pages."""
    examples = Examples([], [], [], [])
    for key, text, gold in pages:
        blocks, rows, _ = model_questions(text)
        add_page(examples, key, blocks, rows, article_labels(blocks, gold))
    return examples


def fit(examples: Examples) -> BlockModel:
    """Histogram-boosted trees (scikit-learn) on ``examples``, as a :class:`BlockModel`."""
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(
        max_iter=TREES,
        max_leaf_nodes=LEAVES,
        learning_rate=LEARNING_RATE,
        early_stopping=False,
        random_state=0,
    )
    model.fit(
        np.asarray(examples.rows, dtype=np.float64),
        np.asarray(examples.labels),
        sample_weight=np.asarray(examples.weights),
    )
    trees = []
    # The fitted trees are read from the model's predictors (scikit-learn keeps them as node arrays; a
    # row goes left when its value is <= num_threshold; the features have no missing values).
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        trees.append(
            Tree(
                tuple(
                    -1 if leaf else int(f)
                    for f, leaf in zip(nodes["feature_idx"], nodes["is_leaf"], strict=True)
                ),
                tuple(round(float(x), 6) for x in nodes["num_threshold"]),
                tuple(int(x) for x in nodes["left"]),
                tuple(int(x) for x in nodes["right"]),
                tuple(round(float(x), 6) for x in nodes["value"]),
            )
        )
    return BlockModel(round(float(np.ravel(model._baseline_prediction)[0]), 6), tuple(trees))


def fold_of(key: str, folds: int = FOLDS) -> int:
    """A page's fold: stable across runs and machines (a hash of its key)."""
    import hashlib

    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % folds


def cross_validated_models(
    pages: Sequence[tuple[str, str, str]], corpus: Path | None, folds: int = FOLDS
) -> dict[str, BlockModel]:
    """For every page key, a model trained on the other folds (and the corpus)."""
    examples = page_examples(pages)
    extra = corpus_examples(corpus) if corpus else Examples([], [], [], [])
    models: dict[str, BlockModel] = {}
    for fold in range(folds):
        train = Examples(list(extra.rows), list(extra.labels), list(extra.weights), list(extra.groups))
        for row, label, weight, group in zip(
            examples.rows, examples.labels, examples.weights, examples.groups, strict=True
        ):
            if fold_of(group, folds) != fold:
                train.rows.append(row)
                train.labels.append(label)
                train.weights.append(weight)
                train.groups.append(group)
        model = fit(train)
        models.update({key: model for key, _, _ in pages if fold_of(key, folds) == fold})
    return models


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--corpus", type=Path, default=Path("eval/corpus"))
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    pages = [(page.key, page.scraped, page.gold) for page in load_pages(args.pages)]
    examples = page_examples(pages)
    extra = corpus_examples(args.corpus)
    for name in ("rows", "labels", "weights", "groups"):
        getattr(examples, name).extend(getattr(extra, name))
    model = fit(examples)
    atomic_write_text(args.output, json.dumps(model.to_json(), separators=(",", ":")) + "\n")
    pages_seen = len(set(examples.groups))
    print(f"{args.output}: {len(model.trees)} trees from {len(examples.rows)} lines of {pages_seen} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
