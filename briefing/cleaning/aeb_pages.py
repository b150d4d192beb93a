"""The aeb benchmark's news pages with gold bodies (``../shared/data/aeb``: ``html/<key>.html.gz`` and
``ground-truth.json``), and their scraped text: what both the line model's training
(:mod:`briefing.cleaning.train_cleaner`) and ``make eval-pages`` (:mod:`briefing.sources.pages_eval`) read."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PAGES = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "aeb"


@dataclass(frozen=True)
class Page:
    key: str
    html: bytes
    gold: str

    @property
    def scraped(self) -> str:
        return scraped_text(self.html)


def load_pages(folder: Path, limit: int | None = None) -> list[Page]:
    """The benchmark's pages sorted by key; ``limit`` keeps the first ones."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[:limit] if limit else sorted(truth)
    html = folder / "html"
    return [
        Page(key, gzip.decompress((html / f"{key}.html.gz").read_bytes()), truth[key]["articleBody"])
        for key in keys
    ]


def scraped_text(html: bytes) -> str:
    """What a scraper hands over: the page's visible text, one line per block (the benchmark's reference)."""
    import html_text

    return html_text.extract_text(html.decode("utf-8", errors="replace"), guess_layout=True)
