"""Tiny random models for tests, built once per machine and kept between test runs.

``tiny_model_dir()`` returns a ``BRIEFING_MODEL_DIR``-style folder holding the default model set, i.e. the
model manifest (``briefing.testing.tiny.make_models``, ``briefing.models.manifest``). It lives in the cache
folder (``$BRIEFING_TEST_MODEL_CACHE``, else ``$XDG_CACHE_HOME/briefing/tiny-models``, else
``~/.cache/briefing/tiny-models``) under a name made of a hash of what decides its bytes: the factory's
sources and the versions of the libraries that train and save the models. A change to either builds a new
set beside the old ones; an unchanged machine reuses the set it has.

Building is safe when several test sessions race: one builds (the others wait on a lock file), in a
staging folder renamed into place only when whole, so no session ever sees half a model set.

Use the ``tiny_models`` fixture (``from tests.tiny_models import tiny_models`` in a conftest) or
call ``tiny_model_dir()`` directly.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import tempfile
from importlib import metadata
from pathlib import Path

import pytest

_BUILT: Path | None = None
_MARKER = ".complete"
# The modules whose source decides the models' bytes (the manifest names the models and their tokens; the
# settings' defaults pick the languages; the test-model mark is written into each folder).
_FACTORY_MODULES = (
    "briefing.testing.tiny",
    "briefing.testing.corpus",
    "briefing.models.manifest",
    "briefing.models.testmodel",
    "briefing.settings",
)
_LIBRARIES = ("transformers", "tokenizers", "sentencepiece", "torch", "safetensors")


def cache_root() -> Path:
    """Where tiny model sets are kept between runs on this machine."""
    configured = os.environ.get("BRIEFING_TEST_MODEL_CACHE")
    if configured:
        return Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "briefing" / "tiny-models"


def generator_key() -> str:
    """A hash of the factory's sources and the model libraries' versions."""
    import importlib

    digest = hashlib.sha256()
    for name in _FACTORY_MODULES:
        module = importlib.import_module(name)
        digest.update(name.encode() + b"\0" + Path(module.__file__).read_bytes())
    for library in _LIBRARIES:
        try:
            version = metadata.version(library)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{library}=={version}\0".encode())
    return digest.hexdigest()[:16]


def build_once(root: Path, key: str) -> Path:
    """``root/tiny-<key>``, built unless a whole one is there; concurrent callers build it once."""
    target = root / f"tiny-{key}"
    if (target / _MARKER).is_file():
        return target
    root.mkdir(parents=True, exist_ok=True)
    with open(root / f".tiny-{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another session building the same set: wait for it
        if (target / _MARKER).is_file():
            return target
        if target.exists():  # not whole (no marker): a build interrupted some other way; start over
            shutil.rmtree(target)
        from briefing.testing.tiny import make_models

        # Build aside and rename, so a reader without the lock never sees half a model set.
        staging = Path(tempfile.mkdtemp(prefix=f".building-{key}-", dir=root))
        try:
            make_models(staging, size="tiny")
            (staging / _MARKER).write_text("ok\n")
            staging.rename(target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return target


def tiny_model_dir(root: str | os.PathLike[str] | None = None) -> Path:
    """The folder with the tiny default models (in ``root``, else :func:`cache_root`), built on first use."""
    global _BUILT
    if root is None and _BUILT is not None and (_BUILT / _MARKER).is_file():
        return _BUILT
    built = build_once(Path(root) if root is not None else cache_root(), generator_key())
    if root is None:
        _BUILT = built
    return built


@pytest.fixture(scope="session")
def tiny_models() -> Path:
    """Session fixture: the tiny model folder (use as ``BRIEFING_MODEL_DIR``); tests must not write to it."""
    return tiny_model_dir()
