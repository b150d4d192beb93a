"""By-line and publication date kept as metadata while their lines still leave the body."""

from __future__ import annotations

import pytest

from briefing.cleaning import clean_bytes
from briefing.cleaning.metadata import byline_from, published_from
from briefing.settings import DEFAULT_DETECT_LANGUAGES

pytestmark = pytest.mark.unit

LANGS = DEFAULT_DETECT_LANGUAGES


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("By Ada Rivers", "Ada Rivers"),
        ("By Ada Rivers and Tom Bell | Wire service", "Ada Rivers and Tom Bell"),
        ("Par Lucie Fabre", "Lucie Fabre"),
        ("Von Jonas Weber", "Jonas Weber"),
        ("Written by Ada Rivers · 4 min read", "Ada Rivers"),
    ],
)
def test_byline_without_the_by_word(line, name):
    assert byline_from(line) == name


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Published 3 April 2023", "2023-04-03"),
        ("Updated: 2023-04-03T08:15:00+02:00", "2023-04-03T08:15:00+02:00"),
        ("Publié le 3 avril 2023 à 08h15", "2023-04-03"),
        ("Aktualisiert am 03.04.2023, 08:15 Uhr", "2023-04-03"),
        ("Publicado el 3 de abril de 2023", "2023-04-03"),
        ("Pubblicato il 3 aprile 2023", "2023-04-03"),
        ("Gepubliceerd op 3 april 2023", "2023-04-03"),
        ("Publicado em 3 de abril de 2023", "2023-04-03"),
        ("3 апреля 2023", "2023-04-03"),
        ("3 квітня 2023", "2023-04-03"),
        ("3 kwietnia 2023", "2023-04-03"),
    ],
)
def test_dates_in_the_detection_languages(line, iso):
    assert published_from(line, LANGS) == iso


@pytest.mark.parametrize(
    ("line", "language", "iso"),
    [
        ("Publié le 03/04/2023", "fr", "2023-04-03"),  # day first, as French pages write it
        ("Published 03/04/2023", "en", "2023-03-04"),
        ("Published 3 April 2023", "fr", "2023-04-03"),  # not French: every detection language
        ("Mis à jour il y a 2 heures", "fr", None),  # relative in the article's language too
    ],
)
def test_the_articles_language_reads_its_dateline_first(line, language, iso):
    assert published_from(line, LANGS, language) == iso


def test_a_french_article_dates_by_french_conventions():
    text = (
        "Les bus à hydrogène arrivent à Lyon\n\n"
        "Publié le 03/04/2023\n\n"
        "La métropole a reçu ses premiers bus à hydrogène, qui rouleront sur deux lignes "
        "dès le mois prochain.\n\n"
        "Les chauffeurs ont suivi une formation et les stations de recharge sont prêtes "
        "depuis la semaine dernière.\n"
    )
    digest = clean_bytes(text.encode(), "in/lyon.txt")
    assert digest.language == "fr"
    assert digest.published == "2023-04-03"


@pytest.mark.parametrize("line", ["Updated 2 hours ago", "Published 3 April", "Published yesterday"])
def test_relative_or_yearless_dates_are_not_guessed(line):
    assert published_from(line, LANGS) is None


def test_clean_keeps_byline_and_date_out_of_the_body():
    text = (
        "Harbour ferries return after the storm season\n\n"
        "By Ada Rivers\n"
        "Published 3 April 2023\n\n"
        "The ferry company restarted its morning crossings on Monday after repairs to the pier were done.\n\n"
        "Passengers said the boats were full within minutes, and extra sailings are planned this weekend.\n"
    )
    digest = clean_bytes(text.encode(), "in/harbour.txt")
    assert (digest.byline, digest.published) == ("Ada Rivers", "2023-04-03")
    assert all("Ada Rivers" not in p and "2023" not in p for p in digest.body)
    assert {r.reason for r in digest.removed} >= {"byline", "dateline"}


def test_article_without_byline_or_date_has_none():
    text = "A plain note about the weather.\n\nIt rained all day in the valley and the river rose a little.\n"
    digest = clean_bytes(text.encode(), "in/plain.txt")
    assert (digest.byline, digest.published) == (None, None)
