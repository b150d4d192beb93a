"""The torch engine: transformers ``AutoModelForSeq2SeqLM`` + ``AutoTokenizer``, fp32 on CPU.

The only module (with ``ct2.py``) that imports torch/transformers; everything
else goes through :class:`briefing.models.engine.Seq2SeqModel`.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from briefing.errors import ModelUnavailable, one_line
from briefing.models.batching import token_capped
from briefing.models.engine import HFTokenizerSide
from briefing.models.hf import no_advice_warnings, quiet_transformers
from briefing.models.resolve import ResolvedModel

# Tokenizers without a real limit report a huge sentinel; never trust it over the model's positions.
_HUGE = 10**8


class TorchSeq2Seq(HFTokenizerSide):
    engine = "torch"

    def __init__(self, resolved: ResolvedModel, model: Any, tokenizer: Any) -> None:
        self.model_id = resolved.model_id
        self.location = resolved.location
        self.revision = resolved.revision
        self._model = model
        self._init_tokenizer(tokenizer, resolved.location)
        self.max_input_tokens = input_limit(model.config, tokenizer)
        config = model.config
        self._pad_id = _first_int(config.pad_token_id, tokenizer.pad_token_id, 0)
        gen = model.generation_config
        self._eos_ids = set(_as_list(gen.eos_token_id) or _as_list(config.eos_token_id))
        self._start_id = _first_int(gen.decoder_start_token_id, config.decoder_start_token_id, self._pad_id)

    def generate(
        self,
        batch_ids: Sequence[Sequence[int]],
        *,
        max_new_tokens: int,
        min_new_tokens: int = 0,
        num_beams: int = 1,
    ) -> list[list[int]]:
        import torch

        if not batch_ids:
            return []
        self._check_input_lengths(batch_ids)
        config = self._generation_config(max_new_tokens, min_new_tokens, num_beams)
        out: list[list[int]] = []
        # Split as ctranslate2 does, by source tokens with the beams counted: memory stays bounded whatever
        # the batch size setting.
        for run in token_capped([len(ids) for ids in batch_ids], num_beams):
            part = batch_ids[run]
            width = max(len(ids) for ids in part)
            input_ids = torch.full((len(part), width), self._pad_id, dtype=torch.long)
            mask = torch.zeros((len(part), width), dtype=torch.long)
            for row, ids in enumerate(part):
                input_ids[row, : len(ids)] = torch.tensor(list(ids), dtype=torch.long)
                mask[row, : len(ids)] = 1
            with torch.inference_mode():
                generated = self._model.generate(
                    input_ids=input_ids, attention_mask=mask, generation_config=config
                )
            out += [self._strip(row) for row in generated.tolist()]
        return out

    def _generation_config(self, max_new_tokens: int, min_new_tokens: int, num_beams: int) -> Any:
        config = copy.deepcopy(self._model.generation_config)
        # The model's own length limits would fight ours (and warn); ours win.
        config.max_length = None
        config.min_length = 0
        config.max_new_tokens = max_new_tokens
        config.min_new_tokens = min(min_new_tokens, max_new_tokens)
        config.num_beams = max(1, num_beams)
        config.do_sample = False
        if config.num_beams == 1:
            config.early_stopping = False
            config.length_penalty = 1.0
        return config

    def _strip(self, row: list[int]) -> list[int]:
        if row and row[0] == self._start_id:
            row = row[1:]
        out = []
        for token in row:
            if token in self._eos_ids:
                break
            if token != self._pad_id:
                out.append(token)
        return out


def input_limit(config: Any, tokenizer: Any) -> int:
    """The encoder's input limit: positions of the config, capped by the tokenizer's max length."""
    limit = getattr(config, "max_position_embeddings", None) or 512
    tok_limit = getattr(tokenizer, "model_max_length", None)
    if isinstance(tok_limit, int) and 0 < tok_limit < _HUGE:
        limit = min(limit, tok_limit)
    return int(limit)


def load_torch_model(resolved: ResolvedModel) -> TorchSeq2Seq:
    """Load weights and tokenizer from ``resolved.location`` (fp32, eval mode, CPU)."""
    quiet_transformers()
    try:
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        # A resolved folder: loading never asks the Hub (only resolve_model may, and not when offline).
        with no_advice_warnings():
            tokenizer = AutoTokenizer.from_pretrained(resolved.location, local_files_only=True)
        model = AutoModelForSeq2SeqLM.from_pretrained(
            resolved.location, dtype=torch.float32, local_files_only=True
        )
    except Exception as err:  # broken or partial folders fail in many ways; all mean "unusable"
        reason = one_line(err)
        raise ModelUnavailable(
            resolved.model_id, f"failed to load from {resolved.location}: {reason}"
        ) from None
    model.eval()
    return TorchSeq2Seq(resolved, model, tokenizer)


def _as_list(value: Any) -> list[int]:
    if value is None:
        return []
    return [int(v) for v in value] if isinstance(value, (list, tuple)) else [int(value)]


def _first_int(*values: Any) -> int:
    for value in values:
        if isinstance(value, int):
            return value
    return 0
