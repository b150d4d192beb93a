"""Briefing: turn messy news articles into briefing digests.

This package is the Prefect-free core: records, settings, cleaning, language ID,
model loading, summarization, translation, rendering and I/O. The Prefect shell
lives in the top-level ``tasks`` and ``flows`` packages.
"""

from __future__ import annotations

__version__ = "0.1.0"
