"""Structure learned from the page itself, not from phrase tables alone.

Four readings of a page's shape:

``footer_start``
    Boilerplate by position: scanning up from the page end, lines that are footer anchors
    (rights and licence notices, press-code lines, link rows, navigation rows) or filler
    between them (short lines without final punctuation, chrome) form the page-end zone; it
    starts at its topmost anchor. The scan stops at the first line of real text, so the
    last paragraph of a body or of a comment is never in the zone.

``author_lines``
    The repeating shape of one comment when each comment opens with its author's name
    alone on a line (no timestamp, no "wrote:"): a name-shaped line at the start of a
    block, followed by text. The shape must repeat (two comments or more) and be set by
    lines that can only be names (two words or more, handles), or, for single words glued
    to their text, open at least two thirds of the blocks, or number exactly what the
    section header counts; so a one-word comment ("Agreed") is not taken for a name on a
    page whose comments carry no names.

``comments_only_start``
    A page that is only a comment section: a comment header before any article paragraph
    followed by comment-shaped lines (author lines, comment chrome, a repeated name shape),
    a header that opens the page and has no count or counts exactly the blocks below it, or
    a page that opens with an author line. Returns where the section starts so that its
    comments never become the body.

``headerless_section_start``
    A comment section whose header is unknown: two or more author lines ("Anna says:",
    "Anna · 2 hours ago") after the first article paragraph; a short count line just above
    the first is taken as its header.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.cleaning.classify import (
    classify_article_line,
    classify_comment_line,
    comment_header,
    footer_anchor,
    is_timestamp,
)
from briefing.cleaning.text import ends_sentence

# Filler inside the page-end zone: lines this short without final punctuation (addresses,
# app badges, link labels) sit between footer anchors.
_FILLER_MAX_WORDS = 8
# A publisher label glued above the first footer anchor ("Example Media GmbH").
_LABEL_MAX_WORDS = 4
# A name is at most this many words ("Anna Maria de la Cruz" is five with its particles).
_NAME_MAX_WORDS = 5
_NAME_MAX_CHARS = 40
_PARTICLES = frozenset(
    ("de", "da", "das", "do", "dos", "du", "del", "della", "di", "la", "le", "van", "von", "der", "den")
    + ("ter", "ten", "y", "e", "i", "al", "bin", "ibn", "zu")
)
_NAME_TOKEN = re.compile(r"^(?:[^\W\d_][\w'’-]*|[^\W\d_]\.)$")
_HANDLE = re.compile(r"^@?[\w.-]{2,30}$")
# Comment-section markers used to recognise a comments-only page.
_MARKER_KINDS = frozenset({"comment_meta", "comment_ui", "comment_ui_words", "spoiler_notice"})
_MIN_SHAPE_REPEATS = 2


# --- page end ----------------------------------------------------------------------------------


def footer_start(lines: Sequence[str]) -> int | None:
    """Index of the first line of the page-end boilerplate zone, or None when there is none."""
    start: int | None = None
    for index in range(len(lines) - 1, -1, -1):
        text = lines[index].strip()
        if not text:
            continue
        if footer_anchor(text):
            start = index
        elif not _filler(text):
            break
    return None if start is None else _with_glued_label(lines, start)


def _with_glued_label(lines: Sequence[str], start: int) -> int:
    """Widen the zone to short label lines glued right above its first anchor ("dpa-infocom
    GmbH" over the rights line): same run, no final punctuation, not chrome of another kind."""
    while start > 0:
        text = lines[start - 1].strip()
        short = 0 < len(text.split()) <= _LABEL_MAX_WORDS and not ends_sentence(text)
        if not short or classify_article_line(text) is not None or comment_header(text):
            break
        start -= 1
    return start


def _filler(text: str) -> bool:
    if comment_header(text) or is_timestamp(text):
        return False
    short = len(text.split()) <= _FILLER_MAX_WORDS and not ends_sentence(text)
    return short or classify_article_line(text) is not None


# --- author names ------------------------------------------------------------------------------


def name_shaped(line: str) -> bool:
    """A line that can only be a person's name or handle: "Jan de Vries", "Ola K.", "kasia_88"
    (a colon after it, "Jan de Vries:", is allowed)."""
    text = line.strip()
    text = text[:-1].rstrip() if text.endswith(":") else text
    if not text or len(text) > _NAME_MAX_CHARS or any(c in text for c in '"“”«»!?:;,()'):
        return False
    tokens = text.split()
    if len(tokens) > _NAME_MAX_WORDS:
        return False
    if len(tokens) == 1 and _HANDLE.match(text) and re.search(r"[\d_@]|\w\.\w", text):
        return True
    if text.endswith(".") and not re.search(r"(?:^|\s)\w\.$", text):
        return False
    capitalised = 0
    for token in tokens:
        if token.lower() in _PARTICLES and token.islower():
            continue
        if not _NAME_TOKEN.match(token) or not token[0].isupper():
            return False
        capitalised += 1
    return capitalised >= 1 and tokens[0][0].isupper()


def author_lines(lines: Sequence[str], count: int | None = None) -> set[int]:
    """Indexes of lines that open a comment with the author's name alone (see module doc)."""
    stripped = [line.strip() for line in lines]
    glued: set[int] = set()
    spaced: set[int] = set()
    # Plain lower-case handles ("altstadtfan") join a shape other names have set.
    weak_glued: set[int] = set()
    weak_spaced: set[int] = set()
    blocks = 0
    for index, text in enumerate(stripped):
        if not text:
            continue
        opens_block = index == 0 or not stripped[index - 1] or _chrome(stripped[index - 1])
        blocks += bool(opens_block) and not _chrome(text)
        # Dense threads print no blank line between comments: a name right after a line
        # that ends a sentence opens a comment too.
        after_text = not opens_block and ends_sentence(stripped[index - 1])
        shaped = name_shaped(text)
        if not (opens_block or after_text) or not (shaped or _HANDLE.match(text)) or _chrome(text):
            continue
        after = _next_text_index(stripped, index)
        if after is None or _chrome(stripped[after]) or name_shaped(stripped[after]):
            continue
        together = all(stripped[index + 1 : after])
        if shaped:
            (glued if together else spaced).add(index)
        else:
            (weak_glued if together else weak_spaced).add(index)
    # The shape is set by lines that can only be names (two words or more, a handle); a
    # single word ("Agreed", "Bravo") only joins a shape that those have established.
    # Single words alone are a shape too when nearly every block opens with one, glued to
    # its text ("Hugh" / "Marta" as the only names a site shows).
    mostly = len(glued) >= _MIN_SHAPE_REPEATS and 3 * len(glued) >= 2 * blocks
    # A header count equal to the candidates confirms single names too.
    counted = count is not None and count >= _MIN_SHAPE_REPEATS
    if len(glued) >= len(spaced) and (
        _established(glued, stripped) or mostly or (counted and len(glued) == count)
    ):
        return glued | weak_glued
    # A name alone in its own block must also open a good share of the blocks.
    if (_established(spaced, stripped) and 3 * len(spaced) >= blocks) or (counted and len(spaced) == count):
        return spaced | weak_spaced
    return set()


def _established(candidates: set[int], lines: Sequence[str]) -> bool:
    strong = [i for i in candidates if len(lines[i].split()) > 1 or not lines[i].isalpha()]
    return len(strong) >= _MIN_SHAPE_REPEATS


def _chrome(text: str) -> bool:
    return classify_comment_line(text) is not None


def _next_text_index(lines: Sequence[str], index: int) -> int | None:
    """The next non-blank line after ``index``, skipping badges and timestamps under a name
    ("Verified reader", "2 hours ago")."""
    for i in range(index + 1, len(lines)):
        if not lines[i]:
            continue
        found = classify_comment_line(lines[i])
        if found is None or found.reason != "comment-meta" or found.author:
            return i
    return None


def _next_index(lines: Sequence[str], index: int) -> int | None:
    return next((i for i in range(index + 1, len(lines)) if lines[i]), None)


# --- comments-only pages -----------------------------------------------------------------------


def comments_only_start(lines: Sequence[str]) -> int | None:
    """Where the comment section starts when the page has no article before it, else None."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    for index in range(first, len(lines)):
        text = lines[index].strip()
        if not text:
            continue
        header = comment_header(text)
        if header and (_comment_shaped(lines[index + 1 :]) or _opens_page(header.count, lines, index, first)):
            return index
        if _opens_comment(lines, index) and _comment_shaped(lines[index:]):
            return index
        if ends_sentence(text) and len(text.split()) >= 8:
            return None
    return None


def headerless_section_start(lines: Sequence[str]) -> int | None:
    """Where a comment section without a known header starts: after the first article
    paragraph, the first author line ("Anna says:", "Anna · 2 hours ago") of at least two.
    A short count line just above it ("3 thoughts on this") is the section's header."""
    seen_paragraph = False
    authors: list[int] = []
    for index, line in enumerate(lines):
        text = line.strip()
        if seen_paragraph and _author_line(text):
            authors.append(index)
        if ends_sentence(text) and len(text.split()) >= 8:
            seen_paragraph = True
    if len(authors) < _MIN_SHAPE_REPEATS:
        return None
    start = authors[0]
    above = max((i for i in range(start) if lines[i].strip()), default=None)
    if above is not None and _count_line(lines[above]):
        return above
    return start


def _author_line(text: str) -> bool:
    found = classify_comment_line(text)
    return (
        found is not None and found.kind == "comment_meta" and bool(found.author) and not text.startswith("@")
    )


def _count_line(line: str) -> bool:
    text = line.strip()
    return (
        len(text.split()) <= 12
        and not ends_sentence(text)
        and bool(re.search(r"\d", text))
        and classify_article_line(text) is None
    )


def _opens_page(count: int | None, lines: Sequence[str], index: int, first: int) -> bool:
    """A header that is the page's first line and either has no count (a counter above an
    article carries one) or counts exactly the blocks below it."""
    if index != first:
        return False
    return count is None or count == _blocks(lines[index + 1 :])


def _blocks(lines: Sequence[str]) -> int:
    blocks, previous = 0, ""
    for line in lines:
        text = line.strip()
        blocks += bool(text) and not previous
        previous = text
    return blocks


def _opens_comment(lines: Sequence[str], index: int) -> bool:
    text = lines[index].strip()
    found = classify_comment_line(text)
    if found is not None and found.kind == "comment_meta" and found.author:
        return True
    after = _next_index([line.strip() for line in lines], index)
    return after is not None and name_shaped(text) and is_timestamp(lines[after])


def _comment_shaped(lines: Sequence[str]) -> bool:
    markers = 0
    for line in lines:
        found = classify_comment_line(line)
        markers += found is not None and found.kind in _MARKER_KINDS
    return markers >= _MIN_SHAPE_REPEATS or len(author_lines(lines)) >= _MIN_SHAPE_REPEATS
