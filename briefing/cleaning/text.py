"""Small shape tests on lines of text (headline or sentence?) used by the cleaners."""

from __future__ import annotations

import re
import unicodedata

# Closing quotes and brackets that may follow a sentence's final punctuation.
_CLOSERS = "\"'’”»)]›"
_TERMINAL = ".!?…:;。！？"
HEADLINE_MAX_WORDS = 25


def ends_sentence(line: str) -> bool:
    """True when the line ends like a sentence (final punctuation, maybe inside quotes)."""
    text = line.rstrip().rstrip(_CLOSERS)
    return bool(text) and text[-1] in _TERMINAL


def headline_like(line: str) -> bool:
    """A short line with no final punctuation that starts with a capital, digit or quote."""
    text = line.strip()
    if not text or ends_sentence(text) or text.endswith(","):
        return False
    if len(text.split()) > HEADLINE_MAX_WORDS:
        return False
    first = text.lstrip("\"'‘“«¿¡([").lstrip()
    return bool(first) and (first[0].isupper() or first[0].isdigit())


def title_key(title: str) -> str:
    """A comparison key for deduplicating headlines: case, quotes, dashes, spaces folded."""
    folded = unicodedata.normalize("NFKC", title).casefold()
    folded = re.sub(r"[\"'‘’“”«»\-–—:|]+", " ", folded)
    return " ".join(folded.split())
