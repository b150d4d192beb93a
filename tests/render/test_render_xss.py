"""Untrusted input never becomes markup: checked over every file a run writes (digests AND index)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.records import ArticleFailure
from briefing.render import render_html, write_digest_files, write_index
from tests.render.conftest import HOSTILE, IMG, SCRIPT, friendly_digest, hostile_digest
from tests.render.html_tree import parse

pytestmark = pytest.mark.unit

URL_ATTRS = {"href", "src", "action", "formaction", "srcset", "xlink:href", "poster", "data"}


@pytest.fixture
def outputs(tmp_path, validate_digest) -> Path:
    out = tmp_path / "out"
    hostile = hostile_digest()
    validate_digest(hostile.to_dict())
    write_digest_files(hostile, out)
    write_digest_files(friendly_digest(), out)
    failure = ArticleFailure(path=f"in/{SCRIPT}{IMG}.txt", reason=f"cannot decode {HOSTILE}")
    write_index([hostile, friendly_digest()], [failure], out)
    return out


def _pages(out: Path) -> list[Path]:
    # The pages and files for readers (Briefing's own bookkeeping files start with a dot).
    files = sorted(p for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))
    assert {p.suffix for p in files} == {".html", ".md", ".json"}
    assert len(files) == 7  # 2 x (html, md, json) + index
    return files


def test_no_input_markup_in_any_output_file(outputs):
    for path in _pages(outputs):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<\s*script", text, re.I), path
        assert not re.search(r"<\s*img", text, re.I), path
        assert not re.search(r"<\s*a\s+href\s*=\s*\"javascript", text, re.I), path
        # Not even as text a plain search could mistake for an attribute (the page shows it all the same).
        assert "onerror=" not in text.lower() and "onmouseover=" not in text.lower(), path


def test_no_event_handlers_or_javascript_urls_in_any_html_page(outputs):
    for path in outputs.rglob("*.html"):
        root, attrs = parse(path.read_text(encoding="utf-8"))
        assert not root.find_all("script") and not root.find_all("img"), path
        for tag, name, value in attrs:
            assert not name.startswith("on"), f"{path}: <{tag} {name}=...>"
            if name in URL_ATTRS:
                assert not re.match(r"\s*(javascript|data|vbscript):", value or "", re.I), (path, value)
                assert ":" not in (value or ""), f"{path}: {tag} {name}={value!r} has a scheme"


def test_markdown_pages_contain_no_html_at_all(outputs):
    for path in outputs.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert "<" not in text and ">" not in text.replace("→", ""), path
        # A link needs an unescaped "](": escaped brackets stay text.
        assert not re.search(r"(?<!\\)\]\(\s*javascript", text, re.I), path


def test_hostile_text_is_visible_as_text(outputs, hostile):
    root, _ = parse((outputs / "digests" / f"{hostile.article_id}.html").read_text(encoding="utf-8"))
    comment = root.by_id("comment-1")
    assert comment.find(cls="comment-author").text() == f"Author {IMG}"
    assert comment.find(cls="seg-orig").find(cls="seg-text").text() == f"Commentaire {SCRIPT}"
    assert comment.find(cls="seg-trans").find(cls="seg-text").text() == f"Comment {IMG}"
    assert root.by_id("title").text() == " ".join(f"Title {HOSTILE}".split())
    # Only the well-formed id becomes a link.
    assert [a.attrs["href"] for a in root.by_id("same-story").find_all("a")] == ["ok-id-1.html"]
    index, _ = parse((outputs / "index.html").read_text(encoding="utf-8"))
    reasons = [r.text() for r in index.find_all(cls="reason")]
    assert reasons == [" ".join(f"cannot decode {HOSTILE}".split())]


def test_json_keeps_the_exact_data(outputs, hostile):
    import json

    from briefing.records import Digest

    data = json.loads((outputs / "digests" / f"{hostile.article_id}.json").read_text(encoding="utf-8"))
    assert Digest.from_dict(data) == hostile


def test_hostile_summary_language_cannot_inject_css_or_attributes(hostile):
    from dataclasses import replace

    evil = replace(hostile, summary=replace(hostile.summary, language='en"><style>*{}</style>'))
    root, attrs = parse(render_html(evil))
    assert len(root.find_all("style")) == 1
    assert all(not name.startswith("on") for _, name, _ in attrs)
    assert root.find("html").attrs["lang"] == "en"


def test_unsafe_article_id_is_refused_as_a_file_name(hostile, tmp_path):
    from dataclasses import replace

    with pytest.raises(ValueError, match="article id"):
        write_digest_files(replace(hostile, article_id="../../etc/passwd"), tmp_path)
    assert not any(tmp_path.rglob("*"))
