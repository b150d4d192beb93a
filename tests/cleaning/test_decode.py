"""Decoding: BOMs, line endings, the legacy 8-bit fallback, and input that is not text."""

from __future__ import annotations

import codecs

import pytest

from briefing.cleaning import clean_bytes, decode_bytes
from briefing.errors import InputError

pytestmark = pytest.mark.unit

TEXT = "Le “Premier” ministre a parlé à Zürich — café, naïve, Œuvre.\n\nSecond paragraph here.\n"


@pytest.mark.parametrize(
    ("data", "encoding", "fallback"),
    [
        (TEXT.encode("utf-8"), "utf-8", False),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig", False),
        (TEXT.encode("utf-16"), "utf-16", False),
        (TEXT.encode("cp1252"), "cp1252", True),
    ],
)
def test_encodings_decode_to_the_same_text(data, encoding, fallback):
    decoded = decode_bytes(data, "a.txt")
    assert decoded.text == TEXT
    assert decoded.encoding == encoding
    assert decoded.fallback is fallback


def test_cp1252_curly_quotes_and_accents_are_kept_exactly():
    raw = b"\x93Quoted\x94 \x91single\x92 caf\xe9 \x96 na\xefve \x85"
    decoded = decode_bytes(raw, "a.txt")
    assert decoded.text == "“Quoted” ‘single’ café – naïve …"
    assert decoded.encoding == "cp1252"


def test_latin1_is_the_last_resort_for_bytes_cp1252_refuses():
    # 0x81 is undefined in cp1252; one stray byte in a long latin-1 text is tolerated.
    raw = ("Caf\xe9 " * 40).encode("latin-1") + b"\x81"
    decoded = decode_bytes(raw, "a.txt")
    assert decoded.encoding == "latin-1"
    assert decoded.fallback
    assert decoded.text.startswith("Café Café")
    assert "\x81" not in decoded.text


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n", "\u2028"])
def test_line_endings_become_newlines(newline):
    raw = newline.join(["One.", "", "Two."]).encode("utf-8")
    assert decode_bytes(raw, "a.txt").text == "One.\n\nTwo."


def test_stray_control_characters_are_dropped():
    raw = b"Hello\x1b[0m world\x0cnext page of a much longer piece of ordinary text."
    assert (
        decode_bytes(raw, "a.txt").text == "Hello[0m world next page of a much longer piece of ordinary text."
    )


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\t \r\n  ", "file contains only whitespace"),
        (codecs.BOM_UTF8 + b"  \n", "file contains only whitespace"),
        (b"PK\x03\x04\x00\x00binary", "binary file (contains NUL bytes)"),
        (bytes(range(1, 32)) * 20 + b"text", "binary file (mostly control characters)"),
        (bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 40 + b"abc", "binary file (mostly control characters)"),
        (b"abcdefghij" * 3 + b"\x81\x8d", "cannot decode: not UTF-8, cp1252 or latin-1 text"),
        (codecs.BOM_UTF8 + b"caf\xe9", "cannot decode as utf-8-sig (byte offset 3)"),
    ],
)
def test_bad_input_raises_input_error_with_reason(data, reason):
    with pytest.raises(InputError) as err:
        decode_bytes(data, "bad.txt")
    assert err.value.reason == reason
    assert err.value.one_line() == f"error: bad.txt: {reason}"


def test_fallback_encoding_is_recorded_and_flagged(validate_digest):
    raw = "Ministers met in Zürich on Monday to discuss “the plan”.\n\nThey agreed on nothing.\n".encode(
        "cp1252"
    )
    digest = clean_bytes(raw, "legacy.txt")
    assert digest.source.encoding == "cp1252"
    assert digest.flag_codes() == ("decoded-with-fallback-encoding",)
    assert digest.body[0] == "Ministers met in Zürich on Monday to discuss “the plan”."
    validate_digest(digest.to_dict())


def test_utf8_input_has_no_fallback_flag():
    digest = clean_bytes(b"A short note about the weather in Paris today.\n", "ok.txt")
    assert digest.source.encoding == "utf-8"
    assert "decoded-with-fallback-encoding" not in digest.flag_codes()


def test_text_with_only_chrome_has_no_article():
    with pytest.raises(InputError, match="no article text left after cleaning"):
        clean_bytes(b"Advertisement\n\nShare this article\n", "chrome.txt")
