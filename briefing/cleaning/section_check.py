"""Is a found comment section really reader comments?

The section finders (a comment header, author lines, a comments-only page) also fire on menus, link lists,
tag clouds, "most read" boxes and footers, and on article text under a by-line. Reader comments are short
pieces of prose: most of their words sit in sentence-like lines (function words of a detection language or
final punctuation), they hold at most one short label line (a name, "Reply"), and none is article-long.
Comments also say who wrote them, or the header's count says how many there are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.cleaning.blocks import function_density
from briefing.cleaning.classify import classify_article_line
from briefing.cleaning.comments import RawComment
from briefing.cleaning.text import ends_sentence

_WORD = re.compile(r"\w+")
# A comment longer than this is an article or a page read as one comment.
MAX_COMMENT_WORDS = 400
# A sentence-like line: final punctuation, or this many words with function words.
_SENTENCE_WORDS = 4
_SENTENCE_DENSITY = 0.1
# Share of a comment's words that must sit in sentence-like lines, and of comments that must look so.
PROSE_SHARE = 0.7
SHAPED_SHARE = 0.8


def comment_shaped(text: str) -> bool:
    """Prose with at most one short label line and at least one finished sentence, not article-long."""
    total = prose = labels = 0
    closed_any = False
    for line in (line.strip() for line in text.split("\n")):
        words = _WORD.findall(line)
        if not words:
            continue
        total += len(words)
        closed = ends_sentence(line)
        closed_any = closed_any or closed
        if closed or (len(words) >= _SENTENCE_WORDS and function_density(words) >= _SENTENCE_DENSITY):
            prose += len(words)
        elif len(words) < _SENTENCE_WORDS:
            labels += 1
    return 0 < total <= MAX_COMMENT_WORDS and labels <= 1 and prose >= PROSE_SHARE * total and closed_any


def real_comments(comments: Sequence[RawComment], header_count: int | None, headed: bool) -> bool:
    """Whether ``comments`` read as reader comments (see the module docstring). ``headed``: the section was
    found by a comment header (not by author lines alone)."""
    if not comments or any(_article_byline(comment.author) for comment in comments):
        return False
    if header_count is not None and header_count == len(comments) > 1:
        # A header that counts exactly the blocks below it ("Comments (3)" over three comments).
        return True
    shaped = sum(comment_shaped(comment.text) for comment in comments)
    if shaped < SHAPED_SHARE * len(comments):
        return False
    authored = sum(comment.author is not None for comment in comments)
    counted = header_count == len(comments) or (headed and shaped == len(comments))
    return 2 * authored >= len(comments) or counted


def _article_byline(author: str | None) -> bool:
    """An "author" that is the article's by-line or dateline ("By Staff", "Published 10:02")."""
    found = classify_article_line(author) if author else None
    return found is not None and found.kind in ("byline", "dateline")
