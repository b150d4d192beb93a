"""Story continuity across editions: today's stories linked to the same story in earlier editions.

Each edition remembers a *thread* id per article (``EditionRecord.threads``). A story of a new edition joins
the thread of the most similar article of the editions made within :data:`WINDOW_DAYS` (title and lede,
all-MiniLM-L6-v2, the same embeddings and threshold as same-story grouping in one run; an identical title is
a match even without embeddings), else it starts a thread of its own. From the threads alone, for any
edition: a story is **new** (its thread's first edition), an **update** (second) or **developing** (third and
later), and every thread has a timeline (its articles, edition by edition).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

import numpy as np

from briefing.editions.manifest import EditionRecord, Manifest
from briefing.editions.stories import Story
from briefing.records import Digest

log = logging.getLogger(__name__)

WINDOW_DAYS = 7
Kind = Literal["new", "update", "developing"]
Embedder = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class StoryMark:
    """Where one article's story stands in the edition that carried it."""

    thread: str
    kind: Kind
    first_reported: datetime  # when the thread's first edition was made
    editions: int  # editions of the thread up to and including this one

    @property
    def continuing(self) -> bool:
        return self.kind != "new"

    def first_reported_text(self, now: datetime) -> str:
        """``first reported Tuesday`` within the week, else ``first reported 2024-05-01``."""
        if timedelta(0) <= now - self.first_reported < timedelta(days=6):
            return f"first reported {self.first_reported.strftime('%A')}"
        return f"first reported {self.first_reported.date().isoformat()}"


def kind_of(editions: int) -> Kind:
    return "new" if editions <= 1 else "update" if editions == 2 else "developing"


def _title_key(digest: Digest) -> str:
    return " ".join((digest.title or "").casefold().split())


def assign_threads(
    stories: Sequence[Story],
    earlier: Sequence[tuple[str, Digest]],
    embed: Embedder | None,
    threshold: float,
) -> dict[str, str]:
    """Article id -> thread id for every article of ``stories``. ``earlier`` holds (thread, digest) of the
    editions in the window; a story joins the thread of its most similar earlier article."""
    from briefing.same_story import cosine_matrix, story_text

    today = [d for s in stories for d in s.digests]
    best: dict[str, tuple[float, str]] = {}  # article id -> (similarity, thread)
    titles = {_title_key(d): t for t, d in earlier if _title_key(d)}
    for d in today:
        if _title_key(d) in titles:
            best[d.article_id] = (2.0, titles[_title_key(d)])
    if earlier and today and embed is not None:
        texts = [story_text(d) for d in today] + [story_text(d) for _, d in earlier]
        try:
            similarity = cosine_matrix(embed(texts))
        except Exception as err:  # continuity is a nicety: without embeddings, titles still match
            log.warning("story continuity by titles only: %s", type(err).__name__)
        else:
            for i, d in enumerate(today):
                row = similarity[i, len(today) :]
                j = int(np.argmax(row))
                if row[j] >= threshold and row[j] > best.get(d.article_id, (-1.0, ""))[0]:
                    best[d.article_id] = (float(row[j]), earlier[j][0])
    out: dict[str, str] = {}
    for story in stories:
        found = [best[d.article_id] for d in story.digests if d.article_id in best]
        thread = max(found)[1] if found else story.digests[0].article_id
        out.update({d.article_id: thread for d in story.digests})
    return out


def window_editions(manifest: Manifest, now: datetime, days: int = WINDOW_DAYS) -> list[EditionRecord]:
    return [e for e in manifest.editions if now - e.created_at() <= timedelta(days=days)]


def thread_of(edition: EditionRecord, article: str) -> str:
    """An article's thread; an edition written before threads existed: each article its own."""
    return edition.threads.get(article, article)


def marks_for(manifest: Manifest, edition_id: str) -> dict[str, StoryMark]:
    """Article id -> mark, for the articles of edition ``edition_id`` (counting the editions up to it)."""
    seen: dict[str, list[EditionRecord]] = {}
    for edition in manifest.editions:
        for thread in {thread_of(edition, a) for a in edition.articles}:
            seen.setdefault(thread, []).append(edition)
        if edition.id == edition_id:
            marks = {}
            for article in edition.articles:
                thread = thread_of(edition, article)
                runs = seen[thread]
                marks[article] = StoryMark(thread, kind_of(len(runs)), runs[0].created_at(), len(runs))
            return marks
    return {}


def first_marks(manifest: Manifest) -> dict[str, StoryMark]:
    """Article id -> the mark of the edition that first carried it (for feeds)."""
    out: dict[str, StoryMark] = {}
    for edition in manifest.editions:
        for article, mark in marks_for(manifest, edition.id).items():
            out.setdefault(article, mark)
    return out


@dataclass(frozen=True)
class TimelineItem:
    edition: EditionRecord
    article_id: str
    title: str


def timeline(manifest: Manifest, thread: str) -> list[TimelineItem]:
    """The thread's articles, oldest edition first (page order inside an edition)."""
    return [
        TimelineItem(e, a, e.titles.get(a, a))
        for e in manifest.editions
        for a in e.articles
        if thread_of(e, a) == thread
    ]
