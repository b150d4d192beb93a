"""Measuring the shipped pipeline from the outside, without changing what it computes.

``install(counters, lengths)`` wraps, in this process only:

- ``briefing.models.cache._load``: seconds spent loading models, and which engine each got (with its compute
  type, CPU tier and threads: ``briefing.models.cpu.engine_label``);
- ``briefing.discussion.discuss_digests``: seconds spent on what readers say (embedding and grouping
  comments, the MiniLM load included), returned by :func:`time_discussion`;
- ``generate`` of both engines: calls, sequences, decoding steps and seconds. With ``lengths`` (a
  :class:`FixedLengths`) every call decodes exactly a fixed number of tokens: a summarizer's call its
  ``max_new_tokens`` (``min_new_tokens`` raised to it; the bench sets both to the summary length), a
  translation model's call ``lengths.translation`` per unit, whatever cap Briefing computed for the batch
  (its own ``translation_max_tokens`` stays at the default, so it cuts the same units as with real use).
  Random weights rarely emit EOS at a natural point; fixed lengths make them cost what real ones do, and
  the baselines decode the same fixed lengths.

With a :class:`Recorder`, every ``generate`` call's inputs (token ids) and lengths are also kept, after the
call's time is taken: the limit variant (``bench/limit.py``) replays exactly these sequences.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field
from typing import Any

from bench.baseline import Counters


@dataclass(frozen=True)
class FixedLengths:
    """Decoded tokens per sequence: summarizers as asked (min = max), translation models ``translation``."""

    translation: int
    summarizers: frozenset[str]

    def for_call(self, model_id: str, max_new_tokens: int) -> int:
        return max_new_tokens if model_id in self.summarizers else self.translation


@dataclass
class Recorder:
    """The sequences each model was asked to generate from, with the call's lengths and beams."""

    calls: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(
        self, model_id: str, batch_ids: Any, max_new_tokens: int, min_new_tokens: int, beams: int
    ) -> None:
        self.calls.setdefault(model_id, []).append(
            {
                "ids": [list(map(int, ids)) for ids in batch_ids],
                "max_new_tokens": max_new_tokens,
                "min_new_tokens": min_new_tokens,
                "num_beams": beams,
            }
        )

    def as_dict(self) -> dict[str, Any]:
        return {"models": self.calls}


def install(
    counters: Counters, lengths: FixedLengths | None, recorder: Recorder | None = None
) -> dict[str, str]:
    """Patch the model cache and engines; returns ``{model_id: engine}`` filled as models load."""
    from briefing.models import cache
    from briefing.models.cpu import engine_label

    engines: dict[str, str] = {}
    original_load = cache._load

    @functools.wraps(original_load)
    def timed_load(resolved: Any, settings: Any, engine: str) -> Any:
        started = time.perf_counter()
        model = original_load(resolved, settings, engine)
        counters.load_s += time.perf_counter() - started
        counters.loads += 1
        engines[resolved.model_id] = engine_label(model)  # e.g. "ctranslate2:int8_float32 (avx2, 2 threads)"
        return model

    cache._load = timed_load
    for cls in _engine_classes():
        cls.generate = _timed_generate(cls.generate, counters, lengths, recorder)
    return engines


def _engine_classes() -> list[type]:
    from briefing.models.torch_engine import TorchSeq2Seq

    classes: list[type] = [TorchSeq2Seq]
    try:
        from briefing.models.ct2 import CTranslate2Seq2SeqModel
    except ImportError:  # ctranslate2 missing: the torch engine is all there is
        return classes
    return [*classes, CTranslate2Seq2SeqModel]


def _timed_generate(
    generate: Any, counters: Counters, lengths: FixedLengths | None, recorder: Recorder | None = None
) -> Any:
    @functools.wraps(generate)
    def wrapper(
        self: Any, batch_ids: Any, *, max_new_tokens: int, min_new_tokens: int = 0, num_beams: int = 1
    ):
        if lengths is not None:
            max_new_tokens = min_new_tokens = lengths.for_call(self.model_id, max_new_tokens)
        started = time.perf_counter()
        out = generate(
            self, batch_ids, max_new_tokens=max_new_tokens, min_new_tokens=min_new_tokens, num_beams=num_beams
        )
        # Fixed lengths: every sequence takes exactly max_new_tokens decoding steps (a forced EOS included);
        # else its ids plus the stripped EOS.
        tokens = max_new_tokens * len(out) if lengths is not None else sum(len(ids) + 1 for ids in out)
        counters.add_generate(self.model_id, time.perf_counter() - started, len(batch_ids), tokens)
        if recorder is not None:  # after the call's time is taken
            recorder.add(self.model_id, batch_ids, max_new_tokens, min_new_tokens, num_beams)
        return out

    return wrapper


def time_discussion() -> list[float]:
    """Wrap ``briefing.discussion.discuss_digests``; the list returned holds each call's seconds.

    The stage imports the function at call time (``briefing.run.stages.discuss_batch``), so the module
    attribute is what every call finds.
    """
    import briefing.discussion as discussion

    seconds: list[float] = []
    original = discussion.discuss_digests

    @functools.wraps(original)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            seconds.append(time.perf_counter() - started)

    discussion.discuss_digests = timed
    return seconds
