"""Fixtures for the sources tests: a local news site on 127.0.0.1 and settings that fetch it quickly (private
networks allowed: the site is on loopback)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.settings import Settings
from tests.sources.site import site  # noqa: F401  (fixture)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """No models (degraded, extractive digests: these tests are about sources), short timeouts, no delay."""
    empty = tmp_path / "no-models"
    empty.mkdir()
    return Settings(
        data_dir=tmp_path / "data",
        model_dir=empty,
        offline=True,
        target_languages=(),
        fetch_host_delay_s=0.0,
        fetch_allow_private_networks=True,  # the local site is on 127.0.0.1
        fetch_connect_timeout_s=2.0,
        fetch_read_timeout_s=2.0,
        fetch_max_bytes=2_000_000,
        fetch_retries=1,
        fetch_max_wait_s=0.5,
    )
