"""Split a comment section (the lines after its header) into comments.

Explicit boundaries come first: an author/timestamp line starts a comment; a spoiler
notice or a chrome line ("Reply · Like · Report") ends the comment before it. Blank
lines inside a comment separate its paragraphs, which are kept ("\\n\\n"; lines
inside a paragraph keep their "\\n").

Author lines include names alone on their line when that shape repeats through the
section (:func:`briefing.cleaning.structure.author_lines`).

The count in the header ("Comments (3)") is a hint only where the page shows no explicit
boundary: the widest blank-line gaps become boundaries until the count is reached (a count
above explicit boundaries is taken to include hidden comments and is ignored). With no
explicit boundary and no count, every blank-line block is a comment. More comments than
the count is left alone (pages often show a subset).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from briefing.cleaning.classify import classify_comment_line, is_timestamp, looks_like_name
from briefing.cleaning.structure import author_lines
from briefing.records import Removed

_SEPARATOR_KINDS = frozenset({"spoiler_notice", "comment_ui", "comment_ui_words"})


@dataclass(frozen=True)
class RawComment:
    """A comment's own words (paragraphs joined by a blank line) and its author if shown."""

    text: str
    author: str | None = None


@dataclass
class _Draft:
    author: str | None = None
    paragraphs: list[list[str]] = field(default_factory=list)
    # gaps[i]: blank lines between paragraphs[i] and paragraphs[i + 1]
    gaps: list[int] = field(default_factory=list)

    @property
    def has_text(self) -> bool:
        return bool(self.paragraphs)


def split_comments(
    lines: Sequence[str], count_hint: int | None = None
) -> tuple[tuple[RawComment, ...], tuple[Removed, ...]]:
    """Comments in order, and the chrome lines cut from the section (in input order)."""
    drafts, removed, explicit, count = _read(lines, count_hint)
    count = count_hint if count_hint is not None else count
    drafts = _apply_count_hint(drafts, count, explicit)
    comments = tuple(
        RawComment(text="\n\n".join("\n".join(p) for p in d.paragraphs), author=d.author)
        for d in drafts
        if d.has_text
    )
    return comments, tuple(removed)


def _read(
    lines: Sequence[str], count_hint: int | None
) -> tuple[list[_Draft], list[Removed], bool, int | None]:
    stripped = [line.strip() for line in lines]
    drafts: list[_Draft] = []
    removed: list[Removed] = []
    explicit = False
    count: int | None = None
    current: _Draft | None = None
    blanks = 0
    names = author_lines(stripped, count_hint)

    def close() -> None:
        nonlocal current
        if current is not None and current.has_text:
            drafts.append(current)
        current = None

    for index, line in enumerate(stripped):
        if not line:
            blanks += 1
            continue
        kind = classify_comment_line(line)
        author: str | None = None
        if kind is None and (
            index in names or (looks_like_name(line) and is_timestamp(_next_text(stripped, index)))
        ):
            # A bare name (above a timestamp line, or in the section's repeated name shape)
            # is the author line of a new comment; "Anna Berg:" names Anna Berg.
            removed.append(Removed(line, "comment-meta"))
            author, explicit = line.rstrip(":").rstrip(), True
        elif kind is None:
            if current is None:
                current = _Draft()
            if current.has_text and blanks:
                current.paragraphs.append([])
                current.gaps.append(blanks)
            elif not current.has_text:
                current.paragraphs.append([])
            current.paragraphs[-1].append(line)
            blanks = 0
            continue
        else:
            removed.append(Removed(line, kind.reason or kind.kind))
        blanks = 0
        if kind is not None and kind.kind == "comment_header":
            count = count if count is not None else kind.count
            close()
        elif kind is not None and kind.kind in _SEPARATOR_KINDS:
            explicit = True
            close()
        elif kind is None or kind.kind == "comment_meta":
            explicit = True
            author = author if kind is None else kind.author
            if current is not None and current.has_text:
                close()
            if current is None:
                current = _Draft(author=author)
            elif author and not current.author:
                current.author = author
    close()
    return drafts, removed, explicit, count


def _next_text(lines: Sequence[str], index: int) -> str:
    return next((line for line in lines[index + 1 :] if line), "")


def _apply_count_hint(drafts: list[_Draft], count: int | None, explicit: bool) -> list[_Draft]:
    """Split drafts at their widest blank gaps until ``count`` comments (see module doc)."""
    gaps = [(d, g, size) for d, draft in enumerate(drafts) for g, size in enumerate(draft.gaps)]
    # Explicit boundaries (author lines, separators) are what the page shows; a header count
    # above them often counts hidden or deleted comments too, so it never splits them further.
    needed = 0 if explicit else (len(gaps) if count is None else max(0, count - len(drafts)))
    if not needed:
        return drafts
    chosen = sorted(gaps, key=lambda item: (-item[2], item[0], item[1]))[:needed]
    cuts: dict[int, set[int]] = {}
    for d, g, _ in chosen:
        cuts.setdefault(d, set()).add(g)
    out: list[_Draft] = []
    for d, draft in enumerate(drafts):
        out.extend(_cut(draft, cuts.get(d, set())))
    return out


def _cut(draft: _Draft, at: set[int]) -> list[_Draft]:
    """Split one draft after the paragraphs whose gap index is in ``at``."""
    if not at:
        return [draft]
    pieces: list[_Draft] = [_Draft(author=draft.author)]
    for p, paragraph in enumerate(draft.paragraphs):
        pieces[-1].paragraphs.append(paragraph)
        if p < len(draft.gaps):
            if p in at:
                pieces.append(_Draft())
            else:
                pieces[-1].gaps.append(draft.gaps[p])
    return pieces
