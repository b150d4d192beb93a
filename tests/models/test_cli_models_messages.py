"""`briefing models pull` without a network: one whole line; `models list`: "offline" only when offline."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from briefing.models.pull import first_sentence
from tests.conftest import ROOT
from tests.flows.conftest import BRIEFING, free_port


def _models(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BRIEFING, "models", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HF_", "BRIEFING_", "TRANSFORMERS_", "PREFECT_"))
    }
    return {
        **clean,
        "PYTHONPATH": str(ROOT),
        "HF_HOME": str(tmp_path / "hf"),
        "BRIEFING_MODEL_DIR": str(tmp_path / "models"),
        "BRIEFING_TARGET_LANGUAGES": "fr",
        "BRIEFING_DETECT_LANGUAGES": "en,fr",
    }


@pytest.mark.cli
def test_pull_without_network_is_one_whole_line(env, tmp_path):
    # A Hub that refuses connections: what a machine without a network sees.
    result = _models(["pull"], {**env, "HF_ENDPOINT": f"http://127.0.0.1:{free_port()}"}, tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "error: cannot reach the Hugging Face Hub (no network?): no model downloaded; "
        "run `briefing models pull` again when online, or set BRIEFING_MODEL_DIR"
    ]


@pytest.mark.cli
def test_list_says_offline_only_when_offline(env, tmp_path):
    online = _models(["list"], env, tmp_path)
    assert online.returncode == 0
    lines = online.stdout.strip().splitlines()
    assert lines and all("\tunavailable\t" in line for line in lines)
    assert not any(line.endswith("offline") for line in lines)
    assert all("briefing models pull" in line for line in lines)
    offline = _models(["list"], {**env, "HF_HUB_OFFLINE": "1"}, tmp_path)
    assert all(line.endswith("and offline") for line in offline.stdout.strip().splitlines())


@pytest.mark.unit
def test_first_sentence_never_cuts_mid_word():
    long = "The model repository could not be found. " + "Check the id and your token. " * 20
    cut = first_sentence(long)
    assert long.startswith(cut) and cut.endswith("your token.") and len(cut) <= 200
    assert first_sentence("short error\nwith a second line") == "short error"
    words = first_sentence("word " * 100)
    assert words.endswith("word ...") and len(words) <= 204
