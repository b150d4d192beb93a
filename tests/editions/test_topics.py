"""Topics: whole-word keyword rules that hold in every script, muting, boosting and the capped edition."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from briefing.editions.manifest import read_manifest
from briefing.editions.stories import Story
from briefing.editions.topics import Topics, bounded, matched
from briefing.records import Source, Summary
from briefing.render import write_digest_files
from briefing.run.publish import publish_run
from briefing.settings import Settings, SettingsError, load_settings
from tests.render.conftest import friendly_digest
from tests.render.html_tree import parse

pytestmark = pytest.mark.unit

DAY = datetime(2024, 5, 1, 6, 30, tzinfo=UTC)


def _publish(digests, out, settings):
    """As a run: digest files first (the feeds are made from them), then the edition."""
    for digest in digests:
        write_digest_files(digest, out, story_titles={}, briefing_language="en")
    publish_run(digests, [], out, settings, DAY)


def _digest(i: int, title: str, body: str = "", language: str = "en", site: str | None = None, **kw):
    return friendly_digest(
        article_id=f"story-{i:02d}-0a1b2c3d4e",
        title=title,
        language=language,
        body=(body or f"Body of story {i}.",),
        summary=Summary(language=language, text=f"Summary {i}.", method="extractive", model=None),
        translations=(),
        same_story_as=kw.pop("same_story_as", ()),
        source=Source(path=f"in/{i}.txt", sha256="ab" * 32, encoding="utf-8", site=site or f"Outlet {i}"),
        published=kw.pop("published", f"2024-04-30T{i:02d}:00:00+00:00"),
        **kw,
    )


@pytest.mark.parametrize(
    ("language", "text", "keyword", "hit"),
    [
        ("en", "The Election results are in", "election", True),
        ("en", "Re-elections are planned", "election", False),  # a longer word is not the keyword
        ("en", "Elections everywhere", "election*", True),
        ("fr", "L'élection présidentielle", "élection", True),  # after an apostrophe
        ("fr", "Les réélections", "élection", False),
        ("de", "STRASSE gesperrt", "Straße", True),  # case folding: ß = ss
        ("de", "Die Bundestagswahl", "wahl", False),  # compounds are other words
        ("ru", "Выборы в парламент", "выборы", True),  # Cyrillic, case-insensitive
        ("ru", "Перевыборы назначены", "выборы", False),  # Cyrillic word boundary
        ("uk", "Новини про футбол і спорт", "футбол", True),
        ("pl", "Wybory w Łodzi", "łodzi", True),
        ("en", "world cup final tonight", "World  Cup", True),  # phrases: any white space
    ],
)
def test_keywords_match_whole_words_in_every_script(language, text, keyword, hit):
    digest = _digest(1, text, language=language)
    assert bool(matched(digest, (keyword,))) is hit


def test_keyword_settings_per_language(tmp_path):
    config = tmp_path / "briefing.toml"
    config.write_text('[mute_keywords]\nru = ["футбол"]\n"*" = ["horoscope"]\n', encoding="utf-8")
    settings = load_settings(config, env={"BRIEFING_BOOST_KEYWORDS": "en=harbour;ferry"})
    assert settings.mute_keywords == {"ru": ("футбол",), "*": ("horoscope",)}
    assert settings.boost_keywords == {"en": ("harbour", "ferry")}
    with pytest.raises(SettingsError, match="BRIEFING_MUTE_KEYWORDS: unknown language"):
        load_settings(config, env={"BRIEFING_MUTE_KEYWORDS": "xx=word"})
    with pytest.raises(SettingsError, match="BRIEFING_EDITION_MAX_STORIES"):
        load_settings(config, env={"BRIEFING_EDITION_MAX_STORIES": "-1"})


def test_rank_by_outlets_then_boosts_then_recency():
    one = Story((_digest(1, "Lonely story", published="2024-04-30T23:00:00+00:00"),))
    two = Story((_digest(2, "Told twice"), _digest(3, "Told twice again", site="Other outlet")))
    boosted = Story((_digest(4, "A harbour story", published="2024-04-30T01:00:00+00:00"),))
    topics = Topics(boost={"en": ("harbour",)}, max_stories=2)
    kept, more = bounded([one, two, boosted], topics)
    assert kept == [two, boosted] and more == [one]
    assert bounded([one, two, boosted], Topics(max_stories=0)) == ([one, two, boosted], [])


def test_edition_max_stories_keeps_the_best_five_and_lists_the_rest(tmp_path):
    out = tmp_path / "out"
    digests = [_digest(i, f"Story number {i}") for i in range(1, 9)]
    # Story 1 is told by a second outlet, story 2 has a boosted word: both are kept although they are old.
    digests.append(
        _digest(9, "Story number 1, second outlet", site="Outlet 1b", same_story_as=(digests[0].article_id,))
    )
    digests[0] = _digest(1, "Story number 1", same_story_as=(digests[-1].article_id,))
    digests[1] = _digest(2, "Story number 2 about the harbour")
    settings = Settings(target_languages=(), edition_max_stories=5, boost_keywords={"*": ("harbour",)})
    _publish(digests, out, settings)
    [edition] = read_manifest(out).editions
    kept = {"story-01", "story-09", "story-02", "story-08", "story-07", "story-06"}  # 5 stories, 6 articles
    assert {a[:8] for a in edition.articles} == kept
    assert [a[:8] for a in edition.more] == ["story-05", "story-04", "story-03"]  # best (newest) first
    for page in (out / "index.html", out / "editions" / f"{edition.id}.html"):
        root, _ = parse(page.read_text(encoding="utf-8"))
        shown = [a.text() for a in root.find("main").find_all("h2") if a.text() != "More"]
        assert {t for t in shown if t.startswith("Story")} == {
            d.title for d in digests if d.article_id[:8] in kept
        }
        more = [li.text() for li in root.by_id("more").find_all("li")]
        assert more == ["Story number 5", "Story number 4", "Story number 3"]
    feed = json.loads((out / "feeds" / "en.json").read_text(encoding="utf-8"))
    assert len(feed["items"]) == 9  # the feeds carry every article


def test_a_muted_keyword_removes_its_story_from_pages_and_feeds(tmp_path):
    out = tmp_path / "out"
    digests = [
        _digest(1, "Harbour reopens"),
        _digest(2, "Матч сборной по футболу", body="Футбол: сборная выиграла.", language="ru"),
        _digest(3, "Weekly horoscope", body="Your stars this week."),
    ]
    settings = Settings(target_languages=("fr",), mute_keywords={"ru": ("футбол",), "*": ("horoscope",)})
    _publish(digests, out, settings)
    [edition] = read_manifest(out).editions
    assert [a[:8] for a in edition.articles] == ["story-01"]
    pages = [out / "index.html", *(out / "editions").glob("*"), *(out / "feeds").glob("*")]
    assert len(pages) == 1 + 2 + 4  # index, edition html + md, feeds en + fr (Atom, JSON)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "Harbour reopens" in text, page
        assert "story-02" not in text and "story-03" not in text and "horoscope" not in text, page


def test_sections_by_source_and_keyword(tmp_path):
    out = tmp_path / "out"
    digests = [
        _digest(1, "Harbour reopens", site="Coastline Courier"),
        _digest(2, "Cup final tonight", body="The football final starts at eight."),
        _digest(3, "Library hours"),
        _digest(4, "Ferry timetable", site="Coastline Courier"),
    ]
    sections = {"Sport": ("keyword:football",), "Coast": ("source:coastline",), "Empty": ("nothing",)}
    settings = Settings(target_languages=(), edition_sections=sections)
    _publish(digests, out, settings)
    [edition] = read_manifest(out).editions
    for page in (out / "index.html", out / "editions" / f"{edition.id}.html"):
        root, _ = parse(page.read_text(encoding="utf-8"))
        order = [
            e.text()
            for e in root.find("main").iter()
            if getattr(e, "tag", None) in ("h2",) and e.text() not in ("Quality notes",)
        ]
        assert order == [
            "Sport",
            "Cup final tonight",
            "Coast",
            "Ferry timetable",
            "Harbour reopens",
            "Other stories",
            "Library hours",
        ], order
