from __future__ import annotations

from dataclasses import replace

import pytest

from briefing.records import Flag
from briefing.render import DEGRADATION_CODES, digest_status
from tests.render.conftest import friendly_digest

pytestmark = pytest.mark.unit


def test_status_ok_without_degradation_flags():
    digest = friendly_digest(flags=(Flag("chunked", "3 chunks"), Flag("low-confidence-language", "x")))
    assert digest_status(digest) == "ok"


@pytest.mark.parametrize("code", sorted(DEGRADATION_CODES))
def test_status_degraded_with_any_degradation_flag(code):
    assert digest_status(friendly_digest(flags=(Flag(code, "x"),))) == "degraded"


def test_status_degraded_without_summary():
    digest = replace(friendly_digest(flags=()), summary=None, translations=None)
    assert digest_status(digest) == "degraded"
