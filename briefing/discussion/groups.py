"""Grouping comment embeddings into the main threads of a discussion (pure numpy; tested with given vectors).

The number of groups (2 to 4) is the one with the best silhouette: the split where comments sit closest
to their own group compared with the nearest other. Groups are k-medoids on cosine similarity, started
from the most central comment and then each time the comment least like the medoids so far (deterministic:
the same comments always give the same groups). A group's representative is its medoid, the comment most
like the others of its group. Long threads are grouped on an evenly spaced sample of at most
``MAX_GROUPED`` comments (the similarity matrix is the memory: 1,000 comments are 4 MB), and every comment
then joins its nearest medoid for the shares.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIN_GROUPS = 2
MAX_GROUPS = 4
MAX_GROUPED = 1000
MAX_ROUNDS = 20


@dataclass(frozen=True)
class Group:
    """A thread: its representative (row index), its members (row indices) and its share of all rows."""

    medoid: int
    members: tuple[int, ...]
    share: float


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    matrix = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def initial_medoids(similarity: np.ndarray, k: int) -> list[int]:
    """The most central row, then repeatedly the row least similar to its nearest medoid so far."""
    medoids = [int(np.argmax(similarity.sum(axis=1)))]
    while len(medoids) < k:
        nearest = similarity[:, medoids].max(axis=1)
        nearest[medoids] = np.inf
        medoids.append(int(np.argmin(nearest)))
    return medoids


def k_medoids(similarity: np.ndarray, k: int) -> tuple[list[int], np.ndarray]:
    """Medoids and the label (medoid position) of each row, after alternating assignment and update."""
    medoids = initial_medoids(similarity, k)
    labels = np.argmax(similarity[:, medoids], axis=1)
    for _ in range(MAX_ROUNDS):
        updated = []
        for g in range(k):
            members = np.flatnonzero(labels == g)
            if len(members) == 0:
                updated.append(medoids[g])
                continue
            inner = similarity[np.ix_(members, members)].sum(axis=1)
            updated.append(int(members[int(np.argmax(inner))]))
        new_labels = np.argmax(similarity[:, updated], axis=1)
        new_labels[updated] = np.arange(k)  # a medoid always belongs to its own group
        if updated == medoids and np.array_equal(new_labels, labels):
            break
        medoids, labels = updated, new_labels
    return medoids, labels


def silhouette(similarity: np.ndarray, labels: np.ndarray, k: int) -> float:
    """Mean silhouette on cosine distance (a row alone in its group scores 0)."""
    distance = 1.0 - similarity
    n = len(labels)
    mean_to = np.zeros((n, k))
    sizes = np.array([int((labels == g).sum()) for g in range(k)])
    for g in range(k):
        members = labels == g
        if sizes[g]:
            mean_to[:, g] = distance[:, members].sum(axis=1)
    own_size = sizes[labels]
    own = mean_to[np.arange(n), labels] / np.maximum(own_size - 1, 1)
    mean_to = mean_to / np.maximum(sizes, 1)
    mean_to[np.arange(n), labels] = np.inf
    mean_to[:, sizes == 0] = np.inf
    other = mean_to.min(axis=1)
    scores = (other - own) / np.maximum(np.maximum(own, other), 1e-9)
    scores[own_size <= 1] = 0.0
    return float(scores.mean())


def sample_rows(n: int, limit: int = MAX_GROUPED) -> np.ndarray:
    """At most ``limit`` row indices, evenly spaced over ``range(n)``."""
    if n <= limit:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, limit).round().astype(int))


def group_threads(vectors: np.ndarray, max_groups: int = MAX_GROUPS) -> list[Group]:
    """The main threads of ``vectors`` (one row per comment), largest share first.

    No rows: no groups. One row: one group. Two rows: one group each. More: 2 to ``max_groups``
    groups, as many as the best silhouette says (never more groups than rows minus one).
    """
    unit = unit_rows(vectors)
    n = len(unit)
    if n == 0:
        return []
    if n <= MIN_GROUPS:
        return [Group(i, (i,), 1.0 / n) for i in range(n)]
    sample = sample_rows(n)
    similarity = unit[sample] @ unit[sample].T
    best: tuple[float, list[int]] | None = None
    for k in range(MIN_GROUPS, min(max_groups, len(sample) - 1) + 1):
        medoids, labels = k_medoids(similarity, k)
        score = silhouette(similarity, labels, k)
        if best is None or score > best[0] + 1e-6:
            best = (score, medoids)
    assert best is not None
    medoid_rows = [int(sample[m]) for m in best[1]]
    labels = np.argmax(unit @ unit[medoid_rows].T, axis=1)
    labels[medoid_rows] = np.arange(len(medoid_rows))
    groups = [
        Group(row, tuple(int(i) for i in np.flatnonzero(labels == g)), float((labels == g).sum()) / n)
        for g, row in enumerate(medoid_rows)
    ]
    return sorted(groups, key=lambda group: (-group.share, group.medoid))
