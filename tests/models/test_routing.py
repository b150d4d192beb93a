"""Translation routing: direct, per-pair override, English pivot, no route."""

from __future__ import annotations

import pytest

from briefing.settings import Settings
from briefing.translate import plan_route

pytestmark = pytest.mark.unit


def only(*ids: str):
    def available(model_id: str) -> str | None:
        return None if model_id in ids else "missing"

    return available


SETTINGS = Settings()


def test_direct_model_wins():
    route = plan_route("fr", "en", SETTINGS, only("Helsinki-NLP/opus-mt-fr-en"))
    assert route.models == ("Helsinki-NLP/opus-mt-fr-en",)
    assert route.label == "Helsinki-NLP/opus-mt-fr-en"


def test_override_names_the_model_for_a_pair():
    settings = Settings(translation_overrides={"fr-de": "acme/fr-to-de"})
    route = plan_route("fr", "de", settings, only("acme/fr-to-de"))
    assert route.models == ("acme/fr-to-de",)


def test_missing_pair_pivots_through_english():
    route = plan_route("fr", "de", SETTINGS, only("Helsinki-NLP/opus-mt-fr-en", "Helsinki-NLP/opus-mt-en-de"))
    assert route.models == ("Helsinki-NLP/opus-mt-fr-en", "Helsinki-NLP/opus-mt-en-de")
    assert route.label == "Helsinki-NLP/opus-mt-fr-en -> Helsinki-NLP/opus-mt-en-de"


def test_pivot_needs_both_legs():
    route = plan_route("fr", "de", SETTINGS, only("Helsinki-NLP/opus-mt-fr-en"))
    assert route.models == ()
    assert "Helsinki-NLP/opus-mt-fr-de" in route.reason
    assert "Helsinki-NLP/opus-mt-en-de" in route.reason


def test_no_pivot_when_english_is_an_end():
    route = plan_route("pl", "en", SETTINGS, only("Helsinki-NLP/opus-mt-en-en"))
    assert route.models == ()
    assert "pivot" not in route.reason


def test_overridden_pivot_leg_is_used():
    settings = Settings(translation_overrides={"en-de": "acme/en-de-big"})
    route = plan_route("fr", "de", settings, only("Helsinki-NLP/opus-mt-fr-en", "acme/en-de-big"))
    assert route.models == ("Helsinki-NLP/opus-mt-fr-en", "acme/en-de-big")
