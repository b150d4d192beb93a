"""What readers say on the page, in Markdown and in the feed: translations first, originals one click
away, reader-language comments as written, hostile text inert (no model)."""

from __future__ import annotations

import pytest

from briefing.editions.feeds import readers_text
from briefing.records import Digest, Discussion, Gist, Representative, Source
from briefing.render import render_html, render_markdown
from briefing.render.readers import readers_view
from tests.discussion.helpers import comment
from tests.render.html_tree import parse

pytestmark = pytest.mark.unit

COMMENTS = (
    comment("Une excellente décision du conseil.", "fr", "An excellent decision by the council."),
    comment("Qué caro va a salir esto <script>alert(1)</script>", "es"),  # a reader language: as written
    comment("The cost is far too high for us.", "en"),
)


def _digest() -> Digest:
    discussion = Discussion(
        comments=3,
        languages={"en": 1, "es": 1, "fr": 1},
        gist=Gist(
            "en", "An excellent decision by the council. · The cost is far too high for us.", "extractive"
        ),
        representatives=(Representative(0, 0.667), Representative(1, 0.333)),
    )
    return Digest(
        "readers-test",
        Source("in/readers.txt", "0" * 64, "utf-8"),
        "Council decides",
        "en",
        ("Body.",),
        comments=COMMENTS,
        discussion=discussion,
    )


def test_representatives_in_the_briefing_language_with_their_originals() -> None:
    view = readers_view(_digest(), "en")
    assert view is not None and view.line == "Readers (3 comments in 3 languages)"
    translated, as_written = view.representatives
    assert (translated.text, translated.original, translated.language) == (
        "An excellent decision by the council.",
        "Une excellente décision du conseil.",
        "en",
    )
    assert translated.share == "about 67% of the comments" and translated.number == 1
    assert (
        as_written.original is None and as_written.language == "es" and as_written.text.startswith("Qué caro")
    )


def test_the_page_shows_the_section_under_the_summary_and_escapes_comments() -> None:
    page = render_html(_digest(), briefing_language="en")
    root, _ = parse(page)
    section = root.by_id("readers")
    assert "Readers (3 comments in 3 languages)" in section.text()
    assert len(section.find_all(cls="representative")) == 2
    assert len(section.find_all(cls="representative-original")) == 1  # only the translated one
    assert "<script>alert(1)</script>" not in page
    assert page.index('id="summary"') < page.index('id="readers"') < page.index('id="flags"')


def test_markdown_and_feed_carry_the_line_and_gist() -> None:
    md = render_markdown(_digest(), briefing_language="en")
    assert "## Readers (3 comments in 3 languages)" in md
    assert "Original (French): Une excellente décision du conseil." in md
    assert md.index("## Summary") < md.index("## Readers") < md.index("## Quality notes")
    assert readers_text(_digest(), "en") == (
        "Readers (3 comments in 3 languages): "
        "An excellent decision by the council. · The cost is far too high for us."
    )
    assert readers_text(_digest(), "fr").startswith("Readers (3 comments in 3 languages): [en] An excellent")


def test_no_discussion_no_section() -> None:
    from dataclasses import replace

    digest = replace(_digest(), discussion=None)
    assert readers_view(digest, "en") is None
    assert 'id="readers"' not in render_html(digest, briefing_language="en")
    assert "Readers (" not in render_markdown(digest, briefing_language="en")
