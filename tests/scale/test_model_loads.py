"""The process-wide model cache counts its loads (what a long-lived worker reports per shard)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from briefing.models import cache
from briefing.models.resolve import ResolvedModel
from briefing.scale.workers import loads_between
from briefing.settings import Settings

pytestmark = pytest.mark.unit


def test_a_model_kept_in_the_cache_counts_one_load_a_released_one_counts_again(tmp_path: Path, monkeypatch):
    def resolve(model_id: str, settings: Settings) -> ResolvedModel:
        folder = tmp_path / model_id.replace("/", "--")
        folder.mkdir(exist_ok=True)
        (folder / "model.bin").write_bytes(b"\0" * 1024)
        return ResolvedModel(model_id, str(folder), "local-test", True)

    def load(resolved: ResolvedModel, settings: Settings, engine: str):
        return SimpleNamespace(model_id=resolved.model_id, location=resolved.location, engine="fake")

    monkeypatch.setattr(cache, "resolve_cached", resolve)
    monkeypatch.setattr(cache, "_load", load)
    cache.clear_model_cache()
    settings = Settings()
    before = cache.model_loads()
    for _ in range(3):  # three shards on one worker
        cache.load_seq2seq("test/summarizer", settings)
        cache.load_seq2seq("test/translator", settings)
    counts, seconds = loads_between(before, cache.model_loads())
    assert counts == {"test/summarizer": 1, "test/translator": 1} and seconds >= 0
    cache.clear_model_cache()  # e.g. released to stay within model_memory_mb
    cache.load_seq2seq("test/summarizer", settings)
    assert loads_between(before, cache.model_loads())[0] == {"test/summarizer": 2, "test/translator": 1}
    cache.clear_model_cache()
