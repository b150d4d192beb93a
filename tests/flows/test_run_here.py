"""``run_here`` (what ``briefing run`` and the benchmark call) runs the flow without flow-run heartbeats."""

from __future__ import annotations

from typing import Any

import pytest
from prefect.settings import get_current_settings

import flows.briefing as flow_module

pytestmark = pytest.mark.unit


def test_run_here_turns_heartbeats_off_for_its_run_only(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_flow(**parameters: Any) -> str:
        seen["heartbeat"] = get_current_settings().flows.heartbeat_frequency
        seen["settings"] = get_current_settings()
        seen["parameters"] = parameters
        return "state"

    settings_before = get_current_settings()
    before = settings_before.flows.heartbeat_frequency
    monkeypatch.setattr(flow_module, "briefing_flow", fake_flow)
    assert flow_module.run_here(paths=["a.txt"], offline=True) == "state"
    assert seen["heartbeat"] is None
    assert seen["parameters"] == {"paths": ["a.txt"], "offline": True, "return_state": True}
    assert before is not None  # Prefect's default, which served runs keep
    assert get_current_settings().flows.heartbeat_frequency == before
    # Every other setting is the current one's (the API, result storage...).
    during = seen["settings"]
    assert during.model_dump(exclude={"flows"}) == settings_before.model_dump(exclude={"flows"})
    assert during.flows.model_dump(exclude={"heartbeat_frequency"}) == settings_before.flows.model_dump(
        exclude={"heartbeat_frequency"}
    )
