"""What readers say: a discussion record for an article's comment section (``Digest.discussion``).

For an article with at least ``discussion_min_comments`` comments: how many comments in which languages,
the 2 to 4 comments that stand for the main threads (grouped by meaning across languages: the
briefing-language version of each comment, embedded with the MiniLM model of same-story grouping), each
group's share, and a one-line extractive gist. Grouping, noise and gist are pure (``texts``, ``groups``,
``gist``); only :func:`embed_comments` touches the model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from briefing.discussion import gist, groups, texts
from briefing.records import Digest, Discussion, Gist, Representative
from briefing.settings import Settings

Embedder = Callable[[Sequence[str]], np.ndarray]
# Texts handed to the model at a time: the model batches them further (briefing/models/minilm.py); this
# bounds what one call holds (token tensors of a 5,000-comment thread are never built at once).
EMBED_CHUNK = 256
# A long thread is grouped on an evenly spaced sample of this many of its eligible comments: embedding is
# the cost (about 10 ms a comment on one free core), and the shares of a 256-comment sample are within a
# few percent of the whole thread's. The counts (comments, languages) are always of the whole thread.
MAX_EMBEDDED = 256


def embed_comments(comment_texts: Sequence[str], embed: Embedder | None = None) -> np.ndarray:
    """One embedding row per text (in the given order), computed ``EMBED_CHUNK`` texts at a time.

    The texts go to the model shortest first: a model batch is padded to its longest text, and comments
    range from a line to several paragraphs.
    """
    if embed is None:
        from briefing.models import minilm

        embed = minilm.embed
    order = sorted(range(len(comment_texts)), key=lambda i: len(comment_texts[i]))
    ordered = [comment_texts[i] for i in order]
    chunks = [embed(ordered[i : i + EMBED_CHUNK]) for i in range(0, len(ordered), EMBED_CHUNK)]
    if not chunks:
        return np.zeros((0, 384), dtype=np.float32)
    rows = np.concatenate(chunks)
    out = np.empty_like(rows)
    out[order] = rows
    return out


@dataclass(frozen=True)
class _Plan:
    """An article that gets a discussion: its eligible comments and the text each is grouped by."""

    candidates: list[int]
    texts: list[str]


def _plan(digest: Digest, settings: Settings) -> _Plan | None:
    if len(digest.comments) < settings.discussion_min_comments:
        return None
    candidates = texts.eligible(digest.comments)
    if len(candidates) > MAX_EMBEDDED:
        candidates = [candidates[int(i)] for i in groups.sample_rows(len(candidates), MAX_EMBEDDED)]
    home = settings.briefing_language
    return _Plan(candidates, [texts.briefing_text(digest.comments[i], home) for i in candidates])


def build_discussion(
    digest: Digest, settings: Settings, candidates: Sequence[int], vectors: np.ndarray
) -> Discussion:
    """The discussion record from the eligible comments' embeddings (pure)."""
    comments, home = digest.comments, settings.briefing_language
    threads = groups.group_threads(vectors) if len(candidates) else []
    chosen = [candidates[t.medoid] for t in threads]
    shares = [min(1.0, round(t.share, 3)) for t in threads]
    readable = [
        texts.briefing_text(comments[i], home)
        for i in chosen
        if texts.in_briefing_language(comments[i], home)
    ]
    line = gist.extractive_gist(readable, home)
    return Discussion(
        comments=len(comments),
        languages=texts.language_counts(comments),
        gist=Gist(home, line, "extractive") if line else None,
        representatives=tuple(Representative(i, s) for i, s in zip(chosen, shares, strict=True)),
    )


def discuss_digests(
    digests: Sequence[Digest], settings: Settings, embed: Embedder | None = None
) -> list[Digest]:
    """The digests with ``discussion`` set (None where there are too few comments).

    The comments of consecutive articles are embedded together (fewer, fuller model batches), at most
    about ``EMBED_CHUNK`` texts plus one article's comments at a time: memory stays bounded however many
    articles and comments a run has.
    """
    done: list[Digest] = []
    pending: list[tuple[Digest, _Plan]] = []

    def flush() -> None:
        vectors = embed_comments([t for _, plan in pending for t in plan.texts], embed)
        start = 0
        for digest, plan in pending:
            rows = vectors[start : start + len(plan.texts)]
            start += len(plan.texts)
            done.append(replace(digest, discussion=build_discussion(digest, settings, plan.candidates, rows)))
        pending.clear()

    for digest in digests:
        plan = _plan(digest, settings)
        if plan is None:
            flush()
            done.append(replace(digest, discussion=None))
            continue
        pending.append((digest, plan))
        if sum(len(p.texts) for _, p in pending) >= EMBED_CHUNK:
            flush()
    flush()
    return done


def discussion_of(digest: Digest, settings: Settings, embed: Embedder | None = None) -> Discussion | None:
    """The discussion of ``digest``'s comments; None with fewer than ``discussion_min_comments``."""
    return discuss_digests([digest], settings, embed)[0].discussion
