"""The limit variant: the engine's floor on this CPU for the very sequences Briefing generated from.

Briefing's first run records every ``generate`` call's inputs (token ids: the pipeline's own chunks and
translation units, both summary passes included) and lengths (``bench.instrument.Recorder``). Here each
model is loaded once, as Briefing loads it (``briefing.models.cache.load_seq2seq``: the same converted
model, compute type, workers and threads for this CPU), and all its sequences go to ctranslate2's
``translate_batch`` in one length-sorted call with the decoding options Briefing's engine passes (beams,
the fixed lengths, ``no_repeat_ngram_size``, length penalty, suppressed sequences, a forced first token),
batched by example count; the workers decode its batches side by side. The call is timed once per
candidate batch size (``--limit-batch-sizes``) after an untimed warm-up; the fastest is the model's floor.
Briefing's own batching (per model, capped by source tokens x beams, in several calls) is then reported
against it, model by model.

What the floor leaves out: cleaning, the pipeline's stages, Prefect, files, and any cost of Briefing's
batches being smaller or in several calls. It is a lower bound of ``generate``, not of a run.
"""

from __future__ import annotations

import time
from typing import Any

DEFAULT_BATCH_SIZES = (4, 8, 16, 32)
# Memory guard: a batch size is tried only while batch x longest input x beams stays within this many
# hypothesis tokens (twice Briefing's own cap, briefing.models.batching.MAX_BATCH_HYPOTHESIS_TOKENS): beyond
# it the decoder's cross-attention cache of the real-size summarizer alone passes 1.5 GB on a machine others
# share.
# The smallest size is always tried.
HYPOTHESIS_TOKEN_GUARD = 32768


def parse_batch_sizes(text: str) -> tuple[int, ...]:
    """``"4,8,16"`` -> (4, 8, 16); empty: the defaults. Raises ValueError naming a bad entry."""
    if not text.strip():
        return DEFAULT_BATCH_SIZES
    sizes = []
    for part in text.split(","):
        part = part.strip()
        if not part.isdigit() or int(part) < 1:
            raise ValueError(f"limit batch size {part!r} is not a positive whole number")
        sizes.append(int(part))
    return tuple(dict.fromkeys(sizes))


def group_calls(calls: list[dict[str, Any]]) -> dict[tuple[int, int, int], list[list[int]]]:
    """A model's recorded calls as sequences per (max_new_tokens, min_new_tokens, beams), shortest first.

    The bench fixes each model's lengths, so a model normally has one group: one call here.
    """
    groups: dict[tuple[int, int, int], list[list[int]]] = {}
    for call in calls:
        key = (int(call["max_new_tokens"]), int(call["min_new_tokens"]), int(call["num_beams"]))
        groups.setdefault(key, []).extend(call["ids"])
    return {key: sorted(seqs, key=len) for key, seqs in groups.items()}


def decode_options(model: Any, max_new_tokens: int, min_new_tokens: int, beams: int) -> dict[str, Any]:
    """What ``CTranslate2Seq2SeqModel.generate`` passes to ``translate_batch``, less its batching."""
    defaults = model._defaults  # the engine's generation defaults (read from the model's files)
    max_len, min_len = model._lengths(max_new_tokens, min_new_tokens)
    options: dict[str, Any] = {
        "beam_size": max(1, beams),
        "max_decoding_length": max_len,
        "min_decoding_length": min_len,
        "return_scores": False,
        "return_end_token": False,
        "no_repeat_ngram_size": defaults.no_repeat_ngram_size,
        "repetition_penalty": defaults.repetition_penalty,
        "length_penalty": defaults.length_penalty,
    }
    if model._suppress:
        options["suppress_sequences"] = model._suppress
    return options


def _translate(model: Any, sources: list[list[str]], options: dict[str, Any], batch_size: int) -> float:
    extra = {"target_prefix": [list(model._prefix) for _ in sources]} if model._prefix is not None else {}
    started = time.perf_counter()
    model._translator.translate_batch(
        sources, max_batch_size=batch_size, batch_type="examples", **options, **extra
    )
    return time.perf_counter() - started


