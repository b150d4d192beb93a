"""The translation check: figures and dates kept across grouping styles, copies and wrong scripts flagged."""

from __future__ import annotations

import pytest

from briefing.checks.translation import check_translation

pytestmark = pytest.mark.unit


def causes(source: str, translation: str, src: str, tgt: str) -> list[str]:
    return [i.cause for i in check_translation(source, translation, src, tgt)]


def test_figures_in_the_target_conventions_are_kept():
    source = "Le 3 mars, 5 000 habitants ont payé 12,5 % de plus, soit 1,2 million d'euros."
    good = "On March 3, 5,000 residents paid 12.5% more, or 1.2 million euros."
    assert causes(source, good, "fr", "en") == []


def test_changed_number_is_a_mismatch():
    issues = check_translation("Il y a 5 000 habitants.", "There are 500 inhabitants.", "fr", "en")
    assert [i.cause for i in issues] == ["translation-mismatch"]
    assert issues[0].missing == ("5 000",)


def test_changed_date_is_a_mismatch():
    assert causes("Das Treffen ist am 3. Mai.", "The meeting is on May 13.", "de", "en") == [
        "translation-mismatch"
    ]


def test_copied_source_is_untranslated():
    text = "Enfin une bonne décision pour le quartier et pour les habitants."
    assert causes(text, text, "fr", "en") == ["untranslated-output"]


def test_wrong_script_is_untranslated():
    assert causes("The city opened a new bridge.", "Город открыл новый мост сегодня.", "en", "de") == [
        "untranslated-output"
    ]
    assert causes("The city opened a new bridge.", "Город открыл новый мост сегодня.", "en", "ru") == []
