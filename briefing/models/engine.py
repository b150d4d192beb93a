"""The one boundary every seq2seq engine implements (torch now, ctranslate2 in ``ct2.py``).

Callers (summarize, translate) work in token ids: they ``tokenize`` without
truncation, chunk/batch themselves, ``generate`` and ``detokenize``. Nothing
outside the engine modules imports torch or ctranslate2.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable


@runtime_checkable
class Seq2SeqModel(Protocol):
    """A loaded encoder-decoder model with its tokenizer.

    - ``model_id``: the id it was requested under (e.g. ``Helsinki-NLP/opus-mt-fr-en``).
    - ``location``: the folder it was loaded from.
    - ``engine``: ``"torch"`` or ``"ctranslate2"``.
    - ``max_input_tokens``: the longest input (special tokens included) the encoder takes.
    """

    model_id: str
    location: str
    engine: str
    max_input_tokens: int

    def tokenize(self, texts: Sequence[str]) -> list[list[int]]:
        """Input ids per text, special tokens included, never truncated."""
        ...

    def generate(
        self,
        batch_ids: Sequence[Sequence[int]],
        *,
        max_new_tokens: int,
        min_new_tokens: int = 0,
        num_beams: int = 1,
    ) -> list[list[int]]:
        """One output per input, in input order: generated ids without the decoder start token,
        stopped before the end-of-sequence token, no padding."""
        ...

    def detokenize(self, ids: Sequence[int]) -> str:
        """Text of generated ids, special tokens skipped."""
        ...
