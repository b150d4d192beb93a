"""The cleaning corpus (eval/corpus) and the thresholds of issue 14, pinned.

The corpus is hand-written for the project; the figures are those `make eval` prints.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.cleaning.evaluate import Tally, corpus_pages, evaluate, main

pytestmark = pytest.mark.pipeline

CORPUS = Path(__file__).resolve().parents[2] / "eval" / "corpus"


@pytest.fixture(scope="module")
def figures() -> dict[str, float | int]:
    return evaluate(CORPUS).figures()


def test_corpus_has_enough_varied_pages():
    pages = corpus_pages(CORPUS)
    assert len(pages) >= 24
    assert len({gold["language"] for _, gold in pages}) >= 6
    assert any(not gold["body"] and gold["comments"] for _, gold in pages), "a comments-only page"
    for path, gold in pages:
        assert {"layout", "language", "body", "noise", "comments"} <= set(gold), path.name
        for comment in gold["comments"]:
            assert comment["language"] in comment["segments"], path.name


def test_body_recall(figures):
    assert figures["body_recall"] >= 0.98


def test_no_noise_leaks(figures):
    assert figures["noise_leaks"] == 0


def test_comment_count_exact(figures):
    assert figures["comment_count_exact"] >= 0.95


def test_author_accuracy(figures):
    assert figures["author_accuracy"] >= 0.95


def test_segment_language_accuracy(figures):
    assert figures["segment_language_accuracy"] >= 0.95


def test_scorer_counts_a_leak_and_a_wrong_count(tmp_path):
    """The scorer itself can fail: a page whose gold disagrees with the cleaner is scored down."""
    (tmp_path / "page.txt").write_text(
        "The harbour authority approved a new ferry terminal on the east quay on Monday.\n\n"
        "Comments (1)\n\nAnna Berg · 2 hours ago\nAbout time the ferry got a proper terminal here.\n",
        encoding="utf-8",
    )
    (tmp_path / "page.gold.json").write_text(
        '{"layout": "t", "language": "en", "body": ["A line that is not there"],'
        ' "noise": ["The harbour authority approved"], "comments": []}',
        encoding="utf-8",
    )
    tally: Tally = evaluate(tmp_path, ["en", "fr"])
    figures = tally.figures()
    assert figures["body_recall"] == 0.0
    assert figures["noise_leaks"] == 1
    assert figures["comment_count_exact"] == 0.0


def test_main_prints_every_figure(capsys):
    assert main([str(CORPUS)]) == 0
    out = capsys.readouterr().out
    for key in ("body_recall", "noise_leaks", "comment_count_exact", "author_accuracy", "segment_language"):
        assert key in out


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name)
def test_every_corpus_line_is_accounted_for(path):
    """Nothing is silently lost: each line is title, body, related, a comment line or removed."""
    from briefing.cleaning import clean_text

    text = path.read_text(encoding="utf-8")
    result = clean_text(text)
    removed = {r.text for r in result.removed}
    related = [r.title for r in result.related] + [r.teaser for r in result.related if r.teaser]
    comment_lines = {line for c in result.comments for line in c.text.split("\n")}
    for line in (raw.strip() for raw in text.split("\n")):
        if line:
            assert (
                line == result.title
                or line in removed
                or line in comment_lines
                or any(line in paragraph for paragraph in result.body)
                or any(line == item or item in line for item in related)
            ), line
