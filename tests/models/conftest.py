"""Fixtures for the model tests: tiny models once per session, settings pointing at them."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.settings import Settings
from tests.tiny_models import tiny_models  # noqa: F401  (session fixture)


@pytest.fixture
def tiny_settings(tiny_models: Path) -> Settings:  # noqa: F811
    """Settings that load the tiny models with small, fast generation parameters."""
    return Settings(
        model_dir=tiny_models,
        offline=True,
        engine="torch",
        summary_min_tokens=4,
        summary_max_tokens=12,
        summary_num_beams=1,
        translation_max_tokens=12,
        translation_num_beams=1,
    )
