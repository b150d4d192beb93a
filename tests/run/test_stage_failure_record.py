"""A stage that raises for one article records which stage failed (pages read it, never parse the reason)."""

from __future__ import annotations

import pytest

from briefing.render.index import failure_reason
from briefing.run.stages import run_isolated
from briefing.settings import Settings
from tests.models.factories import make_digest

pytestmark = pytest.mark.unit


def test_run_isolated_fails_one_article_with_its_stage():
    good, bad = make_digest("good-0000000001"), make_digest("bad-00000000001")

    def stage(digests, settings):
        if any(d.article_id == bad.article_id for d in digests):
            raise RuntimeError("CUDA error 0x7f")
        return list(digests)

    done, failures = run_isolated("translate", stage, [good, bad], Settings())
    assert [d.article_id for d in done] == [good.article_id]
    (failure,) = failures
    assert failure.stage == "translate"
    assert failure.reason.startswith("translate failed: ") and "0x7f" in failure.reason
    assert "0x7f" not in failure_reason(failure)
