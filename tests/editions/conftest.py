"""Fixtures for edition tests: a folder with two runs written into it (no models: extractive, degraded)."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefing.run.batch import BatchResult, run_batch
from briefing.settings import Settings
from tests.conftest import EXAMPLES, SEEDS
from tests.tiny_models import tiny_models  # noqa: F401  (session fixture)

FIRST = datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
SECOND = datetime(2024, 5, 2, 6, 30, tzinfo=UTC)
THIRD = datetime(2024, 5, 3, 6, 30, tzinfo=UTC)


@dataclass(frozen=True)
class TwoRuns:
    out: Path
    first: BatchResult
    second: BatchResult
    settings: Settings


def first_inputs(folder: Path) -> Path:
    """Two example articles with a by-line and a publication date (a German and a French dateline)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("eu-night-trains.txt", "lyon-bus-hydrogene.txt"):
        shutil.copy(EXAMPLES / name, folder / name)
    return folder


def second_inputs(folder: Path) -> Path:
    """The two seeds: two outlets reporting the same story."""
    folder.mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    return folder


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory) -> TwoRuns:
    root = tmp_path_factory.mktemp("editions")
    settings = Settings(offline=True, model_dir=root / "no-models", target_languages=("fr", "de"))
    old = os.umask(0o022)
    try:
        out = root / "out"
        first = run_batch([first_inputs(root / "in1")], settings, out, FIRST)
        second = run_batch([second_inputs(root / "in2")], settings, out, SECOND)
    finally:
        os.umask(old)
    return TwoRuns(out, first, second, settings)
