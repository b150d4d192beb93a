"""A source whose fetch raised is a failure of the fetch stage: its exception's text stays off the pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.render.index import failure_reason
from briefing.settings import Settings
from briefing.sources import session
from briefing.sources.spec import parse_source

pytestmark = pytest.mark.unit


def test_a_fetch_that_raises_fails_its_source_as_the_fetch_stage(tmp_path: Path, monkeypatch):
    def broken(spec, ctx, reprocess=False):
        raise RuntimeError("Traceback: 0x7f blew up")

    monkeypatch.setattr(session, "fetch_source", broken)
    spec = parse_source("https://example.org/feed.xml")
    with session.fetch_context(Settings(data_dir=tmp_path / "data")) as ctx:
        results = session.fetch_all(ctx, [spec])
    (failure,) = session.source_failures(results)
    # The run's one-line list keeps the exception's words; the page names the stage only.
    assert (failure.path, failure.reason) == (spec.spec, "fetch failed: Traceback: 0x7f blew up")
    assert failure.stage == "fetch"
    assert failure_reason(failure) == "The fetch stage failed for this article; the run's log has the error."
