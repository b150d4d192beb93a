"""The models cache keeps loaded weights within ``model_memory_mb``, releasing least recently used first."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from briefing.models import cache
from briefing.settings import Settings

pytestmark = pytest.mark.unit


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
