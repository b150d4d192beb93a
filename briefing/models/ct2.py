"""The ctranslate2 engine: int8 CPU inference behind the ``Seq2SeqModel`` boundary.

A model is converted once and cached on disk (:mod:`briefing.models.ct2_convert`); this module loads the
conversion with the model's Hugging Face tokenizer and generates.

Generation mirrors what ``transformers`` ``generate`` does for these models so greedy decoding gives the same
tokens as the torch engine: the decoder start token comes from the converted config,
``forced_bos_token_id`` is a ``target_prefix``, ``forced_eos_token_id`` is emulated (decode one token
fewer and close with EOS), and
``no_repeat_ngram_size`` / ``repetition_penalty`` / ``length_penalty`` / ``bad_words_ids`` come from the
model's generation config. Lengths count like ``min_new_tokens``/``max_new_tokens`` (checked in
``tests/bench/``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.errors import ModelUnavailable
from briefing.models.batching import engine_batch_size
from briefing.models.ct2_convert import (
    DEFAULT_COMPUTE_TYPE,
    SEPARATE_VOCABS,
    ensure_converted,
    has_separate_vocabs,
    read_target_vocabulary,
)
from briefing.models.engine import HFTokenizerSide

ENGINE = "ctranslate2"


@dataclass(frozen=True)
class GenerationDefaults:
    """The parts of a model's generation config that change which tokens come out."""

    decoder_start_token_id: int | None = None
    eos_token_id: int | None = None
    forced_bos_token_id: int | None = None
    forced_eos_token_id: int | None = None
    no_repeat_ngram_size: int = 0
    repetition_penalty: float = 1.0
    length_penalty: float = 1.0
    bad_words_ids: tuple[tuple[int, ...], ...] = ()
    max_position_embeddings: int | None = None


def read_generation_defaults(location: str | os.PathLike[str]) -> GenerationDefaults:
    """The generation settings torch would use, read through transformers' ``GenerationConfig``.

    Like ``from_pretrained`` of the model: ``generation_config.json`` when present, else ``config.json``
    read as a generation config (its legacy generation fields, class defaults for the rest), so both
    engines decode alike.
    """
    from transformers import AutoConfig, GenerationConfig

    folder = Path(location)
    # A folder: never the Hub (only briefing.models.resolve may go online, and not when offline).
    config = AutoConfig.from_pretrained(str(folder), local_files_only=True)
    try:
        generation = GenerationConfig.from_pretrained(str(folder), local_files_only=True)
    except OSError:
        # What transformers' ``GenerativePreTrainedModel.adjust_generation_fn`` does when a repo has no
        # generation_config.json (sshleifer/distilbart-cnn-12-6): building the model config pops the
        # generation fields, so ``from_model_config`` would lose num_beams 4, no_repeat_ngram_size 3 and
        # length_penalty 2.0; config.json is re-read as a generation config instead.
        generation = GenerationConfig.from_pretrained(
            str(folder), config_file_name="config.json", _from_model_config=True, local_files_only=True
        )
    eos = _first(generation.eos_token_id)
    if eos is None:
        eos = _first(getattr(config, "eos_token_id", None))
    return GenerationDefaults(
        decoder_start_token_id=_first(generation.decoder_start_token_id)
        if generation.decoder_start_token_id is not None
        else getattr(config, "decoder_start_token_id", None),
        eos_token_id=eos,
        forced_bos_token_id=generation.forced_bos_token_id,
        forced_eos_token_id=_first(generation.forced_eos_token_id),
        no_repeat_ngram_size=int(generation.no_repeat_ngram_size or 0),
        repetition_penalty=float(generation.repetition_penalty or 1.0),
        length_penalty=float(1.0 if generation.length_penalty is None else generation.length_penalty),
        bad_words_ids=tuple(tuple(int(i) for i in seq) for seq in generation.bad_words_ids or ()),
        max_position_embeddings=getattr(config, "max_position_embeddings", None),
    )


