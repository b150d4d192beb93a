"""An edition's stories under section headings (``edition_sections``): stories reordered section by section
(page order kept inside a section), and the heading to show before the first story of each section."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import TypeVar

E = TypeVar("E")


def arrange(
    stories: list[list[E]],
    sections: Sequence[tuple[str, Collection[str]]],
    article_id: Callable[[E], str | None],
) -> tuple[list[list[E]], list[str | None]]:
    """(stories in section order, heading before each story or None). ``sections``: (name, article ids);
    stories in none (failures) come last, under no new heading. No sections: as they were."""
    if not sections:
        return stories, [None] * len(stories)
    rank = {a: i for i, (_, ids) in enumerate(sections) for a in ids}

    def section(story: list[E]) -> int:
        found = [rank[a] for a in (article_id(e) for e in story) if a in rank]
        return min(found) if found else len(sections)

    ordered = sorted(stories, key=section)  # stable: page order inside a section
    heads: list[str | None] = []
    previous = None
    for story in ordered:
        number = section(story)
        heads.append(sections[number][0] if number != previous and number < len(sections) else None)
        previous = number
    return ordered, heads
