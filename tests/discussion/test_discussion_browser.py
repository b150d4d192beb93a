"""A corpus article with four comments gets a discussion, shown on its page and in the edition (headless
Chromium); seed 000 (two comments) gets none. Tiny random models translate, so only structure is checked."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime

import pytest
from selenium.webdriver.common.by import By

from briefing.discussion.wording import readers_line
from briefing.editions.manifest import read_manifest
from briefing.records import Digest
from briefing.run.batch import run_batch
from briefing.settings import Settings
from tests.browser_support import save_screenshot
from tests.conftest import EXAMPLES, SEED_000

pytestmark = pytest.mark.browser

CORPUS_ARTICLE = "eu-night-trains.txt"  # "Comments (4)": English, German, Spanish, English with French


@pytest.fixture(scope="module")
def run(tmp_path_factory, tiny_models):  # noqa: F811
    root = tmp_path_factory.mktemp("discussion-site")
    inputs = root / "in"
    inputs.mkdir()
    shutil.copy(EXAMPLES / CORPUS_ARTICLE, inputs / CORPUS_ARTICLE)
    shutil.copy(SEED_000, inputs / SEED_000.name)
    settings = Settings(offline=True, model_dir=tiny_models, target_languages=("fr",))
    result = run_batch([inputs], settings, root / "out", datetime(2024, 5, 1, 6, 30, tzinfo=UTC))
    assert not result.failures
    by_name = {digest.source.path.rsplit("/", 1)[-1]: digest for digest in result.digests}
    return root / "out", by_name[CORPUS_ARTICLE], by_name[SEED_000.name]


def _stored(out, digest: Digest) -> dict:
    return json.loads((out / "digests" / f"{digest.article_id}.json").read_text(encoding="utf-8"))


def test_the_corpus_article_has_a_valid_discussion_and_the_seed_none(run, validate_digest):
    out, article, seed = run
    data = validate_digest(_stored(out, article))
    assert data["discussion"]["comments"] == len(article.comments) == 4
    assert sum(data["discussion"]["languages"].values()) == 4
    assert 2 <= len(data["discussion"]["representatives"]) <= 4
    assert sum(r["share"] for r in data["discussion"]["representatives"]) == pytest.approx(1.0, abs=0.01)
    seed_data = validate_digest(_stored(out, seed))
    assert len(seed.comments) == 2 and "discussion" not in seed_data and seed.discussion is None


def test_the_page_shows_the_line_gist_and_representatives_with_originals(chromium, run):
    out, article, _seed = run
    discussion = article.discussion
    chromium.set_window_size(1280, 900)
    chromium.get((out / "digests" / f"{article.article_id}.html").as_uri())
    section = chromium.find_element(By.ID, "readers")
    assert section.find_element(By.TAG_NAME, "h2").text == readers_line(discussion)
    # Under the summary, before the quality notes.
    summary = chromium.find_element(By.ID, "summary")
    assert section.location["y"] > summary.location["y"]
    assert section.location["y"] < chromium.find_element(By.ID, "flags").location["y"]
    if discussion.gist is not None:
        assert section.find_element(By.CLASS_NAME, "readers-gist").text == discussion.gist.text
    shown = section.find_elements(By.CLASS_NAME, "representative")
    assert len(shown) == len(discussion.representatives)
    originals = section.find_elements(By.CSS_SELECTOR, ".representative-original")
    translated = [
        r
        for r in discussion.representatives
        if any(s.translation for s in article.comments[r.comment].segments)
    ]
    assert len(originals) == len(translated)
    for details, rep in zip(originals, translated, strict=True):
        text = details.find_element(By.TAG_NAME, "p")
        assert not text.is_displayed()  # one click away
        details.find_element(By.TAG_NAME, "summary").click()
        assert text.is_displayed() and text.text == " ".join(article.comments[rep.comment].text.split())
    save_screenshot(chromium, "discussion")


def test_the_edition_shows_the_line_and_the_gist(chromium, run):
    out, article, seed = run
    [edition] = read_manifest(out).editions
    chromium.set_window_size(1280, 900)
    chromium.get((out / "editions" / f"{edition.id}.html").as_uri())
    lines = chromium.find_elements(By.CLASS_NAME, "readers")
    assert len(lines) == 1  # the seed has no discussion
    assert lines[0].find_element(By.CLASS_NAME, "readers-line").text == readers_line(article.discussion)
    if article.discussion.gist is not None:
        assert lines[0].find_element(By.CLASS_NAME, "readers-gist").text == article.discussion.gist.text
    markdown = (out / "editions" / f"{edition.id}.md").read_text(encoding="utf-8")
    assert readers_line(article.discussion) in markdown
    page_md = (out / "digests" / f"{article.article_id}.md").read_text(encoding="utf-8")
    assert f"## {readers_line(article.discussion)}" in page_md
