"""The BERT encoder of all-MiniLM-L6-v2 in plain torch: the same operations, in the same order, as
``transformers``' ``BertModel`` (eval mode, SDPA attention), without importing its modelling stack.

Importing ``transformers.models.bert`` pulls in ``modeling_utils``, ``masking_utils``, the loss and
generation modules and ``torch._dynamo``: several seconds of every run's first MiniLM call (more than the
embedding itself), for a 6-layer encoder that is a dozen tensor operations per layer. The tokenizer is the
package's ``tokenizer.json`` run by ``tokenizers`` with the truncation and padding ``transformers`` applies.
``tests/models/test_bert_encoder.py`` checks ids and hidden states equal ``transformers``' exactly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.models.cpu import EMBEDDING_PRECISIONS


@dataclass(frozen=True)
class BertConfig:
    layers: int
    heads: int
    eps: float
    activation: str

    @classmethod
    def read(cls, folder: Path) -> BertConfig:
        data = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        if data.get("model_type") != "bert" or data.get("position_embedding_type", "absolute") != "absolute":
            raise ValueError(f"{folder}: not an absolute-position BERT encoder")
        return cls(
            int(data["num_hidden_layers"]),
            int(data["num_attention_heads"]),
            float(data["layer_norm_eps"]),
            str(data["hidden_act"]),
        )


def load_tokenizer(folder: Path, max_length: int) -> Any:
    """``tokenizer.json`` with truncation to ``max_length`` and padding to the longest text of a batch (what
    ``tokenizer(texts, padding=True, truncation=True, max_length=...)`` does), not the file's fixed 128."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=max_length)
    pad = tokenizer.token_to_id("[PAD]")
    tokenizer.enable_padding(pad_id=pad, pad_type_id=0, pad_token="[PAD]")
    return tokenizer


class BertEncoder:
    """Last hidden states of a BERT encoder (no pooler) on CPU, returned as float32.

    ``precision`` ``"bfloat16"`` runs the layers in bfloat16 (weights converted once, at load); the
    embedding tables stay float32, as their three rows are summed before the first LayerNorm. ``"float32"``
    is ``transformers``' computation exactly.
    """

    def __init__(self, folder: Path, precision: str = "float32") -> None:
        import torch
        from safetensors.torch import load_file

        if precision not in EMBEDDING_PRECISIONS:
            raise ValueError(f"precision {precision!r} is not float32 or bfloat16")
        self.config = BertConfig.read(folder)
        if self.config.activation != "gelu":
            raise ValueError(f"{folder}: activation {self.config.activation!r} is not gelu")
        self.dtype = getattr(torch, precision)
        weights = load_file(str(folder / "model.safetensors"), device="cpu")
        self.w = {name: t if _is_table(name) else t.to(self.dtype) for name, t in weights.items()}

    def __call__(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
        import torch
        from torch.nn import functional as F

        w, cfg = self.w, self.config
        batch, length = input_ids.shape
        hidden = w["embeddings.word_embeddings.weight"].shape[1]
        head = hidden // cfg.heads
        x = F.embedding(input_ids, w["embeddings.word_embeddings.weight"])
        x = x + F.embedding(token_type_ids, w["embeddings.token_type_embeddings.weight"])
        positions = torch.arange(length)[None, :]
        x = x + F.embedding(positions, w["embeddings.position_embeddings.weight"])
        x = self._norm(x.to(self.dtype), "embeddings.LayerNorm")
        # As transformers' SDPA mask: none without padding, else a boolean (batch, 1, length, length) mask.
        mask = None
        if not bool(attention_mask.all()):
            mask = attention_mask.bool()[:, None, None, :].expand(batch, 1, length, length)
        for i in range(cfg.layers):
            p = f"encoder.layer.{i}."

            def heads(name: str, x: Any = x, p: str = p) -> Any:
                return self._linear(x, p + name).view(batch, length, -1, head).transpose(1, 2)

            q, k, v = (
                heads("attention.self.query"),
                heads("attention.self.key"),
                heads("attention.self.value"),
            )
            attended = F.scaled_dot_product_attention(
                q, k, v, attn_mask=mask, dropout_p=0.0, scale=head**-0.5, is_causal=False
            )
            attended = attended.reshape(batch, -1, length, head).transpose(1, 2).contiguous()
            attended = attended.reshape(batch, length, -1).contiguous()
            x = self._norm(
                self._linear(attended, p + "attention.output.dense") + x, p + "attention.output.LayerNorm"
            )
            inner = F.gelu(self._linear(x, p + "intermediate.dense"))
            x = self._norm(self._linear(inner, p + "output.dense") + x, p + "output.LayerNorm")
        return x.float()

    def _linear(self, x: Any, name: str) -> Any:
        from torch.nn import functional as F

        return F.linear(x, self.w[name + ".weight"], self.w[name + ".bias"])

    def _norm(self, x: Any, name: str) -> Any:
        from torch.nn import functional as F

        weight = self.w[name + ".weight"]
        return F.layer_norm(x, weight.shape, weight, self.w[name + ".bias"], self.config.eps)


def _is_table(name: str) -> bool:
    """An embedding table (word, position, token type), which stays float32 whatever the precision."""
    return name.startswith("embeddings.") and name.endswith("_embeddings.weight")
