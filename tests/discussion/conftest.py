"""Fixtures of the discussion tests: the shared headless Chromium and the tiny model folder."""

from __future__ import annotations

from tests.browser_support import chromium  # noqa: F401  (session fixture)
from tests.tiny_models import tiny_models  # noqa: F401  (session fixture)
