"""The progress artifact: made by its first update, moved at most once a second and before each batch."""

from __future__ import annotations

import pytest

from flows import wiring

pytestmark = pytest.mark.unit


class Calls:
    def __init__(self) -> None:
        self.now = 100.0  # the clock the progress reads (monotonic seconds)
        self.made: list[tuple[float, str]] = []
        self.updated: list[tuple[str, float, str]] = []

    def create(self, percent: float, description: str) -> str:
        self.made.append((percent, description))
        return "artifact-1"

    def update(self, artifact_id: str, percent: float, description: str) -> None:
        self.updated.append((artifact_id, percent, description))


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Calls:
    recorded = Calls()
    monkeypatch.setattr(wiring, "create_progress_artifact", recorded.create)
    monkeypatch.setattr(wiring, "update_progress_artifact", recorded.update)
    monkeypatch.setattr(wiring, "notify", lambda *args: None)  # the console's side
    monkeypatch.setattr(wiring.time, "monotonic", lambda: recorded.now)
    return recorded


def test_a_run_with_nothing_to_watch_makes_no_artifact(calls: Calls) -> None:
    progress = wiring.Progress(articles=3)
    for stage in ("clean", "summarize", "translate", "discuss"):
        progress.reused(stage, 3)  # a rerun: every result read back
    progress.finish(written=3, failed=0)
    assert calls.made == [] and calls.updated == []


def test_a_batch_shows_the_steps_before_it_then_the_run_ends_at_100(calls: Calls) -> None:
    progress = wiring.Progress(articles=2)
    progress.reused("clean", 2)
    progress.batch("summarize", 2)  # may take minutes: the artifact is made now
    assert calls.made == [(25.0, "clean: 2 article(s) unchanged, reused from the cache")]
    progress.batch("translate", 2)  # nothing new since: no call
    assert len(calls.made) == 1 and calls.updated == []
    progress.finish(written=2, failed=0)
    assert calls.updated == [("artifact-1", 100.0, "Done: 2 digest(s) written, 0 failed")]


def test_steps_move_the_artifact_once_the_interval_has_passed(calls: Calls) -> None:
    progress = wiring.Progress(articles=1)
    progress.step("Cleaned a.txt")
    assert calls.made == []  # within the interval
    calls.now += wiring.ARTIFACT_INTERVAL_S
    progress.step("Summarized a")
    assert calls.made == [(50.0, "Summarized a")]
    calls.now += wiring.ARTIFACT_INTERVAL_S
    progress.step("Translated a")
    assert calls.updated == [("artifact-1", 75.0, "Translated a")]
