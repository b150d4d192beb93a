"""How a discussion is named on pages, editions and feeds: one wording for all of them (pure)."""

from __future__ import annotations

from briefing.records import Discussion


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def readers_line(discussion: Discussion) -> str:
    """``Readers (12 comments in 3 languages)``."""
    languages = len([code for code, n in discussion.languages.items() if n])
    return f"Readers ({_count(discussion.comments, 'comment')} in {_count(languages, 'language')})"


def share_text(share: float) -> str:
    """A group's share as readers read it: ``about 40% of the comments``."""
    return f"about {round(100 * share)}% of the comments"
