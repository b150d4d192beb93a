"""`briefing run inbox/` through the flow: saved web pages are digested like fetched ones, and the report
names every file the folder left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.sources.pages import PARAGRAPHS, article_page

pytestmark = pytest.mark.flow


def test_a_folder_of_saved_pages_is_digested_and_the_rest_named(
    prefect_harness, tiny_models: Path, tmp_path: Path, monkeypatch, validate_digest
):
    from flows.briefing import briefing_flow

    monkeypatch.setenv("BRIEFING_MODEL_DIR", str(tiny_models))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "harbour.html").write_text(article_page(), encoding="utf-8")
    (inbox / "report.pdf").write_bytes(b"%PDF-1.7\n\x00\x01")
    out = tmp_path / "out"

    state = briefing_flow(return_state=True, paths=[str(inbox)], output_dir=str(out), languages=["en"])
    report = state.result(raise_on_failure=False)

    assert state.is_completed(), state.message
    [article_id] = report["digests"]
    data = validate_digest(json.loads((out / "digests" / f"{article_id}.json").read_text(encoding="utf-8")))
    assert data["body"] == list(PARAGRAPHS)
    assert data["source"]["site"] == "Eastmere Gazette"
    assert report["skipped"] == [f"skipped report.pdf in {inbox}/: not an article (.txt, .md, .html)"]
