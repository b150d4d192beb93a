"""Digest and index pages as a reader sees them: headless Chromium, visible text, PNG screenshots."""

from __future__ import annotations

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By

from briefing.records import ArticleFailure
from briefing.render import write_digest_files, write_index
from tests.browser_support import save_screenshot
from tests.render.conftest import FR_ORIGINAL, FR_TRANSLATION, IMG, SCRIPT, friendly_digest, hostile_digest

pytestmark = pytest.mark.browser

WIDE = (1280, 900)
PHONE = (390, 844)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A small run written to disk: the friendly digest, a same-story partner, a hostile one, a failure."""
    root = tmp_path_factory.mktemp("site")
    source = root / "in" / "market-report.txt"
    source.parent.mkdir()
    source.write_text("raw", encoding="utf-8")
    friendly = friendly_digest(source_path=str(source))
    partner = friendly_digest(
        article_id="harbour-news-9f8e7d6c5b",
        title="Port back in business",
        same_story_as=(friendly.article_id,),
        flags=(),
    )
    hostile = hostile_digest()
    out = root / "out"
    for digest in (friendly, partner, hostile):
        write_digest_files(digest, out, story_titles={partner.article_id: partner.title})
    failure = ArticleFailure(path=str(root / "in" / "broken.txt"), reason="empty file")
    write_index([friendly, partner, hostile], [failure], out)
    return out, friendly, partner, hostile


def _open(driver, path, size):
    driver.set_window_size(*size)
    driver.get(path.as_uri())


def _laid_out(driver, element) -> bool:
    script = "const e = arguments[0]; return e.checkVisibility() && e.getBoundingClientRect().height > 0;"
    return driver.execute_script(script, element)


def _no_alert(driver):
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert  # noqa: B018  (raises when no script ran an alert)


def test_french_comment_beside_its_translation_on_wide_screens(chromium, site):
    out, friendly, *_ = site
    _open(chromium, out / "digests" / f"{friendly.article_id}.html", WIDE)
    assert chromium.find_element(By.ID, "title").text == friendly.title
    row = chromium.find_element(By.CSS_SELECTOR, "#comment-1 .seg-row.foreign")
    original = row.find_element(By.CSS_SELECTOR, ".seg-orig .seg-text")
    translation = row.find_element(By.CSS_SELECTOR, ".seg-trans .seg-text")
    label = row.find_element(By.CSS_SELECTOR, ".mt-label")
    assert original.is_displayed() and translation.is_displayed() and label.is_displayed()
    assert original.text == FR_ORIGINAL
    assert translation.text == FR_TRANSLATION
    assert label.text == "Machine-translated fr → en by Helsinki-NLP/opus-mt-fr-en"
    # Side by side: the two boxes share their top edge, the translation to the right.
    left, right = row.find_element(By.CLASS_NAME, "seg-orig"), row.find_element(By.CLASS_NAME, "seg-trans")
    assert left.location["y"] == right.location["y"]
    assert right.location["x"] >= left.location["x"] + left.size["width"]
    save_screenshot(chromium, "digest-wide")


def test_phone_stacks_translation_under_the_original(chromium, site):
    out, friendly, *_ = site
    _open(chromium, out / "digests" / f"{friendly.article_id}.html", PHONE)
    row = chromium.find_element(By.CSS_SELECTOR, "#comment-1 .seg-row.foreign")
    original = row.find_element(By.CSS_SELECTOR, ".seg-orig")
    translation = row.find_element(By.CSS_SELECTOR, ".seg-trans")
    assert original.is_displayed() and translation.is_displayed()
    assert translation.location["y"] >= original.location["y"] + original.size["height"]
    # Nothing wider than the phone's screen.
    assert chromium.execute_script("return document.documentElement.scrollWidth") <= PHONE[0]
    save_screenshot(chromium, "digest-phone")


def test_language_switcher_works_with_css_only(chromium, site):
    out, friendly, *_ = site
    _open(chromium, out / "digests" / f"{friendly.article_id}.html", WIDE)
    english = chromium.find_element(By.CSS_SELECTOR, ".summary-panel-0 .summary-text")
    french = chromium.find_element(By.CSS_SELECTOR, ".summary-panel-1 .summary-text")
    assert english.is_displayed() and english.text == friendly.summary.text
    assert not french.is_displayed()
    chromium.find_element(By.CSS_SELECTOR, "label[for='sum-1']").click()
    assert french.is_displayed() and french.text == friendly.translations[0].text
    assert not english.is_displayed()
    save_screenshot(chromium, "digest-summary-french")


def test_article_and_removed_log_are_collapsed_until_opened(chromium, site):
    out, friendly, *_ = site
    _open(chromium, out / "digests" / f"{friendly.article_id}.html", WIDE)
    paragraph = chromium.find_element(By.CSS_SELECTOR, ".article-text .body-paragraph")
    assert not paragraph.is_displayed()
    chromium.find_element(By.CSS_SELECTOR, ".article-text summary").click()
    assert paragraph.is_displayed() and paragraph.text == friendly.body[0]
    removed = chromium.find_element(By.CSS_SELECTOR, ".removed-log td")
    assert not removed.is_displayed()
    chromium.find_element(By.CSS_SELECTOR, ".removed-log summary").click()
    assert removed.is_displayed() and removed.text == friendly.removed[0].text
    flag = chromium.find_element(By.CSS_SELECTOR, ".flags .flag-text")
    assert flag.is_displayed()
    assert flag.text.startswith("Summary is extractive: the summarization model was unavailable")


def test_hostile_input_shows_as_text_and_runs_nothing(chromium, site):
    out, _friendly, _partner, hostile = site
    _open(chromium, out / "digests" / f"{hostile.article_id}.html", WIDE)
    _no_alert(chromium)
    original = chromium.find_element(By.CSS_SELECTOR, "#comment-1 .seg-orig .seg-text")
    assert original.text == f"Commentaire {SCRIPT}"
    author = chromium.find_element(By.CSS_SELECTOR, "#comment-1 .comment-author")
    assert author.text == f"Author {IMG}"
    assert chromium.find_elements(By.TAG_NAME, "script") == []
    assert chromium.find_elements(By.TAG_NAME, "img") == []
    save_screenshot(chromium, "digest-hostile")


def test_index_groups_the_same_story_and_links_to_digests(chromium, site):
    out, friendly, partner, _hostile = site
    _open(chromium, out / "index.html", WIDE)
    _no_alert(chromium)
    group = chromium.find_element(By.CSS_SELECTOR, ".story.grouped")
    assert group.find_element(By.CSS_SELECTOR, ".story-label").text == "Same story · 2 articles"
    titles = [e.text for e in group.find_elements(By.CSS_SELECTOR, ".entry h2")]
    assert sorted(titles) == sorted([friendly.title, partner.title])
    failed = chromium.find_element(By.CSS_SELECTOR, ".entry.failed")
    assert failed.find_element(By.CSS_SELECTOR, ".badge").text.lower() == "failed"
    assert failed.find_element(By.CSS_SELECTOR, ".reason").text == "empty file"
    save_screenshot(chromium, "index")
    group.find_element(By.LINK_TEXT, friendly.title).click()
    assert chromium.find_element(By.ID, "title").text == friendly.title
    same = chromium.find_element(By.CSS_SELECTOR, "#same-story a")
    assert same.text == partner.title
    same.click()
    assert chromium.find_element(By.ID, "title").text == partner.title


def test_index_on_a_phone(chromium, site):
    out, *_ = site
    _open(chromium, out / "index.html", PHONE)
    assert chromium.execute_script("return document.documentElement.scrollWidth") <= PHONE[0]
    assert all(e.is_displayed() for e in chromium.find_elements(By.CSS_SELECTOR, ".entry h2"))
    save_screenshot(chromium, "index-phone")


def test_print_shows_every_summary_language_and_the_collapsed_sections(chromium, site):
    out, friendly, *_ = site
    _open(chromium, out / "digests" / f"{friendly.article_id}.html", WIDE)
    chromium.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        panels = chromium.find_elements(By.CSS_SELECTOR, ".summary-panel .summary-text")
        assert [p.is_displayed() for p in panels] == [True, True, True]
        assert not chromium.find_element(By.CSS_SELECTOR, "label[for='sum-0']").is_displayed()
        # Selenium's is_displayed() calls anything in a closed <details> hidden whatever the CSS says;
        # ask the browser whether it lays the text out.
        for selector in (".article-text .body-paragraph", ".removed-log td"):
            element = chromium.find_element(By.CSS_SELECTOR, selector)
            assert _laid_out(chromium, element), f"{selector} hidden in print"
        pdf = chromium.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
        assert pdf["data"]
    finally:
        chromium.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
