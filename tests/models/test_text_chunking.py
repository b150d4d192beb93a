"""Pure preprocessing: sentence/word splitting to a token budget and chunk packing."""

from __future__ import annotations

import re

import pytest

from briefing.models.text import pack, split_sentences, split_to_fit
from briefing.summarize import plan_chunks

pytestmark = pytest.mark.unit


def words(text: str) -> int:
    return len(text.split())


def squash(texts) -> str:
    return re.sub(r"\s+", "", "".join(texts))


PARAGRAPHS = [
    "One two three. Four five six seven. Eight nine.",
    "Ten eleven twelve thirteen fourteen. Fifteen.",
    "Sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour.",
    "Short one.",
]


def test_sentences_are_split_and_stripped():
    assert split_sentences("  First one here. Second one there!  ", "en") == [
        "First one here.",
        "Second one there!",
    ]
    assert split_sentences("   ", "fr") == []


def test_languages_without_pysbd_rules_still_split():
    assert len(split_sentences("Primeira frase aqui. Segunda frase ali.", "pt")) == 2
    assert len(split_sentences("Перше речення тут. Друге речення там.", "uk")) == 2


def test_text_that_fits_is_one_piece():
    pieces = split_to_fit("a b c", 5, words)
    assert [(p.text, p.tokens, p.forced) for p in pieces] == [("a b c", 3, False)]


def test_long_text_splits_at_sentences_then_words():
    pieces = split_to_fit(PARAGRAPHS[0] + " " + PARAGRAPHS[2], 4, words)
    assert all(p.tokens <= 4 for p in pieces)
    assert [p.forced for p in pieces[:3]] == [False, False, False]  # whole sentences first
    assert any(p.forced for p in pieces)  # the nine-word sentence had to be cut
    assert squash(p.text for p in pieces) == squash([PARAGRAPHS[0], PARAGRAPHS[2]])


def test_overlong_word_is_cut_between_characters():
    def chars(text: str) -> int:
        return len(text.replace(" ", ""))

    pieces = split_to_fit("x" * 23, 5, chars)
    assert [len(p.text) for p in pieces] == [5, 5, 5, 5, 3]
    assert all(p.forced for p in pieces)


def test_pack_respects_budget_with_separators():
    pieces = split_to_fit(" ".join(PARAGRAPHS), 6, words)
    groups = pack(pieces, 10, separator_tokens=1)
    for group in groups:
        assert sum(p.tokens for p in group) + len(group) - 1 <= 10
    assert [p for g in groups for p in g] == pieces


def test_plan_chunks_loses_no_token_and_keeps_order():
    plan = plan_chunks(PARAGRAPHS, 8, words)
    assert len(plan.chunks) > 1
    assert all(words(c) <= 8 for c in plan.chunks)
    assert squash(plan.chunks) == squash(PARAGRAPHS)
    assert plan.forced_pieces == 2  # paragraph 3 is one 9-word sentence: cut in two, and counted


def test_plan_chunks_keeps_paragraph_breaks_inside_a_chunk():
    plan = plan_chunks(["a b.", "c d."], 100, words)
    assert plan.chunks == ("a b.\n\nc d.",)
    assert plan.forced_pieces == 0


def test_plan_chunks_of_short_body_is_one_chunk():
    assert len(plan_chunks(PARAGRAPHS, 1000, words).chunks) == 1
