"""`make eval-pages` end to end on a few of the aeb pages (skipped where ../shared/data/aeb is absent)."""

from __future__ import annotations

import pytest

from briefing.sources.pages_eval import DEFAULT_PAGES, evaluate, format_table, load_pages

pytestmark = pytest.mark.pipeline

needs_pages = pytest.mark.skipif(not (DEFAULT_PAGES / "ground-truth.json").is_file(), reason="no aeb pages")


@needs_pages
def test_eval_pages_scores_every_reading_on_a_subset():
    pages = load_pages(DEFAULT_PAGES, limit=4)
    rows = evaluate(pages, with_trafilatura=False)
    assert [row.name.split(" ")[0] for row in rows] == ["scraped", "scraped", "web"]
    for row in rows:
        assert row.score.pages == 4
        assert 0.0 <= row.score.precision <= 1.0 and 0.0 <= row.score.recall <= 1.0
    # The floor keeps everything: nothing of the article is missing from it.
    assert rows[0].score.recall > 0.95
    assert "pages/s" in format_table(rows)
