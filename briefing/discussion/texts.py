"""Which comments may stand for a discussion, and the text each is grouped by (pure).

A comment is grouped by its briefing-language version: each segment's translation where there is one,
its own words otherwise (segments in the briefing language or in a language the reader reads are not
translated). Noise never represents a discussion: empty or one-word comments, comments that are only
links, comments that are only comment chrome (a hidden/spoiler notice, "Reply · Like"), and every copy of
a comment posted more than once (spam repeats itself; a copy is no thread of its own).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from briefing.records import Comment

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# A word: a run of letters or digits (emoji and punctuation are not words).
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
MIN_WORDS = 2


def briefing_text(comment: Comment, home: str) -> str:
    """The comment in the briefing language as far as Briefing has it (translations where there are)."""
    parts = []
    for segment in comment.segments:
        translated = segment.translation
        use = translated.text if translated is not None and translated.language == home else segment.text
        parts.append(use.strip())
    text = " ".join(p for p in parts if p) or comment.text
    return " ".join(text.split())


def in_briefing_language(comment: Comment, home: str) -> bool:
    """Every segment is in the briefing language, or translated into it."""
    return (
        all(
            s.language == home or (s.translation is not None and s.translation.language == home)
            for s in comment.segments
        )
        if comment.segments
        else comment.language == home
    )


def words(text: str) -> list[str]:
    return _WORD.findall(_URL.sub(" ", text))


def is_chrome(text: str) -> bool:
    """Every line of the comment is comment chrome (a hidden/spoiler notice, "Reply · Like · Report")."""
    from briefing.cleaning.classify import classify_comment_line

    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and all(
        (found := classify_comment_line(line)) is not None and found.reason is not None for line in lines
    )


def fingerprint(text: str) -> str:
    """What two copies of one comment share: its words, case-folded."""
    return " ".join(w.casefold() for w in _WORD.findall(text))


def eligible(comments: Sequence[Comment]) -> list[int]:
    """Indices of the comments that may represent the discussion (noise and repeated comments left out)."""
    copies = Counter(fingerprint(c.text) for c in comments)
    return [
        i
        for i, c in enumerate(comments)
        if len(words(c.text)) >= MIN_WORDS and copies[fingerprint(c.text)] == 1 and not is_chrome(c.text)
    ]


def language_counts(comments: Sequence[Comment]) -> dict[str, int]:
    """Comments per language, most frequent first (ties by code)."""
    counts = Counter(c.language for c in comments)
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
