"""Fixtures for the engine-equivalence tests: the shared tiny models, once per session."""

from __future__ import annotations

from tests.tiny_models import tiny_models  # noqa: F401  (session fixture)
