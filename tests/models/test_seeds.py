"""The seeds through cleaning, summarization and translation with tiny models (no Prefect)."""

from __future__ import annotations

import pytest

from briefing.cleaning import clean_file
from briefing.summarize import summarize_digests
from briefing.translate import translate_digests
from tests.conftest import SEED_000, SEED_001

pytestmark = pytest.mark.tiny_model


def test_seeds_get_abstractive_summaries_and_translations(tiny_settings, validate_digest):
    digests = [clean_file(SEED_000, tiny_settings), clean_file(SEED_001, tiny_settings)]
    out = translate_digests(summarize_digests(digests, tiny_settings), tiny_settings)
    for digest in out:
        validate_digest(digest.to_dict())
        assert digest.summary.method == "abstractive"
        assert digest.summary.model == "sshleifer/distilbart-cnn-12-6"
        assert [t.language for t in digest.translations] == ["fr", "de"]

    segments = [s for c in out[0].comments for s in c.segments]
    french = [s for s in segments if s.language == "fr"]
    assert french, "seed 000 has a French comment"
    assert all(s.translation.model == "Helsinki-NLP/opus-mt-fr-en" for s in french)
    assert all(s.translation is None for s in segments if s.language == "en")
