"""``one_line``: any exception as one line of a message."""

from __future__ import annotations

import pytest

from briefing.errors import one_line

pytestmark = pytest.mark.unit


def test_white_space_and_line_breaks_fold_into_one_line():
    assert one_line(OSError("disk\n  full\tnow ")) == "disk full now"


def test_an_exception_without_text_is_named_by_its_type():
    assert one_line(KeyError()) == "KeyError"
    assert one_line(RuntimeError("  \n ")) == "RuntimeError"


def test_a_long_message_is_cut_to_the_limit_and_says_so():
    text = one_line(ValueError("word " * 100), 40)
    assert len(text) == 40 and text.endswith("...") and text.startswith("word word")
    assert one_line(ValueError("x" * 40), 40) == "x" * 40
    assert len(one_line(ValueError("x" * 500))) == 200


def test_no_limit_keeps_the_whole_message():
    assert one_line(ValueError("x" * 500), None) == "x" * 500
