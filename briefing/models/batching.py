"""Length-sorted batching over one model's ``generate``: few calls, order restored; and the memory caps
every engine splits a call's batch by (source tokens, beams counted)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing.memory import return_freed_memory
from briefing.models.engine import Seq2SeqModel

# An engine call's batch is split by source tokens, not by count, so peak memory stays bounded whatever the
# batch size setting while short sentences still batch widely. Two things grow with a batch: the encoder's
# attention scores (batch x heads x length^2 floats per layer) and, in beam search, the decoder's
# cross-attention keys/values, held for every hypothesis (source tokens x beams x layers x 2 x d_model).
# Measured on the real-size distilbart (ctranslate2 int8, 2 cores): four 900-token chunks at beam 4 add
# ~0.35 GB while decoding; nine (the old 8192-token cap) added ~1 GB, at no gain in speed. ctranslate2 splits
# a call itself (``max_batch_size`` from :func:`engine_batch_size`); the torch engine splits with
# :func:`token_capped`.
MAX_BATCH_TOKENS = 4096
MAX_BATCH_HYPOTHESIS_TOKENS = 16384
# ctranslate2's workers (``briefing.models.cpu``) decode batches side by side, each with its own buffers, so
# the batches of all workers together stay within this budget. Measured on the real-size distilbart (22
# chunks of 250-900 tokens, beam 4, 2 cores): 1 worker x 4 chunks peaked at 718-776 MB; 2 workers x 3 chunks
# at 862 MB and x 4 at 937 MB, as fast as x 3 (25.9 s and 25.8 s).
MAX_INFLIGHT_HYPOTHESIS_TOKENS = 24576
# With several workers a call is split into rounds of one batch per worker, all batches of one size (the
# last one short), so that no worker idles while another decodes a batch of its own. A batch holds at most
# this many inputs: beyond it, a bigger batch gains nothing on one thread (measured with 2 workers on the
# real-size opus-mt-en-de: 46 sentences in batches of 8 or 12 took 3.1-3.5 s, of 16 3.8-4.2 s, of 32 4.5 s).
MAX_WORKER_BATCH = 16


def batch_token_cap(longest: int, beams: int, workers: int = 1) -> int:
    """Source tokens per engine batch: the memory caps above, never below one input."""
    hypotheses = MAX_BATCH_HYPOTHESIS_TOKENS
    if workers > 1:
        hypotheses = min(hypotheses, MAX_INFLIGHT_HYPOTHESIS_TOKENS // workers)
    return max(longest, min(MAX_BATCH_TOKENS, hypotheses // max(1, beams)))


def engine_batch_size(lengths: Sequence[int], beams: int, workers: int = 1) -> int:
    """Inputs per engine batch for one call over inputs of ``lengths`` (ctranslate2 sorts them by length and
    splits them into batches of this many): within :func:`batch_token_cap` at the longest input and, with
    several workers, the call spread evenly over as few rounds of ``workers`` batches as that cap and
    :data:`MAX_WORKER_BATCH` allow (6 inputs on 2 workers: 2 batches of 3, not 3 of 2 in two rounds)."""
    if not lengths:
        return 1
    longest = max(1, max(lengths))
    cap = max(1, batch_token_cap(longest, beams, workers) // longest)
    if workers <= 1:
        return cap
    per_batch = min(cap, MAX_WORKER_BATCH)
    rounds = -(-len(lengths) // (workers * per_batch))
    return max(1, -(-len(lengths) // (workers * rounds)))


def token_capped(lengths: Sequence[int], beams: int) -> list[slice]:
    """Consecutive runs of inputs (in the given order) whose padded source tokens stay within
    :func:`batch_token_cap`: a run of n inputs padded to its longest, w, holds n x w tokens."""
    runs: list[slice] = []
    start, longest = 0, 0
    for i, length in enumerate(lengths):
        wider = max(longest, length)
        if i > start and wider * (i - start + 1) > batch_token_cap(wider, beams):
            runs.append(slice(start, i))
            start, wider = i, length
        longest = wider
    if lengths:
        runs.append(slice(start, len(lengths)))
    return runs


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
    """Indices grouped into batches of similar length (longest first), so padding stays small: as few
    batches as ``batch_size`` allows, of sizes at most one apart (37 inputs at 32: 19 and 18, not 32 and a
    straggler of 5 that costs a call of its own for little work)."""
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    count = -(-len(order) // max(1, batch_size))
    bounds = [round(k * len(order) / count) for k in range(count + 1)] if count else [0]
    return [order[start:end] for start, end in zip(bounds, bounds[1:], strict=False)]


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
