"""Arabic, Chinese, Japanese and Turkish articles: language, cleaning, comments, an English summary.

Each page (``new_language_pages``) carries an ad label, a related-articles line, an English comment and
a native one. With tiny models the summary's wording means nothing: only its language, its route (the
article translated into English by the manifest's model, then summarized) and the structure are checked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.cleaning import clean_bytes
from briefing.models import cache
from briefing.summarize import summarize_digests
from briefing.testing.tiny import make_models
from tests.models.conftest import fast_tiny_settings
from tests.models.new_language_pages import PAGES

pytestmark = pytest.mark.tiny_model

INTO_ENGLISH = {
    "ar": "Helsinki-NLP/opus-mt-ar-en",
    "zh": "Helsinki-NLP/opus-mt-zh-en",
    "ja": "Helsinki-NLP/opus-mt-ja-en",
    "tr": "Helsinki-NLP/opus-mt-tr-en",
}
NATIVE_AUTHOR = {"ar": "كريم", "zh": "小王", "ja": "たろう", "tr": "Mehmet"}
AD_AND_RELATED = {
    "ar": ("إعلان", "اقرأ أيضاً"),
    "zh": ("广告", "相关阅读"),
    "ja": ("広告", "関連記事"),
    "tr": ("Reklam", "İlgili haberler"),
}


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("new-languages")
    make_models(out, model_ids=["sshleifer/distilbart-cnn-12-6", *INTO_ENGLISH.values()])
    return out


@pytest.mark.parametrize("language", sorted(PAGES))
def test_page_is_cleaned_and_every_language_is_right(language: str, validate_digest) -> None:
    digest = clean_bytes(PAGES[language].encode(), f"inbox/{language}.txt")
    validate_digest(digest.to_dict())
    assert digest.language == language
    assert [(c.author, c.language) for c in digest.comments] == [
        ("Sarah", "en"),
        (NATIVE_AUTHOR[language], language),
    ]
    body = "\n".join(digest.body)
    for line in AD_AND_RELATED[language]:
        assert line not in body
    assert len(digest.body) == 3  # the three paragraphs of the article, nothing else


def test_each_gets_an_english_summary_through_its_manifest_model(models: Path, validate_digest) -> None:
    settings = fast_tiny_settings(models, translation_max_tokens=24)
    digests = [clean_bytes(PAGES[lang].encode(), f"inbox/{lang}.txt") for lang in sorted(PAGES)]
    try:
        summarized = summarize_digests(digests, settings)
    finally:
        cache.clear_model_cache()
    for language, digest in zip(sorted(PAGES), summarized, strict=True):
        validate_digest(digest.to_dict())
        assert digest.summary is not None and digest.summary.language == "en", digest.flag_codes()
        assert digest.summary.text.strip()
        assert digest.models.get("summary_translation") == INTO_ENGLISH[language], digest.models


@pytest.mark.parametrize("language", sorted(PAGES))
def test_pages_mark_the_language_and_let_the_browser_set_the_direction(language: str) -> None:
    import re

    from briefing.render.html import render_html

    page = render_html(clean_bytes(PAGES[language].encode(), f"inbox/{language}.txt"))
    assert f'<details class="article-text" lang="{language}">' in page
    paragraphs = re.findall(r'<p class="body-paragraph"[^>]*>', page)
    assert len(paragraphs) == 3 and all('dir="auto"' in p for p in paragraphs)  # Arabic renders RTL
