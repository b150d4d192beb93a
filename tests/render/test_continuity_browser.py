"""An edition as a reader sees it (headless Chromium) on the third day of a continuing story: stories marked
new, update and developing, and the developing story's timeline page one click away."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from selenium.webdriver.common.by import By

from briefing.editions.manifest import read_manifest
from briefing.records import Source, Summary
from briefing.render import write_digest_files
from briefing.run.publish import publish_run
from briefing.settings import Settings
from tests.browser_support import save_screenshot
from tests.render.conftest import friendly_digest

pytestmark = pytest.mark.browser

HARBOUR = "Harbour reopens after the winter storms"
FERRIES = "Council approves protected bike lanes"
LIBRARY = "City library opens late on weekdays"
BODIES = {
    HARBOUR: (
        "The harbour reopened on Monday after three weeks of repairs to the sea wall.",
        "Fishing boats returned at dawn.",
    ),
    FERRIES: (
        "The regional council approved twelve kilometres of protected bike lanes into the city centre.",
        "Cycling groups said the plan was a first step; shop owners worried about parking.",
    ),
    LIBRARY: (
        "The central library will stay open until ten in the evening on weekdays from next month.",
        "Students had asked for a quiet place to work after classes.",
    ),
}


def _digest(article_id: str, title: str, site: str, published: str):
    return friendly_digest(
        article_id=article_id,
        title=title,
        body=BODIES[title],
        summary=Summary(language="en", text=BODIES[title][0], method="extractive", model=None),
        translations=(),
        published=published,
        source=Source(path=f"in/{article_id}.txt", sha256="ab" * 32, encoding="utf-8", site=site),
        same_story_as=(),
    )


DAYS = [
    (
        datetime(2024, 3, 12, 7, 0, tzinfo=UTC),
        [_digest("harbour-a-0000000001", HARBOUR, "Harbour Gazette", "2024-03-12")],
    ),
    (
        datetime(2024, 3, 13, 7, 0, tzinfo=UTC),
        [
            _digest("harbour-b-0000000002", HARBOUR, "Coast Daily", "2024-03-13"),
            _digest("ferries-a-0000000003", FERRIES, "Harbour Gazette", "2024-03-13"),
        ],
    ),
    (
        datetime(2024, 3, 14, 7, 0, tzinfo=UTC),
        [
            _digest("harbour-c-0000000004", HARBOUR, "Bay Radio", "2024-03-14T06:00:00+00:00"),
            _digest("ferries-b-0000000005", FERRIES, "Coast Daily", "2024-03-14T05:00:00+00:00"),
            _digest("library-a-0000000006", LIBRARY, "City News", "2024-03-14T04:00:00+00:00"),
        ],
    ),
]


@pytest.fixture(scope="module")
def three_editions(tmp_path_factory):
    out = tmp_path_factory.mktemp("continuity-site") / "out"
    settings = Settings(target_languages=("fr", "de"))
    for when, digests in DAYS:
        for digest in digests:
            write_digest_files(digest, out, story_titles={}, briefing_language="en")
        publish_run(digests, [], out, settings, when)
    return out, read_manifest(out).editions


def test_edition_marks_and_timeline(chromium, three_editions):
    out, editions = three_editions
    assert len(editions) == 3
    chromium.set_window_size(1280, 900)
    chromium.get((out / "editions" / f"{editions[-1].id}.html").as_uri())
    stories = chromium.find_elements(By.CSS_SELECTOR, "section.story")
    seen = {}
    for story in stories:
        mark = story.find_element(By.CSS_SELECTOR, ".mark")
        assert mark.is_displayed()
        seen[story.find_element(By.CSS_SELECTOR, "h2").text] = (
            mark.text,
            story.find_element(By.CSS_SELECTOR, ".story-mark").text,
        )
    assert seen[HARBOUR][0].casefold() == "developing" and "first reported Tuesday" in seen[HARBOUR][1]
    assert seen[FERRIES][0].casefold() == "update" and "first reported Wednesday" in seen[FERRIES][1]
    assert seen[LIBRARY][0].casefold() == "new" and "Timeline" not in seen[LIBRARY][1]
    developing = next(s for s in stories if s.find_element(By.CSS_SELECTOR, "h2").text == HARBOUR)
    assert developing.find_element(By.CSS_SELECTOR, ".whats-new").is_displayed()
    save_screenshot(chromium, "edition-continuity")

    developing.find_element(By.CSS_SELECTOR, "a.timeline-link").click()
    assert chromium.find_element(By.CSS_SELECTOR, "h1").text == HARBOUR
    items = [li.text for li in chromium.find_elements(By.CSS_SELECTOR, "li.timeline-item")]
    assert items == [
        f"Tuesday 2024-03-12 · Harbour Gazette · {HARBOUR}",
        f"Wednesday 2024-03-13 · Coast Daily · {HARBOUR}",
        f"Thursday 2024-03-14 · Bay Radio · {HARBOUR}",
    ]
    save_screenshot(chromium, "timeline")
