"""Atom and JSON Feed files: valid, one entry per digest with the summary in the feed's language,
stable ids."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import feedparser
import jsonschema
import pytest

from briefing.editions.feeds import readers_text
from briefing.records import Digest
from briefing.run.batch import run_batch
from briefing.settings import Settings
from tests.editions.conftest import FIRST, SECOND, first_inputs, second_inputs

SCHEMA = json.loads((Path(__file__).parent / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))


def _stored(out: Path) -> dict[str, Digest]:
    digests = (
        Digest.from_dict(json.loads(p.read_text(encoding="utf-8"))) for p in out.glob("digests/*.json")
    )
    return {d.article_id: d for d in digests}


def check_json_feed(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors, errors
    for item in data["items"]:  # RFC 3339 dates, whatever format checkers are installed
        datetime.fromisoformat(item["date_modified"])
    return data


def check_atom(path: Path):
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


@pytest.mark.pipeline
def test_feeds_for_every_reader_language_one_entry_per_digest(two_runs):
    stored = _stored(two_runs.out)
    assert sorted(p.name for p in (two_runs.out / "feeds").iterdir()) == [
        "de.json", "de.xml", "en.json", "en.xml", "fr.json", "fr.xml",
    ]  # fmt: skip
    feed = check_atom(two_runs.out / "feeds" / "en.xml")
    assert sorted(e.id for e in feed.entries) == sorted(f"urn:briefing:digest:{a}" for a in stored)
    for entry in feed.entries:
        digest = stored[entry.id.rsplit(":", 1)[1]]
        if digest.summary.language == "en":
            summary = digest.summary.text
        else:  # the French article had no model to bring its summary into English: said, not hidden
            summary = f"[fr: no translation into en was made] {digest.summary.text}"
        readers = readers_text(digest, "en")  # what readers say follows, for articles with a discussion
        assert entry.content[0].value == (f"{summary}\n\n{readers}" if readers else summary)
        assert entry.link.endswith(f"/digests/{digest.article_id}.html")
        assert entry.updated_parsed is not None
    assert any(d.discussion for d in stored.values())  # examples/ has articles with 3 and 4 comments
    assert any("Readers (" in e.content[0].value for e in feed.entries)
    data = check_json_feed(two_runs.out / "feeds" / "fr.json")
    assert sorted(i["id"] for i in data["items"]) == sorted(f"urn:briefing:digest:{a}" for a in stored)
    # Newest edition first: the seeds (second run) lead.
    assert {i["id"].rsplit(":", 1)[1] for i in data["items"][:2]} == {
        d.article_id for d in two_runs.second.digests
    }


@pytest.mark.pipeline
def test_feed_ids_and_dates_stay_across_runs(two_runs, tmp_path):
    before = {e.id: e.updated for e in check_atom(two_runs.out / "feeds" / "en.xml").entries}
    run_batch([second_inputs(tmp_path / "again")], two_runs.settings, two_runs.out)  # nothing new
    after = {e.id: e.updated for e in check_atom(two_runs.out / "feeds" / "en.xml").entries}
    assert after == before


@pytest.mark.pipeline
def test_feeds_keep_a_bounded_number_of_recent_entries(two_runs, tmp_path):
    settings = two_runs.settings.replace(feed_max_entries=1)
    run_batch([second_inputs(tmp_path / "again")], settings, two_runs.out)
    data = check_json_feed(two_runs.out / "feeds" / "en.json")
    assert len(data["items"]) == 1
    run_batch([second_inputs(tmp_path / "again")], two_runs.settings, two_runs.out)  # restore for others


@pytest.mark.tiny_model
def test_feed_content_is_the_summary_in_the_feeds_language(tiny_models, tmp_path):
    settings = Settings(offline=True, model_dir=tiny_models, target_languages=("fr",))
    out = tmp_path / "out"
    run_batch([first_inputs(tmp_path / "in1")], settings, out, FIRST)
    first_ids = {e.id for e in check_atom(out / "feeds" / "en.xml").entries}
    run_batch([second_inputs(tmp_path / "in2")], settings, out, SECOND)
    stored = _stored(out)
    data = check_json_feed(out / "feeds" / "fr.json")
    assert len(data["items"]) == len(stored) == 4
    for item in data["items"]:
        digest = stored[item["id"].rsplit(":", 1)[1]]
        [french] = [t for t in digest.translations if t.language == "fr"]
        readers = readers_text(digest, "fr")
        text = f"{french.text}\n\n{readers}" if readers else french.text
        assert (item["content_text"], item["language"]) == (text, "fr")
        # Random test models made it: the digest says so.
        assert "test-model" in digest.flag_codes()
    english = check_atom(out / "feeds" / "en.xml")
    assert first_ids <= {e.id for e in english.entries}


@pytest.mark.unit
def test_a_digest_without_summary_still_has_its_entry():
    from datetime import UTC

    from briefing.editions.feeds import NO_SUMMARY, FeedInfo, atom_feed, feed_item, json_feed
    from tests.render.conftest import friendly_digest

    digest = friendly_digest(summary=None, translations=None)
    when = datetime(2024, 1, 2, tzinfo=UTC)
    item = feed_item(digest, "fr", "https://example.org/d.html", "T", when, None)
    assert (item.text, item.id) == (NO_SUMMARY, f"urn:briefing:digest:{digest.article_id}")
    info = FeedInfo("fr", "Briefing", "https://example.org/", "https://example.org/feeds/fr.xml")
    assert len(feedparser.parse(atom_feed(info, [item])).entries) == 1
    assert len(json.loads(json_feed(info, [item]))["items"]) == 1