def allowed_sizes(calls: list[dict[str, Any]], sizes: tuple[int, ...], workers: int = 1) -> tuple[int, ...]:
    """The candidate sizes within :data:`HYPOTHESIS_TOKEN_GUARD` for these calls (the smallest always),
    shared by the ``workers`` batches decoded side by side."""
    lengths, beams = _shape(calls)
    longest = max(lengths, default=1)
    guard = HYPOTHESIS_TOKEN_GUARD // max(1, workers)
    kept = tuple(n for n in sizes if n * longest * max(1, beams) <= guard)
    return kept or (min(sizes),)


def _shape(calls: list[dict[str, Any]]) -> tuple[list[int], int]:
    """The input lengths of all these calls, and their widest beam."""
    lengths = [len(ids) for call in calls for ids in call["ids"]]
    return lengths, max((int(call["num_beams"]) for call in calls), default=1)


def limit_model(model: Any, calls: list[dict[str, Any]], sizes: tuple[int, ...]) -> dict[str, Any]:
    """Time every candidate batch size over all of one model's sequences; the fastest is its floor.

    Besides ``sizes``, the one :func:`~briefing.models.batching.engine_batch_size` gives for all of them in
    one call (even rounds of one batch per worker), so the floor is never a split Briefing's own beats.
    """
    from briefing.models.batching import engine_batch_size

    workers = getattr(model, "workers", 1)
    own_split = engine_batch_size(*_shape(calls), workers)
    tried = tuple(sorted({*allowed_sizes(calls, sizes, workers), own_split}))
    seconds = dict.fromkeys(tried, 0.0)
    sequences = tokens = 0
    for (max_new, min_new, beams), ids in group_calls(calls).items():
        sources = [model._tokenizer.convert_ids_to_tokens(seq) for seq in ids]
        options = decode_options(model, max_new, min_new, beams)
        # Untimed warm-up (first-call allocations): the shortest input, two steps.
        _translate(model, sources[:1], {**options, "max_decoding_length": 2, "min_decoding_length": 0}, 1)
        for size in tried:
            seconds[size] += _translate(model, sources, options, size)
        sequences += len(ids)
        tokens += max_new * len(ids)  # fixed lengths: as bench.instrument counts them
    best = min(seconds, key=lambda size: seconds[size])
    return {
        "sequences": sequences,
        "tokens": tokens,
        "seconds_by_batch_size": {str(k): round(v, 3) for k, v in seconds.items()},
        "best_batch_size": best,
        "not_tried": [n for n in sizes if n not in tried],  # over the memory guard
        "seconds": round(seconds[best], 3),
    }


def run_limit(recorded: dict[str, Any], settings: Any, sizes: tuple[int, ...]) -> dict[str, Any]:
    """Load each recorded model once (as Briefing does), time its floor, release it; the JSON report."""
    from briefing.models import cache
    from briefing.models.cpu import engine_label

    began = time.perf_counter()
    per_model: dict[str, Any] = {}
    engines: dict[str, str] = {}
    load_s = 0.0
    skipped: dict[str, str] = {}
    for model_id, calls in sorted(recorded.get("models", {}).items()):
        started = time.perf_counter()
        model = cache.load_seq2seq(model_id, settings)
        load_s += time.perf_counter() - started
        engines[model_id] = engine_label(model)
        if getattr(model, "engine", "") != "ctranslate2":  # e.g. separate vocabularies: torch only
            skipped[model_id] = f"loaded with {engines[model_id]}, not ctranslate2"
        else:
            per_model[model_id] = limit_model(model, calls, sizes)
        cache.clear_model_cache()  # each model loaded once, one at a time
    generate_s = sum(row["seconds"] for row in per_model.values())
    return {
        "articles": 0,  # no pipeline: generate only
        "run_s": round(time.perf_counter() - began, 3),
        "generate_s": round(generate_s, 3),
        "generated_sequences": sum(row["sequences"] for row in per_model.values()),
        "new_tokens": sum(row["tokens"] for row in per_model.values()),
        "generate_calls": len(per_model),
        "model_load_s": round(load_s, 3),
        "model_loads": len(engines),
        "batch_sizes": list(sizes),
        "engines": dict(sorted(engines.items())),
        "per_model": per_model,
        "skipped": skipped,
    }
