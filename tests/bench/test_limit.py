"""The limit variant replays the very sequences Briefing generated from, through ctranslate2 directly.

Bookkeeping (batch sizes, grouping) without models; then, on the tiny models, a Briefing run records its
``generate`` inputs and the limit variant runs exactly those sequences, model by model, each model loaded
once, at every candidate batch size.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.baseline import Counters
from bench.instrument import FixedLengths, Recorder, install
from bench.limit import HYPOTHESIS_TOKEN_GUARD, allowed_sizes, group_calls, parse_batch_sizes, run_limit
from briefing.models import cache
from briefing.models.batching import engine_batch_size
from briefing.models.cpu import engine_choice
from briefing.models.ct2 import CTranslate2Seq2SeqModel
from briefing.models.torch_engine import TorchSeq2Seq
from briefing.settings import Settings
from tests.conftest import EXAMPLES

SUMMARY_TOKENS = 10
TRANSLATION_TOKENS = 6


@pytest.mark.unit
def test_batch_sizes_parse_and_refuse_bad_entries() -> None:
    assert parse_batch_sizes("") == (4, 8, 16, 32)
    assert parse_batch_sizes(" 8, 2,8 ") == (8, 2)
    for bad in ("0", "4,x", "-2"):
        with pytest.raises(ValueError, match="is not a positive whole number"):
            parse_batch_sizes(bad)


@pytest.mark.unit
def test_calls_are_grouped_by_lengths_and_sorted_by_length() -> None:
    calls = [
        {"ids": [[1, 2, 3], [4]], "max_new_tokens": 6, "min_new_tokens": 6, "num_beams": 4},
        {"ids": [[5, 6]], "max_new_tokens": 6, "min_new_tokens": 6, "num_beams": 4},
        {"ids": [[7]], "max_new_tokens": 9, "min_new_tokens": 9, "num_beams": 4},
    ]
    assert group_calls(calls) == {(6, 6, 4): [[4], [5, 6], [1, 2, 3]], (9, 9, 4): [[7]]}


@pytest.mark.unit
def test_batch_sizes_over_the_memory_guard_are_not_tried() -> None:
    longest = HYPOTHESIS_TOKEN_GUARD // (4 * 8)  # 8 inputs of this length at beam 4 fill the guard
    calls = [{"ids": [[0] * longest, [0] * 10], "max_new_tokens": 6, "min_new_tokens": 6, "num_beams": 4}]
    assert allowed_sizes(calls, (4, 8, 16, 32)) == (4, 8)
    huge = [{**calls[0], "ids": [[0] * HYPOTHESIS_TOKEN_GUARD]}]
    assert allowed_sizes(huge, (4, 8)) == (4,)  # the smallest is always tried


@pytest.mark.tiny_model
def test_the_limit_runs_the_sequences_briefing_generated_from(
    tiny_models: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.run.batch import run_batch

    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("eu-night-trains.txt", "lyon-bus-hydrogene.txt"):  # English and French: both directions
        shutil.copyfile(EXAMPLES / name, inputs / name)
    settings = Settings(
        model_dir=tiny_models,
        offline=True,
        engine="ctranslate2",
        target_languages=("fr",),
        summary_min_tokens=SUMMARY_TOKENS,
        summary_max_tokens=SUMMARY_TOKENS,
    )
    for cls in (TorchSeq2Seq, CTranslate2Seq2SeqModel):  # restored after the test
        monkeypatch.setattr(cls, "generate", cls.generate)
    monkeypatch.setattr(cache, "_load", cache._load)
    cache.clear_model_cache()
    counters, recorder = Counters(), Recorder()
    install(counters, FixedLengths(TRANSLATION_TOKENS, frozenset({settings.summarizer})), recorder)
    assert not run_batch([inputs], settings, tmp_path / "out").failures
    ours = counters.as_dict()

    limit = run_limit(recorder.as_dict(), settings, (1, 4))
    assert limit["skipped"] == {}
    assert limit["generated_sequences"] == ours["generated_sequences"] > 0
    assert limit["new_tokens"] == ours["new_tokens"]
    assert {m: row["sequences"] for m, row in limit["per_model"].items()} == {
        m: row["inputs"] for m, row in ours["per_model"].items()
    }
    assert limit["model_loads"] == len(ours["per_model"])  # each model loaded once
    models = recorder.as_dict()["models"]
    for model_id, row in limit["per_model"].items():
        # the sizes asked for, and the split Briefing's engine makes of all the model's sequences in one call
        lengths = [len(ids) for call in models[model_id] for ids in call["ids"]]
        own = engine_batch_size(lengths, models[model_id][0]["num_beams"], engine_choice().workers)
        assert set(row["seconds_by_batch_size"]) == {"1", "4", str(own)}
        assert row["seconds"] == min(row["seconds_by_batch_size"].values())
    assert all(label.startswith("ctranslate2:") for label in limit["engines"].values())
