"""Which articles of a run report the same story: MiniLM sentence embeddings, cosine similarity, groups.

The scoring and grouping are pure functions over vectors (unit-tested with given vectors); only
:func:`embed_texts` touches the model, loaded lazily once per process.

Each article is represented by its title and first paragraphs (its summary when the body is empty):
the lede is where a news story says what happened. all-MiniLM-L6-v2 is an English model, so
articles of one story written in different languages are likely not to be linked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from briefing.records import Digest

# Cosine similarity at or above which two articles are the same story. The two seed articles (one
# story told by two outlets) score about 0.7 on their first three paragraphs; articles on the same
# broad topic but a different event (another Russia/Ukraine or China story) score about 0.2-0.35,
# unrelated news about 0. 0.55 sits between with room on both sides.
DEFAULT_THRESHOLD = 0.55
LEAD_PARAGRAPHS = 3

Embedder = Callable[[Sequence[str]], np.ndarray]


def story_text(digest: Digest, paragraphs: int = LEAD_PARAGRAPHS) -> str:
    """Title plus the first ``paragraphs`` body paragraphs; the summary when the body is empty."""
    parts = [digest.title] if digest.title else []
    lead = [p for p in digest.body if p.strip()][:paragraphs]
    if lead:
        parts += lead
    elif digest.summary is not None:
        parts.append(digest.summary.text)
    return " ".join(" ".join(parts).split())


def cosine_matrix(vectors: np.ndarray) -> np.ndarray:
    """Pairwise cosine similarities of the rows of ``vectors`` (zero rows are similar to nothing)."""
    matrix = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    unit = np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
    return unit @ unit.T


def similar_pairs(similarity: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, whose similarity is at least ``threshold``."""
    n = similarity.shape[0]
    return [(i, j) for i in range(n) for j in range(i + 1, n) if similarity[i, j] >= threshold]


def connected_groups(n: int, pairs: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Connected components of the graph on ``range(n)`` with edges ``pairs``, in index order."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def group_by_similarity(vectors: np.ndarray, threshold: float = DEFAULT_THRESHOLD) -> list[list[int]]:
    """Groups of row indices: rows linked, directly or through others, by similarity >= ``threshold``."""
    if len(vectors) == 0:
        return []
    return connected_groups(len(vectors), similar_pairs(cosine_matrix(vectors), threshold))


def embed_texts(texts: Sequence[str]) -> np.ndarray:
    """all-MiniLM-L6-v2 sentence embeddings (one row per text), on CPU; kept for the edition's continuity
    (``briefing.story_vectors``), which compares the same texts."""
    from briefing import story_vectors

    return story_vectors.embed_texts(texts)


def link_same_story(
    digests: Sequence[Digest],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    embed: Embedder | None = None,
) -> list[Digest]:
    """The digests, in order, with ``same_story_as`` set to the other ids of their story group.

    Links are symmetric and transitive (connected components). Articles without any text get no
    links. ``embed`` replaces the MiniLM embedder (tests); the model is not loaded for fewer than
    two articles with text.
    """
    texts = [story_text(d) for d in digests]
    candidates = [i for i, text in enumerate(texts) if text]
    ids_by_group: dict[int, list[str]] = {}
    group_of: dict[int, int] = {}
    if len(candidates) >= 2:
        vectors = (embed or embed_texts)([texts[i] for i in candidates])
        for number, group in enumerate(group_by_similarity(vectors, threshold)):
            members = [candidates[k] for k in group]
            ids_by_group[number] = sorted({digests[i].article_id for i in members})
            group_of.update({i: number for i in members})
    linked = []
    for i, digest in enumerate(digests):
        ids = ids_by_group.get(group_of[i], []) if i in group_of else []
        others = tuple(a for a in ids if a != digest.article_id)
        linked.append(replace(digest, same_story_as=others))
    return linked
