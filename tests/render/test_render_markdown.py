from __future__ import annotations

import re

import pytest

from briefing.render import md_escape, render_markdown
from tests.render.conftest import FR_MODEL, FR_ORIGINAL, FR_TRANSLATION, friendly_digest

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("a & b", "a & b"),
        ("5 < 6 and 7 > 2", "5 < 6 and 7 > 2"),
        ("BRIEFING_MODEL_DIR", "BRIEFING_MODEL_DIR"),
        ("&lt;already", "&amp;lt;already"),
        ("*bold* _em_ `code`", "\\*bold\\* \\_em\\_ \\`code\\`"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("![img](x)", "!\\[img\\](x)"),
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("12. item", "12\\. item"),
        ("3) item", "3\\) item"),
        ("a | b", "a | b"),
        ("x onerror=alert(1)", "x onerror\\=alert(1)"),
        ("=== underline", "=== underline"),
        ("line one\n\n# two\n    code", "line one # two code"),
        ("back\\slash", "back\\slash"),
        ("back\\*", "back\\\\\\*"),
        ("plain words, 3.5 percent.", "plain words, 3.5 percent."),
    ],
)
def test_md_escape(raw, escaped):
    assert md_escape(raw) == escaped


def test_markdown_has_no_raw_html_and_keeps_sections_in_page_order():
    md = render_markdown(friendly_digest())
    assert "<" not in md
    headings = re.findall(r"^## (.+)$", md, flags=re.M)
    assert headings == [
        "Summary",
        "Quality notes",
        "Article",
        "Reader comments (2)",
        "Same story",
        "What was removed and why",
        "About this digest",
    ]
    assert md.startswith("# Harbour reopens after the winter storms\n")


def test_markdown_puts_translation_under_its_original_with_the_pair_and_model():
    lines = render_markdown(friendly_digest()).splitlines()
    original = lines.index(f"- Original (French): {md_escape(FR_ORIGINAL)}")
    assert lines[original + 1] == f"  - Machine-translated fr → en by {FR_MODEL}: {FR_TRANSLATION}"


def test_markdown_says_why_a_foreign_segment_is_untranslated():
    md = render_markdown(friendly_digest())
    assert "  - Not translated (de → en): no translation model is installed" in md
    assert "Helsinki-NLP/opus-mt-de-en not found" not in md  # the raw detail stays in the JSON


def test_markdown_same_story_links_to_markdown_files():
    md = render_markdown(friendly_digest(), story_titles={"harbour-news-9f8e7d6c5b": "Port news"})
    assert "- [Port news](harbour-news-9f8e7d6c5b.md)" in md


def test_markdown_keeps_a_comments_line_breaks_and_reads_as_plain_text():
    from briefing.records import Comment, Segment

    text = "First line of the comment.\nSecond line, with BRIEFING_MODEL_DIR and 5 < 6."
    segment = Segment(text=text, language="en", confidence=0.9)
    md = render_markdown(friendly_digest(comments=(Comment(text=text, language="en", segments=(segment,)),)))
    assert "- First line of the comment.  \n  Second line, with BRIEFING_MODEL_DIR and 5 < 6." in md
