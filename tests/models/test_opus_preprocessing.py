"""OPUS-MT input is preprocessed as OPUS-MT-train's preprocess-spm.sh did for training, nothing more.

Numbers grouped with non-breaking spaces reach the model unchanged (Moses normalisation, used before,
turned "5 000" into "5.000" and "1 000 Mal" into "1,000 Mal").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import ModelUnavailable
from briefing.models.opus_text import opus_preprocess
from briefing.models.resolve import resolve_model
from briefing.models.routes import check_target_token
from briefing.models.torch_engine import load_torch_model
from briefing.settings import Settings
from briefing.testing.tiny import make_models

pytestmark = pytest.mark.tiny_model

NBSP, NNBSP = "\u00a0", "\u202f"
NUMBERS = {
    "ru": f"Компания заплатила 5{NBSP}000 рублей 12.03.2024.",
    "pl": f"Bilet kosztował 5{NBSP}000 zł, a nie 4{NBSP}999,50 zł.",
    "de": f"Er hat es 1{NBSP}000 Mal gesagt, am 3. Mai 2024.",
    "fr": f"Il a payé 3{NBSP}000 euros, soit 2{NNBSP}500,75 € de plus.",
}
MODELS = {
    "ru": "Helsinki-NLP/opus-mt-ru-en",
    "pl": "Helsinki-NLP/opus-mt-pl-en",
    "de": "Helsinki-NLP/opus-mt-de-en",
    "fr": "Helsinki-NLP/opus-mt-fr-en",
}


@pytest.mark.parametrize("language", sorted(NUMBERS))
def test_numbers_dates_and_amounts_are_untouched(language: str) -> None:
    assert opus_preprocess(NUMBERS[language]) == NUMBERS[language]


def test_the_training_character_map_and_removals() -> None:
    assert opus_preprocess("他说：“你好”。  再见！（完）") == '他说:"你好". 再见!(完)'
    assert opus_preprocess("l’été… 【注】") == "l'été... [注]"
    # control and format characters (zero-width space, soft hyphen, bidi marks) become spaces, squeezed
    assert opus_preprocess("a\u200bb\u00adc\u200f  d\te ") == "a b c d e"


@pytest.fixture(scope="module")
def opus_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("opus")
    make_models(out, model_ids=[*MODELS.values(), "Helsinki-NLP/opus-mt-tc-big-en-pt"])
    return out


@pytest.mark.parametrize("language", sorted(NUMBERS))
def test_numbers_reach_the_model_unchanged(opus_models: Path, language: str) -> None:
    settings = Settings(model_dir=opus_models, offline=True, engine="torch")
    model = load_torch_model(resolve_model(MODELS[language], settings))
    text = NUMBERS[language]
    assert model.prepare(text) == text
    # what the tokenizer makes of it is what it makes of the raw text (its own normalisation only)
    assert model.tokenize([text]) == [model._tokenizer(text)["input_ids"]]


def test_multi_target_models_need_a_token_their_vocabulary_holds(opus_models: Path) -> None:
    settings = Settings(model_dir=opus_models, offline=True, engine="torch")
    en_pt = load_torch_model(resolve_model("Helsinki-NLP/opus-mt-tc-big-en-pt", settings))
    tokens = en_pt.language_tokens()
    assert ">>por<<" in tokens
    check_target_token(en_pt.model_id, ">>por<<", tokens)
    with pytest.raises(ModelUnavailable, match="no target-language token"):
        check_target_token(en_pt.model_id, None, tokens)
    with pytest.raises(ModelUnavailable, match="not in its vocabulary"):
        check_target_token(en_pt.model_id, ">>xxx<<", tokens)
    fr_en = load_torch_model(resolve_model(MODELS["fr"], settings))
    assert fr_en.language_tokens() == frozenset()
    check_target_token(fr_en.model_id, None, fr_en.language_tokens())  # single target: no token needed
