"""Small synthetic backlogs for the scale tests and ``bench/scale.py``: one folder per source, English
articles of varied length written from our own sentence parts (never the seeds), deterministic per seed."""

from __future__ import annotations

import random
from pathlib import Path

SOURCES = ("harbour-gazette", "valley-courier", "metro-wire", "coast-herald", "plains-daily")
_SUBJECTS = (
    "The town council",
    "A regional rail operator",
    "The harbour authority",
    "Local farmers",
    "A group of engineers",
    "The school board",
    "Residents of the old quarter",
    "The water utility",
)
_VERBS = ("approved", "postponed", "criticised", "presented", "funded", "reviewed", "rejected", "announced")
_OBJECTS = (
    "a plan to rebuild the northern bridge",
    "new timetables for the evening trains",
    "a budget for flood defences along the river",
    "a pilot project for electric ferries",
    "the expansion of the public library",
    "stricter rules for night-time deliveries",
    "a survey of air quality near the ring road",
    "repairs to the swimming pool roof",
)
_TAILS = (
    "after a long debate on Tuesday evening.",
    "despite objections from several shop owners.",
    "according to a statement published this morning.",
    "with a vote of nine to four.",
    "following complaints about noise and traffic.",
    "in time for the start of the summer season.",
)


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_TAILS)}"


def write_backlog(
    folder: Path, articles: int, seed: int = 0, sources: tuple[str, ...] = SOURCES
) -> list[Path]:
    """``articles`` article files under ``folder/<source>/``; lengths vary from 3 to 12 paragraphs."""
    rng = random.Random(seed)
    paths = []
    for n in range(articles):
        source = sources[n % len(sources)]
        title = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} (report {seed}-{n})"
        paragraphs = [
            " ".join(_sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(3, 12))
        ]
        path = folder / source / f"article-{seed}-{n:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
