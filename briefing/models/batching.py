"""Length-sorted batching over one model's ``generate``: few calls, order restored."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing.models.engine import Seq2SeqModel


@dataclass(frozen=True)
class GenerationParams:
    """``max_new_tokens`` is the cap; with ``length_ratio`` a batch may generate at most
    ``length_ratio * longest input + length_slack`` tokens (translations: output length follows
    input length, and the bound stops runaway repetition loops early)."""

    max_new_tokens: int
    min_new_tokens: int = 0
    num_beams: int = 1
    length_ratio: float | None = None
    length_slack: int = 10

    def max_new_for(self, longest_input: int) -> int:
        if self.length_ratio is None:
            return self.max_new_tokens
        return max(1, min(self.max_new_tokens, int(self.length_ratio * longest_input) + self.length_slack))


def length_sorted_batches(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Indices grouped into batches of similar length (longest first), so padding stays small."""
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    size = max(1, batch_size)
    return [order[start : start + size] for start in range(0, len(order), size)]


def generate_ids(
    model: Seq2SeqModel,
    inputs: Sequence[Sequence[int]],
    params: GenerationParams,
    batch_size: int,
) -> list[list[int]]:
    """Generate for every input (``ceil(n / batch_size)`` calls); outputs in input order."""
    outputs: list[list[int] | None] = [None] * len(inputs)
    for batch in length_sorted_batches([len(ids) for ids in inputs], batch_size):
        batch_inputs = [inputs[i] for i in batch]
        max_new = params.max_new_for(max(len(ids) for ids in batch_inputs))
        generated = model.generate(
            batch_inputs,
            max_new_tokens=max_new,
            min_new_tokens=min(params.min_new_tokens, max_new),
            num_beams=params.num_beams,
        )
        if len(generated) != len(batch):
            raise RuntimeError(f"{model.model_id}: generate returned {len(generated)} rows for {len(batch)}")
        for index, ids in zip(batch, generated, strict=True):
            outputs[index] = list(ids)
    return [ids if ids is not None else [] for ids in outputs]


def generate_texts(
    model: Seq2SeqModel,
    texts: Sequence[str],
    params: GenerationParams,
    batch_size: int,
) -> list[str]:
    """Tokenize, generate in length-sorted batches, detokenize; one output text per input text."""
    if not texts:
        return []
    ids = model.tokenize(list(texts))
    return [model.detokenize(out) for out in generate_ids(model, ids, params, batch_size)]
