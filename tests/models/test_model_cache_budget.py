"""The models cache keeps loaded weights within ``model_memory_mb``, releasing least recently used first."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from briefing.models import cache
from briefing.models.resolve import ResolvedModel
from briefing.settings import Settings

pytestmark = pytest.mark.unit

MB = 2**20


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


def test_within_the_budget_each_model_loads_once(fake_models: list[str]) -> None:
    settings = Settings(model_memory_mb=512)
    for model_id in ["m300-summarizer", "m74-fr-en", "m74-en-de", "m300-summarizer", "m74-fr-en"]:
        assert cache.load_seq2seq(model_id, settings).model_id == model_id
    assert fake_models == ["m300-summarizer", "m74-fr-en", "m74-en-de"]
    assert cache.loaded_model_ids() == ["m74-en-de", "m300-summarizer", "m74-fr-en"]


def test_beyond_the_budget_the_least_recently_used_model_is_released(fake_models: list[str]) -> None:
    settings = Settings(model_memory_mb=512)
    cache.load_seq2seq("m300-summarizer", settings)
    cache.load_seq2seq("m74-fr-en", settings)
    cache.load_seq2seq("m300-summarizer", settings)  # used again: fr-en is now the least recent
    cache.load_seq2seq("m200-en-de", settings)  # 574 MB > 512: fr-en goes, then 500 MB fits
    assert cache.loaded_model_ids() == ["m300-summarizer", "m200-en-de"]
    cache.load_seq2seq("m74-fr-en", settings)  # loads again; the summarizer (least recent) goes
    assert cache.loaded_model_ids() == ["m200-en-de", "m74-fr-en"]
    assert fake_models.count("m74-fr-en") == 2


def test_a_model_larger_than_the_budget_still_loads_alone(fake_models: list[str]) -> None:
    settings = Settings(model_memory_mb=100)
    cache.load_seq2seq("m74-fr-en", settings)
    model = cache.load_seq2seq("m300-summarizer", settings)
    assert model.model_id == "m300-summarizer"
    assert cache.loaded_model_ids() == ["m300-summarizer"]


def test_weight_bytes_counts_the_weight_files_the_engine_loaded(tmp_path: Path) -> None:
    (tmp_path / "model.safetensors").write_bytes(b"x" * 1000)
    (tmp_path / "tokenizer.json").write_bytes(b"x" * 5000)  # not weights
    converted = tmp_path / "ct2"
    converted.mkdir()
    (converted / "model.bin").write_bytes(b"x" * 300)
    assert cache.weight_bytes(SimpleNamespace(location=str(tmp_path))) == 1000
    assert cache.weight_bytes(SimpleNamespace(location=str(tmp_path), weights_dir=str(converted))) == 300
