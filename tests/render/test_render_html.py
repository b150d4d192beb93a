from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from briefing.records import Comment, Flag, Segment, Summary
from briefing.render import render_html, story_titles
from tests.render.conftest import FR_MODEL, FR_ORIGINAL, FR_TRANSLATION
from tests.render.html_tree import parse

pytestmark = pytest.mark.unit


@pytest.fixture
def page(friendly, validate_digest):
    validate_digest(friendly.to_dict())
    root, attrs = parse(render_html(friendly))
    return root


def test_page_is_self_contained(friendly):
    html = render_html(friendly)
    root, attrs = parse(html)
    assert not root.find_all("script")
    assert not root.find_all("link")
    assert not root.find_all("img")
    for _tag, name, value in attrs:
        if name in ("href", "src", "action", "srcset"):
            assert "://" not in (value or ""), f"external reference {value!r}"
    csp = [m for m in root.find_all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0].attrs["content"]
    viewport = [m for m in root.find_all("meta") if m.attrs.get("name") == "viewport"]
    assert viewport, "phones need the viewport meta"


def test_header_shows_title_source_status(page, friendly):
    assert page.by_id("title").text() == friendly.title
    assert page.find(cls="source-path").text() == friendly.source.path
    assert page.by_id("status").text() == "degraded"


def test_summary_switcher_has_one_checked_radio_per_language(page, friendly):
    radios = page.find_all("input")
    assert [r.attrs.get("type") for r in radios] == ["radio"] * 3
    assert len({r.attrs["name"] for r in radios}) == 1
    assert ["checked" in r.attrs for r in radios] == [True, False, False]
    labels = [label.text() for label in page.find_all("label")]
    assert labels == ["English", "French", "German"]
    panels = page.find_all(cls="summary-panel")
    assert [p.attrs.get("lang") for p in panels] == ["en", "fr", "de"]
    assert panels[0].find(cls="summary-text").text() == friendly.summary.text
    assert panels[1].find(cls="summary-text").text() == friendly.translations[0].text
    assert "Machine-translated en → fr by tiny/en-fr" in panels[1].text()
    # Each radio has a CSS rule showing its own panel (the switcher works without JavaScript).
    style = page.find("style").text()
    for i in range(3):
        assert f"#sum-{i}:checked ~ .summary-panel-{i}" in style


def test_flags_in_plain_words_degradations_marked(page):
    items = [li for li in page.find(cls="flags").find_all("li") if "flag" in li.classes]
    assert [i.find(cls="flag-text").text() for i in items] == [
        "Summary is extractive: the summarization model was unavailable, "
        "so key sentences were picked from the article instead.",
        "Reader comments in German were not translated: no translation model is installed.",
        "Another quality note was recorded for this digest (see Details).",
    ]
    assert "degradation" in items[0].classes and "degradation" in items[1].classes
    assert "degradation" not in items[2].classes
    # The technical detail is one click away, reduced to pair, model ids and a reason class.
    details = items[1].find("details", cls="flag-details")
    assert "open" not in details.attrs
    assert details.find("li").text() == (
        "translation-unavailable · de → en · Helsinki-NLP/opus-mt-de-en · model not installed"
    )
    assert "a code the renderer does not know" not in page.text()


def test_article_is_collapsible_and_complete(page, friendly):
    details = page.find("details", cls="article-text")
    assert "open" not in details.attrs
    assert [p.text() for p in details.find_all("p", cls="body-paragraph")] == list(friendly.body)


def test_foreign_segment_sits_beside_its_labelled_translation(page):
    comment = page.by_id("comment-1")
    row = comment.find(cls="seg-row")
    assert "foreign" in row.classes
    original, translation = row.find(cls="seg-orig"), row.find(cls="seg-trans")
    assert original.attrs["lang"] == "fr" and translation.attrs["lang"] == "en"
    assert original.find(cls="seg-text").text() == FR_ORIGINAL
    assert translation.find(cls="seg-text").text() == FR_TRANSLATION
    assert translation.find(cls="mt-label").text() == f"Machine-translated fr → en by {FR_MODEL}"
    native = comment.find_all(cls="seg-row")[1]
    assert "native" in native.classes and not native.find_all(cls="seg-trans")


def test_untranslated_foreign_segment_says_why(page):
    row = page.by_id("comment-2").find(cls="seg-row")
    note = row.find(cls="untranslated").text()
    assert note == "Not translated (de → en): no translation model is installed"
    assert page.by_id("comment-2").find(cls="comment-author").text() == "Anonymous"


