"""The test suite's own rules: one tier marker per test, every tier documented, tiny models built once."""

from __future__ import annotations

import threading
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests import tiny_models
from tests.conftest import ROOT, TIERS, tier_errors

pytestmark = pytest.mark.unit


def _item(nodeid: str, *marks: str) -> SimpleNamespace:
    return SimpleNamespace(nodeid=nodeid, iter_markers=lambda: [SimpleNamespace(name=m) for m in marks])


def test_a_test_with_no_tier_or_several_is_named():
    items = [
        _item("a.py::one", "unit"),
        _item("a.py::none", "parametrize"),
        _item("a.py::two", "flow", "tiny_model", "skipif"),
    ]
    errors = tier_errors(items)
    assert len(errors) == 2
    assert errors[0].startswith("a.py::none: none (needs exactly one of: unit, ")
    assert errors[1].startswith("a.py::two: flow, tiny_model (needs exactly one of: ")


def test_every_tier_is_a_registered_marker_that_says_what_it_costs():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    markers = dict(m.split(": ", 1) for m in config["tool"]["pytest"]["ini_options"]["markers"])
    assert set(TIERS) <= set(markers)
    for tier in TIERS:
        assert len(markers[tier].split()) >= 8, f"{tier}: say what it needs and costs"


def test_racing_sessions_build_the_tiny_models_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import briefing.testing.tiny as tiny

    builds: list[Path] = []

    def fake_make_models(out: Path, size: str) -> list[Path]:
        builds.append(out)
        (Path(out) / "model").mkdir()
        return [Path(out) / "model"]

    monkeypatch.setattr(tiny, "make_models", fake_make_models)
    start = threading.Barrier(4)
    found: list[Path] = []

    def session() -> None:
        start.wait()
        found.append(tiny_models.build_once(tmp_path, "k1"))

    threads = [threading.Thread(target=session) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1
    assert found == [tmp_path / "tiny-k1"] * 4
    assert (tmp_path / "tiny-k1" / "model").is_dir()
    assert not list(tmp_path.glob(".building-*"))  # the staging folder became the set
    tiny_models.build_once(tmp_path, "k2")  # another key (sources or libraries changed): a new set
    assert len(builds) == 2 and (tmp_path / "tiny-k1").is_dir()


def test_a_set_without_its_completion_mark_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import briefing.testing.tiny as tiny

    monkeypatch.setattr(tiny, "make_models", lambda out, size: (Path(out) / "whole").mkdir())
    (tmp_path / "tiny-k1" / "half").mkdir(parents=True)  # left by a build killed some other way
    built = tiny_models.build_once(tmp_path, "k1")
    assert sorted(p.name for p in built.iterdir()) == [".complete", "whole"]


def test_the_cache_key_changes_with_a_library_version(monkeypatch: pytest.MonkeyPatch):
    before = tiny_models.generator_key()
    real = tiny_models.metadata.version
    monkeypatch.setattr(
        tiny_models.metadata, "version", lambda name: "0.0-test" if name == "tokenizers" else real(name)
    )
    assert tiny_models.generator_key() != before


def test_the_cache_lives_in_the_user_cache_unless_configured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.delenv("BRIEFING_TEST_MODEL_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert tiny_models.cache_root() == tmp_path / "xdg" / "briefing" / "tiny-models"
    monkeypatch.setenv("BRIEFING_TEST_MODEL_CACHE", str(tmp_path / "mine"))
    assert tiny_models.cache_root() == tmp_path / "mine"
