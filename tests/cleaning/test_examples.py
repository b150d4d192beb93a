"""The bundled examples clean as a reader expects; every input line is accounted for."""

from __future__ import annotations

from collections import Counter

import pytest

from briefing.cleaning import clean_file
from briefing.cleaning.decode import decode_bytes
from tests.conftest import EXAMPLES, SEED_000, SEED_001

pytestmark = pytest.mark.unit

EXPECTED = {
    "eu-night-trains.txt": {
        "title": "EU ministers back plan to revive cross-border night trains",
        "language": "en",
        "encoding": "utf-8",
        "paragraphs": 8,
        "related": [
            ("Rail operators warn of carriage shortage as demand for sleepers grows", False),
            ("Sleeper train to Stockholm sells out within hours", True),
            ("Why the Paris–Berlin night train keeps running late", False),
        ],
        "removed": {
            "byline": 1,
            "dateline": 1,
            "share-bar": 2,
            "advertisement": 1,
            "caption": 1,
            "related-header": 1,
            "newsletter": 1,
            "credit": 1,
            "correction-notice": 2,
            "comment-header": 1,
            "comment-ui": 5,
            "comment-meta": 5,
        },
        "comments": [
            ("Maria K.", "en", ["en"]),
            ("Jonas Weber", "de", ["de"]),
            ("lucia_travels", "es", ["es"]),
            ("Pierre D.", "en", ["en", "fr"]),
        ],
        "flags": [],
    },
    "lyon-bus-hydrogene.txt": {
        "title": "Lyon teste des bus à hydrogène sur trois lignes",
        "language": "fr",
        "encoding": "utf-8",
        "paragraphs": 5,
        "related": [
            ("Grenoble renonce aux bus électriques sur ses lignes de montagne", False),
            ("Le prix de l’hydrogène vert reste trois fois supérieur à celui du gazole", True),
        ],
        "removed": {
            "byline": 1,
            "dateline": 1,
            "advertisement": 1,
            "related-header": 1,
            "share-bar": 1,
            "newsletter": 1,
            "comment-header": 1,
            "comment-meta": 3,
            "comment-ui": 3,
        },
        "comments": [
            ("Marc_69", "fr", ["fr"]),
            ("Sophie B.", "fr", ["fr", "en"]),
            ("Henk", "en", ["en"]),
        ],
        "flags": [],
    },
    "baltic-port-offshore-wind.txt": {
        "title": "How a small Baltic port became a hub for offshore wind",
        "language": "en",
        "encoding": "utf-8",
        "paragraphs": 16,
        "related": [
            ("Offshore wind auctions draw record bids despite higher interest rates", False),
            ("Why turbine makers are struggling to turn a profit", False),
        ],
        "removed": {
            "byline": 1,
            "dateline": 1,
            "share-bar": 1,
            "advertisement": 2,
            "related-header": 1,
            "newsletter": 1,
            "credit": 1,
            "comment-header": 1,
            "comment-meta": 3,
            "comment-ui": 3,
        },
        "comments": [
            ("Klaus Petersen", "de", ["de"]),
            ("Birgit H.", "de", ["de", "en"]),
            ("ewa_k", "pl", ["pl"]),
        ],
        "flags": [],
    },
    "eu-night-trains-wire.txt": {
        "title": "Night trains win EU cash as ministers seek to cut short-haul flights",
        "language": "en",
        "encoding": "cp1252",
        "paragraphs": 5,
        "related": [("Sleeper operators say new carriages will not arrive before 2027", False)],
        "removed": {
            "advertisement": 1,
            "caption": 1,
            "share-bar": 1,
            "newsletter": 1,
            "credit": 1,
            "comment-header": 1,
        },
        "comments": [(None, "it", ["it"]), (None, "en", ["en"])],
        "flags": ["decoded-with-fallback-encoding"],
    },
}


@pytest.fixture(scope="module")
def digests():
    return {name: clean_file(EXAMPLES / name) for name in EXPECTED}


def test_examples_folder_has_what_the_issue_asks_for():
    names = {p.name for p in EXAMPLES.glob("*.txt")}
    assert set(EXPECTED) <= names
    assert len(names) >= 3


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_cleans_as_expected(name, digests, validate_digest):
    want, got = EXPECTED[name], digests[name]
    validate_digest(got.to_dict())
    assert got.title == want["title"]
    assert got.language == want["language"]
    assert got.source.encoding == want["encoding"]
    assert len(got.body) == want["paragraphs"]
    assert [(r.title, r.teaser is not None) for r in got.related] == want["related"]
    assert Counter(r.reason for r in got.removed) == Counter(want["removed"])
    assert [(c.author, c.language, [s.language for s in c.segments]) for c in got.comments] == want[
        "comments"
    ]
    assert list(got.flag_codes()) == want["flags"]
    for comment in got.comments:
        assert "".join(s.text for s in comment.segments) == comment.text


def test_english_example_comment_ends_in_a_whole_french_line(digests):
    last = digests["eu-night-trains.txt"].comments[-1]
    assert last.segments[-1].language == "fr"
    assert last.segments[-1].text == last.text.split("\n")[-1]


def test_long_example_exceeds_the_summarizer_input_limit(digests):
    words = sum(len(p.split()) for p in digests["baltic-port-offshore-wind.txt"].body)
    assert words > 1100


def test_wrapped_paragraph_is_joined(digests):
    body = digests["eu-night-trains.txt"].body
    assert any(p.startswith("Operators have complained") and p.endswith("than a domestic one.") for p in body)


def test_chrome_never_reaches_body_or_comments(digests):
    chrome = (
        "Advertisement",
        "Anzeige",
        "Publicité",
        "Reply",
        "Répondre",
        "Antworten",
        "Share",
        "newsletter",
    )
    for digest in digests.values():
        texts = list(digest.body) + [c.text for c in digest.comments]
        for text in texts:
            assert not any(word in text for word in chrome), text


@pytest.mark.parametrize(
    "path", [*(EXAMPLES / name for name in sorted(EXPECTED)), SEED_000, SEED_001], ids=lambda p: p.name
)
def test_every_input_line_is_accounted_for(path):
    """Nothing is silently lost: each non-blank line is title, body, related, comment or removed."""
    digest = clean_file(path)
    text = decode_bytes(path.read_bytes(), str(path)).text
    removed = [r.text for r in digest.removed]
    related = [r.title for r in digest.related] + [r.teaser for r in digest.related if r.teaser]
    for line in (raw.strip() for raw in text.split("\n")):
        if not line:
            continue
        assert (
            line == digest.title
            or line in removed
            or any(line in paragraph for paragraph in digest.body)
            or any(line in comment.text.split("\n") for comment in digest.comments)
            or any(line == item or item in line for item in related)
        ), line
