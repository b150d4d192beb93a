"""`briefing run --offline` hands the flow a parameter (the setting ``offline``) and changes no env."""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytestmark = pytest.mark.unit


def test_offline_reaches_the_flow_as_a_parameter_without_touching_the_environment(
    tmp_path: Path, monkeypatch
):
    import briefing.cli.run as run_cli
    from briefing.cli import app

    seen: dict[str, object] = {}

    def run_here(**parameters: object) -> str:
        seen.update(parameters, env=os.environ.get("HF_HUB_OFFLINE"))
        return "state"

    # A stand-in for flows.briefing (no Prefect, no server): the CLI's own work is what is checked.
    fake_flow = types.ModuleType("flows.briefing")
    fake_flow.run_here = run_here  # type: ignore[attr-defined]
    fake_flow.run_report = lambda state: {"failures": [], "nothing_new": "nothing new"}  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "flows.briefing", fake_flow)
    monkeypatch.setattr(run_cli, "_prefect_api", lambda verbose: "no server")
    monkeypatch.setattr(run_cli, "exit_on_interrupt", lambda *args: None)
    monkeypatch.setattr(run_cli.console, "configure", lambda verbose: None)
    for name in [n for n in os.environ if n.startswith("BRIEFING_")]:
        monkeypatch.delenv(name)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)  # also undoes a leak, should the CLI set it again
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "a.txt"
    article.write_text("Council approves the new bridge.\n\nWork starts in May.\n", encoding="utf-8")

    result = CliRunner().invoke(app, ["run", str(article), "--output", str(tmp_path / "out"), "--offline"])

    assert result.exit_code == 0, result.output
    assert (seen["offline"], seen["env"]) == (True, None)
    assert "HF_HUB_OFFLINE" not in os.environ
