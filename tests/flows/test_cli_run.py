"""`briefing run` end to end in subprocesses (ephemeral Prefect), as the issue's acceptance states it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.flows.conftest import BRIEFING, copy_seeds, wait_for

pytestmark = pytest.mark.flow

RUN_LIMIT_S = 600  # a safety net for a hung run, not a performance assertion


def _briefing_run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BRIEFING, "run", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=RUN_LIMIT_S
    )


def _digests(out: Path) -> dict[str, dict]:
    return {
        p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((out / "digests").glob("*.json"))
    }


@pytest.mark.tiny_model
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


def test_killed_run_then_rerun_leaves_every_digest_whole_and_failures_listed(
    subprocess_env: dict[str, str], tmp_path: Path, validate_digest
):
    """kill -9 mid-batch, rerun: every digest present and valid; a bad file fails alone (exit 1)."""
    inputs = tmp_path / "in"
    seeds = copy_seeds(inputs)
    for i in range(4):  # more articles (distinct bytes, so distinct ids) widen the writing window
        (inputs / f"copy-{i}.txt").write_bytes(seeds[i % 2].read_bytes() + f"\n\nCopy {i}.\n".encode())
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out"
    env = {**subprocess_env, "BRIEFING_MODEL_DIR": str(tmp_path / "no-models"), "HF_HUB_OFFLINE": "1"}
    args = [BRIEFING, "run", str(inputs), "--output", str(out)]

    victim = subprocess.Popen(
        args,
        env=env,
        cwd=tmp_path,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(
            lambda: list((out / "digests").glob("*.json")) if (out / "digests").is_dir() else None,
            RUN_LIMIT_S,
            "the first digest file",
            interval=0.005,
            proc=victim,
        )
    finally:
        os.killpg(victim.pid, signal.SIGKILL)  # the run and its ephemeral server, like kill -9
        victim.wait()
    # Make one file torn, as a non-atomic writer would have left it: the rerun must replace it.
    torn = sorted((out / "digests").glob("*.json"))[0]
    torn.write_bytes(torn.read_bytes()[:40])

    result = _briefing_run([str(inputs), "--output", str(out)], env, tmp_path)
    assert result.returncode == 1, result.stderr[-3000:]
    errors = sorted(line for line in result.stderr.splitlines() if line.startswith("error: "))
    assert len(errors) == 2, result.stderr[-3000:]
    assert errors[0].startswith(f"error: {inputs / 'binary.txt'}: ")
    assert errors[1].startswith(f"error: {inputs / 'empty.txt'}: ")
    digests = _digests(out)
    assert len(digests) == 6
    for digest in digests.values():
        validate_digest(digest)
        for kind in ("md", "html"):
            assert (out / "digests" / f"{digest['article_id']}.{kind}").read_bytes().strip()
    assert json.loads(torn.read_text(encoding="utf-8"))["article_id"] == torn.stem
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "empty.txt" in index and "binary.txt" in index
