"""Feed entry ids follow the source entry: an article updated after its first digest replaces its entry in
the Atom and JSON feeds instead of appearing twice."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from briefing.editions.manifest import Manifest
from briefing.records import Source
from briefing.run.publish import write_feeds
from briefing.settings import Settings
from tests.render.conftest import friendly_digest

pytestmark = pytest.mark.unit


def test_an_updated_article_is_one_feed_entry(tmp_path):
    source = Source(
        "raw/ab", "ab" * 32, "utf-8", url="https://news.example/pier", feed="https://news.example/rss"
    )
    first = replace(friendly_digest(), article_id="pier-0a1b2c3d4e", source=source, published="2024-05-01")
    updated = replace(first, article_id="pier-5f6a7b8c9d", published="2024-05-02", title="Pier: update")
    other = replace(
        first, article_id="library-1a2b3c4d5e", source=replace(source, url="https://news.example/lib")
    )
    (tmp_path / "digests").mkdir()
    for digest in (first, updated, other):
        path = tmp_path / "digests" / f"{digest.article_id}.json"
        path.write_text(json.dumps(digest.to_dict()), encoding="utf-8")
    written = write_feeds(tmp_path, Settings(target_languages=()), Manifest())
    items = json.loads(written["en"]["json"].read_text(encoding="utf-8"))["items"]
    assert len(items) == 2 and len({i["id"] for i in items}) == 2
    assert [i["title"] for i in items if "pier" in i["url"]] == ["Pier: update"]  # the newest version
    atom = written["en"]["atom"].read_text(encoding="utf-8")
    assert atom.count("<entry>") == 2
