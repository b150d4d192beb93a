"""Edition and front pages as a reader sees them (headless Chromium): summaries, dates, by-lines, one
banner, one quality line per kind, the test-model note, right-to-left comments."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from selenium.webdriver.common.by import By

from briefing.editions.manifest import read_manifest
from briefing.records import Comment, Flag, Segment, Source
from briefing.render import write_digest_files
from briefing.run.publish import publish_run
from briefing.settings import Settings
from tests.browser_support import save_screenshot
from tests.render.conftest import friendly_digest

pytestmark = pytest.mark.browser

ARABIC = "هذا خبر جيد للمدينة، شكراً على المقال."
WIDE = (1280, 900)


def _unavailable(src: str) -> Flag:
    model = f"Helsinki-NLP/opus-mt-{src}-en"
    return Flag(
        "translation-unavailable",
        f"{src}→en: {model} not found",
        stage="translation",
        pair=f"{src}-en",
        models=(model,),
        cause="model-missing",
    )


def _digests():
    dated = friendly_digest(
        published="2024-03-14",
        byline="Hannah Ortiz",
        source=Source(path="in/harbour.txt", sha256="ab" * 32, encoding="utf-8", site="Harbour Gazette"),
        same_story_as=(),
    )
    arabic = Segment(text=ARABIC, language="ar", confidence=0.9)
    second = friendly_digest(
        article_id="ferry-news-1a2b3c4d5e",
        title="Ferries back on the timetable",
        published="2024-03-15T08:30:00+01:00",
        byline="Omar Haddad",
        same_story_as=(),
        comments=(Comment(text=ARABIC, language="ar", segments=(arabic,), author="سارة"),),
        flags=(
            _unavailable("ar"),
            _unavailable("de"),
            Flag(
                "test-model",
                "random test models: sshleifer/distilbart-cnn-12-6",
                models=("sshleifer/distilbart-cnn-12-6",),
                cause="test-model",
            ),
        ),
    )
    return [dated, second]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("edition-site") / "out"
    digests = _digests()
    titles = {d.article_id: d.title for d in digests}
    for digest in digests:
        write_digest_files(digest, out, story_titles=titles, briefing_language="en")
    settings = Settings(target_languages=("fr", "de"))
    publish_run(digests, [], out, settings, datetime(2024, 3, 16, 7, 0, tzinfo=UTC))
    [edition] = read_manifest(out).editions
    return out, digests, edition


def _open(driver, path):
    driver.set_window_size(*WIDE)
    driver.get(path.as_uri())


def test_edition_shows_each_summary_publication_date_and_byline(chromium, site):
    out, digests, edition = site
    _open(chromium, out / "editions" / f"{edition.id}.html")
    entries = chromium.find_elements(By.CSS_SELECTOR, "article.entry")
    assert [e.find_element(By.CSS_SELECTOR, "h2").text for e in entries] == [
        "Ferries back on the timetable",  # published 15 March: newest first
        digests[0].title,
    ]
    for entry, digest in zip(entries, reversed(digests), strict=True):
        summary = entry.find_element(By.CSS_SELECTOR, ".summary-text")
        assert summary.is_displayed() and summary.text == digest.summary.text
        assert entry.find_element(By.CSS_SELECTOR, ".byline").text == f"By {digest.byline}"
    assert entries[0].find_element(By.CSS_SELECTOR, ".date").text == "Published: 2024-03-15 07:30 UTC"
    assert entries[1].find_element(By.CSS_SELECTOR, ".date").text == "Published: 2024-03-14"
    assert "Harbour Gazette" in entries[1].find_element(By.CSS_SELECTOR, ".meta").text
    # Translations are one click away.
    french = entries[1].find_element(By.CSS_SELECTOR, "details.translation p")
    assert not french.is_displayed()
    entries[1].find_element(By.CSS_SELECTOR, "details.translation summary").click()
    assert french.is_displayed() and french.text == digests[0].translations[0].text
    save_screenshot(chromium, "edition")


def test_degraded_edition_has_one_banner_and_one_line_per_kind(chromium, site):
    out, _digests_, _edition = site
    _open(chromium, out / "index.html")
    banners = chromium.find_elements(By.CSS_SELECTOR, ".banner")
    assert len(banners) == 1 and banners[0].is_displayed()
    assert "briefing models pull" in banners[0].text and "BRIEFING_MODEL_DIR" in banners[0].text
    lines = [e.text for e in chromium.find_elements(By.CSS_SELECTOR, "#quality .flag-text")]
    assert lines and len(lines) == len(set(lines))
    comment_lines = [t for t in lines if t.startswith("Reader comments")]
    assert comment_lines == [
        "Reader comments in Arabic and German were not translated: no translation model is installed."
    ]
    details = chromium.find_element(By.CSS_SELECTOR, "#quality .flag-details li")
    assert not details.is_displayed()  # technical detail collapsed
    save_screenshot(chromium, "index-degraded")


def test_test_model_digest_shows_the_note(chromium, site):
    out, digests, _edition = site
    _open(chromium, out / "digests" / f"{digests[1].article_id}.html")
    note = chromium.find_element(By.ID, "test-model-note")
    assert note.is_displayed() and note.text == "Made with random test models — the text is meaningless."
    assert chromium.find_element(By.ID, "status").text.lower() == "degraded"


def test_arabic_comment_renders_right_to_left(chromium, site):
    out, digests, _edition = site
    _open(chromium, out / "digests" / f"{digests[1].article_id}.html")
    text = chromium.find_element(By.CSS_SELECTOR, "#comment-1 .seg-orig .seg-text")
    assert text.text == ARABIC
    assert chromium.execute_script("return getComputedStyle(arguments[0]).direction", text) == "rtl"
    author = chromium.find_element(By.CSS_SELECTOR, "#comment-1 .comment-author")
    assert chromium.execute_script("return getComputedStyle(arguments[0]).direction", author) == "rtl"
    english = replace(digests[0])
    _open(chromium, out / "digests" / f"{english.article_id}.html")
    title = chromium.find_element(By.ID, "title")
    assert chromium.execute_script("return getComputedStyle(arguments[0]).direction", title) == "ltr"
    save_screenshot(chromium, "digest-arabic-comment")
