"""The article part of a page (everything before the comment section).

Lines are read in runs (consecutive non-blank lines). A line ending like a sentence
ends a paragraph; a line without final punctuation continues into the next line of its
run (hard-wrapped text), and a blank line always ends a paragraph. Chrome lines go to
``removed`` with their reason and do not break a wrapped paragraph.

Related-article boxes: after a header line ("More on this topic", "Lire aussi") come
headlines (short lines without final punctuation), each optionally followed by one
teaser (in the headline's run, or opening the next run when the headline stood alone);
the box ends at the first line that is neither. Headline-like lines directly
above the header in its run belong to the box too (some scrapers print the box's first
headline above its header, as in seed 000), and so does a lone headline-like line that
ended the previous run right after a body paragraph. Entries are deduplicated
by headline, keeping the first teaser seen. "Read more: Headline" lines are one entry.

Title: the first line when it is headline-like, not chrome, stands alone (a blank or
chrome line follows it) and article text follows; otherwise None. The title line is
neither body nor ``removed``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from briefing.cleaning.classify import LineClass, classify_article_line, comment_header
from briefing.cleaning.text import ends_sentence, headline_like, title_key
from briefing.records import Related, Removed

TEASER_MAX_WORDS = 60


@dataclass(frozen=True)
class ArticleParts:
    title: str | None
    body: tuple[str, ...]
    related: tuple[Related, ...]
    removed: tuple[Removed, ...]


def split_article(lines: Sequence[str]) -> ArticleParts:
    """Title, body paragraphs, related entries and removed lines of the article part."""
    title, start = find_title(lines)
    builder = _Builder()
    for run in _runs(lines[start:]):
        builder.read_run(run)
    return builder.parts(title)


def find_title(lines: Sequence[str]) -> tuple[str | None, int]:
    """The headline and the index of the line after it, or (None, 0)."""
    indexes = [i for i, line in enumerate(lines) if line.strip()]
    if len(indexes) < 2:
        return None, 0
    first = lines[indexes[0]].strip()
    if _chrome(first) is not None or not headline_like(first):
        return None, 0
    after = indexes[0] + 1
    stands_alone = not lines[after].strip() or _chrome(lines[after]) is not None
    has_text = any(_chrome(lines[i]) is None for i in indexes[1:])
    if stands_alone and has_text:
        return first, after
    return None, 0


def _chrome(line: str) -> LineClass | None:
    return comment_header(line) or classify_article_line(line)


def _runs(lines: Sequence[str]) -> Iterator[list[str]]:
    run: list[str] = []
    for line in lines:
        if line.strip():
            run.append(line.strip())
        elif run:
            yield run
            run = []
    if run:
        yield run


@dataclass
class _Entry:
    title: str
    teaser: str | None = None


@dataclass
class _Builder:
    body: list[str] = field(default_factory=list)
    related: list[_Entry] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    buffer: list[str] = field(default_factory=list)
    in_box: bool = False
    box_state: str = "expect-headline"  # or "after-headline", "after-teaser"
    current: int = -1
    # Whether the last body paragraph is a headline-like line that shared its run with
    # an earlier paragraph (a candidate glued headline when a box header follows).
    last_glued: bool = False
    run_paragraphs: int = 0
    run_number: int = 0
    line_in_run: int = 0
    # Where the current box headline sat: its run, and whether it was alone in it.
    headline_run: int = -1
    headline_alone: bool = False
    run_length: int = 0

    def read_run(self, run: list[str]) -> None:
        self.run_paragraphs = 0
        self.run_number += 1
        self.run_length = len(run)
        for index, line in enumerate(run):
            self.line_in_run = index
            self.read_line(line)
        self.flush()

    def read_line(self, line: str) -> None:
        kind = _chrome(line)
        if kind is not None and kind.kind == "related_header":
            self.removed.append(Removed(line, kind.reason or "related-header"))
            self.pull_glued_headlines()
            self.in_box, self.box_state = True, "expect-headline"
            return
        if kind is not None and kind.kind == "related_inline":
            self.flush()
            self.add_related(kind.title or line)
            self.box_state = "after-headline" if self.in_box else self.box_state
            return
        if kind is not None:
            self.removed.append(Removed(line, kind.reason or kind.kind))
            return
        if self.in_box:
            if self.read_box_line(line):
                return
            self.in_box = False
        self.buffer.append(line)
        if ends_sentence(line):
            self.flush()

    def read_box_line(self, line: str) -> bool:
        if headline_like(line):
            self.add_related(line)
            self.box_state = "after-headline"
            self.headline_run, self.headline_alone = self.run_number, self.run_length == 1
            return True
        entry = self.related[self.current] if self.related else None
        # A teaser shares its headline's run, or (spaced-out boxes, as in seed 000) opens
        # the run right after a headline that stood alone; otherwise it is body text.
        placed = self.headline_run == self.run_number or (
            self.headline_alone and self.headline_run == self.run_number - 1 and self.line_in_run == 0
        )
        if (
            self.box_state == "after-headline"
            and entry is not None
            and entry.teaser is None
            and placed
            and len(line.split()) <= TEASER_MAX_WORDS
        ):
            entry.teaser = line
            self.box_state = "after-teaser"
            return True
        return False

    def add_related(self, title: str) -> None:
        key = title_key(title)
        for index, entry in enumerate(self.related):
            if title_key(entry.title) == key:
                self.current = index
                return
        self.related.append(_Entry(title))
        self.current = len(self.related) - 1

    def pull_glued_headlines(self) -> None:
        glued: list[str] = []
        while self.buffer and headline_like(self.buffer[-1]):
            glued.insert(0, self.buffer.pop())
        if not glued and not self.buffer and self.last_glued and self.body:
            glued.append(self.body.pop())
            self.last_glued = False
        self.flush()
        for title in glued:
            self.add_related(title)

    def flush(self) -> None:
        if not self.buffer:
            return
        paragraph = " ".join(self.buffer)
        self.last_glued = self.run_paragraphs > 0 and all(headline_like(b) for b in self.buffer)
        self.body.append(paragraph)
        self.run_paragraphs += 1
        self.buffer = []

    def parts(self, title: str | None) -> ArticleParts:
        return ArticleParts(
            title=title,
            body=tuple(self.body),
            related=tuple(Related(e.title, e.teaser) for e in self.related),
            removed=tuple(self.removed),
        )
