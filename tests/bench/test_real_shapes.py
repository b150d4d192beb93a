"""The real-size bench models take each default model's real architecture from the manifest (no build)."""

from __future__ import annotations

import pytest

from briefing.models import manifest
from briefing.settings import Settings
from briefing.testing import tiny

pytestmark = pytest.mark.unit


def test_every_default_translation_model_has_its_manifest_architecture_at_real_size() -> None:
    for model_id in tiny.default_model_ids(Settings(target_languages=("fr", "de", "pt", "ar", "zh", "tr"))):
        entry = manifest.entry(model_id)
        if entry is None or entry.kind != "translation":
            continue
        arch, shape = entry.architecture, tiny.marian_shape(model_id, "real")
        got = (shape.d_model, shape.encoder_layers, shape.decoder_layers, shape.heads, shape.ffn_dim)
        assert got == (arch.d_model, arch.encoder_layers, arch.decoder_layers, arch.heads, arch.ffn_dim), (
            model_id
        )
        assert shape.max_positions == arch.max_positions
        assert shape.vocab_size == (arch.vocab_size or tiny.MARIAN_SHAPES["real"].vocab_size), model_id
        # Both sentencepiece sides plus </s>, <unk>, <pad> fit the rows.
        assert 2 * shape.spm_pieces + 3 <= shape.vocab_size


def test_tc_big_en_pt_is_a_transformer_big_and_zh_en_has_its_own_vocabulary() -> None:
    big = tiny.marian_shape("Helsinki-NLP/opus-mt-tc-big-en-pt", "real")
    assert (big.d_model, big.heads, big.ffn_dim, big.max_positions) == (1024, 16, 4096, 1024)
    assert tiny.marian_shape("Helsinki-NLP/opus-mt-zh-en", "real").vocab_size == 65001
    assert tiny.marian_shape("Helsinki-NLP/opus-mt-fr-en", "real").vocab_size == 58101
    # Tiny copies keep their small shape whatever the real vocabulary.
    assert tiny.marian_shape("Helsinki-NLP/opus-mt-zh-en", "tiny").vocab_size is None


@pytest.mark.parametrize("language", ["ar", "tr", "zh", "ja"])
def test_the_new_languages_train_on_their_own_word_lists(language: str) -> None:
    pytest.importorskip("wordfreq")
    from briefing.testing import wordcorpus

    lines = wordcorpus.synthetic_lines(language, 40)
    text = "".join(lines)
    assert lines == wordcorpus.synthetic_lines(language, 40)  # reproducible
    ascii_letters = sum(ch.isascii() and ch.isalpha() for ch in text)
    assert ascii_letters < 0.5 * sum(ch.isalpha() for ch in text) or language == "tr", language
    if language in ("zh", "ja"):
        assert text.count(" ") < len(lines), language  # words unspaced (a rare parenthesis adds one)
        assert "\u3002" in text
    if language == "tr":
        assert any(ch in text for ch in "ğışçöü")
