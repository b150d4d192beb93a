from __future__ import annotations

from dataclasses import replace

import pytest

from briefing.records import Flag
from briefing.render import DEGRADATION_CODES, FLAG_TEXT, digest_status, flag_text
from tests.render.conftest import friendly_digest

pytestmark = pytest.mark.unit

KNOWN = (
    "model-unavailable",
    "extractive-fallback",
    "translation-unavailable",
    "chunked",
    "low-confidence-language",
    "decoded-with-fallback-encoding",
    "summary-via-translation",
    "long-sentence-split",
)


@pytest.mark.parametrize("code", KNOWN)
def test_every_known_code_has_plain_words_and_shows_its_detail(code):
    text = flag_text(Flag(code=code, detail="the  detail\nhere"))
    assert code in FLAG_TEXT
    assert text.startswith(FLAG_TEXT[code])
    assert code not in text  # plain words, not the code
    assert text.endswith("(the detail here)")


def test_extractive_fallback_says_why_in_plain_words():
    text = flag_text(Flag("extractive-fallback", "model missing"))
    assert text.startswith("Summary is extractive: the summarization model was unavailable")


def test_unknown_code_shows_code_and_detail():
    assert flag_text(Flag("brand-new", "what happened")) == "brand-new (what happened)"


def test_empty_detail_shows_no_brackets():
    assert flag_text(Flag("chunked", "")) == FLAG_TEXT["chunked"]


def test_status_ok_without_degradation_flags():
    digest = friendly_digest(flags=(Flag("chunked", "3 chunks"), Flag("low-confidence-language", "x")))
    assert digest_status(digest) == "ok"


@pytest.mark.parametrize("code", sorted(DEGRADATION_CODES))
def test_status_degraded_with_any_degradation_flag(code):
    assert digest_status(friendly_digest(flags=(Flag(code, "x"),))) == "degraded"


def test_status_degraded_without_summary():
    digest = replace(friendly_digest(flags=()), summary=None, translations=None)
    assert digest_status(digest) == "degraded"
