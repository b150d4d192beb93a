from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from briefing.records import Digest, Source, Summary
from briefing.same_story import (
    DEFAULT_THRESHOLD,
    connected_groups,
    cosine_matrix,
    group_by_similarity,
    link_same_story,
    similar_pairs,
    story_text,
)
from tests.conftest import SEED_000, SEED_001


def _digest(article_id: str, *body: str, title: str | None = None) -> Digest:
    return Digest(
        article_id=article_id,
        source=Source(path=f"{article_id}.txt", sha256="0" * 64, encoding="utf-8"),
        title=title,
        language="en",
        body=body,
    )


# ----------------------------------------------------------------- pure scoring and grouping


@pytest.mark.unit
def test_cosine_matrix_of_given_vectors():
    sims = cosine_matrix(np.array([[1.0, 0.0], [2.0, 0.0], [0.0, 3.0], [0.0, 0.0]]))
    assert sims[0, 1] == pytest.approx(1.0)
    assert sims[0, 2] == pytest.approx(0.0)
    assert sims[3].tolist() == [0.0, 0.0, 0.0, 0.0]  # a zero vector is similar to nothing


@pytest.mark.unit
def test_similar_pairs_use_the_threshold_inclusively():
    sims = np.array([[1.0, 0.6, 0.2], [0.6, 1.0, 0.55], [0.2, 0.55, 1.0]])
    assert similar_pairs(sims, 0.55) == [(0, 1), (1, 2)]
    assert similar_pairs(sims, 0.56) == [(0, 1)]


@pytest.mark.unit
def test_connected_groups_are_transitive_and_ordered():
    assert connected_groups(5, [(3, 4), (0, 3)]) == [[0, 3, 4], [1], [2]]
    assert connected_groups(0, []) == []


@pytest.mark.unit
def test_group_by_similarity_with_given_vectors():
    vectors = np.array([[1.0, 0.1, 0.0], [0.9, 0.2, 0.0], [0.0, 0.0, 1.0], [0.0, 0.1, 1.0]])
    assert group_by_similarity(vectors, 0.9) == [[0, 1], [2, 3]]
    assert group_by_similarity(vectors, 0.9999) == [[0], [1], [2], [3]]


@pytest.mark.unit
def test_story_text_is_title_and_lead_or_summary():
    digest = _digest("a", "One.", "  ", "Two.", "Three.", "Four.", title="Head")
    assert story_text(digest) == "Head One. Two. Three."
    empty = replace(_digest("b"), summary=Summary("en", "Short summary.", "extractive", None))
    assert story_text(empty) == "Short summary."
    assert story_text(_digest("c")) == ""


@pytest.mark.unit
def test_link_same_story_fills_symmetric_links_from_given_embeddings():
    vectors = {"a": [1.0, 0.0], "b": [0.0, 1.0], "c": [0.98, 0.1], "d": [0.9, 0.3], "e": [0.0, 0.0]}
    digests = [_digest(k, k) for k in "abcd"] + [_digest("e")]

    def embed(texts):
        assert "e" not in texts  # no text, not embedded
        return np.array([vectors[t] for t in texts])

    linked = link_same_story(digests, threshold=0.95, embed=embed)
    assert [d.article_id for d in linked] == list("abcde")
    assert {d.article_id: d.same_story_as for d in linked} == {
        "a": ("c", "d"),  # d is linked through c (0.95+), not directly to a
        "b": (),
        "c": ("a", "d"),
        "d": ("a", "c"),
        "e": (),
    }
    assert linked[1] == digests[1]  # nothing else changes


@pytest.mark.unit
def test_link_same_story_clears_stale_links_and_skips_the_model_for_one_article():
    def embed(texts):
        raise AssertionError("no embedding needed")

    stale = replace(_digest("a", "text"), same_story_as=("zzz",))
    assert link_same_story([stale], embed=embed)[0].same_story_as == ()


# ----------------------------------------------------------------- the real MiniLM model


def _paragraphs(path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


# Written for this test: a different event on the same broad topic, and unrelated news.
SAME_TOPIC_OTHER_STORY = (
    "Ukraine and Russia swapped dozens of prisoners of war on Saturday in an exchange brokered by the "
    "United Arab Emirates, officials in Kyiv said.",
    "The soldiers returned home after months in captivity, and families gathered at the border crossing.",
)
UNRELATED = (
    "A bakery in the old town has won the national prize for the best sourdough loaf of the year.",
    "The judges praised its crust and said the recipe had not changed since the shop opened in 1952.",
)


@pytest.fixture(scope="module")
def seed_digests() -> list[Digest]:
    """The seeds' first paragraphs, read at test time (the article body starts each file)."""
    return [
        _digest("seed-000", *_paragraphs(SEED_000)[:4]),
        _digest("seed-001", *_paragraphs(SEED_001)[:4]),
    ]


# Loads the real all-MiniLM-L6-v2 (small, CPU, bundled offline): closest marker is tiny_model.
@pytest.mark.tiny_model
def test_seeds_are_one_story_and_other_articles_are_not(seed_digests):
    others = [_digest("other-topic", *SAME_TOPIC_OTHER_STORY), _digest("unrelated", *UNRELATED)]
    linked = {d.article_id: d.same_story_as for d in link_same_story([*seed_digests, *others])}
    assert linked == {
        "seed-000": ("seed-001",),
        "seed-001": ("seed-000",),
        "other-topic": (),
        "unrelated": (),
    }


@pytest.mark.tiny_model
def test_threshold_leaves_room_on_both_sides(seed_digests):
    from briefing.same_story import embed_texts

    texts = [story_text(d) for d in seed_digests] + [" ".join(SAME_TOPIC_OTHER_STORY), " ".join(UNRELATED)]
    sims = cosine_matrix(embed_texts(texts))
    assert sims[0, 1] >= DEFAULT_THRESHOLD + 0.05
    assert max(sims[0, 2], sims[1, 2], sims[0, 3], sims[1, 3]) <= DEFAULT_THRESHOLD - 0.1


@pytest.mark.tiny_model
def test_seeds_cleaned_by_the_cleaning_stage_are_one_story():
    cleaning = pytest.importorskip("briefing.cleaning")
    if not hasattr(cleaning, "clean_file"):
        pytest.skip("briefing.cleaning.clean_file has not landed yet")
    from briefing.settings import Settings

    digests = [cleaning.clean_file(path, Settings()) for path in (SEED_000, SEED_001)]
    first, second = link_same_story(digests)
    assert first.same_story_as == (second.article_id,)
    assert second.same_story_as == (first.article_id,)
