"""Input bounds that keep every stage near linear: long paragraphs pre-split before pysbd, and text longer
than ``max_article_chars`` refused in one line before any stage runs (the timing lives in
``bench/long_article.py``; these check only the bounded behaviour)."""

from __future__ import annotations

import pytest

from briefing.cleaning import clean_bytes
from briefing.errors import InputError
from briefing.models.text import SEGMENT_CHARS, presplit, split_sentences
from briefing.settings import Settings

pytestmark = pytest.mark.pipeline

SENTENCE = "The council voted on Tuesday to close the old pier, saying repairs would cost more. "


def test_long_paragraphs_are_presplit_at_sentence_ends_and_nothing_is_lost():
    text = SENTENCE * 2_000 + "x" * 9_000 + " tail words"  # 180 KB on one line, and one absurd word
    chunks = presplit(text)
    assert "".join(chunks) == text
    assert all(len(c) <= SEGMENT_CHARS for c in chunks) and len(chunks) > 40
    assert all(c.endswith(". ") for c in chunks[:30])  # cut where a sentence ends, not inside one
    sentences = split_sentences(SENTENCE * 2_000)
    assert len(sentences) == 2_000 and set(sentences) == {SENTENCE.strip()}
    assert presplit("short. text") == ["short. text"]


def test_text_over_max_article_chars_is_refused_in_one_line(tmp_path):
    one_line = (SENTENCE * (19_000_000 // len(SENTENCE) + 1))[:19_000_000].encode()  # 19 MB, no newline
    with pytest.raises(InputError) as err:
        clean_bytes(one_line, "long.txt", Settings())
    assert err.value.path == "long.txt"
    assert str(err.value).startswith("too long (19,000,000 characters of text")
    assert "max_article_chars = 2,000,000" in str(err.value) and "\n" not in str(err.value)
    small = Settings(max_article_chars=10_000)
    assert clean_bytes(one_line[:9_000], "ok.txt", small).body
    with pytest.raises(InputError, match="max_article_chars = 10,000"):
        clean_bytes(one_line[:10_001], "long.txt", small)
