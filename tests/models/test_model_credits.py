"""CC-BY models are credited on the pages and in the feeds that show their output."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from briefing.editions.feeds import FeedInfo, atom_feed, feed_item, json_feed
from briefing.models.manifest import credit_lines
from briefing.render.html import render_html
from briefing.render.index import render_index
from tests.render.conftest import friendly_digest

pytestmark = pytest.mark.unit

CC_BY = "Helsinki-NLP/opus-mt-en-de"  # cc-by-4.0 on the Hub
APACHE = "Helsinki-NLP/opus-mt-fr-en"


def _digest(*models: str):
    found = {f"translation:{i}": m for i, m in enumerate(models)}
    return friendly_digest(models={"summarizer": "sshleifer/distilbart-cnn-12-6", **found})


def test_only_cc_by_models_are_credited_with_their_licence_and_page() -> None:
    (line,) = credit_lines([CC_BY, APACHE, "sshleifer/distilbart-cnn-12-6", "acme/unknown"])
    assert CC_BY in line and "cc-by-4.0" in line and f"https://huggingface.co/{CC_BY}" in line
    assert "University of Helsinki" in line


def test_digest_and_index_pages_credit_the_cc_by_model() -> None:
    credited, plain = _digest(CC_BY, APACHE), _digest(APACHE)
    assert f"https://huggingface.co/{CC_BY}" in render_html(credited)
    assert "model-credits" not in render_html(plain)
    assert f"https://huggingface.co/{CC_BY}" in render_index([credited, plain], [])
    assert "model-credits" not in render_index([plain], [])


def test_feed_entries_credit_the_cc_by_model() -> None:
    when = datetime(2024, 1, 2, tzinfo=UTC)
    item = feed_item(_digest(CC_BY), "en", "https://example.org/d.html", "T", when, None)
    info = FeedInfo("en", "Briefing", "https://example.org/", "https://example.org/feeds/en.xml")
    assert f"https://huggingface.co/{CC_BY}" in atom_feed(info, [item]).decode()
    (entry,) = json.loads(json_feed(info, [item]))["items"]
    assert f"https://huggingface.co/{CC_BY}" in entry["content_text"]
    plain = feed_item(_digest(APACHE), "en", "https://example.org/d.html", "T", when, None)
    assert "huggingface.co" not in json.loads(json_feed(info, [plain]))["items"][0]["content_text"]
