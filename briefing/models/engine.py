"""The one boundary every seq2seq engine implements (torch now, ctranslate2 in ``ct2.py``).

Callers (summarize, translate) work in token ids: they ``tokenize`` without
truncation, chunk/batch themselves, ``generate`` and ``detokenize``. Nothing
outside the engine modules imports torch or ctranslate2.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from briefing.models.opus_text import opus_preprocess


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


_TARGET_TOKEN = re.compile(r"^(>>[^<>\s]+<<)\s*")
_LANGUAGE_TOKEN = re.compile(r">>[^<>\s]+<<")


def _split_target_token(text: str) -> tuple[str, str]:
    match = _TARGET_TOKEN.match(text)
    return (match.group(1), text[match.end() :]) if match else ("", text)


def read_text_prefix(location: str | os.PathLike[str]) -> str:
    """The ``prefix`` a model's config.json asks for before every input (distilbart-cnn: " ")."""
    path = Path(location) / "config.json"
    try:
        value = json.loads(path.read_text(encoding="utf-8")).get("prefix")
    except (OSError, ValueError):
        return ""
    return value if isinstance(value, str) else ""


class HFTokenizerSide:
    """The tokenizer half both engines share: a Hugging Face tokenizer, used one thread at a time.

    Fast (Rust) tokenizers raise "Already borrowed" when two threads use one at once, and Prefect
    runs tasks in threads. Subclasses call ``_init_tokenizer`` and set ``model_id``/``max_input_tokens``.
    """

    model_id: str
    max_input_tokens: int

    def _init_tokenizer(self, tokenizer: Any, location: str | None = None) -> None:
        self._tokenizer = tokenizer
        self._tokenizer_lock = threading.Lock()
        self._text_prefix = read_text_prefix(location) if location else ""
        # opus-mt input goes through OPUS-MT-train's own preprocess-spm.sh steps (briefing.models.opus_text),
        # which transformers 5's MarianTokenizer does not apply; not Moses normalisation, which rewrote
        # numbers grouped with non-breaking spaces ("5 000" -> "5.000").
        self._opus = type(tokenizer).__name__ == "MarianTokenizer"
        self._language_tokens: frozenset[str] | None = None

    def prepare(self, text: str) -> str:
        """The text as the model was trained on it: OPUS-MT's preprocessing (opus-mt), the config's
        ``prefix`` (distilbart's " "), a leading ``>>xx<<`` target token kept in front."""
        code, rest = _split_target_token(text)
        if self._opus:
            rest = opus_preprocess(rest)
        return f"{code} {rest}" if code else self._text_prefix + rest

    def language_tokens(self) -> frozenset[str]:
        """The ``>>xx<<`` target-language tokens of the vocabulary (empty for a single-target model)."""
        if self._language_tokens is None:
            with self._tokenizer_lock:
                vocab = self._tokenizer.get_vocab()
            self._language_tokens = frozenset(t for t in vocab if _LANGUAGE_TOKEN.fullmatch(t))
        return self._language_tokens

    def tokenize(self, texts: Sequence[str]) -> list[list[int]]:
        """Input ids per text, special tokens included, never truncated (callers chunk)."""
        if not texts:
            return []
        prepared = [self.prepare(t) for t in texts]
        with self._tokenizer_lock:
            encoded = self._tokenizer(prepared, add_special_tokens=True, truncation=False, padding=False)
        return [list(ids) for ids in encoded["input_ids"]]

    def detokenize(self, ids: Sequence[int]) -> str:
        kwargs: dict[str, Any] = {"skip_special_tokens": True}
        if type(self._tokenizer).__name__ == "MarianTokenizer":
            kwargs["use_source_tokenizer"] = False  # outputs are target-language pieces
        with self._tokenizer_lock:
            return self._tokenizer.decode(list(ids), **kwargs).strip()

    def _check_input_lengths(self, batch_ids: Sequence[Sequence[int]]) -> None:
        too_long = [len(ids) for ids in batch_ids if len(ids) > self.max_input_tokens]
        if too_long:  # callers chunk; silently truncating here would lose text
            raise ValueError(
                f"{self.model_id}: input of {max(too_long)} tokens exceeds {self.max_input_tokens}"
            )
