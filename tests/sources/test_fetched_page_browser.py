"""The digest page of a fetched article, as a reader sees it: the site, the article's URL and the feed it
came from, never the internal copy under the data folder (.briefing/raw/...)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from briefing.run.batch import run_batch
from briefing.settings import Settings
from tests.browser_support import chromium, save_screenshot  # noqa: F401  (fixture)
from tests.sources.site import STORIES, Route, Site, page_html, rss

pytestmark = pytest.mark.browser


def test_fetched_article_page_links_its_url_and_shows_no_internal_path(
    chromium,  # noqa: F811
    site: Site,
    settings: Settings,
    tmp_path: Path,  # noqa: F811
):
    story = STORIES[0]
    site.routes[f"/news/{story.slug}"] = Route(page_html(story, site.base))
    site.routes["/rss.xml"] = Route(rss([story], site.base), content_type="application/rss+xml")
    out = tmp_path / "out"
    result = run_batch([], settings, out, sources=[site.url("/rss.xml")])
    assert result.failures == ()
    (json_path,) = sorted((out / "digests").glob("*.json"))
    raw = json.loads(json_path.read_text(encoding="utf-8"))["source"]["path"]
    assert str(settings.data_dir) in raw  # the stored copy is internal: it must not reach the page
    url = site.url(f"/news/{story.slug}")

    chromium.set_window_size(1280, 900)
    chromium.get(json_path.with_suffix(".html").as_uri())
    save_screenshot(chromium, "fetched-article-digest")
    link = chromium.find_element(By.ID, "source-url")
    assert link.is_displayed() and link.text == url and link.get_attribute("href") == url
    header = chromium.find_element(By.CSS_SELECTOR, "header.page-header").text
    assert "The Coastline Courier" in header and f"Feed: {site.url('/rss.xml')}" in header
    text = chromium.find_element(By.TAG_NAME, "body").get_attribute("textContent")
    internal = str(Path(raw).parent)  # the blob's own name is its SHA-256, shown as such
    assert internal not in text and ".briefing" not in text and "/raw/" not in text
    markdown = json_path.with_suffix(".md").read_text(encoding="utf-8")
    assert internal not in markdown and url in markdown
