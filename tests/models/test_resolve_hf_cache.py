"""Models found in the Hugging Face cache resolve to their snapshot; absent ones are None, cheaply."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.models import resolve
from briefing.settings import Settings

pytestmark = pytest.mark.unit


@pytest.fixture
def hub_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path))
    repo = tmp_path / "models--Helsinki-NLP--opus-mt-en-fr"
    snapshot = repo / "snapshots" / "abc123"
    snapshot.mkdir(parents=True)
    (snapshot / "config.json").write_text("{}")
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("abc123")
    return tmp_path


def test_a_cached_model_resolves_to_its_snapshot(hub_cache: Path) -> None:
    found = resolve.resolve_model("Helsinki-NLP/opus-mt-en-fr", Settings(offline=True))
    assert Path(found.location) == hub_cache / "models--Helsinki-NLP--opus-mt-en-fr" / "snapshots" / "abc123"
    assert found.revision == "abc123" and not found.local


def test_an_absent_model_is_none_without_asking_the_download_stack(hub_cache: Path, monkeypatch) -> None:
    import huggingface_hub

    def fail(*args, **kwargs):
        raise AssertionError("snapshot_download called for a model with no cache folder")

    monkeypatch.setattr(huggingface_hub, "snapshot_download", fail)
    assert resolve._from_hf("Helsinki-NLP/opus-mt-de-fr", local_files_only=True) is None
    with pytest.raises(resolve.ModelUnavailable):
        resolve.resolve_model("Helsinki-NLP/opus-mt-de-fr", Settings(offline=True))


def test_offline_is_the_setting_alone_never_the_environment(hub_cache: Path, monkeypatch) -> None:
    # The shell turns --offline / BRIEFING_OFFLINE / HF_HUB_OFFLINE into Settings.offline once; the core
    # reads only the setting, so an offline run needs no environment change and an online one is not
    # silently offline.
    asked: list[bool] = []

    def from_hf(model_id: str, *, local_files_only: bool):
        asked.append(local_files_only)
        return None if local_files_only else resolve.ResolvedModel(model_id, "/hub/snapshot", False, "r1")

    monkeypatch.setattr(resolve, "_from_hf", from_hf)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    with pytest.raises(resolve.ModelUnavailable, match="and offline"):
        resolve.resolve_model("Helsinki-NLP/opus-mt-de-fr", Settings(offline=True))
    assert asked == [True]  # the cache only
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    found = resolve.resolve_model("Helsinki-NLP/opus-mt-de-fr", Settings(offline=False))
    assert found.location == "/hub/snapshot" and asked == [True, True, False]
