"""`briefing run` end to end in subprocesses (ephemeral Prefect), as the issue's acceptance states it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.flows.conftest import BRIEFING

pytestmark = pytest.mark.cli

RUN_LIMIT_S = 600  # a safety net for a hung run, not a performance assertion


def _briefing_run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BRIEFING, "run", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=RUN_LIMIT_S
    )


def _digests(out: Path) -> dict[str, dict]:
    return {
        p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((out / "digests").glob("*.json"))
    }


def test_run_with_tiny_models_translates_to_the_listed_languages(
    tiny_models: Path, subprocess_env: dict[str, str], tmp_path: Path, validate_digest
):
    out = tmp_path / "out"
    env = {**subprocess_env, "BRIEFING_MODEL_DIR": str(tiny_models)}
    result = _briefing_run([str(SEEDS), "--output", str(out), "--languages", "en,fr,de"], env, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert str(out / "index.html") in result.stdout
    digests = _digests(out)
    assert len(digests) == 2
    for digest in digests.values():
        validate_digest(digest)
        assert digest["summary"]["method"] == "abstractive"
        assert sorted(t["language"] for t in digest["translations"]) == ["de", "fr"]
        for kind in ("md", "html"):
            assert (out / "digests" / f"{digest['article_id']}.{kind}").stat().st_size > 0
    assert (out / "index.html").is_file()


def test_run_offline_without_models_is_degraded_but_succeeds(
    subprocess_env: dict[str, str], tmp_path: Path, validate_digest
):
    empty_models = tmp_path / "no-models"
    empty_models.mkdir()
    out = tmp_path / "out"
    env = {**subprocess_env, "HF_HUB_OFFLINE": "1", "BRIEFING_MODEL_DIR": str(empty_models)}
    result = _briefing_run([str(SEEDS), "--output", str(out)], env, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    digests = _digests(out)
    assert len(digests) == 2
    for digest in digests.values():
        validate_digest(digest)
        assert "model-unavailable" in [f["code"] for f in digest["flags"]]


def test_bad_languages_option_is_one_line_and_exit_2(subprocess_env: dict[str, str], tmp_path: Path):
    result = _briefing_run([str(SEEDS), "--languages", "en,xx"], subprocess_env, tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: unknown language code(s): xx (known: en, fr, de, es, it, pt, nl, pl, ru, uk, ar, zh, ja, tr)"
    ]
    assert not (tmp_path / "outputs").exists()
