"""Tiny random models for tests, built once per test session (shared by every helper's tests).

``tiny_model_dir()`` returns a ``BRIEFING_MODEL_DIR``-style folder holding the default model set, i.e. the
model manifest (``briefing.testing.tiny.make_models``, ``briefing.models.manifest``). It is built once
per process; with ``$BRIEFING_TEST_MODEL_CACHE`` set it is also kept on disk across sessions, keyed by a
hash of the generator's and the manifest's source and the transformers version, so a change rebuilds it.

Use the ``tiny_models`` fixture (``from tests.tiny_models import tiny_models`` in a conftest) or
call ``tiny_model_dir()`` directly.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

_BUILT: Path | None = None
_MARKER = ".complete"


def _generator_key() -> str:
    import transformers

    import briefing.models.manifest as manifest
    import briefing.testing.corpus as corpus
    import briefing.testing.tiny as tiny

    digest = hashlib.sha256()
    for module in (tiny, corpus, manifest):  # the manifest names the models and their tokens
        digest.update(Path(module.__file__).read_bytes())
    digest.update(transformers.__version__.encode())
    return digest.hexdigest()[:12]


def tiny_model_dir(base: str | os.PathLike[str] | None = None) -> Path:
    """The folder with the tiny default models, building it on first use."""
    global _BUILT
    if _BUILT is not None and (_BUILT / _MARKER).is_file():
        return _BUILT
    root = os.environ.get("BRIEFING_TEST_MODEL_CACHE") or base or tempfile.mkdtemp(prefix="briefing-tiny-")
    root_path = Path(root)
    target = root_path / f"tiny-{_generator_key()}"
    if not (target / _MARKER).is_file():
        from briefing.testing.tiny import make_models

        root_path.mkdir(parents=True, exist_ok=True)
        # Build aside and rename, so a parallel session never sees half a model set.
        staging = Path(tempfile.mkdtemp(prefix=".building-", dir=root_path))
        make_models(staging, size="tiny")
        (staging / _MARKER).write_text("ok\n")
        try:
            staging.rename(target)
        except OSError:  # another session finished first: use theirs
            shutil.rmtree(staging, ignore_errors=True)
    _BUILT = target
    return target


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Session fixture: the tiny model folder (use as ``BRIEFING_MODEL_DIR``)."""
    base = None if os.environ.get("BRIEFING_TEST_MODEL_CACHE") else tmp_path_factory.mktemp("tiny-models")
    return tiny_model_dir(base)
