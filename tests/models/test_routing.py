"""Translation routing through the model manifest: direct, source-multilingual, multi-target, pivot, none."""

from __future__ import annotations

import pytest

from briefing.models import manifest
from briefing.models.routes import plan_route, route_line, route_table, target_token
from briefing.settings import DEFAULT_DETECT_LANGUAGES, Settings

pytestmark = pytest.mark.unit

SETTINGS = Settings()
PHANTOMS = ("Helsinki-NLP/opus-mt-pt-en", "Helsinki-NLP/opus-mt-en-pt", "Helsinki-NLP/opus-mt-en-pl")


def only(*ids: str):
    def available(model_id: str) -> str | None:
        return None if model_id in ids else "missing"

    return available


def test_every_default_pair_routes_through_manifest_models_only():
    routes = route_table(DEFAULT_DETECT_LANGUAGES, SETTINGS)
    assert len(routes) == 14 * 13
    for route in routes:
        if route.tgt == "ja":  # no English → Japanese model: said plainly, never guessed
            assert not route.legs and "opus-mt-en-jap is not" in route.reason, route_line(route)
            continue
        assert route.legs, route_line(route)
        for model_id in route.models:
            assert manifest.entry(model_id) is not None, (route.pair, model_id)
            assert model_id not in PHANTOMS
        if "en" not in (route.src, route.tgt):
            assert route.pivot and route.models[0] in manifest.manifest_ids()


def test_a_route_naming_a_model_outside_the_manifest_is_caught():
    settings = Settings(translation_overrides={"fr-en": "Helsinki-NLP/opus-mt-pt-en"})
    (route,) = [r for r in route_table(["fr", "en"], settings, only("Helsinki-NLP/opus-mt-pt-en")) if r.legs]
    assert [m for m in route.models if manifest.entry(m) is None] == ["Helsinki-NLP/opus-mt-pt-en"]


def test_portuguese_and_polish_use_the_real_models_with_their_tokens():
    everything = lambda _m: None  # noqa: E731
    pt_en = plan_route("pt", "en", SETTINGS, everything)
    assert pt_en.models == ("Helsinki-NLP/opus-mt-ROMANCE-en",) and pt_en.legs[0].token is None
    en_pt = plan_route("en", "pt", SETTINGS, everything)
    assert [(leg.model_id, leg.token) for leg in en_pt.legs] == [
        ("Helsinki-NLP/opus-mt-tc-big-en-pt", ">>por<<")
    ]
    en_pl = plan_route("en", "pl", SETTINGS, everything)
    assert [(leg.model_id, leg.token) for leg in en_pl.legs] == [("Helsinki-NLP/opus-mt-en-zlw", ">>pol<<")]
    pt_de = plan_route("pt", "de", SETTINGS, everything)
    assert pt_de.models == ("Helsinki-NLP/opus-mt-ROMANCE-en", "Helsinki-NLP/opus-mt-en-de")
    assert "pivot via en" in route_line(pt_de)


def test_target_token_can_be_overridden_in_settings():
    settings = Settings(translation_target_tokens={"Helsinki-NLP/opus-mt-tc-big-en-pt:pt": ">>pob<<"})
    route = plan_route("en", "pt", settings, lambda _m: None)
    assert route.legs[0].token == ">>pob<<"


def test_multi_target_model_without_a_token_for_the_pair_is_refused():
    settings = Settings(translation_overrides={"en-cs": "Helsinki-NLP/opus-mt-en-zlw"})
    assert target_token("Helsinki-NLP/opus-mt-en-zlw", "cs", settings) == (False, None)
    route = plan_route("en", "cs", settings, lambda _m: None)
    assert route.legs == ()
    assert "needs a target-language token" in route.reason and "'cs'" in route.reason


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
    assert "no French → German model in the manifest" in route.reason
    assert "Helsinki-NLP/opus-mt-en-de" in route.reason


def test_no_pivot_when_english_is_an_end():
    route = plan_route("pl", "en", SETTINGS, only("Helsinki-NLP/opus-mt-en-en"))
    assert route.models == ()
    assert "pivot" not in route.reason


def test_pattern_is_tried_after_the_manifest():
    settings = Settings(translation_model_pattern="acme/mt-{src}-{tgt}")
    route = plan_route("fr", "de", settings, only("acme/mt-fr-de"))
    assert route.models == ("acme/mt-fr-de",)


def test_overridden_pivot_leg_is_used():
    settings = Settings(translation_overrides={"en-de": "acme/en-de-big"})
    route = plan_route("fr", "de", settings, only("Helsinki-NLP/opus-mt-fr-en", "acme/en-de-big"))
    assert route.models == ("Helsinki-NLP/opus-mt-fr-en", "acme/en-de-big")


def test_manifest_entries_say_where_they_were_confirmed():
    for item in manifest.MANIFEST:
        assert item.confirmed and item.licence and item.what, item.model_id
        assert item.model_id not in PHANTOMS
        if item.multi_target:
            assert all(item.token_for(t) for t in item.targets), item.model_id


@pytest.mark.parametrize(
    ("src", "tgt", "legs"),
    [
        ("ar", "en", [("Helsinki-NLP/opus-mt-ar-en", None)]),
        ("zh", "en", [("Helsinki-NLP/opus-mt-zh-en", None)]),
        ("ja", "en", [("Helsinki-NLP/opus-mt-ja-en", None)]),
        ("tr", "en", [("Helsinki-NLP/opus-mt-tr-en", None)]),
        ("en", "ar", [("Helsinki-NLP/opus-mt-en-ar", ">>ara<<")]),
        ("en", "zh", [("Helsinki-NLP/opus-mt-en-zh", ">>cmn_Hans<<")]),
        ("en", "tr", [("Helsinki-NLP/opus-mt-en-trk", ">>tur<<")]),
        ("en", "ja", []),
    ],
)
def test_arabic_chinese_japanese_turkish_routes(src: str, tgt: str, legs: list) -> None:
    route = plan_route(src, tgt, SETTINGS, lambda _m: None)
    assert [(leg.model_id, leg.token) for leg in route.legs] == legs
    line = route_line(route)
    assert line.startswith(f"{src}→{tgt}\t")
    if not legs:
        assert "none" in line and "Japanese" in line
    assert "Helsinki-NLP/opus-mt-en-jap" not in route.models


def test_a_page_says_plainly_that_no_model_translates_into_japanese():
    from briefing.translate import TranslationRequest, translate_texts

    (outcome,) = translate_texts([TranslationRequest("en", "ja", "Hello there.")], Settings(offline=True))
    assert outcome.text is None
    (flag,) = outcome.flags
    assert flag.code == "translation-unavailable" and "opus-mt-en-jap is not Japanese" in flag.detail
