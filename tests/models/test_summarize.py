"""Summaries: abstractive with tiny models, chunking and second pass, French articles."""

from __future__ import annotations

import re

import pytest

import briefing.summarize as summarize_module
from briefing.settings import Settings
from briefing.summarize import summarize_digests
from tests.models.factories import EN_BODY, FR_BODY, FakeEngine, make_digest


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.unit
def test_long_body_is_chunked_batched_and_combined(monkeypatch):
    """With an echoing engine: every body character reaches the model once, in order."""
    engine = FakeEngine("sshleifer/distilbart-cnn-12-6", max_input_tokens=120, keep=None)
    monkeypatch.setattr(summarize_module, "load_seq2seq", lambda model_id, settings: engine)
    # A budget of the whole input: the echo of a chunk is never cut. The echo's "[cnn-12-6]" tags are
    # figures the article does not have: the faithfulness check is not what this test is about.
    settings = Settings(summary_max_tokens=119, summary_min_tokens=0, batch_size=64, summary_check="off")
    long = make_digest("long-0000000001", body=EN_BODY * 3)
    short = make_digest("short-000000001", body=EN_BODY[:1])
    assert len(EN_BODY[0]) <= 119
    out_long, out_short = summarize_digests([long, short], settings)

    # The short body fits the summary budget: it is its own summary, not generated from (not padded).
    assert out_short.summary.chunks == 1 and "chunked" not in out_short.flag_codes()
    assert "body-too-short" in out_short.flag_codes()
    assert out_short.summary.text == EN_BODY[0].strip() and out_short.summary.model is None
    assert out_long.summary.method == "abstractive"
    assert out_long.summary.model == "sshleifer/distilbart-cnn-12-6"
    assert out_long.summary.chunks > 1
    assert "chunked" in out_long.flag_codes()
    # First pass: the long body's chunks in one generate call (batch_size 64).
    assert engine.calls[0] == out_long.summary.chunks
    assert len(engine.calls) > 1  # ...then the second pass over the long one's chunk summaries
    # The echo keeps every token: chunking dropped nothing and kept the order.
    text = out_long.summary.text.replace(engine.tag, "")
    assert squash(text) == squash("".join(long.body))


@pytest.mark.unit
def test_sentence_longer_than_the_input_is_split_and_flagged(monkeypatch):
    engine = FakeEngine("sshleifer/distilbart-cnn-12-6", max_input_tokens=60, keep=5)
    monkeypatch.setattr(summarize_module, "load_seq2seq", lambda model_id, settings: engine)
    sentence = " ".join(f"word{n}" for n in range(40)) + "."
    settings = Settings(summary_min_tokens=0, summary_check="off")  # echoed "[cnn-12-6]" tags: no check
    (out,) = summarize_digests([make_digest(body=[sentence])], settings)
    assert "long-sentence-split" in out.flag_codes()
    assert out.summary.chunks > 1


@pytest.mark.tiny_model
def test_english_article_gets_an_abstractive_summary(tiny_settings, validate_digest):
    (out,) = summarize_digests([make_digest()], tiny_settings)
    assert out.summary.method == "abstractive"
    assert out.summary.model == "sshleifer/distilbart-cnn-12-6"
    assert out.summary.language == "en"
    assert out.summary.chunks == 1
    assert out.summary.text.strip()
    assert out.models["summarizer"] == "sshleifer/distilbart-cnn-12-6"
    assert not {"chunked", "extractive-fallback", "model-unavailable"} & set(out.flag_codes())
    validate_digest(out.to_dict())


@pytest.mark.tiny_model
def test_body_over_the_input_limit_is_summarized_in_chunks(tiny_settings, validate_digest):
    # ~40 x 4 paragraphs: several times the 1024 positions of the (tiny) distilbart.
    long = make_digest("long-0000000002", body=EN_BODY * 40)
    (out,) = summarize_digests([long], tiny_settings)
    assert out.summary.method == "abstractive"
    assert out.summary.chunks > 1
    (flag,) = [f for f in out.flags if f.code == "chunked"]
    assert str(out.summary.chunks) in flag.detail
    validate_digest(out.to_dict())


@pytest.mark.tiny_model
def test_french_article_is_translated_then_summarized_in_english(tiny_settings, validate_digest):
    french = make_digest("fr-00000000001", language="fr", body=FR_BODY)
    english = make_digest("en-00000000001")
    out_fr, out_en = summarize_digests([french, english], tiny_settings)
    assert out_fr.summary.language == "en"
    assert out_fr.summary.method == "abstractive"
    assert out_fr.summary.model == "sshleifer/distilbart-cnn-12-6"
    (flag,) = [f for f in out_fr.flags if f.code == "summary-via-translation"]
    assert "Helsinki-NLP/opus-mt-fr-en" in flag.detail
    assert out_fr.models["summary_translation"] == "Helsinki-NLP/opus-mt-fr-en"
    assert "summary-via-translation" not in out_en.flag_codes()
    validate_digest(out_fr.to_dict())


@pytest.mark.tiny_model
def test_configured_summarizer_for_a_language_is_used(tiny_settings):
    settings = tiny_settings.replace(summarizers_by_language={"fr": "sshleifer/distilbart-cnn-12-6"})
    (out,) = summarize_digests([make_digest(language="fr", body=FR_BODY)], settings)
    assert out.summary.language == "fr"
    assert out.summary.method == "abstractive"
    assert "summary-via-translation" not in out.flag_codes()


@pytest.mark.unit
def test_empty_body_gets_no_summary_and_a_flag():
    (out,) = summarize_digests([make_digest(body=())], Settings())
    assert out.summary is None
    assert out.flag_codes() == ("no-body",)
