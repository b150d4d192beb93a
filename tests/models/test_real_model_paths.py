"""Issue 12: manifest models end to end on tiny copies, target tokens at the tokenizer, honest lengths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.models import manifest
from briefing.models.batching import GenerationParams
from briefing.models.cache import clear_model_cache, load_seq2seq
from briefing.models.resolve import folder_name
from briefing.settings import Settings
from briefing.summarize import summarize_digests
from briefing.testing.tiny import default_model_ids
from briefing.translate import TranslationRequest, translate_digests, translate_texts, unit_budget
from tests.models.factories import FakeEngine, make_digest

PT_BODY = [
    "A câmara municipal aprovou ontem um plano para reconstruir a velha ponte do porto até 2027.",
    "Os engenheiros disseram que a ponte atual já não suporta camiões pesados com segurança.",
    "Os moradores pediram um barco provisório durante as obras, e o presidente prometeu que seria gratuito.",
]


@pytest.mark.unit
def test_default_model_set_is_exactly_the_manifest():
    assert sorted(default_model_ids(Settings())) == sorted(manifest.manifest_ids())


@pytest.mark.tiny_model
def test_tiny_set_has_the_real_layouts(tiny_models: Path):
    for model_id in manifest.manifest_ids():
        assert (tiny_models / folder_name(model_id) / "config.json").is_file(), model_id
    for phantom in ("opus-mt-pt-en", "opus-mt-en-pt", "opus-mt-en-pl"):
        assert not (tiny_models / f"Helsinki-NLP--{phantom}").exists()
    vocab = json.loads(
        (tiny_models / folder_name("Helsinki-NLP/opus-mt-tc-big-en-pt") / "vocab.json").read_text()
    )
    assert ">>por<<" in vocab and ">>pob<<" in vocab
    bin_only = tiny_models / folder_name("Helsinki-NLP/opus-mt-en-uk")
    assert (bin_only / "pytorch_model.bin").is_file() and not list(bin_only.glob("*.safetensors"))
    bart = json.loads(
        (tiny_models / folder_name("sshleifer/distilbart-cnn-12-6") / "config.json").read_text()
    )
    assert bart["prefix"] == " "


@pytest.mark.tiny_model
def test_portuguese_article_gets_english_summary_and_french_german_translations(
    tiny_settings, validate_digest
):
    settings = tiny_settings.replace(target_languages=("fr", "de"))
    (summarized,) = summarize_digests([make_digest(language="pt", body=PT_BODY)], settings)
    assert summarized.summary.language == "en"
    assert summarized.models["summary_translation"] == "Helsinki-NLP/opus-mt-ROMANCE-en"
    assert "summary-via-translation" in summarized.flag_codes()
    (out,) = translate_digests([summarized], settings)
    by_lang = {t.language: t.model for t in out.translations}
    assert by_lang == {"fr": "Helsinki-NLP/opus-mt-en-fr", "de": "Helsinki-NLP/opus-mt-en-de"}
    used = [summarized.models["summary_translation"], *by_lang.values()]
    assert all(manifest.entry(m) is not None for m in used)
    assert "translation-unavailable" not in out.flag_codes()
    validate_digest(out.to_dict())


class _SpyTokenizer:
    """Wraps a Hugging Face tokenizer and records the texts it is called with (the model boundary)."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.calls: list[list[str]] = []

    def __call__(self, texts, **kwargs):
        self.calls.append(list(texts))
        return self.inner(texts, **kwargs)

    def __getattr__(self, name):
        return getattr(self.inner, name)


