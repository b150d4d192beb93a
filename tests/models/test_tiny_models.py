"""The tiny model set: real classes and tokenizers, default names, resolution and the load cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.errors import ModelUnavailable
from briefing.models.cache import clear_model_cache, load_seq2seq
from briefing.models.resolve import folder_name, resolve_model
from briefing.models.tiny import default_model_ids, default_pairs, make_models
from briefing.settings import Settings, load_settings

pytestmark = pytest.mark.tiny_model


def test_every_default_model_is_made_under_its_folder_name(tiny_models: Path):
    settings = Settings()
    for model_id in default_model_ids(settings):
        assert (tiny_models / folder_name(model_id) / "config.json").is_file(), model_id
    assert ("fr", "en") in default_pairs(settings) and ("en", "de") in default_pairs(settings)
    # fr-de is deliberately absent: fr→de must pivot through English.
    assert not (tiny_models / "Helsinki-NLP--opus-mt-fr-de").exists()


def test_marian_folder_has_real_tokenizer_files(tiny_models: Path):
    folder = tiny_models / "Helsinki-NLP--opus-mt-fr-en"
    # opus-mt-fr-en's main branch holds pytorch_model.bin only (the manifest's weights)
    for name in ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json", "pytorch_model.bin"):
        assert (folder / name).is_file(), name
    config = json.loads((folder / "config.json").read_text())
    vocab = json.loads((folder / "vocab.json").read_text())
    assert config["architectures"] == ["MarianMTModel"]
    assert config["vocab_size"] == len(vocab)
    assert vocab["</s>"] == 0 and vocab["<pad>"] == len(vocab) - 1
    bart = json.loads((tiny_models / "sshleifer--distilbart-cnn-12-6" / "config.json").read_text())
    assert bart["architectures"] == ["BartForConditionalGeneration"]
    assert bart["max_position_embeddings"] == 1024
    assert bart["normalize_before"] is False


def test_models_load_through_load_seq2seq_from_the_model_dir(tiny_models: Path, monkeypatch):
    monkeypatch.setenv("BRIEFING_MODEL_DIR", str(tiny_models))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    settings = load_settings(env=None).replace(engine="torch")
    assert settings.model_dir == tiny_models and settings.offline
    marian = load_seq2seq("Helsinki-NLP/opus-mt-fr-en", settings)
    bart = load_seq2seq("sshleifer/distilbart-cnn-12-6", settings)
    assert (marian.engine, marian.max_input_tokens) == ("torch", 512)
    assert bart.max_input_tokens == 1024
    assert type(marian._model).__name__ == "MarianMTModel"
    assert type(marian._tokenizer).__name__ == "MarianTokenizer"
    assert type(bart._model).__name__ == "BartForConditionalGeneration"
    # Loaded once per process: the same object comes back.
    assert load_seq2seq("Helsinki-NLP/opus-mt-fr-en", settings) is marian

    ids = marian.tokenize(["Le conseil a voté le budget.", "Bonjour."])
    assert ids[0][-1] == 0 and ids[1][-1] == 0  # </s> closes each input, nothing truncated
    out = marian.generate(ids, max_new_tokens=6, min_new_tokens=2, num_beams=2)
    assert len(out) == 2 and all(2 <= len(row) <= 6 for row in out)
    assert isinstance(marian.detokenize(out[0]), str)


def test_resolution_prefers_the_local_folder(tiny_models: Path):
    resolved = resolve_model("Helsinki-NLP/opus-mt-en-de", Settings(model_dir=tiny_models, offline=True))
    assert resolved.local
    assert resolved.location == str(tiny_models / "Helsinki-NLP--opus-mt-en-de")
    assert resolved.revision and resolved.revision.startswith("local-")


def test_missing_model_offline_fails_fast_with_a_reason(tmp_path: Path):
    clear_model_cache()
    settings = Settings(model_dir=tmp_path, offline=True)
    with pytest.raises(ModelUnavailable) as caught:
        load_seq2seq("Helsinki-NLP/opus-mt-fr-de", settings)
    assert caught.value.model_id == "Helsinki-NLP/opus-mt-fr-de"
    assert str(tmp_path) in caught.value.reason and "offline" in caught.value.reason


def test_broken_folder_is_unavailable_not_a_crash(tmp_path: Path):
    clear_model_cache()
    broken = tmp_path / "Helsinki-NLP--opus-mt-fr-en"
    broken.mkdir()
    (broken / "config.json").write_text("{not json")
    with pytest.raises(ModelUnavailable) as caught:
        load_seq2seq("Helsinki-NLP/opus-mt-fr-en", Settings(model_dir=tmp_path, offline=True, engine="torch"))
    assert "failed to load" in caught.value.reason


def test_builds_are_deterministic(tmp_path: Path):
    ids = ["Helsinki-NLP/opus-mt-de-en"]
    first = make_models(tmp_path / "a", model_ids=ids)[0]
    second = make_models(tmp_path / "b", model_ids=ids)[0]
    for name in ("vocab.json", "source.spm", "pytorch_model.bin"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_loading_a_resolved_folder_opens_no_connection_even_online(tiny_models: Path, monkeypatch):
    # Only resolve_model may ask the Hub (and not when offline): loading a resolved folder passes
    # local_files_only, so neither setting nor HF_HUB_OFFLINE is needed to keep it off the network.
    import socket

    from briefing.models.ct2 import read_generation_defaults
    from briefing.models.torch_engine import load_torch_model

    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object):
        attempts.append(args[1:] or kwargs)
        raise OSError("network refused by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    for model_id in ("Helsinki-NLP/opus-mt-fr-en", "sshleifer/distilbart-cnn-12-6"):
        resolved = resolve_model(model_id, Settings(model_dir=tiny_models, offline=False))
        assert load_torch_model(resolved).location == resolved.location
        read_generation_defaults(resolved.location)
    assert attempts == []
