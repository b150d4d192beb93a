"""``briefing.batch.run_batch``: the whole run without Prefect (what benchmarks and tests can call)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.run import batch
from briefing.settings import Settings
from tests.flows.conftest import copy_seeds

pytestmark = pytest.mark.tiny_model


def test_run_batch_writes_digests_and_isolates_a_bad_file(tiny_models: Path, tmp_path: Path, validate_digest):
    inputs = tmp_path / "in"
    copy_seeds(inputs)
    (inputs / "empty.txt").write_bytes(b"")
    settings = Settings(model_dir=tiny_models, offline=True, target_languages=("fr",))
    result = batch.run_batch([inputs], settings, tmp_path / "out")

    assert result.exit_code == 1
    [failure] = result.failures
    assert failure.path == str(inputs / "empty.txt") and failure.reason
    assert len(result.digests) == 2
    assert result.index == tmp_path / "out" / "index.html" and result.index.is_file()
    for digest in result.digests:
        files = result.files[digest.article_id]
        assert sorted(files) == ["html", "json", "md"]
        data = validate_digest(json.loads(files["json"].read_text(encoding="utf-8")))
        assert [t["language"] for t in data["translations"]] == ["fr"]
        assert data["summary"]["method"] == "abstractive"


def test_run_batch_digests_identical_files_once(tiny_models: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    copy_seeds(inputs)
    first = sorted(inputs.glob("*.txt"))[0]
    (inputs / "zz-copy.txt").write_bytes(first.read_bytes())
    settings = Settings(model_dir=tiny_models, offline=True, target_languages=())
    result = batch.run_batch([inputs], settings, tmp_path / "out")

    assert result.exit_code == 0 and len(result.digests) == 2
    [duplicate] = result.duplicates
    assert (duplicate.path, duplicate.same_as) == (str(inputs / "zz-copy.txt"), str(first))
