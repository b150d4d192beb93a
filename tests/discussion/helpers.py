"""Comments for the discussion tests: in one language, with the briefing-language translation given."""

from __future__ import annotations

from briefing.records import Comment, Segment, Translation


def comment(text: str, language: str = "en", english: str | None = None) -> Comment:
    """A one-segment comment; ``english`` is its translation (as the translate stage would set it)."""
    translation = Translation("en", english, "stub/translator") if english is not None else None
    return Comment(text, language, (Segment(text, language, 0.99, translation),))
