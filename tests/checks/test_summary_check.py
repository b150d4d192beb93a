"""The summary check against a source: invented figures, names, dates and quotes; faithful paraphrases."""

from __future__ import annotations

import pytest

from briefing.checks.summary import check_summary, removal_sentence

pytestmark = pytest.mark.unit

SOURCE = (
    "The regional council said on Thursday that it will spend $2.3 billion on new tram lines by 2030. "
    "About 38,000 people a day are expected to use them, according to transport chief Nadia Okoro. "
    'Work will start on 3 March 2025. "We have waited long enough," she said.'
)


def unsupported(summary: str, source: str = SOURCE, language: str = "en") -> list[tuple[str, ...]]:
    return [u.missing for u in check_summary(source, summary, language).check.unsupported]


def test_invented_figure_is_unsupported_and_dropped():
    checked = check_summary(
        SOURCE, "The council will spend $2.3 billion. About 83,000 people a day will ride.", "en"
    )
    assert [u.missing for u in checked.check.unsupported] == [("83,000",)]
    assert checked.check.unsupported[0].dropped
    assert checked.text == "The council will spend $2.3 billion."
    assert removal_sentence(checked.check) == "1 sentence removed: the article does not mention 83,000"


def test_invented_name_is_unsupported():
    assert unsupported("Mayor John Carter said work will start in 2025.") == [("John", "Carter")]


def test_sentence_initial_common_noun_is_not_a_name():
    assert unsupported("Commuters will get new tram lines by 2030.") == []


@pytest.mark.parametrize("variant", ["38 000", "38.000", "38000", "38\u00a0000"])
def test_number_grouping_variants_are_supported(variant):
    assert unsupported(f"Some {variant} people a day are expected, Nadia Okoro said.") == []


def test_dates_written_differently_and_pronouns_are_supported():
    assert unsupported("She said work will begin on March 3, 2025.") == []
    assert unsupported("Work starts on 3/3/2025.") == []
    assert unsupported("Work starts on 13 March 2025.") == [("13 March 2025",)]


def test_invented_quote_and_changed_amount_are_unsupported():
    assert unsupported('Okoro said: "This is a historic day."') == [("This is a historic day.",)]
    assert unsupported('Okoro said "we have waited long enough".') == []
    assert unsupported("The lines will cost $3.2 billion.") == [("3.2 billion",)]
    assert unsupported("The lines will cost €2.3 billion.") == [("2.3 billion",)]


def test_rounded_figure_is_supported_but_a_different_one_is_not():
    source = "Sales reached 1.43 billion euros."
    assert unsupported("Sales were 1.4 billion euros.", source) == []
    assert unsupported("Sales were 1.5 billion euros.", source) == [("1.5 billion",)]


def test_flag_mode_keeps_and_off_checks_nothing():
    summary = "The council will spend $2.3 billion. Pierre Lamy opposed it."
    flagged = check_summary(SOURCE, summary, "en", "flag")
    assert flagged.text == summary and not flagged.check.unsupported[0].dropped
    assert removal_sentence(flagged.check).startswith("1 sentence marked")
    off = check_summary(SOURCE, summary, "en", "off")
    assert off.text == summary and off.check.unsupported == () and off.check.mode == "off"


def test_too_little_left_when_under_half_remains():
    checked = check_summary(SOURCE, "Pierre Lamy spoke. It costs 9 billion. Work starts in 2025.", "en")
    assert len(checked.check.unsupported) == 2 and checked.too_little_left


def test_other_languages_grouping_and_inflected_names():
    source_fr = "Le projet coûtera 1 200 000 euros, a indiqué la maire Anne Vidal le 5 juin."
    assert unsupported("Selon Anne Vidal, le projet coûtera 1,2 million d'euros.", source_fr, "fr") == []
    source_ru = "Мэр Андрей Петров сообщил, что на ремонт выделят 3 млн рублей."
    assert unsupported("По словам Андрея Петрова, выделят 3 000 000 рублей.", source_ru, "ru") == []
    assert unsupported("По словам Ивана Сидорова, выделят 3 млн рублей.", source_ru, "ru") == [
        ("Ивана", "Сидорова")
    ]


def test_acronym_of_a_spelled_out_name_and_day_month_dates():
    source = "The European Central Bank met on 12 November."
    assert unsupported("The ECB met on 12/11, officials said.", source) == []
    assert unsupported("The IMF met on 12/11.", source) == [("IMF",)]
