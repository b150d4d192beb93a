"""The one pysbd wrapper: languages pysbd lacks get the nearest language's rules, not English's."""

from __future__ import annotations

import threading

import pytest
from pysbd.languages import LANGUAGE_CODES

from briefing.models.text import split_sentences
from briefing.segmenter import NEAREST_RULES, rules_language, segmenter

pytestmark = pytest.mark.unit

# English rules cut after "pág." (a page number follows) and after "р.", "с.", "Проф.", "м." (abbreviations).
PT = "O PIB cresceu 2,5% em 2023. Ver pág. 12 do relatório."
UK = "Він народився у 1856 р. у с. Нагуєвичі. Проф. Грушевський жив у м. Київ."


def test_portuguese_and_ukrainian_use_spanish_and_russian_rules():
    assert "pt" not in LANGUAGE_CODES and "uk" not in LANGUAGE_CODES
    assert rules_language("pt") == "es" and rules_language("uk") == "ru"


def test_every_nearest_language_has_pysbd_rules_and_others_fall_back_to_english():
    assert set(NEAREST_RULES.values()) <= set(LANGUAGE_CODES)
    assert rules_language("fr") == "fr" and rules_language("tr") == "en"


def test_portuguese_abbreviations_do_not_end_sentences():
    assert len(segmenter("en").segment(PT)) > 2
    assert split_sentences(PT, "pt") == ["O PIB cresceu 2,5% em 2023.", "Ver pág. 12 do relatório."]
    assert [s.strip() for s in segmenter("pt").segment(PT)] == split_sentences(PT, "pt")


def test_ukrainian_abbreviations_do_not_end_sentences():
    assert len(segmenter("en").segment(UK)) > 2  # what English rules would make of it
    assert split_sentences(UK, "uk") == [
        "Він народився у 1856 р. у с. Нагуєвичі.",
        "Проф. Грушевський жив у м. Київ.",
    ]


def test_each_thread_gets_its_own_segmenter():
    mine = segmenter("uk")
    theirs = []
    worker = threading.Thread(target=lambda: theirs.append(segmenter("uk")))
    worker.start()
    worker.join()
    assert segmenter("uk") is mine and theirs[0] is not mine
