"""Batching across requests and pairs, with a fake engine: few generate calls, order restored."""

from __future__ import annotations

import math

import pytest

from briefing.errors import ModelUnavailable
from briefing.models.batching import GenerationParams, generate_ids, length_sorted_batches
from briefing.settings import Settings
from briefing.translate import TranslationRequest, translate_texts
from tests.models.factories import FakeEngine

pytestmark = pytest.mark.unit

MODELS = ("Helsinki-NLP/opus-mt-fr-en", "Helsinki-NLP/opus-mt-de-en", "Helsinki-NLP/opus-mt-en-de")


class Registry:
    def __init__(self, present=MODELS, **engine_kwargs):
        self.present = set(present)
        self.engines: dict[str, FakeEngine] = {}
        self.engine_kwargs = engine_kwargs

    def available(self, model_id: str) -> str | None:
        return None if model_id in self.present else "not here"

    def load(self, model_id: str, settings: Settings) -> FakeEngine:
        if model_id not in self.present:
            raise ModelUnavailable(model_id, "not here")
        return self.engines.setdefault(model_id, FakeEngine(model_id, **self.engine_kwargs))


def test_length_sorted_batches_cover_every_index_once():
    lengths = [5, 1, 9, 3, 9, 2, 7]
    batches = length_sorted_batches(lengths, 3)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    assert [len(b) for b in batches] == [2, 3, 2]  # as few batches as the size allows, evenly filled
    assert [lengths[i] for i in batches[0]] == [9, 9]
    assert [lengths[i] for i in batches[1]] == [7, 5, 3]


