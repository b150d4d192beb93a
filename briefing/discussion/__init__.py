"""What readers say: a discussion record for an article's comment section (``Digest.discussion``).

For an article with at least ``discussion_min_comments`` comments: how many comments in which languages,
the 2 to 4 comments that stand for the main threads (grouped by meaning across languages: the
briefing-language version of each comment, embedded with the MiniLM model of same-story grouping), each
group's share, and a one-line extractive gist. Grouping, noise and gist are pure (``texts``, ``groups``,
``gist``); only :func:`embed_comments` touches the model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from briefing.discussion import gist, groups, texts
from briefing.records import Digest, Discussion, Gist, Representative
from briefing.settings import Settings

Embedder = Callable[[Sequence[str]], np.ndarray]
# Texts handed to the model at a time: the model batches them further (briefing/models/minilm.py); this
# bounds what one call holds (token tensors of a 5,000-comment thread are never built at once).
EMBED_CHUNK = 256


def embed_comments(comment_texts: Sequence[str], embed: Embedder | None = None) -> np.ndarray:
    """One embedding row per text, computed ``EMBED_CHUNK`` texts at a time."""
    if embed is None:
        from briefing.models import minilm

        embed = minilm.embed
    chunks = [embed(comment_texts[i : i + EMBED_CHUNK]) for i in range(0, len(comment_texts), EMBED_CHUNK)]
    return np.concatenate(chunks) if chunks else np.zeros((0, 384), dtype=np.float32)


def discussion_of(digest: Digest, settings: Settings, embed: Embedder | None = None) -> Discussion | None:
    """The discussion of ``digest``'s comments; None with fewer than ``discussion_min_comments``."""
    comments = digest.comments
    if len(comments) < settings.discussion_min_comments:
        return None
    home = settings.briefing_language
    candidates = texts.eligible(comments)
    grouped_by = [texts.briefing_text(comments[i], home) for i in candidates]
    threads = groups.group_threads(embed_comments(grouped_by, embed)) if candidates else []
    chosen = [candidates[t.medoid] for t in threads]
    shares = _rounded_shares([t.share for t in threads])
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


def _rounded_shares(shares: Sequence[float]) -> list[float]:
    """Shares rounded to 3 decimals, never above 1."""
    return [min(1.0, round(s, 3)) for s in shares]


def discuss_digests(
    digests: Sequence[Digest], settings: Settings, embed: Embedder | None = None
) -> list[Digest]:
    """The digests with ``discussion`` set (None where there are too few comments)."""
    return [replace(d, discussion=discussion_of(d, settings, embed)) for d in digests]