@pytest.mark.tiny_model
def test_english_to_portuguese_sends_the_target_token(tiny_settings, tiny_models: Path):
    clear_model_cache()
    model = load_seq2seq("Helsinki-NLP/opus-mt-tc-big-en-pt", tiny_settings)
    spy = _SpyTokenizer(model._tokenizer)
    model._tokenizer = spy
    try:
        (outcome,) = translate_texts(
            [TranslationRequest("en", "pt", "The council met on Monday. It approved the new bridge.")],
            tiny_settings,
            loader=lambda model_id, settings: model,
        )
    finally:
        model._tokenizer = spy.inner
        clear_model_cache()
    assert outcome.model == "Helsinki-NLP/opus-mt-tc-big-en-pt" and outcome.text
    sent = [text for call in spy.calls for text in call if text.strip() and text != ">>por<<"]
    assert sent and all(text.startswith(">>por<< ") for text in sent)
    vocab = json.loads(
        (tiny_models / folder_name("Helsinki-NLP/opus-mt-tc-big-en-pt") / "vocab.json").read_text()
    )
    ids = spy.inner(sent, add_special_tokens=True)["input_ids"]
    assert all(row[0] == vocab[">>por<<"] for row in ids)


@pytest.mark.tiny_model
def test_twenty_token_body_gets_no_padded_summary(tiny_models: Path):
    settings = Settings(model_dir=tiny_models, offline=True, engine="torch", summary_num_beams=1)
    body = ["The ferry will run again from Monday, the harbour office said."]
    (out,) = summarize_digests([make_digest(body=body)], settings)
    assert "body-too-short" in out.flag_codes()
    assert out.summary.text == body[0]  # the body itself: nothing invented to reach a minimum length
    assert out.summary.method == "extractive" and out.summary.model is None


@pytest.mark.unit
def test_minimum_summary_length_scales_with_the_input():
    params = GenerationParams(max_new_tokens=130, min_new_tokens=30, min_ratio=0.2)
    assert params.min_new_for(1000, 130) == 30
    assert params.min_new_for(60, 130) == 12
    assert params.min_new_for(10, 8) == 2


class _CapFake(FakeEngine):
    """Echoes, but a model that never stops: outputs run to max_new_tokens when ``runaway``."""

    def __init__(self, model_id: str, runaway: bool = False) -> None:
        super().__init__(model_id)
        self.runaway = runaway
        self.inputs: list[list[int]] = []
        self.caps: list[int] = []

    def generate(self, batch_ids, *, max_new_tokens, min_new_tokens=0, num_beams=1):
        self.inputs += [list(ids) for ids in batch_ids]
        self.caps += [max_new_tokens] * len(batch_ids)
        if self.runaway:
            return [[ord("x")] * (max_new_tokens - 1) for _ in batch_ids]
        return super().generate(batch_ids, max_new_tokens=max_new_tokens, min_new_tokens=min_new_tokens)


@pytest.mark.unit
def test_long_unpunctuated_comment_is_translated_whole_in_pieces_under_the_cap():
    words = [f"palavra{n % 37}" for n in range(300)]
    comment = " ".join(words)  # 300 words, no punctuation at all
    engine = _CapFake("Helsinki-NLP/opus-mt-ROMANCE-en")
    settings = Settings()
    (outcome,) = translate_texts(
        [TranslationRequest("pt", "en", comment)],
        settings,
        loader=lambda model_id, s: engine,
        available=lambda model_id: None,
    )
    assert len(engine.inputs) > 1  # cut into pieces...
    budget = unit_budget(settings.translation_max_tokens)
    assert all(len(ids) - 1 <= budget for ids in engine.inputs)  # ...each well under the output cap
    assert all(cap < settings.translation_max_tokens for cap in engine.caps)
    assert "translation-truncated" not in [f.code for f in outcome.flags]
    # every piece came back, in order: the whole comment is translated
    assert outcome.text.replace(engine.tag, "").split() == words


@pytest.mark.unit
def test_output_that_reaches_the_cap_is_flagged_truncated():
    engine = _CapFake("Helsinki-NLP/opus-mt-fr-en", runaway=True)
    settings = Settings(translation_max_tokens=20)
    (outcome,) = translate_texts(
        [TranslationRequest("fr", "en", "Une phrase assez longue pour dépasser le plafond de sortie.")],
        settings,
        loader=lambda model_id, s: engine,
        available=lambda model_id: None,
    )
    assert outcome.text is not None
    assert "translation-truncated" in [f.code for f in outcome.flags]


