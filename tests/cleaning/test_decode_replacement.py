"""One stray byte in a UTF-8 article keeps it UTF-8 (the byte replaced and flagged), not latin-1 mojibake."""

from __future__ import annotations

import pytest

from briefing.cleaning.core import REPLACEMENT_FLAG, clean_bytes
from briefing.cleaning.decode import decode_bytes

pytestmark = pytest.mark.unit

UTF8_TEXT = (
    "Le maire a promis « un pont neuf » d’ici l’été — les travaux commencent en mars.\n\n"
    "Les habitants, réunis jeudi, ont salué la décision après des années d’attente.\n"
)


def test_stray_byte_in_utf8_is_replaced_and_the_rest_kept():
    data = UTF8_TEXT.encode("utf-8") + b"Fin\x97 du communiqu\xc3\xa9.\n"
    decoded = decode_bytes(data, "a.txt")
    assert (decoded.encoding, decoded.fallback, decoded.replaced) == ("utf-8", False, 1)
    assert "« un pont neuf » d’ici l’été —" in decoded.text
    assert "Fin\ufffd du communiqué." in decoded.text


def test_legacy_text_still_uses_the_fallback():
    data = "Caf\u00e9 na\u00efve \u2014 \u201cune\u201d d\u00e9cision attendue.\n".encode("cp1252")
    decoded = decode_bytes(data, "b.txt")
    assert (decoded.encoding, decoded.fallback, decoded.replaced) == ("cp1252", True, 0)


def test_mostly_invalid_bytes_are_not_called_utf8():
    # two valid characters cannot vouch for many invalid sequences
    data = ("é" * 2).encode("utf-8") + b" mot\xe9 " * 10
    assert decode_bytes(data, "c.txt").encoding != "utf-8"


def test_digest_carries_the_replacement_flag():
    data = ("Council approves new bridge.\n\n" + UTF8_TEXT).encode("utf-8") + b"\xff\n"
    digest = clean_bytes(data, "d.txt")
    assert REPLACEMENT_FLAG in digest.flag_codes()
    assert digest.source.encoding == "utf-8"