@pytest.mark.parametrize("count", [0, 1, 5, 31, 32, 33, 37, 64, 65, 100])
def test_length_sorted_batches_are_as_few_as_the_size_allows_and_even(count: int) -> None:
    batches = length_sorted_batches([(7 * i) % 13 for i in range(count)], 32)
    sizes = [len(b) for b in batches]
    assert sum(sizes) == count and len(sizes) == -(-count // 32)
    assert not sizes or (max(sizes) <= 32 and max(sizes) - min(sizes) <= 1)


def test_generate_ids_restores_input_order():
    engine = FakeEngine("x/opus-mt-aa-bb")
    inputs = [[ord(c) for c in word] + [0] for word in ["ccc", "a", "bbbbb", "dd", "e" * 7]]
    out = generate_ids(engine, inputs, GenerationParams(max_new_tokens=50), batch_size=2)
    assert ["".join(map(chr, ids)) for ids in out] == ["ccc", "a", "bbbbb", "dd", "e" * 7]
    assert engine.calls == [2, 1, 2]  # 3 calls of sizes at most one apart, longest inputs first


def test_translation_length_follows_input_length():
    params = GenerationParams(max_new_tokens=256, length_ratio=2.0, length_slack=10)
    assert params.max_new_for(20) == 50
    assert params.max_new_for(500) == 256


def test_many_sentences_of_mixed_pairs_keep_their_order():
    registry = Registry()
    settings = Settings(batch_size=4)
    requests = []
    for n in range(9):
        requests.append(TranslationRequest("fr", "en", f"Phrase {n} un. Phrase {n} deux."))
        requests.append(TranslationRequest("de", "en", f"Satz {n}."))
        requests.append(TranslationRequest("en", "en", f"Already English {n}."))
    outcomes = translate_texts(requests, settings, loader=registry.load, available=registry.available)

    assert len(outcomes) == len(requests)
    for req, out in zip(requests, outcomes, strict=True):
        if req.src == req.tgt:
            assert (out.text, out.model) == (req.text, None)
            continue
        tag = f"[{req.src}-{req.tgt}]"
        expected = " ".join(tag + s for s in req.text.replace(". ", ".\n").split("\n"))
        assert out.text == expected
        assert out.model == f"Helsinki-NLP/opus-mt-{req.src}-{req.tgt}"
        assert out.flags == ()
    # Every sentence of one pair goes to its model in ceil(n / batch_size) generate calls, evenly filled.
    assert registry.engines["Helsinki-NLP/opus-mt-fr-en"].calls == [4, 3, 4, 3, 4]
    assert registry.engines["Helsinki-NLP/opus-mt-de-en"].calls == [3, 3, 3]
    assert "Helsinki-NLP/opus-mt-en-de" not in registry.engines


def test_pivot_chains_both_legs_in_batches():
    registry = Registry()
    settings = Settings(batch_size=8)
    requests = [TranslationRequest("fr", "de", f"Phrase {n}.") for n in range(5)]
    requests.append(TranslationRequest("fr", "en", "Directe."))
    outcomes = translate_texts(requests, settings, loader=registry.load, available=registry.available)
    for n, out in enumerate(outcomes[:5]):
        assert out.text == f"[en-de][fr-en]Phrase {n}."
        assert out.model == "Helsinki-NLP/opus-mt-fr-en -> Helsinki-NLP/opus-mt-en-de"
        assert [f.code for f in out.flags] == ["translation-pivot"]
        assert (out.flags[0].stage, out.flags[0].pair) == ("translation", "fr-de")
        assert out.flags[0].models == ("Helsinki-NLP/opus-mt-fr-en", "Helsinki-NLP/opus-mt-en-de")
    assert outcomes[5].text == "[fr-en]Directe."
    # First leg: the pivot sentences and the direct one share fr-en in one call.
    assert registry.engines["Helsinki-NLP/opus-mt-fr-en"].calls == [6]
    assert registry.engines["Helsinki-NLP/opus-mt-en-de"].calls == [5]


def test_a_text_asked_in_several_languages_is_split_once(monkeypatch: pytest.MonkeyPatch):
    """A summary goes to every target language: its sentences are found once, each target gets them all."""
    from briefing import translate

    seen: list[tuple[str, str]] = []
    real_split = translate.split_sentences
    monkeypatch.setattr(
        translate, "split_sentences", lambda text, lang: seen.append((text, lang)) or real_split(text, lang)
    )
    registry = Registry(present=(*MODELS, "Helsinki-NLP/opus-mt-en-fr"))
    text = "The port reopened. Boats came back."
    requests = [TranslationRequest("en", tgt, text) for tgt in ("fr", "de")]
    outcomes = translate_texts(requests, Settings(), loader=registry.load, available=registry.available)
    assert seen == [(text, "en")]
    assert [o.text for o in outcomes] == [
        "[en-fr]The port reopened. [en-fr]Boats came back.",
        "[en-de]The port reopened. [en-de]Boats came back.",
    ]


def test_no_route_keeps_text_out_and_flags_the_pair():
    registry = Registry(present=("Helsinki-NLP/opus-mt-fr-en",))
    requests = [TranslationRequest("pl", "en", "Zdanie."), TranslationRequest("fr", "en", "Une phrase.")]
    outcomes = translate_texts(requests, Settings(), loader=registry.load, available=registry.available)
    assert outcomes[0].text is None and outcomes[0].model is None
    (flag,) = outcomes[0].flags
    assert flag.code == "translation-unavailable"
    assert "pl→en" in flag.detail and "Helsinki-NLP/opus-mt-pl-en" in flag.detail
    # What pages read: the pair, the models to pull and why, as fields.
    assert (flag.stage, flag.pair, flag.cause) == ("translation", "pl-en", "model-missing")
    assert flag.models == ("Helsinki-NLP/opus-mt-pl-en",)
    assert outcomes[1].text == "[fr-en]Une phrase."


def test_a_model_that_fails_to_load_fails_only_its_requests():
    registry = Registry()

    def load(model_id, settings):
        if model_id.endswith("de-en"):
            raise ModelUnavailable(model_id, "broken files")
        return registry.load(model_id, settings)

    requests = [TranslationRequest("de", "en", "Satz."), TranslationRequest("fr", "en", "Phrase.")]
    outcomes = translate_texts(requests, Settings(), loader=load, available=registry.available)
    assert outcomes[0].text is None
    assert "broken files" in outcomes[0].flags[0].detail
    assert outcomes[0].flags[0].cause == "failed"
    assert outcomes[0].flags[0].models == ("Helsinki-NLP/opus-mt-de-en",)
    assert outcomes[1].text == "[fr-en]Phrase."


def test_a_model_missing_offline_says_so_in_the_cause():
    registry = Registry()

    def load(model_id, settings):
        if model_id.endswith("de-en"):
            raise ModelUnavailable(model_id, "BRIEFING_MODEL_DIR not set, not here, and offline", "offline")
        return registry.load(model_id, settings)

    outcomes = translate_texts(
        [TranslationRequest("de", "en", "Satz.")], Settings(), loader=load, available=registry.available
    )
    (flag,) = outcomes[0].flags
    assert (flag.pair, flag.cause, flag.models) == ("de-en", "offline", ("Helsinki-NLP/opus-mt-de-en",))


def test_sentence_over_the_input_limit_is_translated_in_pieces():
    registry = Registry(max_input_tokens=40)
    long_sentence = " ".join(f"mot{n}" for n in range(30)) + "."
    outcomes = translate_texts(
        [TranslationRequest("fr", "en", long_sentence)],
        Settings(),
        loader=registry.load,
        available=registry.available,
    )
    pieces = outcomes[0].text.split("[fr-en]")[1:]
    # The fake engine asserts every input fits its 40 tokens; the text comes back whole, in order.
    assert len(pieces) >= math.ceil(len(long_sentence) / 39)
    assert "".join(pieces).replace(" ", "") == long_sentence.replace(" ", "")


def test_token_capped_runs_keep_every_input_once_in_order_and_within_the_cap():
    from briefing.models.batching import batch_token_cap, token_capped

    lengths = [900, 880, 850, 700, 300, 120, 40, 40, 30, 5]
    runs = token_capped(lengths, beams=4)
    assert [i for run in runs for i in range(len(lengths))[run]] == list(range(len(lengths)))
    for run in runs:
        part = lengths[run]
        assert len(part) == 1 or max(part) * len(part) <= batch_token_cap(max(part), 4)
    assert len(runs) > 1  # four 900-token chunks fill a batch at beam 4
    assert token_capped([5000], beams=4) == [slice(0, 1)]  # one input over the cap still goes alone
    assert token_capped([], beams=4) == []
    assert len(token_capped([30] * 32, beams=4)) == 1  # short sentences batch widely