def _first(value: Any) -> int | None:
    """Several ids (EOS lists): the first is the one written at the end."""
    if isinstance(value, (list, tuple)):
        return int(value[0]) if value else None
    return None if value is None else int(value)


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class CTranslate2Seq2SeqModel(HFTokenizerSide):
    """A converted model plus its Hugging Face tokenizer; implements the ``Seq2SeqModel`` protocol."""

    engine = ENGINE

    def __init__(
        self,
        model_id: str,
        location: str,
        translator: Any,
        tokenizer: Any,
        defaults: GenerationDefaults,
        *,
        max_input_tokens: int,
        target_vocabulary: frozenset[str] | None = None,
        weights_dir: str | None = None,
        workers: int = 1,
    ) -> None:
        self.model_id = model_id
        self.workers = workers  # the translator's inter_threads
        self.location = location
        self.weights_dir = weights_dir
        self.max_input_tokens = max_input_tokens
        self._translator = translator
        # As ctranslate2 resolved it (an fp32-saved model's "int8" runs as "int8_float32"); digests record it.
        self.compute_type = str(getattr(translator, "compute_type", "") or "")
        self._init_tokenizer(tokenizer, location)
        self._defaults = defaults
        self._prefix = (
            tokenizer.convert_ids_to_tokens([defaults.forced_bos_token_id])
            if defaults.forced_bos_token_id is not None
            else None
        )
        # Marian's bad word is <pad>, which the converter drops from the vocabulary: nothing to suppress.
        suppress = [tokenizer.convert_ids_to_tokens(list(seq)) for seq in defaults.bad_words_ids]
        self._suppress = [
            seq for seq in suppress if target_vocabulary is None or all(t in target_vocabulary for t in seq)
        ]

    def generate(
        self,
        batch_ids: Sequence[Sequence[int]],
        *,
        max_new_tokens: int,
        min_new_tokens: int = 0,
        num_beams: int = 1,
    ) -> list[list[int]]:
        """Generated ids per input, in input order: no decoder start token, stopped before EOS.

        The inputs are one batch of the caller's (``briefing.models.batching`` sizes batches); ctranslate2
        sorts them by length and splits them into batches of :func:`engine_batch_size` inputs, which its
        workers decode side by side.
        """
        if not batch_ids:
            return []
        self._check_input_lengths(batch_ids)
        max_len, min_len = self._lengths(max_new_tokens, min_new_tokens)
        with self._tokenizer_lock:
            sources = [self._tokenizer.convert_ids_to_tokens(list(ids)) for ids in batch_ids]
        options: dict[str, Any] = {
            "beam_size": max(1, num_beams),
            "max_decoding_length": max_len,
            "min_decoding_length": min_len,
            "max_batch_size": engine_batch_size([len(ids) for ids in batch_ids], num_beams, self.workers),
            "batch_type": "examples",
            "return_scores": False,
            "return_end_token": False,
            "no_repeat_ngram_size": self._defaults.no_repeat_ngram_size,
            "repetition_penalty": self._defaults.repetition_penalty,
            # transformers ignores the length penalty in greedy search; so does ctranslate2 with beam 1
            "length_penalty": self._defaults.length_penalty,
        }
        if self._suppress:
            options["suppress_sequences"] = self._suppress
        if self._prefix is not None:
            options["target_prefix"] = [list(self._prefix) for _ in sources]
        results = self._translator.translate_batch(sources, **options)
        with self._tokenizer_lock:
            return [list(self._tokenizer.convert_tokens_to_ids(r.hypotheses[0])) for r in results]

    def _lengths(self, max_new_tokens: int, min_new_tokens: int) -> tuple[int, int]:
        """ctranslate2's lengths count like transformers' new tokens (forced BOS prefix included).

        With ``forced_eos_token_id`` transformers spends the last allowed step on EOS, which the protocol
        strips: decode one token fewer.
        """
        max_len = max(1, max_new_tokens)
        if self._defaults.forced_eos_token_id is not None and max_len > 1:
            max_len -= 1
        return max_len, max(0, min(min_new_tokens, max_len))


def load_ct2_model(
    model_id: str,
    location: str | os.PathLike[str],
    *,
    revision: str | None,
    local: bool,
    compute_type: str = DEFAULT_COMPUTE_TYPE,
    workers: int = 1,
    intra_threads: int | None = None,
) -> CTranslate2Seq2SeqModel:
    """Convert (cached) and load ``model_id`` from ``location`` (what ``briefing.models.cache`` calls).

    Raises :class:`ModelUnavailable` when ctranslate2 is missing or the model does not convert; the models
    cache then falls back to torch. Quantization of the cached conversion follows ``compute_type``.
    ``workers`` batches are decoded side by side (ctranslate2's ``inter_threads``, one copy of the weights),
    each on ``intra_threads`` threads.
    """
    try:
        import ctranslate2
    except ImportError as err:
        raise ModelUnavailable(model_id, f"ctranslate2 not importable: {err}") from None
    from transformers import AutoTokenizer

    if has_separate_vocabs(location):  # before converting: the conversion would be wasted
        raise ModelUnavailable(model_id, SEPARATE_VOCABS)
    converted = ensure_converted(model_id, location, revision, local=local, quantization=compute_type)
    workers = max(1, workers)
    try:
        translator = ctranslate2.Translator(
            str(converted),
            device="cpu",
            compute_type=compute_type,
            inter_threads=workers,
            intra_threads=intra_threads or max(1, available_cores() // workers),
        )
        tokenizer = AutoTokenizer.from_pretrained(str(location), local_files_only=True)
        defaults = read_generation_defaults(location)
    except Exception as err:  # a broken cache entry or tokenizer: one line, then torch takes over
        raise ModelUnavailable(model_id, f"ctranslate2 load failed: {err}") from None
    if getattr(tokenizer, "separate_vocabs", False):
        # The converter writes one shared vocabulary, so source and target ids would be mixed up: such a
        # model decodes correctly only under torch (the models cache falls back to it).
        raise ModelUnavailable(model_id, SEPARATE_VOCABS)
    return CTranslate2Seq2SeqModel(
        model_id,
        str(location),
        translator,
        tokenizer,
        defaults,
        max_input_tokens=_max_input_tokens(defaults, tokenizer),
        target_vocabulary=read_target_vocabulary(converted),
        weights_dir=str(converted),
        workers=workers,
    )


def _max_input_tokens(defaults: GenerationDefaults, tokenizer: Any) -> int:
    limits = [defaults.max_position_embeddings or 512]
    model_max = getattr(tokenizer, "model_max_length", None)
    if isinstance(model_max, int) and 0 < model_max < 1_000_000:
        limits.append(model_max)
    return min(limits)
