"""Load each model lazily, once per process, and pick its engine.

``load_seq2seq(model_id, settings)`` resolves the id (``resolve.py``), then loads it with the
engine ``settings.engine`` asks for:

- ``"torch"``: :mod:`briefing.models.torch_engine`.
- ``"ctranslate2"`` / ``"auto"``: ``briefing.models.ct2.load_ct2_model(model_id, location, ...)``
  (imported lazily; the ct2 module converts and caches the model on disk). When the module is
  missing, or conversion/loading fails, the torch engine is used instead and the reason is logged;
  the returned model's ``engine`` attribute says which one ran.

Loaded models are cached by ``(model_id, location, requested engine)``, least recently used first, within
``settings.model_memory_mb`` of weights (the size of the files the engine loaded): loading one more releases
the least recently used others until the rest fits. A run's stages use their models one after another
(summarizer, then the translation pairs), so within the budget each model loads once per process and a
finished stage's models make room for the next stage's. Failures to resolve are cached too (per model dir
and offline state), so a missing model costs one look-up per process.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter, OrderedDict
from pathlib import Path

from briefing.errors import ModelUnavailable
from briefing.memory import return_freed_memory
from briefing.models.engine import Seq2SeqModel
from briefing.models.resolve import ResolvedModel, resolve_model
from briefing.settings import Settings

log = logging.getLogger("briefing.models")

ENGINES = ("auto", "torch", "ctranslate2")

_LOCK = threading.RLock()
_MODELS: OrderedDict[tuple[str, str, str], Seq2SeqModel] = OrderedDict()  # least recently used first
_WEIGHT_BYTES: dict[tuple[str, str, str], int] = {}
WEIGHT_SUFFIXES = (".bin", ".safetensors", ".pt")
_UNAVAILABLE: dict[tuple[str, str, bool], ModelUnavailable] = {}
# Loads by model id over this process's life, and the seconds they took (never reset: a long-lived
# worker reports them per shard, so a run's data says which models it loaded and which it reused).
_LOADS: Counter[str] = Counter()
_LOAD_SECONDS: Counter[str] = Counter()


def resolve_cached(model_id: str, settings: Settings) -> ResolvedModel:
    """``resolve_model`` with negative caching (a missing model is looked up once per process)."""
    key = (model_id, str(settings.model_dir), settings.offline)
    with _LOCK:
        if key in _UNAVAILABLE:
            raise _UNAVAILABLE[key]
    try:
        return resolve_model(model_id, settings)
    except ModelUnavailable as err:
        with _LOCK:
            _UNAVAILABLE[key] = err
        raise


def load_seq2seq(model_id: str, settings: Settings) -> Seq2SeqModel:
    """The loaded model for ``model_id``; raises :class:`ModelUnavailable` when it cannot be had."""
    engine = settings.engine if settings.engine in ENGINES else "auto"
    resolved = resolve_cached(model_id, settings)
    key = (model_id, resolved.location, engine)
    with _LOCK:
        model = _MODELS.get(key)
        if model is not None:
            _MODELS.move_to_end(key)
            return model
        started = time.perf_counter()
        model = _load(resolved, settings, engine)
        _LOADS[model_id] += 1
        _LOAD_SECONDS[model_id] += time.perf_counter() - started
        _MODELS[key] = model
        _WEIGHT_BYTES[key] = weight_bytes(model)
        _release_beyond(settings.model_memory_mb * 2**20, keep=key)
        return model


def weight_bytes(model: Seq2SeqModel) -> int:
    """Size of the weight files the engine loaded (``weights_dir``, else the model folder)."""
    folder = Path(getattr(model, "weights_dir", None) or model.location)
    try:
        return sum(p.stat().st_size for p in folder.iterdir() if p.is_file() and p.suffix in WEIGHT_SUFFIXES)
    except OSError:
        return 0


def model_loads() -> dict[str, tuple[int, float]]:
    """Models this process has loaded so far: id -> (times loaded, seconds spent loading)."""
    with _LOCK:
        return {model_id: (n, _LOAD_SECONDS[model_id]) for model_id, n in _LOADS.items()}


def loaded_model_ids() -> list[str]:
    """Model ids loaded now, least recently used first."""
    with _LOCK:
        return [model_id for model_id, _, _ in _MODELS]


def _release_beyond(budget: int, keep: tuple[str, str, str]) -> None:
    """Drop least recently used models (never ``keep``) until the loaded weights fit ``budget``."""
    released = False
    for key in list(_MODELS):
        if sum(_WEIGHT_BYTES.values()) <= budget:
            break
        if key == keep:
            continue
        del _MODELS[key]
        size = _WEIGHT_BYTES.pop(key)
        released = True
        log.info("released %s (%d MB) to stay within model_memory_mb", key[0], size // 2**20)
    if released:
        return_freed_memory()  # the weights' pages, else kept in the allocator's arenas


def clear_model_cache() -> None:
    """Forget loaded models and cached failures (tests, or after a model dir changed)."""
    with _LOCK:
        _MODELS.clear()
        _WEIGHT_BYTES.clear()
        _UNAVAILABLE.clear()


def _load(resolved: ResolvedModel, settings: Settings, engine: str) -> Seq2SeqModel:
    if engine in ("auto", "ctranslate2"):
        try:
            from briefing.models import ct2  # the bench helper's engine; optional
            from briefing.models.cpu import ct2_load_options

            return ct2.load_ct2_model(
                resolved.model_id,
                resolved.location,
                revision=resolved.revision,
                local=resolved.local,
                **ct2_load_options(settings.ct2_compute_type),  # compute type and threads for this CPU
            )
        except Exception as err:  # missing module, unsupported architecture, conversion failure
            level = logging.WARNING if engine == "ctranslate2" else logging.DEBUG
            log.log(level, "ctranslate2 engine unavailable for %s (%s); using torch", resolved.model_id, err)
    from briefing.models.torch_engine import load_torch_model

    return load_torch_model(resolved)
