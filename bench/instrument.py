"""Measuring the shipped pipeline from the outside, without changing what it computes.

``install(counters, lengths)`` wraps, in this process only:

- ``briefing.models.cache._load``: seconds spent loading models, and which engine each got (with its compute
  type, CPU tier and threads: ``briefing.models.cpu.engine_label``);
- ``briefing.discussion.discuss_digests``: seconds spent on what readers say (embedding and grouping
  comments, the MiniLM load included), returned by :func:`time_discussion`;
- with :func:`time_sections`, the core's steps (cleaning, each model stage, same-story links, writing, MiniLM
  and lingua), each with the generate and load seconds spent inside it, so the first run's time outside
  generate and model loads can be laid out part by part (what is left is Prefect's and the flow's own);
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
    for name, (module, attr) in AUX_LOADS.items():
        _time_aux_load(name, module, attr, counters)
    for cls in _engine_classes():
        cls.generate = _timed_generate(cls.generate, counters, lengths, recorder)
    return engines


# The other models a run loads, by name: where each is loaded (the module attribute every load goes through).
AUX_LOADS = {
    "lingua language models": ("briefing.langid", "_build_detector"),
    "MiniLM": ("briefing.models.minilm", "_load"),
}


def _time_aux_load(name: str, module_name: str, attr: str, counters: Counters) -> None:
    def record(seconds: float) -> None:
        counters.aux_loads[name] = counters.aux_loads.get(name, 0.0) + seconds

    _time_calls(module_name, attr, record)


def _time_calls(module_name: str, attr: str, record: Any) -> None:
    """Wrap ``module_name.attr`` so that every call's seconds go to ``record`` (the module attribute is what
    every caller finds: they look it up at call time)."""
    import importlib

    module = importlib.import_module(module_name)
    original = getattr(module, attr)

    @functools.wraps(original)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            record(time.perf_counter() - started)

    setattr(module, attr, timed)


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
    seconds: list[float] = []
    _time_calls("briefing.discussion", "discuss_digests", seconds.append)
    return seconds


# The core's steps timed by :func:`time_sections`: section -> the module attributes every call goes through
# (each is looked up at call time, so patching the attribute catches every call).
SECTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "clean": (
        ("briefing.sources.articles", "clean_article_file"),
        ("briefing.sources.articles", "clean_source_article"),
    ),
    "summarize": (("briefing.summarize", "summarize_digests"),),
    "translate": (("briefing.translate", "translate_digests"),),
    "discuss": (("briefing.discussion", "discuss_digests"),),
    "same-story": (("briefing.same_story", "link_same_story"),),
    "write": (("briefing.run.report", "write_digests"), ("briefing.run.report", "write_run_index")),
    # Inside the sections above (their model loads, ``AUX_LOADS``, are counted apart): MiniLM, lingua, and
    # the extractive summaries (the summary check's fallback: random weights trigger it for most summaries).
    "MiniLM embeddings": (("briefing.models.minilm", "embed"),),
    "language ID (lingua)": (("briefing.langid", "_scores"),),
    "extractive summaries": (
        ("briefing.summarize", "extractive_summary"),
        ("briefing.summarize", "extractive_summaries"),
    ),
}


@dataclass
class Section:
    """One step's calls: wall seconds, and the generate and model-load seconds (every model: the seq2seq
    models, lingua's, MiniLM) spent inside them."""

    calls: int = 0
    seconds: float = 0.0
    model_s: float = 0.0
    _depth: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "calls": self.calls,
            "seconds": round(self.seconds, 3),
            "generate_and_load_s": round(self.model_s, 3),
            "rest_s": round(self.seconds - self.model_s, 3),
        }


def time_sections(counters: Counters, sections: dict[str, tuple[tuple[str, str], ...]] = SECTIONS):
    """Wrap each section's functions (call before the flow is imported); returns ``{section: Section}``.

    A call nested in another of the same section (a stage calling itself per article) counts once."""
    import importlib

    out = {name: Section() for name in sections}
    for name, targets in sections.items():
        for module_name, attr in targets:
            module = importlib.import_module(module_name)
            setattr(module, attr, _timed_section(getattr(module, attr), out[name], counters))
    return out


def _timed_section(fn: Any, section: Section, counters: Counters) -> Any:
    @functools.wraps(fn)
    def timed(*args: Any, **kwargs: Any) -> Any:
        if section._depth:
            return fn(*args, **kwargs)
        section._depth += 1
        started, model_before = time.perf_counter(), _model_seconds(counters)
        try:
            return fn(*args, **kwargs)
        finally:
            section._depth -= 1
            section.calls += 1
            section.seconds += time.perf_counter() - started
            section.model_s += _model_seconds(counters) - model_before

    return timed


def _model_seconds(counters: Counters) -> float:
    """Generate and every model load so far (the seq2seq models, lingua's and MiniLM)."""
    return counters.generate_s + counters.load_s + counters.aux_load_s
