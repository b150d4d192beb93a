"""Fact extraction: figures in every grouping style, dates, percentages, amounts, quotes and names."""

from __future__ import annotations

from decimal import Decimal

import pytest

from briefing.checks.facts import extract_facts, parse_number

pytestmark = pytest.mark.unit


def kinds(text: str, language: str = "en") -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in extract_facts(text, language)]


@pytest.mark.parametrize("token", ["5,000", "5 000", "5.000", "5\u00a0000", "5\u202f000", "5'000", "5000"])
def test_every_grouping_style_reads_five_thousand(token):
    values, _ = parse_number(token)
    assert Decimal(5000) in values


def test_decimals_read_in_both_conventions_and_mixed_marks_only_one_way():
    assert parse_number("1,5")[0] == {Decimal("1.5")}
    assert parse_number("1.5")[0] == {Decimal("1.5")}
    assert parse_number("1.234,56")[0] == {Decimal("1234.56")}
    assert parse_number("1,234.56")[0] == {Decimal("1234.56")}
    assert parse_number("1,234,567")[0] == {Decimal(1234567)}


def test_scale_words_multiply_in_the_sentence_language():
    (fact,) = extract_facts("Die Kosten liegen bei 1,4 Mrd. Euro.", "de")
    assert fact.kind == "amount" and fact.currency == "EUR"
    assert Decimal(1_400_000_000) in fact.values
    (fact,) = extract_facts("Выделено 2,5 млн рублей.", "ru")
    assert Decimal(2_500_000) in fact.values and fact.currency == "RUB"


def test_percentages_and_amounts_are_their_own_kinds():
    assert kinds("Prices rose 12% and 4.5 per cent.") == [("percent", "12%"), ("percent", "4.5 per cent")]
    assert kinds("It cost $3 million.") == [("amount", "3 million")]


def test_dates_written_differently_have_the_same_reading():
    readings = [
        extract_facts(text, language)[0].dates
        for text, language in [
            ("on March 3, 2024", "en"),
            ("on 3 March 2024", "en"),
            ("le 3 mars 2024", "fr"),
            ("am 3.3.2024", "de"),
            ("el 3 de marzo de 2024", "es"),
            ("3 марта 2024 года", "ru"),
        ]
    ]
    assert all((3, 3, 2024) in r for r in readings)


def test_quotes_in_several_quotation_styles():
    assert ("quote", "we will stay") in kinds("He said “we will stay” on Monday.")
    assert ("quote", "nous resterons") in kinds("Il a dit « nous resterons ».", "fr")
    assert ("quote", "wir bleiben") in kinds("Er sagte: „wir bleiben“.", "de")


def test_names_are_capitalised_words_but_not_a_lone_sentence_initial_word():
    assert kinds("Residents said the bridge was unsafe.") == []
    assert kinds("Officials met Anna Berg in Oslo.") == [("name", "Anna"), ("name", "Berg"), ("name", "Oslo")]
    assert kinds("Angela Merkel spoke.") == [("name", "Merkel")]


def test_german_nouns_after_a_determiner_are_not_names():
    assert kinds("Die neue Regierung hat die Steuer gesenkt, sagte Olaf Scholz.", "de") == [
        ("name", "Olaf"),
        ("name", "Scholz"),
    ]


def test_scripts_without_case_have_no_names():
    assert [f for f in extract_facts("東京都は新しい計画を発表した。", "ja") if f.kind == "name"] == []


def test_spelled_out_numbers_in_the_sentence_language():
    assert [(f.kind, f.values) for f in extract_facts("Two men and three women.", "en")] == [
        ("number", frozenset({Decimal(2)})),
        ("number", frozenset({Decimal(3)})),
    ]
    assert extract_facts("Zwei Männer kamen.", "de")[0].values == {Decimal(2)}


def test_day_month_with_a_final_dot_is_a_date_only_where_the_decimal_mark_is_a_comma():
    assert kinds("Die Sitzung ist am 25.10.", "de") == [("date", "25.10")]
    assert kinds("Inflation rose to 2.2.", "en") == [("number", "2.2")]
    assert kinds("The meeting on 25.10. was short.", "en")[0][0] == "date"
