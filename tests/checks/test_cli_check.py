"""`briefing check SOURCE SUMMARY`: the summary.check object on stdout; exit 2 for an unreadable file."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from briefing_cli import app

pytestmark = pytest.mark.unit
runner = CliRunner()


def test_check_prints_the_summary_check_object(tmp_path, validate_digest):
    source = tmp_path / "source.txt"
    summary = tmp_path / "summary.txt"
    source.write_text("The mayor, Ana Ruiz, said 5 000 homes will be built by 2027.", encoding="utf-8")
    summary.write_text("Ana Ruiz said 5,000 homes will be built. It will cost 2 billion.", encoding="utf-8")
    result = runner.invoke(app, ["check", str(source), str(summary), "--language", "en"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["mode"] == "drop" and data["sentences"] == 2
    assert data["unsupported"] == [
        {"text": "It will cost 2 billion.", "missing": ["2 billion"], "dropped": True}
    ]


def test_unreadable_file_is_one_line_and_exit_2(tmp_path):
    summary = tmp_path / "summary.txt"
    summary.write_text("Text.", encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path / "missing.txt"), str(summary)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"error: {tmp_path / 'missing.txt'}: no such file"]
