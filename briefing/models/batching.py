"""Length-sorted batching over one model's ``generate``: few calls, order restored."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing.memory import return_freed_memory
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
    # With ``min_ratio`` a batch must generate at least min(min_new_tokens, min_ratio * shortest input):
    # a short input is never forced into a long output (the model would have to invent text).
    min_ratio: float | None = None

    def max_new_for(self, longest_input: int) -> int:
        if self.length_ratio is None:
            return self.max_new_tokens
        return max(1, min(self.max_new_tokens, int(self.length_ratio * longest_input) + self.length_slack))

    def min_new_for(self, shortest_input: int, max_new: int) -> int:
        floor = self.min_new_tokens
        if self.min_ratio is not None:
            floor = min(floor, int(self.min_ratio * shortest_input))
        return max(0, min(floor, max_new))


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
    return [ids for ids, _ in generate_capped(model, inputs, params, batch_size)]


def generate_capped(
    model: Seq2SeqModel,
    inputs: Sequence[Sequence[int]],
    params: GenerationParams,
    batch_size: int,
) -> list[tuple[list[int], int]]:
    """Like :func:`generate_ids`, with the ``max_new_tokens`` each output was generated under (so callers
    can tell an output that reached its cap)."""
    outputs: list[tuple[list[int], int] | None] = [None] * len(inputs)
    for batch in length_sorted_batches([len(ids) for ids in inputs], batch_size):
        batch_inputs = [inputs[i] for i in batch]
        max_new = params.max_new_for(max(len(ids) for ids in batch_inputs))
        generated = model.generate(
            batch_inputs,
            max_new_tokens=max_new,
            min_new_tokens=params.min_new_for(min(len(ids) for ids in batch_inputs), max_new),
            num_beams=params.num_beams,
        )
        if len(generated) != len(batch):
            raise RuntimeError(f"{model.model_id}: generate returned {len(generated)} rows for {len(batch)}")
        for index, ids in zip(batch, generated, strict=True):
            outputs[index] = (list(ids), max_new)
    return_freed_memory()  # beam-search buffers freed in this thread's arena, unusable by other threads
    return [out if out is not None else ([], params.max_new_tokens) for out in outputs]