@pytest.mark.unit
def test_missing_model_reads_as_not_installed_not_as_a_hub_error():
    (outcome,) = translate_texts(
        [TranslationRequest("pt", "en", "Uma frase.")],
        Settings(),
        loader=lambda model_id, s: FakeEngine(model_id),
        available=lambda model_id: "not in BRIEFING_MODEL_DIR=/m, not in the Hugging Face cache, and offline",
    )
    (flag,) = outcome.flags
    assert flag.code == "translation-unavailable"
    assert "no translation model for Portuguese → English is installed" in flag.detail
    assert "Repository Not Found" not in flag.detail and "401" not in flag.detail


@pytest.mark.unit
def test_multi_target_model_without_a_token_is_refused_with_a_flag():
    settings = Settings(translation_overrides={"en-cs": "Helsinki-NLP/opus-mt-en-zlw"})
    engine = FakeEngine("Helsinki-NLP/opus-mt-en-zlw")
    (outcome,) = translate_texts(
        [TranslationRequest("en", "cs", "A sentence.")],
        settings,
        loader=lambda model_id, s: engine,
        available=lambda model_id: None,
    )
    assert outcome.text is None and engine.calls == []  # never sent without its token
    (flag,) = outcome.flags
    assert flag.code == "translation-unavailable"
    assert "Helsinki-NLP/opus-mt-en-zlw needs a target-language token" in flag.detail


@pytest.mark.tiny_model
def test_inputs_are_prepared_as_the_models_were_trained(tiny_models: Path):
    from briefing.models.resolve import resolve_model
    from briefing.models.torch_engine import load_torch_model

    settings = Settings(model_dir=tiny_models, offline=True)
    marian = load_torch_model(resolve_model("Helsinki-NLP/opus-mt-tc-big-en-pt", settings))
    # OPUS-MT-train's preprocess-spm.sh (curly quotes and the ellipsis mapped, « » kept, spaces squeezed),
    # the target token kept first
    assert marian.prepare(">>por<< “Hello”  «world»…") == '>>por<< "Hello" «world»...'
    assert marian.tokenize(["“Hello”  world…"]) == marian.tokenize(['"Hello" world...'])
    bart = load_torch_model(resolve_model("sshleifer/distilbart-cnn-12-6", settings))
    assert bart.prepare("The council met.") == " The council met."  # distilbart's config prefix


@pytest.mark.unit
def test_a_multi_target_model_outside_the_manifest_is_refused_at_load_with_one_line():
    class MultiTarget(FakeEngine):
        def language_tokens(self) -> frozenset[str]:
            return frozenset({">>ces<<", ">>pol<<"})

    engine = MultiTarget("acme/opus-mt-en-zlw-copy")
    settings = Settings(translation_overrides={"en-cs": "acme/opus-mt-en-zlw-copy"})
    request = [TranslationRequest("en", "cs", "A sentence.")]
    (outcome,) = translate_texts(request, settings, loader=lambda m, s: engine, available=lambda m: None)
    assert outcome.text is None and engine.calls == []  # refused before anything was generated
    (flag,) = outcome.flags
    assert flag.code == "translation-unavailable" and "\n" not in flag.detail
    assert "multi-target model" in flag.detail and "no target-language token" in flag.detail

    wrong = Settings(
        translation_overrides={"en-cs": "acme/opus-mt-en-zlw-copy"},
        translation_target_tokens={"acme/opus-mt-en-zlw-copy:cs": ">>cze<<"},
    )
    (outcome,) = translate_texts(request, wrong, loader=lambda m, s: engine, available=lambda m: None)
    assert outcome.text is None and "not in its vocabulary" in outcome.flags[0].detail
    right = Settings(
        translation_overrides={"en-cs": "acme/opus-mt-en-zlw-copy"},
        translation_target_tokens={"acme/opus-mt-en-zlw-copy:cs": ">>ces<<"},
    )
    (outcome,) = translate_texts(request, right, loader=lambda m, s: engine, available=lambda m: None)
    assert outcome.text is not None
