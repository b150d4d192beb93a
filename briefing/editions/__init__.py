"""Editions: what each run adds to the briefing, and the feeds readers subscribe to (no Prefect, no pages).

- :mod:`briefing.editions.dates` — an article's date: its own publication date, else the file's (labelled)
- :mod:`briefing.editions.stories` — grouping a run's digests into stories, newest first
- :mod:`briefing.editions.manifest` — the editions written into an output folder (``editions.json``)
- :mod:`briefing.editions.feeds` — Atom (feedgen) and JSON Feed 1.1 documents per reader language

Pages are rendered by :mod:`briefing.render`; writing files is the run's job (:mod:`briefing.run.publish`).
"""

from __future__ import annotations

from briefing.editions.dates import ArticleDate, article_date
from briefing.editions.manifest import EditionRecord, Manifest, edition_id, new_digests, read_manifest
from briefing.editions.stories import Story, order_stories, same_story_groups

__all__ = [
    "ArticleDate",
    "EditionRecord",
    "Manifest",
    "Story",
    "article_date",
    "edition_id",
    "new_digests",
    "order_stories",
    "read_manifest",
    "same_story_groups",
]
