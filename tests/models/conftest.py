"""Fixtures for the model tests: tiny models once per session, settings pointing at them."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from briefing.models import cache
from briefing.models.resolve import ResolvedModel
from briefing.settings import Settings
from tests.tiny_models import tiny_models  # noqa: F401  (session fixture)

MB = 2**20


def fast_tiny_settings(model_dir: Path, **overrides: object) -> Settings:
    """Settings that load tiny models from ``model_dir`` with small, fast generation parameters."""
    fast = {
        "summary_min_tokens": 4,
        "summary_max_tokens": 12,
        "summary_num_beams": 1,
        "translation_max_tokens": 12,
        "translation_num_beams": 1,
    }
    return Settings(model_dir=model_dir, offline=True, engine="torch", **{**fast, **overrides})


@pytest.fixture
def tiny_settings(tiny_models: Path) -> Settings:  # noqa: F811
    """Settings that load the tiny models with small, fast generation parameters."""
    return fast_tiny_settings(tiny_models)


@pytest.fixture
def fake_models(tmp_path: Path, monkeypatch):
    """Model ids ``m<size_mb>-<name>`` resolve to folders holding a weight file of that many MB."""
    loads: list[str] = []

    def resolve(model_id: str, settings: Settings) -> ResolvedModel:
        folder = tmp_path / model_id
        if not folder.is_dir():
            folder.mkdir()
            size_mb = int(model_id.split("-")[0][1:])
            with open(folder / "model.bin", "wb") as weights:
                weights.truncate(size_mb * MB)  # sparse: the size is what counts
            (folder / "config.json").write_text("{}")
        return ResolvedModel(model_id, str(folder), "local-test", True)

    def load(resolved: ResolvedModel, settings: Settings, engine: str):
        loads.append(resolved.model_id)
        return SimpleNamespace(model_id=resolved.model_id, location=resolved.location, engine="fake")

    monkeypatch.setattr(cache, "resolve_cached", resolve)
    monkeypatch.setattr(cache, "_load", load)
    cache.clear_model_cache()
    yield loads
    cache.clear_model_cache()
