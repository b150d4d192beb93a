"""`briefing clean page.html` as a user runs it: the installed script, in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sources.pages import PARAGRAPHS, article_page

pytestmark = pytest.mark.cli

BRIEFING = Path(sys.executable).with_name("briefing")


def test_clean_a_saved_page_prints_its_article_not_its_markup(tmp_path: Path, validate_digest):
    page = tmp_path / "harbour.html"
    page.write_text(article_page(), encoding="utf-8")
    done = subprocess.run(
        [str(BRIEFING), "clean", str(page)], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    data = validate_digest(json.loads(done.stdout))
    assert data["body"] == list(PARAGRAPHS)
    assert not any("<" in line for line in data["body"])
    assert data["title"] == "Eastmere harbour to replace diesel cranes"
    assert data["source"]["url"] == "https://gazette.example.org/news/harbour-cranes"
    assert [c["author"] for c in data["comments"]] == ["Marta Nowak", "Tom Reyes", "Eastmere Harbour"]
