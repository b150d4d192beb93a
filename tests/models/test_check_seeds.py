"""The seeds with tiny models: the summary check runs on every abstractive summary, in every mode."""

from __future__ import annotations

import pytest

from briefing.cleaning import clean_file
from briefing.summarize import summarize_digests
from briefing.translate import translate_digests
from tests.conftest import SEED_000, SEED_001

pytestmark = pytest.mark.tiny_model


def run(settings):
    digests = [clean_file(SEED_000, settings), clean_file(SEED_001, settings)]
    return translate_digests(summarize_digests(digests, settings), settings)


def test_check_result_is_in_every_digest_in_every_mode(tiny_settings, validate_digest):
    by_mode = {mode: run(tiny_settings.replace(summary_check=mode)) for mode in ("drop", "flag", "off")}
    for mode, digests in by_mode.items():
        for digest in digests:
            validate_digest(digest.to_dict())
            check = digest.summary.check
            assert check is not None and check.mode == mode
            assert check.sentences >= 1
            if mode != "drop":
                assert digest.summary.method == "abstractive"
                assert all(not u.dropped for u in check.unsupported)
            if mode == "off":
                assert check.unsupported == () and "unsupported-content" not in digest.flag_codes()
    # flag and off keep the model's output as it was; flag only adds marks.
    for flagged, unchecked, dropped in zip(by_mode["flag"], by_mode["off"], by_mode["drop"], strict=True):
        assert flagged.summary.text == unchecked.summary.text
        # The same output checked the same way: flag marks exactly the sentences drop removes.
        assert [u.text for u in flagged.summary.check.unsupported] == [
            u.text for u in dropped.summary.check.unsupported
        ]
