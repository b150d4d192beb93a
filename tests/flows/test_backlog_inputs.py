"""The backlog flow reads its inputs as the briefing flow does (one composition, ``briefing.run.compose``):
the same bytes twice are one article, and an input over ``max_input_bytes`` fails before any shard takes it.

The flow runs in-process under the Prefect test harness with its default task runner (threads), not a Dask
cluster: what is asserted is which articles reach the shards, not where the shards run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.flows.conftest import copy_seeds

pytestmark = pytest.mark.tiny_model


def test_backlog_leaves_out_duplicates_and_fails_oversize_inputs_before_sharding(
    prefect_harness, tiny_models: Path, tmp_path: Path, monkeypatch, validate_digest
):
    from flows.scale import backlog_flow

    monkeypatch.setenv("BRIEFING_MODEL_DIR", str(tiny_models))
    monkeypatch.setenv("BRIEFING_MAX_INPUT_BYTES", "20000")
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    backlog = tmp_path / "backlog"
    first, second = copy_seeds(backlog / "a-wire")
    (backlog / "b-mirror").mkdir()
    copy = backlog / "b-mirror" / "copy.txt"
    copy.write_bytes(first.read_bytes())  # the same story republished by another source
    big = backlog / "b-mirror" / "big.txt"
    big.write_text("A sentence that repeats. " * 1000, encoding="utf-8")  # 25,000 bytes

    state = backlog_flow(
        paths=[str(backlog)],
        output_dir=str(tmp_path / "out"),
        languages=["en"],
        offline=True,
        return_state=True,
    )

    report = state.result(raise_on_failure=False)
    assert state.is_failed()  # the oversize input
    [failure] = report["failures"]
    assert failure.startswith(f"error: {big}: too large") and "max_input_bytes = 20,000" in failure
    assert report["duplicates"] == [f"duplicate: {copy}: same content as {first} (digested once)"]
    assert "1 duplicate(s) left out" in report["summary"][0]
    sharded = sorted(path for shard in report["shards"] for path in shard["articles"])
    assert sharded == sorted([str(first), str(second)])  # neither the copy nor the big file reached a shard
    assert len(report["digests"]) == 2
    for path in (tmp_path / "out" / "digests").glob("*.json"):
        validate_digest(json.loads(path.read_text(encoding="utf-8")))
