"""Flags raised by the summary stage carry the fields pages read (stage, pair, models, cause, target)."""

from __future__ import annotations

import pytest

from briefing.short_body import ShortBody, short_body_digest, via_translation_flag
from tests.models.factories import make_digest

pytestmark = pytest.mark.unit

ROUTE = "Helsinki-NLP/opus-mt-uk-en"
SUMMARIZER = "sshleifer/distilbart-cnn-12-6"


def test_summary_via_translation_names_pair_route_and_summarizer():
    flag = via_translation_flag("uk", "en", ROUTE, SUMMARIZER)
    assert flag.detail == (
        f"no summarizer for 'uk': body translated uk→en with {ROUTE}, then summarized with {SUMMARIZER}"
    )
    assert (flag.stage, flag.pair, flag.models, flag.target) == (
        "summary",
        "uk-en",
        (ROUTE, SUMMARIZER),
        "summary",
    )
    pivot = via_translation_flag("uk", "pt", f"{ROUTE} -> org/en-pt", SUMMARIZER)
    assert pivot.models == (ROUTE, "org/en-pt", SUMMARIZER)


def test_a_short_translated_body_says_it_was_not_summarized_and_names_no_summarizer():
    digest = make_digest("uk-00000000001", language="uk")
    summarized = via_translation_flag("uk", "en", ROUTE, SUMMARIZER)
    out = short_body_digest(
        digest, ["A short body."], "en", ShortBody(4), 60, [summarized], {"summary_translation": ROUTE}
    )
    (via,) = [f for f in out.flags if f.code == "summary-via-translation"]
    # The same words as the summarized flag's, up to ", then summarized".
    assert via.detail == summarized.detail.split(", then summarized")[0] + "; not summarized (short)"
    assert (via.pair, via.models) == ("uk-en", (ROUTE,))
    (short,) = [f for f in out.flags if f.code == "body-too-short"]
    assert (short.stage, short.target) == ("summary", "summary")


def test_cleaning_flags_name_their_stage():
    from briefing.cleaning import clean_bytes

    text = "Le café a rouvert lundi après trois semaines de travaux sur la digue du port.\n\n" * 3
    out = clean_bytes(text.encode("cp1252"), "in/cafe.txt")
    (flag,) = [f for f in out.flags if f.code == "decoded-with-fallback-encoding"]
    assert (flag.stage, flag.cause) == ("cleaning", "fallback-encoding")
