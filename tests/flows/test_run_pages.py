"""A run over a folder of saved web pages: pages digested like fetched ones, other files named as skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.run import batch
from briefing.settings import Settings
from tests.sources.pages import PARAGRAPHS, article_page

pytestmark = pytest.mark.tiny_model


def test_a_folder_of_pages_is_digested_and_other_files_are_named(tiny_models: Path, tmp_path: Path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "harbour.html").write_text(article_page(), encoding="utf-8")
    (inbox / "report.pdf").write_bytes(b"%PDF-1.7\n\x00\x01")
    settings = Settings(model_dir=tiny_models, offline=True, target_languages=())
    result = batch.run_batch([inbox], settings, tmp_path / "out")

    assert result.exit_code == 0
    [digest] = result.digests
    assert digest.body == PARAGRAPHS and digest.title == "Eastmere harbour to replace diesel cranes"
    assert digest.source.path == str(inbox / "harbour.html")
    assert result.skipped == (f"skipped report.pdf in {inbox}/: not an article (.txt, .md, .html)",)
