"""Cleaning stage: decode raw article bytes and split them into body, related articles,
comments and removed chrome, with the language of the body and of every comment segment.

Public API: :func:`clean_file`, :func:`clean_bytes` (both return a :class:`Digest` with
``summary=None``) and :func:`clean_text` (language-free, for tests and tools). Patterns
live in :mod:`briefing.cleaning.patterns`.
"""

from __future__ import annotations

from briefing.cleaning.core import (
    COMMENTS_ONLY_FLAG,
    FALLBACK_ENCODING_FLAG,
    LOW_CONFIDENCE_FLAG,
    CleanText,
    clean_bytes,
    clean_file,
    clean_text,
)
from briefing.cleaning.decode import Decoded, decode_bytes

__all__ = [
    "COMMENTS_ONLY_FLAG",
    "FALLBACK_ENCODING_FLAG",
    "LOW_CONFIDENCE_FLAG",
    "CleanText",
    "Decoded",
    "clean_bytes",
    "clean_file",
    "clean_text",
    "decode_bytes",
]
