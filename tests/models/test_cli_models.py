"""`briefing models make-tiny | pull | list`."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from briefing.cli import app

runner = CliRunner()


@pytest.mark.tiny_model
def test_make_tiny_writes_the_default_folders(tmp_path, monkeypatch):
    monkeypatch.delenv("BRIEFING_CONFIG", raising=False)
    monkeypatch.setenv("BRIEFING_TARGET_LANGUAGES", "fr")  # fewer models: a quicker test
    monkeypatch.setenv("BRIEFING_DETECT_LANGUAGES", "en,fr")
    result = runner.invoke(app, ["models", "make-tiny", str(tmp_path / "m")])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "m").iterdir())
    assert names == [
        "Helsinki-NLP--opus-mt-en-fr",
        "Helsinki-NLP--opus-mt-fr-en",
        "sshleifer--distilbart-cnn-12-6",
    ]
    monkeypatch.setenv("BRIEFING_MODEL_DIR", str(tmp_path / "m"))
    listed = runner.invoke(app, ["models", "list"])
    assert listed.exit_code == 0
    assert all("\tlocal\t" in line for line in listed.output.strip().splitlines())


@pytest.mark.unit
def test_make_tiny_rejects_an_unknown_size(tmp_path):
    result = runner.invoke(app, ["models", "make-tiny", str(tmp_path), "--size", "huge"])
    assert result.exit_code == 2
    assert result.output.strip().startswith("error:")


@pytest.mark.unit
def test_pull_offline_is_a_one_line_error(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    result = runner.invoke(app, ["models", "pull"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "offline" in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.unit
def test_list_without_models_says_why(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_MODEL_DIR", str(tmp_path))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    result = runner.invoke(app, ["models", "list"])
    assert result.exit_code == 0
    first = result.output.splitlines()[0]
    assert first.startswith("sshleifer/distilbart-cnn-12-6\tunavailable\t") and str(tmp_path) in first
