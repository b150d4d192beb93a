"""ctranslate2 and torch give the same greedy tokens on the tiny models, so speed never changes results.

ctranslate2 runs in float32 here: int8 (the speed path) on tiny random weights can flip near-tied argmaxes,
which says nothing about special-token handling. The int8 path is checked for loading and routing only.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from briefing.errors import ModelUnavailable
from briefing.models import cache, ct2, ct2_convert
from briefing.models.batching import engine_batch_size
from briefing.models.resolve import folder_name, local_revision, resolve_model
from briefing.models.torch_engine import load_torch_model
from briefing.settings import Settings
from briefing.testing.corpus import corpus_lines
from tests.conftest import SEED_000, SEED_001

SUMMARIZER = "sshleifer/distilbart-cnn-12-6"
EN_FR = "Helsinki-NLP/opus-mt-en-fr"
FR_EN = "Helsinki-NLP/opus-mt-fr-en"
# The multi-target model (inputs start with its >>por<< token) and the .bin-only one.
EN_PT = "Helsinki-NLP/opus-mt-tc-big-en-pt"
EN_UK = "Helsinki-NLP/opus-mt-en-uk"
# (min_new_tokens, max_new_tokens): free length, a minimum, and the benchmark's fixed length.
LENGTHS = [(0, 24), (6, 24), (10, 10)]


def _settings(model_dir: Path, engine: str = "torch") -> Settings:
    return Settings(model_dir=model_dir, offline=True, engine=engine)


def _seed_paragraphs() -> list[str]:
    text = SEED_000.read_text(encoding="utf-8") + "\n\n" + SEED_001.read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if p.strip()][:6]


def _texts_for(model_id: str) -> list[str]:
    if model_id == FR_EN:
        return corpus_lines("fr", repeats=1)[:6]
    if model_id == EN_PT:
        return [">>por<< " + p for p in _seed_paragraphs()]
    return _seed_paragraphs()


def _pair(model_id: str, model_dir: Path, workers: int = 1):
    resolved = resolve_model(model_id, _settings(model_dir))
    torch_model = load_torch_model(resolved)
    ct2_model = ct2.load_ct2_model(
        model_id,
        resolved.location,
        revision=resolved.revision,
        local=resolved.local,
        compute_type="float32",
        workers=workers,
        intra_threads=1,
    )
    return torch_model, ct2_model


@pytest.mark.tiny_model
@pytest.mark.parametrize("model_id", [SUMMARIZER, EN_FR, FR_EN, EN_PT, EN_UK])
def test_greedy_tokens_equal_torch(tiny_models: Path, model_id: str) -> None:
    torch_model, ct2_model = _pair(model_id, tiny_models)
    texts = _texts_for(model_id)
    ids = torch_model.tokenize(texts)
    assert ct2_model.tokenize(texts) == ids
    if model_id == EN_PT:  # the target token reaches both engines as the first input id
        vocab = json.loads((tiny_models / folder_name(EN_PT) / "vocab.json").read_text())
        assert {row[0] for row in ids} == {vocab[">>por<<"]}
    assert ct2_model.max_input_tokens == torch_model.max_input_tokens
    for min_new, max_new in LENGTHS:
        expected = torch_model.generate(ids, max_new_tokens=max_new, min_new_tokens=min_new, num_beams=1)
        got = ct2_model.generate(ids, max_new_tokens=max_new, min_new_tokens=min_new, num_beams=1)
        assert got == expected, (min_new, max_new)
        assert [ct2_model.detokenize(g) for g in got] == [torch_model.detokenize(e) for e in expected]
        assert all(len(g) <= max_new for g in got)


def _eager_eos_copy(model_id: str, model_dir: Path, out_dir: Path) -> Path:
    """A copy of a tiny model whose output bias favours EOS, so outputs stop early and lengths vary."""
    import torch
    from transformers import AutoModelForSeq2SeqLM

    source = model_dir / folder_name(model_id)
    target = out_dir / folder_name(model_id)
    shutil.copytree(source, target)
    model = AutoModelForSeq2SeqLM.from_pretrained(source)
    eos = model.generation_config.eos_token_id
    with torch.no_grad():
        # BART has a final_logits_bias buffer; Marian too. Push EOS close to the top, not always on top.
        model.final_logits_bias[0, eos] += 2.5
    model.save_pretrained(target)
    return out_dir


@pytest.mark.tiny_model
@pytest.mark.parametrize("model_id", [SUMMARIZER, EN_FR, EN_PT])
def test_min_length_and_early_eos_match_torch(tiny_models: Path, tmp_path: Path, model_id: str) -> None:
    model_dir = _eager_eos_copy(model_id, tiny_models, tmp_path / "models")
    torch_model, ct2_model = _pair(model_id, model_dir)
    ids = torch_model.tokenize(_texts_for(model_id))
    lengths_seen = set()
    for min_new in (0, 1, 3):
        expected = torch_model.generate(ids, max_new_tokens=16, min_new_tokens=min_new, num_beams=1)
        got = ct2_model.generate(ids, max_new_tokens=16, min_new_tokens=min_new, num_beams=1)
        assert got == expected, min_new
        lengths_seen.update(len(g) for g in got)
    # the bias made some outputs stop before the maximum: the EOS path really was exercised
    assert min(lengths_seen) < 15


@pytest.mark.tiny_model
def test_batching_keeps_input_order(tiny_models: Path) -> None:
    """ctranslate2 sorts by length inside ``max_batch_size`` batches; results come back in input order."""
    _, ct2_model = _pair(EN_FR, tiny_models)
    texts = ["Short.", *_seed_paragraphs(), "A somewhat longer line, with a comma."]
    ids = ct2_model.tokenize(texts)
    together = ct2_model.generate(ids, max_new_tokens=12, num_beams=1)
    one_by_one = [ct2_model.generate([row], max_new_tokens=12, num_beams=1)[0] for row in ids]
    assert together == one_by_one


@pytest.mark.tiny_model
def test_workers_decoding_side_by_side_give_the_same_tokens_in_input_order(tiny_models: Path) -> None:
    """Two workers split a call into batches they decode in parallel; nothing changes but the speed."""
    _, one = _pair(EN_FR, tiny_models)
    _, two = _pair(EN_FR, tiny_models, workers=2)
    texts = [*_seed_paragraphs(), "Short.", "A somewhat longer line, with a comma.", "Yes."]
    ids = one.tokenize(texts)
    assert two.workers == 2 and two._translator.num_translators == 2
    assert engine_batch_size([len(row) for row in ids], 4, 2) < len(ids)  # both workers get a batch
    for beams in (1, 4):
        expected = one.generate(ids, max_new_tokens=12, min_new_tokens=3, num_beams=beams)
        assert two.generate(ids, max_new_tokens=12, min_new_tokens=3, num_beams=beams) == expected


@pytest.mark.unit
@pytest.mark.parametrize("workers", [1, 2, 3, 4])
@pytest.mark.parametrize("lengths", [[30] * 32, [900] * 22, [300, 900, 450, 120] * 5, [40] * 3, [5000, 20]])
def test_engine_batches_feed_every_worker_within_one_memory_budget(workers: int, lengths: list[int]) -> None:
    from briefing.models import batching

    size = batching.engine_batch_size(lengths, 4, workers)
    longest = max(lengths)
    assert size >= 1
    if size > 1:  # every worker's batch within the shared budget (one over-long input still goes alone)
        budget = batching.MAX_BATCH_HYPOTHESIS_TOKENS
        if workers > 1:
            budget = batching.MAX_INFLIGHT_HYPOTHESIS_TOKENS
        assert workers * size * longest * 4 <= budget
        assert size * longest <= batching.MAX_BATCH_TOKENS
    if workers > 1:  # whole rounds of one batch per worker, as few as the caps allow
        batches = -(-len(lengths) // size)
        assert size <= batching.MAX_WORKER_BATCH
        cap = min(batching.MAX_WORKER_BATCH, batching.batch_token_cap(longest, 4, workers) // longest)
        assert -(-batches // workers) == -(-len(lengths) // (workers * max(1, cap)))
    else:  # one worker: as wide as the caps allow
        assert size == max(1, batching.batch_token_cap(longest, 4) // longest)


@pytest.mark.unit
@pytest.mark.parametrize(
    ("count", "size"), [(6, 3), (19, 10), (32, 16), (37, 10), (46, 12), (52, 13), (5, 3), (1, 1)]
)
def test_two_workers_get_even_rounds(count: int, size: int) -> None:
    from briefing.models import batching

    assert batching.engine_batch_size([30] * count, 4, 2) == size


@pytest.mark.unit
def test_batch_token_cap_bounds_memory_by_source_tokens_and_beams() -> None:
    # greedy and beam 4: the encoder cap; beam 8: the cross-attention cap (tokens x beams)
    from briefing.models import batching

    assert batching.batch_token_cap(30, 1) == batching.MAX_BATCH_TOKENS
    assert batching.batch_token_cap(30, 4) == batching.MAX_BATCH_TOKENS
    assert (
        batching.batch_token_cap(30, 8)
        == batching.MAX_BATCH_HYPOTHESIS_TOKENS // 8
        < batching.MAX_BATCH_TOKENS
    )
    # one input longer than the cap still goes through, alone
    assert batching.batch_token_cap(5000, 8) == 5000


@pytest.mark.tiny_model
def test_conversion_is_cached_next_to_the_model(tiny_models: Path) -> None:
    resolved = resolve_model(EN_FR, _settings(tiny_models))
    location, revision = resolved.location, resolved.revision
    before = local_revision(Path(location))
    ct2.load_ct2_model(EN_FR, location, revision=revision, local=True, compute_type="float32")
    target = ct2_convert.converted_dir(EN_FR, location, revision, local=True, quantization="float32")
    assert target.parent == tiny_models / ".ct2" / folder_name(EN_FR)
    assert ct2_convert.is_converted(target)
    stamp = (target / "model.bin").stat().st_mtime_ns
    ct2.load_ct2_model(EN_FR, location, revision=revision, local=True, compute_type="float32")
    assert (target / "model.bin").stat().st_mtime_ns == stamp  # reused, not converted again
    # the model folder itself is untouched, so its content stamp (the cache key) is stable
    assert local_revision(Path(location)) == before


@pytest.mark.tiny_model
def test_new_revision_converts_again_and_drops_the_stale_one(tiny_models: Path, tmp_path: Path) -> None:
    model_dir = tmp_path / "models"
    shutil.copytree(tiny_models / folder_name(EN_FR), model_dir / folder_name(EN_FR))
    location = model_dir / folder_name(EN_FR)
    old = ct2_convert.ensure_converted(EN_FR, location, "rev-a", local=True, quantization="float32")
    new = ct2_convert.ensure_converted(EN_FR, location, "rev-b", local=True, quantization="float32")
    assert new != old and ct2_convert.is_converted(new)
    assert not old.exists()
    assert not [p for p in new.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.unit
def test_hub_cache_models_convert_under_the_briefing_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    snapshot = tmp_path / "hub" / "models--Helsinki-NLP--opus-mt-en-fr" / "snapshots" / "abc123"
    target = ct2_convert.converted_dir(EN_FR, snapshot, "abc123", local=False)
    assert target == tmp_path / "cache" / "ct2" / folder_name(EN_FR) / "int8-abc123"


@pytest.mark.tiny_model
def test_unconvertible_model_raises_model_unavailable_and_cache_falls_back_to_torch(
    tiny_models: Path, tmp_path: Path
) -> None:
    model_dir = tmp_path / "models"
    location = model_dir / folder_name(EN_FR)
    shutil.copytree(tiny_models / folder_name(EN_FR), location)
    config = json.loads((location / "config.json").read_text())
    config["activation_function"] = "tanh"  # transformers runs it; ctranslate2 has no tanh FFN
    (location / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelUnavailable, match="ctranslate2 conversion failed"):
        ct2_convert.ensure_converted(EN_FR, location, "x", local=True)
    assert not (model_dir / ".ct2" / folder_name(EN_FR) / "int8-x").exists()


@pytest.mark.tiny_model
def test_auto_engine_uses_int8_ctranslate2_and_torch_is_the_fallback(
    tiny_models: Path, tmp_path: Path
) -> None:
    cache.clear_model_cache()
    try:
        model = cache.load_seq2seq(EN_FR, _settings(tiny_models, engine="auto"))
        assert model.engine == "ctranslate2"
        ids = model.tokenize(["The government announced a new budget."])
        out = model.generate(ids, max_new_tokens=8, min_new_tokens=8, num_beams=2)
        assert len(out) == 1 and len(out[0]) == 7  # forced EOS takes the 8th step and is stripped
        # a summarizer folder that ctranslate2 cannot convert: auto falls back to torch
        broken_dir = tmp_path / "models"
        location = broken_dir / folder_name(SUMMARIZER)
        shutil.copytree(tiny_models / folder_name(SUMMARIZER), location)
        config = json.loads((location / "config.json").read_text())
        config["activation_function"] = "tanh"  # transformers runs it; ctranslate2 has no tanh FFN
        (location / "config.json").write_text(json.dumps(config))
        fallback = cache.load_seq2seq(SUMMARIZER, _settings(broken_dir, engine="auto"))
        assert fallback.engine == "torch"
    finally:
        cache.clear_model_cache()


@pytest.mark.tiny_model
@pytest.mark.parametrize("model_id", [SUMMARIZER, EN_PT])
def test_generation_settings_are_read_as_transformers_reads_them(tiny_models: Path, model_id: str) -> None:
    from transformers import GenerationConfig

    location = tiny_models / folder_name(model_id)
    defaults = ct2.read_generation_defaults(location)
    try:
        expected = GenerationConfig.from_pretrained(str(location))
    except OSError:  # distilbart's layout: no generation_config.json, its settings in config.json
        expected = GenerationConfig.from_pretrained(str(location), config_file_name="config.json")
    assert defaults.forced_eos_token_id == expected.forced_eos_token_id
    assert defaults.decoder_start_token_id == expected.decoder_start_token_id
    assert defaults.no_repeat_ngram_size == int(expected.no_repeat_ngram_size or 0)
    assert defaults.length_penalty == (1.0 if expected.length_penalty is None else expected.length_penalty)


@pytest.mark.tiny_model
def test_generation_settings_without_generation_config_come_from_config_json(
    tiny_models: Path, tmp_path: Path
) -> None:
    location = tmp_path / folder_name(EN_FR)
    shutil.copytree(tiny_models / folder_name(EN_FR), location)
    (location / "generation_config.json").unlink()
    defaults = ct2.read_generation_defaults(location)
    config = json.loads((location / "config.json").read_text())
    assert defaults.decoder_start_token_id == config["decoder_start_token_id"]
    assert defaults.forced_eos_token_id == config["forced_eos_token_id"]


@pytest.mark.tiny_model
def test_separate_vocabularies_are_left_to_torch(tiny_models: Path, tmp_path: Path) -> None:
    location = tmp_path / "models" / folder_name(EN_FR)
    shutil.copytree(tiny_models / folder_name(EN_FR), location)
    tokenizer_config = json.loads((location / "tokenizer_config.json").read_text())
    tokenizer_config["separate_vocabs"] = True
    (location / "tokenizer_config.json").write_text(json.dumps(tokenizer_config))
    with pytest.raises(ModelUnavailable, match="separate source/target vocabularies"):
        ct2.load_ct2_model(EN_FR, location, revision="x", local=True, compute_type="float32")
    assert not (tmp_path / "models" / ".ct2").exists()  # refused before converting