def test_same_story_links_use_titles_when_given(friendly):
    root, _ = parse(render_html(friendly, story_titles={"harbour-news-9f8e7d6c5b": "Port news"}))
    links = root.by_id("same-story").find_all("a")
    assert [(a.attrs["href"], a.text()) for a in links] == [("harbour-news-9f8e7d6c5b.html", "Port news")]


def test_removed_log_lists_reason_and_text_collapsed(page, friendly):
    details = page.find("details", cls="removed-log")
    assert "open" not in details.attrs
    rows = details.find("tbody").find_all("tr")
    assert [(r.find("th").text(), r.find("td").text()) for r in rows] == [
        ("Advertisement", "Sponsored: win a cruise today"),
        ("Share buttons", "Share on social media"),
    ]
    assert details.find(cls="related-title").text() == friendly.related[0].title


def test_untitled_digest_uses_its_first_paragraph_and_says_so(friendly):
    root, _ = parse(render_html(replace(friendly, title=None)))
    assert root.by_id("title").text() == friendly.body[0]
    assert root.find(cls="derived")


def test_ok_digest_without_flags_says_so(friendly):
    digest = replace(friendly, flags=(Flag("chunked", "2 parts"),))
    root, _ = parse(render_html(digest))
    assert root.by_id("status").text() == "ok"


def test_rendering_is_deterministic_and_run_time_only_when_given(friendly):
    assert render_html(friendly) == render_html(friendly)
    stamped = render_html(friendly, generated_at=datetime(2024, 5, 6, 7, 8, tzinfo=UTC))
    assert "Generated 2024-05-06 07:08 UTC" in parse(stamped)[0].find("footer").text()
    assert "Generated" not in parse(render_html(friendly))[0].find("footer").text()


def test_story_titles_label_untitled_articles_by_their_first_paragraph(friendly):
    untitled = replace(friendly, article_id="untitled-1", title=None)
    assert story_titles([friendly, untitled]) == {
        friendly.article_id: friendly.title,
        "untitled-1": friendly.body[0],
    }


def _unavailable(pair: str, cause: str) -> Flag:
    return Flag("translation-unavailable", "any words", stage="translation", pair=pair, cause=cause)


def test_untranslated_note_picks_the_flag_about_its_own_pair(friendly):
    flags = (
        _unavailable("en-fr", "failed"),
        _unavailable("de-en", "model-missing"),
        _unavailable("en-de", "failed"),
    )
    root, _ = parse(render_html(replace(friendly, flags=flags)))
    note = root.by_id("comment-2").find(cls="untranslated").text()
    assert note == "Not translated (de → en): no translation model is installed"


def _french_article(friendly):
    """A French article whose summary stayed French (no model), with untranslated comments."""
    french = Segment(text="Enfin une bonne nouvelle.", language="fr", confidence=0.9)
    english = Segment(text="Finally good news.", language="en", confidence=0.9)
    return replace(
        friendly,
        language="fr",
        summary=Summary(language="fr", text="Le port a rouvert.", method="extractive", model=None),
        translations=(),
        comments=(
            Comment(text=french.text, language="fr", segments=(french,)),
            Comment(text=english.text, language="en", segments=(english,)),
        ),
        flags=(_unavailable("fr-en", "model-missing"),),
    )


def _foreign_rows(html):
    root, _ = parse(html)
    return ["foreign" in root.by_id(f"comment-{i}").find(cls="seg-row").classes for i in (1, 2)]


def test_foreign_means_not_in_the_briefing_language_even_when_the_summary_is_not(friendly):
    digest = _french_article(friendly)
    assert _foreign_rows(render_html(digest, briefing_language="en")) == [True, False]
    assert _foreign_rows(render_html(digest, briefing_language="fr")) == [False, True]
    root, _ = parse(render_html(digest, briefing_language="en"))
    note = root.by_id("comment-1").find(cls="untranslated").text()
    assert note == "Not translated (fr → en): no translation model is installed"
    summary_note = root.find(cls="summary-panel").find(cls="note").text()
    assert summary_note.endswith("It is in French, not English: see the quality notes")


def test_briefing_language_is_the_callers_not_the_environments(friendly, monkeypatch):
    # The run hands pages its briefing language; the core never reads the configuration itself.
    assert _foreign_rows(render_html(_french_article(friendly), briefing_language="fr")) == [False, True]
    monkeypatch.setenv("BRIEFING_BRIEFING_LANGUAGE", "fr")
    assert _foreign_rows(render_html(_french_article(friendly))) == [True, False]  # the default, en
