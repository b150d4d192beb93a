"""The tiny models are laid out as the manifest says the real Hub repositories are.

Which file holds the generation settings, their values, the weight file, the tokenizer's
source_lang/target_lang, the multi-target tokens, the activation and positions: a tiny copy that
differs from its real repo (as the tiny distilbart once shipped a generation_config.json the real one
lacks) fails here. The one deliberate difference, ``TINY_GENERATION_OVERRIDES``, is checked as such.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.models import manifest
from briefing.models.resolve import folder_name
from briefing.testing.tiny import TINY_GENERATION_OVERRIDES

pytestmark = pytest.mark.tiny_model

ENTRIES = {e.model_id: e for e in manifest.MANIFEST}


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("model_id", sorted(ENTRIES))
def test_tiny_copy_mirrors_the_hub_layout(tiny_models: Path, model_id: str) -> None:
    known = ENTRIES[model_id]
    folder = tiny_models / folder_name(model_id)
    files = {p.name for p in folder.iterdir()}

    weights = {"bin": "pytorch_model.bin", "safetensors": "model.safetensors"}
    assert weights[known.weights] in files
    assert not ({"pytorch_model.bin", "model.safetensors"} - {weights[known.weights]}) & files

    layout = known.layout
    if layout.generation_file == "config.json":
        assert "generation_config.json" not in files
    holder = _json(folder / layout.generation_file)
    for key, value in layout.generation:
        expected = TINY_GENERATION_OVERRIDES.get(key, value)
        assert holder.get(key) == expected, f"{model_id}: {layout.generation_file} {key}"

    config = _json(folder / "config.json")
    arch = known.architecture
    assert config["max_position_embeddings"] == arch.max_positions
    assert config["activation_function"] == arch.activation

    if known.kind == "translation":
        tokenizer_config = _json(folder / "tokenizer_config.json")
        if layout.tokenizer_langs is not None:
            langs = (tokenizer_config["source_lang"], tokenizer_config["target_lang"])
            assert langs == layout.tokenizer_langs
        vocab = _json(folder / "vocab.json")
        for _lang, token in known.target_tokens:
            assert token in vocab
        if not known.multi_target:
            assert not [t for t in vocab if t.startswith(">>") and t.endswith("<<")]


def test_the_summarizer_keeps_its_settings_in_config_json_as_the_hub_repo() -> None:
    entry = manifest.entry("sshleifer/distilbart-cnn-12-6")
    assert entry is not None
    assert entry.layout.generation_file == "config.json"
    assert dict(entry.layout.generation)["no_repeat_ngram_size"] == 3
    assert dict(entry.layout.generation)["length_penalty"] == 2.0


def test_every_entry_says_where_it_was_confirmed_and_credits_cc_by() -> None:
    for known in manifest.MANIFEST:
        assert known.confirmed and known.licence
        assert known.revision is None or len(known.revision) == 40
    assert manifest.needs_credit(ENTRIES["Helsinki-NLP/opus-mt-en-de"].licence)
    assert not manifest.needs_credit(ENTRIES["Helsinki-NLP/opus-mt-fr-en"].licence)
