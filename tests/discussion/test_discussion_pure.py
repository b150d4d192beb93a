"""Noise, grouping on given vectors, shares and gist of a discussion (no model)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from briefing.discussion import discussion_of, gist, groups, texts
from briefing.records import Digest, Discussion, Source
from briefing.settings import Settings
from tests.discussion.helpers import comment

pytestmark = pytest.mark.unit


def _digest(comments) -> Digest:
    return Digest("a", Source("a.txt", "0" * 64, "utf-8"), "T", "en", ("Body.",), comments=tuple(comments))


def test_noise_is_never_eligible() -> None:
    comments = [
        comment(""),
        comment("Agreed"),
        comment("👍👍 !!!"),
        comment("https://spam.example/buy-now www.example.com/x"),
        comment("This comment has been hidden by a moderator."),
        comment("Spoiler alert"),
        comment("Buy cheap watches at our shop today"),
        comment("buy cheap watches at our shop today!"),
        comment("A real point about the cost of the scheme."),
    ]
    assert texts.eligible(comments) == [8]


def test_briefing_text_uses_translations_and_keeps_readable_segments() -> None:
    translated = comment("Enfin une bonne nouvelle.", "fr", "Finally some good news.")
    as_written = comment("Enfin une bonne nouvelle.", "fr")
    assert texts.briefing_text(translated, "en") == "Finally some good news."
    assert texts.in_briefing_language(translated, "en")
    assert texts.briefing_text(as_written, "en") == "Enfin une bonne nouvelle."
    assert not texts.in_briefing_language(as_written, "en")


def test_language_counts_most_frequent_first() -> None:
    comments = [comment("a b", "fr"), comment("c d", "de"), comment("e f", "fr"), comment("g h", "en")]
    assert texts.language_counts(comments) == {"fr": 2, "de": 1, "en": 1}


def _two_threads(rng: np.random.Generator, sizes: tuple[int, int]) -> np.ndarray:
    axes = np.eye(8)
    rows = [axes[0] + 0.1 * rng.standard_normal(8) for _ in range(sizes[0])]
    rows += [axes[1] + 0.1 * rng.standard_normal(8) for _ in range(sizes[1])]
    return np.array(rows)


def test_two_threads_give_two_groups_with_their_shares() -> None:
    vectors = _two_threads(np.random.default_rng(1), (6, 3))
    found = groups.group_threads(vectors)
    assert len(found) == 2
    assert set(found[0].members) == set(range(6)) and set(found[1].members) == {6, 7, 8}
    assert found[0].medoid in range(6) and found[1].medoid in range(6, 9)
    assert [round(g.share, 3) for g in found] == [0.667, 0.333]


def test_four_threads_give_four_groups() -> None:
    rng = np.random.default_rng(2)
    vectors = np.array([np.eye(8)[t] + 0.05 * rng.standard_normal(8) for t in (0, 1, 2, 3) for _ in range(4)])
    found = groups.group_threads(vectors)
    assert len(found) == 4
    assert sorted(sorted(g.members) for g in found) == [list(range(t * 4, t * 4 + 4)) for t in range(4)]
    assert sum(g.share for g in found) == pytest.approx(1.0)


def test_few_rows() -> None:
    assert groups.group_threads(np.zeros((0, 8))) == []
    assert [g.members for g in groups.group_threads(np.eye(8)[:1])] == [(0,)]
    assert [g.share for g in groups.group_threads(np.eye(8)[:2])] == [0.5, 0.5]


def test_long_threads_are_grouped_on_a_sample_and_every_row_is_counted() -> None:
    vectors = _two_threads(np.random.default_rng(3), (1500, 900))
    found = groups.group_threads(vectors)
    assert len(found) == 2
    assert sum(len(g.members) for g in found) == 2400
    assert [round(g.share, 3) for g in found] == [0.625, 0.375]


def test_gist_takes_a_telling_sentence_of_each_first_representative() -> None:
    line = gist.extractive_gist(
        [
            "Finally! The decision is the right one for the city.",
            "Too expensive. Who pays for all this?",
            "Third.",
        ],
        "en",
    )
    assert line == "The decision is the right one for the city." + gist.SEPARATOR + "Who pays for all this?"
    assert gist.extractive_gist([], "en") is None


def _fake_embed(texts_: list[str]) -> np.ndarray:
    """Cost comments on one axis, everything else on another."""
    return np.array([[1.0, 0.0] if "cost" in t else [0.0, 1.0] for t in texts_])


def test_discussion_record_with_a_fake_embedder() -> None:
    comments = [
        comment("Great decision by the council.", "en"),
        comment("Une excellente décision.", "fr", "An excellent decision by the mayor."),
        comment("The cost will be huge for us.", "en"),
        comment("Die Kosten sind zu hoch.", "de", "The cost is far too high."),
        comment("Great decision by the council."),  # a copy: neither copy represents
        comment("Great decision by the council."),
        comment("Ok"),
    ]
    found = discussion_of(_digest(comments), Settings(), _fake_embed)
    assert isinstance(found, Discussion)
    assert found.comments == 7
    assert found.languages == {"en": 5, "de": 1, "fr": 1}
    chosen = {r.comment for r in found.representatives}
    assert len(chosen) == 2 and chosen <= {1, 2, 3}
    assert sum(r.share for r in found.representatives) == pytest.approx(1.0)
    assert found.gist is not None and found.gist.method == "extractive" and found.gist.language == "en"


def test_too_few_comments_give_no_discussion() -> None:
    two = [comment("Great decision by the council."), comment("The cost is far too high.")]
    assert discussion_of(_digest(two), Settings(), _fake_embed) is None
    assert discussion_of(_digest(two), Settings(discussion_min_comments=2), _fake_embed) is not None


def test_discussion_round_trips_through_the_digest_json(validate_digest) -> None:
    comments = [comment(f"Point number {i} about the cost.") for i in range(4)]
    digest = _digest(comments)
    with_discussion = replace(digest, discussion=discussion_of(digest, Settings(), _fake_embed))
    data = validate_digest(with_discussion.to_dict())
    assert Digest.from_dict(data) == with_discussion
    assert "discussion" not in digest.to_dict()


def test_a_long_thread_is_grouped_on_a_sample_and_counted_whole() -> None:
    from briefing.discussion import MAX_EMBEDDED

    seen: list[int] = []

    def embed(texts_: list[str]) -> np.ndarray:
        seen.append(len(texts_))
        return _fake_embed(texts_)

    comments = [comment(f"Reader {i} on the {'cost' if i % 3 else 'decision'} of it.") for i in range(600)]
    found = discussion_of(_digest(comments), Settings(), embed)
    assert found is not None and found.comments == 600 and found.languages == {"en": 600}
    assert sum(seen) == MAX_EMBEDDED
    assert len(found.representatives) == 2
    assert all(0 <= r.comment < 600 for r in found.representatives)
    assert [round(r.share, 1) for r in found.representatives] == [0.7, 0.3]


def test_articles_embedded_together_get_what_each_gets_alone() -> None:
    from briefing.discussion import discuss_digests

    threads = [
        [comment(f"Point {i} about the {'cost' if i % 2 else 'plan'} here.") for i in range(n)]
        for n in (5, 2, 7)
    ]
    digests = [replace(_digest(t), article_id=f"a{k}") for k, t in enumerate(threads)]
    together = discuss_digests(digests, Settings(), _fake_embed)
    assert [d.discussion for d in together] == [discussion_of(d, Settings(), _fake_embed) for d in digests]
    assert together[1].discussion is None
