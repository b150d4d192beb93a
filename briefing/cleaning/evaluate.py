"""Score the cleaner on a corpus of hand-written pages with gold files (``make eval``).

A corpus folder holds ``NAME.txt`` (the page) and ``NAME.gold.json``::

    {"layout": "...", "language": "fr",
     "body": ["text every body line must contain", ...],      # must-include (substring of a paragraph)
     "noise": ["a line that must appear nowhere", ...],        # must-exclude from body and comments
     "comments": [{"author": "Anna K." | null, "language": "en", "segments": ["en", "fr"]}, ...]}

Figures (over the whole corpus):

- body recall: share of must-include lines found inside a body paragraph;
- noise leaks: noise lines found in a body paragraph (as a substring) or as a line of a comment;
- comment count exact: share of pages whose comment count equals the gold count;
- author accuracy: share of gold comments that show an author whose author is right (comments
  are paired in order, so a page with a wrong count loses the comments it could not pair);
- segment language: share of gold comments whose segments have exactly the gold languages in
  order (a comment missing from the output counts as wrong), and comment language alike.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefing.cleaning.core import clean_text, comment_record
from briefing.cleaning.decode import decode_bytes
from briefing.langid import normalize_languages
from briefing.settings import Settings


@dataclass
class Tally:
    """Counts behind each figure; :meth:`figures` turns them into ratios."""

    articles: int = 0
    body_found: int = 0
    body_total: int = 0
    leaks: list[str] = field(default_factory=list)
    count_exact: int = 0
    authors_right: int = 0
    authors_total: int = 0
    segments_right: int = 0
    languages_right: int = 0
    comments_total: int = 0
    misses: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float | int]:
        return {
            "articles": self.articles,
            "body_recall": _ratio(self.body_found, self.body_total),
            "noise_leaks": len(self.leaks),
            "comment_count_exact": _ratio(self.count_exact, self.articles),
            "author_accuracy": _ratio(self.authors_right, self.authors_total),
            "segment_language_accuracy": _ratio(self.segments_right, self.comments_total),
            "comment_language_accuracy": _ratio(self.languages_right, self.comments_total),
        }


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 1.0


def corpus_pages(folder: Path) -> list[tuple[Path, dict]]:
    """Every page with its gold, sorted by name; a page without a gold file is an error."""
    pages = []
    for path in sorted(folder.glob("*.txt")):
        gold_path = path.with_suffix(".gold.json")
        if not gold_path.is_file():
            raise FileNotFoundError(f"{path}: no gold file {gold_path.name}")
        pages.append((path, json.loads(gold_path.read_text(encoding="utf-8"))))
    return pages


def score_page(path: Path, gold: dict, languages: tuple[str, ...], tally: Tally) -> None:
    """Add one page's counts to ``tally``; what went wrong goes to ``tally.misses``."""
    text = decode_bytes(path.read_bytes(), str(path)).text
    parts = clean_text(text)
    comments = [comment_record(raw, languages) for raw in parts.comments]
    name = path.stem
    tally.articles += 1
    for line in gold["body"]:
        tally.body_total += 1
        if any(line in paragraph for paragraph in parts.body):
            tally.body_found += 1
        else:
            tally.misses.append(f"{name}: body line missing: {line[:60]}")
    comment_lines = {line.strip() for c in comments for line in c.text.split("\n")}
    for noise in gold["noise"]:
        if noise in comment_lines or any(noise in paragraph for paragraph in parts.body):
            tally.leaks.append(f"{name}: {noise}")
    expected = gold["comments"]
    if len(comments) == len(expected):
        tally.count_exact += 1
    else:
        tally.misses.append(f"{name}: {len(comments)} comments, gold {len(expected)}")
    for index, want in enumerate(expected):
        got = comments[index] if index < len(comments) else None
        tally.comments_total += 1
        if want.get("author"):
            tally.authors_total += 1
            if got is not None and got.author == want["author"]:
                tally.authors_right += 1
            else:
                tally.misses.append(f"{name}: comment {index + 1} author {got and got.author!r}")
        found = [s.language for s in got.segments] if got is not None else []
        if found == want["segments"]:
            tally.segments_right += 1
        else:
            tally.misses.append(f"{name}: comment {index + 1} segments {found} gold {want['segments']}")
        tally.languages_right += got is not None and got.language == want["language"]


def evaluate(folder: Path, languages: Sequence[str] | None = None) -> Tally:
    """Score every page of the corpus in ``folder``."""
    codes = normalize_languages(languages or Settings().detect_languages)
    tally = Tally()
    for path, gold in corpus_pages(folder):
        score_page(path, gold, codes, tally)
    return tally


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the cleaner on a gold corpus.")
    parser.add_argument("corpus", nargs="?", default="eval/corpus", type=Path)
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    tally = evaluate(args.corpus)
    for key, value in tally.figures().items():
        print(f"{key:28} {value}")
    for leak in tally.leaks:
        print(f"leak: {leak}")
    if args.verbose:
        for miss in tally.misses:
            print(f"miss: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
