"""The flow's failure hook: a run that raised or crashed marks the briefing stale; a run that only had some
articles fail (it returned its report) does not."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from prefect.states import Crashed, Failed

from briefing.editions.staleness import read_status
from flows.briefing import mark_stale_on_failure

pytestmark = pytest.mark.unit


def _raised() -> Failed:
    """What a flow that raised ends in: Failed, with the exception as its data."""
    return Failed(data=RuntimeError("summarize failed: out of memory"), message="RuntimeError: out of memory")


@pytest.mark.parametrize(
    ("state", "stale"),
    [
        (Failed(data={"digests": [], "failures": ["error: a.txt: empty"]}, message="1 failed"), False),
        (None, True),  # raised
        (Crashed(message="the process was killed"), True),
    ],
)
def test_hook_marks_stale_only_runs_that_did_not_publish(tmp_path, monkeypatch, state, stale):
    monkeypatch.chdir(tmp_path)
    for name in ("BRIEFING_CONFIG", "BRIEFING_OUTPUT_DIR", "BRIEFING_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    out = tmp_path / "out"
    run = SimpleNamespace(parameters={"output_dir": str(out)})
    mark_stale_on_failure(None, run, state if state is not None else _raised())
    assert read_status(out).stale is stale
    assert (out / "index.html").is_file() is stale
    if stale:
        assert "This briefing is stale" in (out / "index.html").read_text(encoding="utf-8")
