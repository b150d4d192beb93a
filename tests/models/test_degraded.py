"""Degraded mode: no models and offline → extractive summaries, flags, untranslated segments."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from briefing.extractive import body_sentences, centrality_scores, extractive_summary, pick_indices
from briefing.models.cache import clear_model_cache
from briefing.settings import Settings
from briefing.summarize import summarize_digests
from briefing.translate import translate_digests
from tests.models.factories import EN_BODY, FR_BODY, make_digest, mixed_comment


@pytest.mark.unit
def test_centrality_prefers_sentences_near_the_centroid():
    embeddings = np.array([[1.0, 0.0], [0.9, 0.1], [0.8, 0.2], [0.0, 1.0]])
    scores = centrality_scores(embeddings)
    assert scores.argmin() == 3
    assert pick_indices(scores, 2) == [1, 2]  # the two most central, in original order


@pytest.mark.unit
def test_pick_indices_keeps_reading_order_and_breaks_ties_early():
    assert pick_indices([0.5, 0.9, 0.5, 0.9], 3) == [0, 1, 3]
    assert pick_indices([0.1], 5) == [0]


@pytest.mark.unit
def test_centrality_of_degenerate_input_is_zero():
    assert centrality_scores(np.zeros((3, 4))).tolist() == [0.0, 0.0, 0.0]


@pytest.mark.pipeline
def test_extractive_summary_uses_body_sentences_in_order():
    extract = extractive_summary(EN_BODY, "en", k=2)
    sentences = body_sentences(EN_BODY, "en")
    assert extract.method == "minilm-centrality"
    assert len(extract.sentences) == 2
    positions = [sentences.index(s) for s in extract.sentences]
    assert positions == sorted(positions)


@pytest.mark.unit
def test_extractive_summaries_of_many_bodies_embed_once_and_pick_as_one_at_a_time(monkeypatch):
    import hashlib

    from briefing import extractive

    calls: list[list[str]] = []

    def fake_embed(sentences):  # one fixed vector per sentence, whatever the batch
        calls.append(list(sentences))
        rows = [np.frombuffer(hashlib.sha256(t.encode()).digest(), dtype=np.uint8)[:8] for t in sentences]
        return np.asarray(rows, dtype=np.float64) - 127.5

    monkeypatch.setattr(extractive, "embed_sentences", fake_embed)
    bodies = [(EN_BODY, "en"), (["One short line."], "en"), ([], "en"), (EN_BODY[::-1], "en")]
    together = extractive.extractive_summaries(bodies, k=2)
    assert len(calls) == 1  # every body's sentences in one call, shortest first
    assert [len(t) for t in calls[0]] == sorted(len(t) for t in calls[0])
    alone = [extractive.extractive_summary(paragraphs, language, k=2) for paragraphs, language in bodies]
    assert together == alone
    assert together[1].sentences == ("One short line.",) and together[2] is None


@pytest.fixture
def offline_empty(tmp_path: Path, monkeypatch) -> Settings:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    clear_model_cache()
    yield Settings(model_dir=tmp_path, offline=True)
    clear_model_cache()


@pytest.mark.pipeline
def test_no_models_offline_gives_extractive_summaries_and_flags(offline_empty, validate_digest):
    english = make_digest("en-00000000002", comments=[mixed_comment()])
    french = make_digest("fr-00000000002", language="fr", body=FR_BODY)
    digests = translate_digests(summarize_digests([english, french], offline_empty), offline_empty)
    en_out, fr_out = digests

    assert en_out.summary.method == "extractive"
    sentences = set(body_sentences(EN_BODY, "en"))
    assert all(s in sentences for s in (body_sentences([en_out.summary.text], "en")))
    flags = {f.code: f.detail for f in en_out.flags}
    assert "sshleifer/distilbart-cnn-12-6" in flags["model-unavailable"]
    assert "offline" in flags["model-unavailable"]
    assert "sshleifer/distilbart-cnn-12-6" in flags["extractive-fallback"]
    # ...and in the fields pages read: which stage, which model, why.
    fields = {f.code: (f.stage, f.models, f.cause, f.target) for f in en_out.flags}
    distilbart = "sshleifer/distilbart-cnn-12-6"
    assert fields["model-unavailable"] == ("summary", (distilbart,), "offline", "summary")
    assert fields["extractive-fallback"][0::2] == ("summary", "offline")
    assert fields["extractive-fallback"][1][0] == distilbart

    # The French comment segment stays untranslated and says which pair is missing.
    en_seg, fr_seg = en_out.comments[0].segments
    assert en_seg.translation is None and fr_seg.translation is None
    assert any(f.code == "translation-unavailable" and "fr→en" in f.detail for f in en_out.flags)
    assert any(f.pair == "fr-en" and f.cause == "model-missing" for f in en_out.flags)
    assert en_out.translations == ()

    # A French article falls back to an extractive summary in French.
    assert fr_out.summary.method == "extractive"
    assert fr_out.summary.language == "fr"
    assert set(body_sentences([fr_out.summary.text], "fr")) <= set(body_sentences(FR_BODY, "fr"))
    assert "extractive-fallback" in fr_out.flag_codes()
    for digest in digests:
        validate_digest(digest.to_dict())


@pytest.mark.tiny_model
def test_summarizer_missing_but_translators_present(tiny_models, tmp_path, validate_digest):
    """Only the summarizer folder is missing: extractive summary, then translated normally."""
    model_dir = tmp_path / "models"
    model_dir.mkdir()
    for folder in tiny_models.iterdir():
        if folder.name.startswith("Helsinki-NLP--"):
            (model_dir / folder.name).symlink_to(folder)
    clear_model_cache()
    settings = Settings(
        model_dir=model_dir, offline=True, engine="torch", translation_max_tokens=8, translation_num_beams=1
    )
    (out,) = translate_digests(summarize_digests([make_digest()], settings), settings)
    assert out.summary.method == "extractive"
    assert {"model-unavailable", "extractive-fallback"} <= set(out.flag_codes())
    assert [t.language for t in out.translations] == ["fr", "de"]
    validate_digest(out.to_dict())
