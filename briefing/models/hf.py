"""Quiet, offline-friendly defaults for transformers/huggingface_hub (imported lazily, never at startup)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager

_DONE = False


def quiet_transformers() -> None:
    """Silence progress bars and advice warnings that would flood CLI output and logs."""
    global _DONE
    if _DONE:
        return
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    # MarianTokenizer only recommends sacremoses (punctuation normalisation); it works without it.
    warnings.filterwarnings("ignore", message="Recommended: pip install sacremoses")
    _DONE = True


@contextmanager
def no_advice_warnings() -> Iterator[None]:
    """Around tokenizer loads: test runners reset warning filters, so filter locally too."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Recommended: pip install sacremoses")
        yield
