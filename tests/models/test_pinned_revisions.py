"""Downloads take the manifest's pinned commit; the cache is searched for it first."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.models import manifest, pull, resolve
from briefing.settings import Settings

pytestmark = pytest.mark.unit

EN_FR = "Helsinki-NLP/opus-mt-en-fr"
PINNED = manifest.entry(EN_FR).revision  # type: ignore[union-attr]


@pytest.fixture
def hub_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path))
    repo = tmp_path / "models--Helsinki-NLP--opus-mt-en-fr"
    for commit in ("abc123", PINNED):
        (repo / "snapshots" / commit).mkdir(parents=True)
        (repo / "snapshots" / commit / "config.json").write_text("{}")
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("abc123")
    return tmp_path


def test_every_pin_is_a_full_commit() -> None:
    pins = [e.revision for e in manifest.MANIFEST if e.revision]
    assert pins and all(len(p) == 40 and int(p, 16) >= 0 for p in pins)


def test_the_pinned_snapshot_is_preferred_in_the_cache(hub_cache: Path) -> None:
    found = resolve.resolve_model(EN_FR, Settings(offline=True))
    assert Path(found.location).name == PINNED


def test_a_copy_fetched_before_the_pin_still_serves(hub_cache: Path) -> None:
    import shutil

    shutil.rmtree(hub_cache / "models--Helsinki-NLP--opus-mt-en-fr" / "snapshots" / PINNED)
    found = resolve.resolve_model(EN_FR, Settings(offline=True))
    assert Path(found.location).name == "abc123"


def test_pull_downloads_the_pinned_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import huggingface_hub

    asked: list[tuple[str, str | None]] = []

    class FakeApi:
        def list_repo_files(self, model_id: str, revision: str | None = None) -> list[str]:
            asked.append(("list", revision))
            return ["config.json", "pytorch_model.bin"]

    def fake_snapshot(model_id: str, revision: str | None = None, **_kw) -> str:
        asked.append(("snapshot", revision))
        folder = tmp_path / "snap"
        folder.mkdir(exist_ok=True)
        (folder / "config.json").write_text("{}")
        return str(folder)

    monkeypatch.setattr(huggingface_hub, "HfApi", FakeApi)
    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_snapshot)
    pull._download(EN_FR)
    assert asked == [("list", PINNED), ("snapshot", PINNED)]
