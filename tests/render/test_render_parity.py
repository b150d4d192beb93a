"""The Markdown and HTML digests carry the same summary, translations, comments and flags as the JSON."""

from __future__ import annotations

import html
import json
import re

import pytest

from briefing.records import Digest
from briefing.render import write_digest_files
from briefing.render.quality import quality_notes
from tests.render.conftest import friendly_digest, hostile_digest
from tests.render.html_tree import parse

pytestmark = pytest.mark.unit


def _norm(text: str) -> str:
    return " ".join(text.split())


def _md_plain(md: str) -> str:
    """Undo the Markdown escaping: backslash escapes, then entities."""
    return html.unescape(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", md))


def _expected(data: dict) -> dict[str, list[str]]:
    segments = [s for c in data["comments"] for s in c["segments"]]
    return {
        "summary": [data["summary"]["text"]] + [t["text"] for t in data.get("translations") or []],
        "segments": [s["text"] for s in segments],
        "segment_translations": [s["translation"]["text"] for s in segments if s["translation"]],
        # One plain sentence per kind of flag (the raw details stay in the JSON).
        "flags": [n.text for n in quality_notes([Digest.from_dict(data)])],
        "authors": [c["author"] for c in data["comments"] if c["author"]],
    }


@pytest.fixture(params=["friendly", "hostile"])
def written(request, tmp_path, validate_digest):
    digest = friendly_digest() if request.param == "friendly" else hostile_digest()
    paths = write_digest_files(digest, tmp_path)
    data = json.loads(paths["json"].read_text(encoding="utf-8"))
    validate_digest(data)
    assert Digest.from_dict(data) == digest
    return data, paths


def test_html_has_the_json_content(written):
    data, paths = written
    want = {k: [_norm(v) for v in vs] for k, vs in _expected(data).items()}
    root, _ = parse(paths["html"].read_text(encoding="utf-8"))
    comments = root.by_id("comments")
    got = {
        "summary": [e.text() for e in root.find_all(cls="summary-text")],
        "segments": [
            row.find(cls="seg-orig").find(cls="seg-text").text() if "foreign" in row.classes else row.text()
            for row in comments.find_all(cls="seg-row")
        ],
        "segment_translations": [
            e.find(cls="seg-text").text()
            for e in comments.find_all(cls="seg-trans")
            if e.find_all(cls="seg-text")
        ],
        "flags": [e.text() for e in root.find_all(cls="flag-text")],
        "authors": [e.text() for e in comments.find_all(cls="comment-author") if e.text() != "Anonymous"],
    }
    assert got == want


def test_markdown_has_the_json_content_in_the_same_order(written):
    data, paths = written
    plain = _md_plain(paths["md"].read_text(encoding="utf-8"))
    for kind, texts in _expected(data).items():
        position = 0
        for text in texts:
            found = plain.find(_norm(text), position)
            assert found >= 0, f"{kind}: {text!r} missing or out of order in the Markdown digest"
            position = found + 1


def test_reruns_are_byte_identical(tmp_path):
    first = write_digest_files(friendly_digest(), tmp_path / "a")
    second = write_digest_files(friendly_digest(), tmp_path / "b")
    for kind in ("json", "md", "html"):
        assert first[kind].read_bytes() == second[kind].read_bytes()
    assert {p.name for p in first.values()} == {
        f"market-report-0a1b2c3d4e.{k}" for k in ("json", "md", "html")
    }
