"""The benchmark metric on tiny hand-made examples (tp/fp/fn per page, macro means, F1)."""

from __future__ import annotations

import pytest

from briefing.cleaning.shingles import page_counts, page_precision_recall, score, shingles

pytestmark = pytest.mark.unit


def test_shingles_are_four_token_runs_with_multiplicity():
    assert shingles("a b c d e") == {"a b c d": 1, "b c d e": 1}
    assert shingles("x y z w x y z w")["x y z w"] == 2
    # Punctuation is not a token; a text under four tokens is one shingle.
    assert shingles("Hi, there!") == {"Hi there": 1}
    assert shingles("") == {}


def test_page_counts_are_normalised_to_one():
    tp, fp, fn = page_counts("a b c d e f", "a b c d e")
    assert (tp, fp, fn) == pytest.approx((2 / 3, 1 / 3, 0.0))
    assert page_precision_recall(tp, fp, fn) == pytest.approx((2 / 3, 1.0))


def test_empty_extraction_scores_zero_and_two_empties_score_one():
    assert page_precision_recall(*page_counts("", "a b c d")) == (0.0, 0.0)
    assert page_precision_recall(*page_counts("", "")) == (1.0, 1.0)


def test_scores_are_macro_means_and_f1_comes_from_the_means():
    result = score([("a b c d e f", "a b c d e"), ("a b c d", "a b c d")])
    assert result.precision == pytest.approx((2 / 3 + 1) / 2)
    assert result.recall == pytest.approx(1.0)
    p, r = result.precision, result.recall
    assert result.f1 == pytest.approx(2 * p * r / (p + r))
