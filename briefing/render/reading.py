"""What every page builder reads of a digest the same way: its text without bidi controls, and the language
its reader reads. Below :mod:`briefing.render.view`, so the modules the view uses (readers, quality) and the
pages beside it (index, email, timeline) take these without importing the view."""

from __future__ import annotations

import re

from briefing.records import Digest
from briefing.settings import Settings

# Bidi embedding/override and isolate controls: in a title or a name they can reorder what follows them.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def strip_bidi(text: str) -> str:
    """``text`` without bidi override/isolate controls (U+202A–202E, U+2066–2069)."""
    return _BIDI_CONTROLS.sub("", text)


def clean_name(text: str | None) -> str | None:
    """A name or outlet as one line without bidi controls; None when nothing is left."""
    return " ".join(strip_bidi(text).split()) or None if text else None


def briefing_language_of(digest: Digest) -> str:
    """The language the reader reads: what comments were translated to, else the configured one.

    Not the summary's language: when no model could bring an article into the briefing language,
    its extractive summary stays in the article's own language (and a flag says so).
    """
    for comment in digest.comments:
        for segment in comment.segments:
            if segment.translation is not None:
                return segment.translation.language
    return Settings().briefing_language  # the default: a caller with the run's settings passes its own
