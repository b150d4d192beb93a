"""Load each model lazily, once per process, and pick its engine.

``load_seq2seq(model_id, settings)`` resolves the id (``resolve.py``), then loads it with the
engine ``settings.engine`` asks for:

- ``"torch"``: :mod:`briefing.models.torch_engine`.
- ``"ctranslate2"`` / ``"auto"``: ``briefing.models.ct2.load_ct2_model(model_id, location, ...)``
  (imported lazily; the ct2 module converts and caches the model on disk). When the module is
  missing, or conversion/loading fails, the torch engine is used instead and the reason is logged;
  the returned model's ``engine`` attribute says which one ran.

Loaded models are cached by ``(model_id, location, requested engine)``; failures to resolve are
cached too (per model dir and offline state), so a missing model costs one look-up per process.
"""

from __future__ import annotations

import logging
import threading

from briefing.errors import ModelUnavailable
from briefing.models.engine import Seq2SeqModel
from briefing.models.resolve import ResolvedModel, is_offline, resolve_model
from briefing.settings import Settings

log = logging.getLogger("briefing.models")

ENGINES = ("auto", "torch", "ctranslate2")

_LOCK = threading.RLock()
_MODELS: dict[tuple[str, str, str], Seq2SeqModel] = {}
_UNAVAILABLE: dict[tuple[str, str, bool], ModelUnavailable] = {}


def resolve_cached(model_id: str, settings: Settings) -> ResolvedModel:
    """``resolve_model`` with negative caching (a missing model is looked up once per process)."""
    key = (model_id, str(settings.model_dir), is_offline(settings))
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
        if model is None:
            model = _load(resolved, settings, engine)
            _MODELS[key] = model
        return model


def is_available(model_id: str, settings: Settings) -> bool:
    """Whether ``model_id`` resolves (no weights are loaded)."""
    try:
        resolve_cached(model_id, settings)
    except ModelUnavailable:
        return False
    return True


def clear_model_cache() -> None:
    """Forget loaded models and cached failures (tests, or after a model dir changed)."""
    with _LOCK:
        _MODELS.clear()
        _UNAVAILABLE.clear()


def _load(resolved: ResolvedModel, settings: Settings, engine: str) -> Seq2SeqModel:
    if engine in ("auto", "ctranslate2"):
        try:
            from briefing.models import ct2  # the bench helper's engine; optional

            return ct2.load_ct2_model(
                resolved.model_id,
                resolved.location,
                revision=resolved.revision,
                local=resolved.local,
                max_batch_size=settings.batch_size,
            )
        except Exception as err:  # missing module, unsupported architecture, conversion failure
            level = logging.WARNING if engine == "ctranslate2" else logging.DEBUG
            log.log(level, "ctranslate2 engine unavailable for %s (%s); using torch", resolved.model_id, err)
    from briefing.models.torch_engine import load_torch_model

    return load_torch_model(resolved)
