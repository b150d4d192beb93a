"""Acceptance on the two seed articles, exactly as the issue lists it.

Expectations are read from the seed files themselves (their blank-line blocks and
lines), so no third-party sentence is copied into the project.
"""

from __future__ import annotations

import pytest

from briefing.cleaning import clean_file
from tests.conftest import SEED_000, SEED_001

pytestmark = pytest.mark.unit


def blocks(path) -> list[str]:
    return [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]


def lines(path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


@pytest.fixture(scope="module")
def seed0():
    return clean_file(SEED_000)


@pytest.fixture(scope="module")
def seed1():
    return clean_file(SEED_001)


def test_seed_000_body_is_exactly_the_eight_article_paragraphs(seed0):
    assert seed0.body == tuple(blocks(SEED_000)[:8])
    assert seed0.title is None
    assert seed0.language == "en"


def test_seed_000_related_holds_the_headline_once_with_its_teaser(seed0):
    header_index = lines(SEED_000).index("More on this topic")
    headline = lines(SEED_000)[header_index - 1]
    teaser = lines(SEED_000)[header_index + 2]
    assert "Russians Used Phosphorous" in headline
    assert len(seed0.related) == 1
    assert seed0.related[0].title == headline
    assert seed0.related[0].teaser == teaser
    assert all(headline not in paragraph for paragraph in seed0.body)


def test_seed_000_removed_holds_corrections_header_and_spoiler_notices(seed0):
    by_reason: dict[str, list[str]] = {}
    for item in seed0.removed:
        by_reason.setdefault(item.reason, []).append(item.text)
    corrections = [line for line in lines(SEED_000) if "correction" in line.lower() or "Ctrl + Enter" in line]
    assert len(corrections) == 2
    assert by_reason["correction-notice"] == corrections
    assert by_reason["comment-header"] == ["Comments (2)"]
    assert len(by_reason["spoiler-notice"]) == 2
    assert all("spoiler" in text for text in by_reason["spoiler-notice"])
    assert all(text in lines(SEED_000) for text in sum(by_reason.values(), []))


def test_seed_000_has_two_comments_split_as_the_page_shows(seed0):
    assert len(seed0.comments) == 2
    first, second = seed0.comments
    all_lines = lines(SEED_000)
    start = all_lines.index("Comments (2)") + 2  # after the header and the first spoiler notice
    assert first.text.split("\n") == all_lines[start : start + 3]
    assert second.text.endswith(all_lines[-1])
    assert "\n\n" in second.text  # its paragraphs are kept


def test_seed_000_segments_french_last_line_everything_else_english(seed0):
    second = seed0.comments[1]
    french_line = lines(SEED_000)[-1]
    assert second.segments[-1].language == "fr"
    assert second.segments[-1].text == french_line
    others = [s for c in seed0.comments for s in c.segments][:-1]
    assert others and all(s.language == "en" for s in others)
    for comment in seed0.comments:
        assert "".join(s.text for s in comment.segments) == comment.text
        assert comment.language == "en"


def test_seed_000_is_schema_valid(seed0, validate_digest):
    data = validate_digest(seed0.to_dict())
    assert "summary" not in data and "translations" not in data


def test_seed_001_twelve_paragraphs_two_ads_no_comments(seed1, validate_digest):
    expected = [b for b in blocks(SEED_001) if b != "Advertisement"]
    assert len(expected) == 12
    assert seed1.body == tuple(expected)
    assert [(r.text, r.reason) for r in seed1.removed] == [("Advertisement", "advertisement")] * 2
    assert seed1.comments == ()
    assert seed1.related == ()
    validate_digest(seed1.to_dict())
