"""Models built by ``briefing models make-tiny`` carry a marker file, and digests made with one say so.

Random weights produce meaningless text, so such a digest is never "ok": it gets a ``test-model`` flag
(see :mod:`briefing.render.flags`) and its pages say the text is meaningless. The marker is a file of its
own beside the model's files, so nothing that loads the model has to know about it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from briefing.errors import ModelUnavailable
from briefing.records import Digest, Flag
from briefing.settings import Settings

MARKER_NAME = "briefing-test-model.json"
TEST_MODEL_FLAG = "test-model"
# What `models list` / `models pull` call such a model.
TEST_MODEL_LABEL = "random test model (make-tiny)"


def mark_test_model(folder: str | Path) -> Path:
    """Write the marker into a model folder built with random weights."""
    path = Path(folder) / MARKER_NAME
    path.write_text(
        json.dumps({"briefing_test_model": True, "why": "random weights from briefing models make-tiny"})
        + "\n",
        encoding="utf-8",
    )
    return path


def is_test_model(location: str | Path) -> bool:
    return (Path(location) / MARKER_NAME).is_file()


def model_ids_of(digest: Digest) -> list[str]:
    """Model ids a digest's summary and translations were made with (pivot routes give several; the body
    translation of an article summarized in another language included)."""
    ids: list[str] = []
    for key, value in digest.models.items():
        if key in ("summarizer", "summary_translation") or key.startswith("translation:"):
            ids += [part.strip() for part in value.split("->") if part.strip()]
    return ids


def test_models_of(model_ids: Iterable[str], settings: Settings) -> list[str]:
    """The ids among ``model_ids`` that resolve (offline) to a folder with the marker."""
    from briefing.models.resolve import resolve_model

    offline = settings.replace(offline=True)
    found: list[str] = []
    for model_id in dict.fromkeys(model_ids):
        try:
            location = resolve_model(model_id, offline).location
        except (ModelUnavailable, OSError, ValueError):
            continue
        if is_test_model(location):
            found.append(model_id)
    return found


def flag_test_models(digests: Sequence[Digest], settings: Settings) -> list[Digest]:
    """Each digest with a ``test-model`` flag when any model it was made with is a test model."""
    out: list[Digest] = []
    for digest in digests:
        paths = [digest.models.get("summarizer_path", "")]
        ids = test_models_of(model_ids_of(digest), settings)
        if ids or any(p and is_test_model(p) for p in paths):
            named = ids or [digest.models.get("summarizer", "")]
            detail = "random test models: " + ", ".join(named)
            models = tuple(m for m in named if m) or None
            digest = digest.with_flags(Flag(TEST_MODEL_FLAG, detail, models=models, cause="test-model"))
        out.append(digest)
    return out
