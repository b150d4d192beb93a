"""Score both readings of real news pages with gold bodies (``make eval-pages``).

The pages are ``../shared/data/aeb`` (``html/<key>.html.gz`` and ``ground-truth.json``); the metric is the
benchmark's (:mod:`briefing.cleaning.shingles`). Readings of one page:

- floor: the scraped text itself, no cleaning (``html-text``'s visible text, one line per block);
- scraped text: that text through the cleaning stage's body (:func:`scraped_text_body`), with the shipped
  line model (trained on these pages: an in-sample figure) and, with ``--cross-validate``, with models
  trained without the page scored (:mod:`briefing.cleaning.train_cleaner`);
- trafilatura alone: ``trafilatura.extract`` on the HTML, defaults;
- web page: the HTML bytes through :func:`web_page_body`, the path a fetched page takes.

It lives in ``briefing.sources``, above the cleaning stage, because the web-page reading goes through the
page extraction of :mod:`briefing.sources.articles`; the pages are :mod:`briefing.cleaning.aeb_pages`.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.cleaning.aeb_pages import DEFAULT_PAGES, Page, load_pages
from briefing.cleaning.core import clean_text
from briefing.cleaning.shingles import Score, score


def scraped_text_body(text: str) -> str:
    """The body the cleaning stage keeps of a scraped text."""
    return "\n\n".join(clean_text(text).body)


def web_page_body(html: bytes) -> str:
    """The body of a web page exactly as ``briefing clean page.html``, a saved page in a folder and fetched
    sources read it (``clean_html_page``: decoding, page extraction, the cleaning stage)."""
    from briefing.errors import InputError
    from briefing.sources.articles import clean_html_page

    try:
        digest = clean_html_page(html, "page.html")
    except InputError:
        return ""
    return "\n\n".join(digest.body)


def trafilatura_body(html: bytes) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


@dataclass(frozen=True)
class Row:
    name: str
    score: Score
    pages_per_second: float


def run_reading(name: str, inputs: Sequence[object], golds: Sequence[str], reader: Callable | None) -> Row:
    """Score ``reader`` on every input and time it (one process); None reads the input as it is."""
    if reader is None:
        return Row(name, score(zip(inputs, golds, strict=True)), 0.0)
    start = time.perf_counter()
    outputs = [reader(item) for item in inputs]
    elapsed = time.perf_counter() - start
    return Row(name, score(zip(outputs, golds, strict=True)), len(inputs) / elapsed if elapsed else 0.0)


def format_table(rows: Sequence[Row]) -> str:
    lines = [
        f"| {'reading':<46} | {'P':>6} | {'R':>6} | {'F1':>6} | {'pages/s':>8} |",
        f"|{'-' * 48}|{'-' * 8}|{'-' * 8}|{'-' * 8}|{'-' * 10}|",
    ]
    for row in rows:
        s = row.score
        speed = f"{row.pages_per_second:8.1f}" if row.pages_per_second else f"{'-':>8}"
        lines.append(f"| {row.name:<46} | {s.precision:.4f} | {s.recall:.4f} | {s.f1:.4f} | {speed} |")
    return "\n".join(lines)


def evaluate(pages: Sequence[Page], with_trafilatura: bool = True, corpus: Path | None = None) -> list[Row]:
    """The table's rows; with ``corpus``, also the cross-validated line model (see train_cleaner)."""
    golds = [page.gold for page in pages]
    texts = [page.scraped for page in pages]
    rows = [run_reading("scraped text, no cleaning (floor)", texts, golds, None)]
    if corpus is not None:
        from briefing.cleaning.train_cleaner import FOLDS, cross_validated_models

        models = cross_validated_models(
            [(p.key, text, p.gold) for p, text in zip(pages, texts, strict=True)], corpus
        )
        keyed = [(page.key, text) for page, text in zip(pages, texts, strict=True)]
        rows.append(
            run_reading(
                f"scraped text -> clean body, {FOLDS}-fold CV by page",
                keyed,
                golds,
                lambda item: "\n\n".join(clean_text(item[1], models[item[0]]).body),
            )
        )
    rows.append(run_reading("scraped text -> clean body (shipped model)", texts, golds, scraped_text_body))
    htmls = [page.html for page in pages]
    rows.append(run_reading("web page -> extraction + cleaning", htmls, golds, web_page_body))
    if with_trafilatura:
        rows.append(run_reading("web page -> trafilatura alone", htmls, golds, trafilatura_body))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages (by key)")
    parser.add_argument("--no-trafilatura", action="store_true", help="skip the trafilatura-alone row")
    parser.add_argument(
        "--cross-validate",
        type=Path,
        metavar="CORPUS",
        default=None,
        help="also score the line model by k-fold CV by page, trained with this corpus (needs scikit-learn)",
    )
    args = parser.parse_args(argv)
    if not (args.folder / "ground-truth.json").is_file():
        print(f"{args.folder}: no ground-truth.json (expected the aeb pages)", file=sys.stderr)
        return 2
    pages = load_pages(args.folder, args.limit)
    print(f"{len(pages)} pages from {args.folder}")
    print(format_table(evaluate(pages, not args.no_trafilatura, args.cross_validate)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
