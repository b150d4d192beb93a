"""Raw bytes to text: BOMs, UTF-8, a legacy 8-bit fallback, line endings, bad input.

Order of attempts: a UTF-8 BOM means ``utf-8-sig``; a UTF-16/32 BOM means ``utf-16``/``utf-32``;
an HTML page's ``<meta charset>`` or an XML declaration is honoured when the bytes decode with it;
otherwise strict UTF-8, then UTF-8 with the few bad bytes replaced when the rest is clearly
UTF-8 (``replaced`` counts them, for a ``decoded-with-replacement`` flag: one stray byte must
not turn every dash and quote of a UTF-8 article into mojibake), then the most plausible legacy
code page of the detection languages (:mod:`briefing.cleaning.charsets`: cp1252, cp1250, cp1251,
KOI8, ISO-8859-x, Shift-JIS, GB18030 ...), then cp1252 (Windows' superset of latin-1's printable
range, so curly quotes in 0x91-0x94 decode as such), then latin-1. The guesses set ``fallback=True``
so the digest can carry a ``decoded-with-fallback-encoding`` flag; ``encoding`` names the codec.

Bad input raises :class:`InputError` with a short reason: empty, whitespace only,
binary (NUL bytes or mostly control characters) or undecodable. Curly quotes and
accents are kept exactly; only line endings (CRLF, CR, U+2028/9) become ``\\n`` and
stray control characters (not tab/newline) are dropped.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from briefing.cleaning.charsets import declared_charset, guess_legacy
from briefing.errors import InputError

# A file whose non-whitespace characters are more than this share control characters
# is not text (binary data decoded as latin-1 is ~25% C0/C1 controls).
BINARY_CONTROL_SHARE = 0.10
# Bytes are "mostly UTF-8" when valid multi-byte characters outnumber the invalid sequences this
# many times: legacy 8-bit text almost never forms valid UTF-8 sequences, real UTF-8 text has many.
UTF8_VALID_PER_INVALID = 3
# More invalid sequences than this are not strays: the text is in another encoding.
UTF8_MAX_INVALID = 64
# latin-1 is the last resort: it decodes any byte, so accept it only when the bytes
# that cp1252 refused (0x81, 0x8D, 0x8F, 0x90, 0x9D) are rare strays.
LATIN1_MAX_CONTROL_SHARE = 0.01

_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x85")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    fallback: bool = False
    # invalid byte sequences replaced by U+FFFD in otherwise valid UTF-8
    replaced: int = 0


def decode_bytes(data: bytes, path: str) -> Decoded:
    """Decode an article's raw bytes, or raise :class:`InputError` naming the reason."""
    if not data:
        raise InputError(path, "empty file")
    text, encoding, fallback = _decode(data, path)
    replaced = 0
    if fallback and (mostly := _mostly_utf8(data)) is not None:
        (text, replaced), encoding, fallback = mostly, "utf-8", False
    text = _normalize_newlines(text)
    _reject_binary(text, path)
    text = _drop_controls(text)
    if not text.strip():
        raise InputError(path, "file contains only whitespace")
    return Decoded(text=text, encoding=encoding, fallback=fallback, replaced=replaced)


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """``data`` as UTF-8 with its invalid sequences replaced, and how many; None when it is not mostly
    UTF-8 (too few valid multi-byte characters per invalid sequence, or too many invalid ones)."""
    parts: list[str] = []
    invalid = 0
    rest = data
    while True:
        try:
            parts.append(rest.decode("utf-8"))
            break
        except UnicodeDecodeError as err:
            parts.append(rest[: err.start].decode("utf-8"))
            parts.append("\ufffd")
            invalid += 1
            rest = rest[err.end :]
        if invalid > UTF8_MAX_INVALID:
            return None
    text = "".join(parts)
    multibyte = sum(1 for c in text if ord(c) > 0x7F and c != "\ufffd")
    if multibyte < invalid * UTF8_VALID_PER_INVALID:
        return None
    return text, invalid


def _decode(data: bytes, path: str) -> tuple[str, str, bool]:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", path, "utf-8-sig"), "utf-8-sig", False
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _strict(data, "utf-32", path, "utf-32"), "utf-32", False
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path, "utf-16"), "utf-16", False
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes)")
    declared = declared_charset(data)
    if declared is not None:
        try:
            return data.decode(declared), _label(declared), False
        except (UnicodeDecodeError, LookupError):
            pass  # the declaration is wrong: guess as for undeclared bytes
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data) is None and (guessed := guess_legacy(data)) is not None:
        text, codec = guessed
        return text, _label(codec), True
    try:
        return data.decode("cp1252"), "cp1252", True
    except UnicodeDecodeError:
        pass
    text = data.decode("latin-1")
    if _control_share(text) > LATIN1_MAX_CONTROL_SHARE:
        if _control_share(text) > BINARY_CONTROL_SHARE:
            raise InputError(path, "binary file (mostly control characters)")
        raise InputError(path, "cannot decode: not UTF-8, cp1252 or latin-1 text")
    return text, "latin-1", True


def _label(codec: str) -> str:
    """The codec's usual name: ``cp1251``, ``iso8859-2``, ``koi8-r``, ``shift_jis``, ``utf-8``."""
    name = codecs.lookup(codec).name
    return {"iso8859-1": "latin-1"}.get(name, name)


def _strict(data: bytes, codec: str, path: str, label: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise InputError(path, f"cannot decode as {label} (byte offset {err.start})") from None


def _normalize_newlines(text: str) -> str:
    return _LINE_BREAKS.sub("\n", text)


# Control characters (Unicode category Cc) but tab and newline, the whitespace that is not one, and the
# controls dropped from text: regular expressions, as a per-character loop costs a second on a large page.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_PLAIN_SPACE = re.compile(r"[^\S\x0b-\x0d\x1c-\x1f\x85]")
_DROPPED_CONTROL = re.compile(r"[\x00-\x08\x0d-\x1f\x7f-\x9f]")


def _control_share(text: str) -> float:
    visible = len(text) - len(_PLAIN_SPACE.findall(text))
    if not visible:
        return 0.0
    return len(_CONTROL.findall(text)) / visible


def _reject_binary(text: str, path: str) -> None:
    if "\x00" in text:
        raise InputError(path, "binary file (contains NUL characters)")
    if _control_share(text) > BINARY_CONTROL_SHARE:
        raise InputError(path, "binary file (mostly control characters)")


def _drop_controls(text: str) -> str:
    # Form feeds, vertical tabs and escapes are layout debris, never words.
    return _DROPPED_CONTROL.sub("", text.replace("\x0b", " ").replace("\x0c", " "))
