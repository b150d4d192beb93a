"""Legacy code pages of the detection languages decode to the right text, never mojibake, and
``source.encoding`` names the codec; an HTML page's declared charset is honoured."""

from __future__ import annotations

import codecs

import pytest

from briefing.cleaning import clean_bytes, decode_bytes
from briefing.cleaning.charsets import declared_charset

pytestmark = pytest.mark.unit

RUSSIAN = (
    "Городской совет утвердил в среду новый план ремонта мостов через реку.\n\n"
    "Работы начнутся весной и продлятся почти два года, сообщил заместитель мэра.\n"
)
UKRAINIAN = "Міська рада схвалила план ремонту шкіл і лікарень; роботи почнуться навесні.\n"
POLISH = (
    "Rada miasta zatwierdziła w środę nowy plan remontu mostów na rzece.\n\n"
    "Prace ruszą wiosną i potrwają prawie dwa lata, poinformował zastępca prezydenta.\n"
)
GERMAN = "Die Bürgermeisterin äußerte sich über die neue Straßenbahn nach Süden.\n"
FRENCH_EURO = "Le billet coûte 12 € par mois, soit 144 € par an, a précisé la mairie.\n"
JAPANESE = "市議会は水曜日、川に架かる橋の新しい修理計画を承認しました。工事は春に始まります。\n"
CHINESE = "市议会周三批准了河上桥梁的新修缮计划，工程将于春季开始。\n"


@pytest.mark.parametrize(
    ("text", "codec", "encoding"),
    [
        (RUSSIAN, "cp1251", "cp1251"),
        (RUSSIAN, "koi8_r", "koi8-r"),
        (RUSSIAN, "iso8859_5", "iso8859-5"),
        (UKRAINIAN, "cp1251", "cp1251"),
        (UKRAINIAN, "koi8_u", "koi8-u"),
        (POLISH, "cp1250", "cp1250"),
        (POLISH, "iso8859_2", "iso8859-2"),
        (GERMAN, "cp1252", "cp1252"),
        (FRENCH_EURO, "iso8859_15", "iso8859-15"),
        (JAPANESE, "shift_jis", "shift_jis"),
        (CHINESE, "gb18030", "gb18030"),
    ],
)
def test_legacy_code_pages_decode_to_the_right_text(text, codec, encoding):
    decoded = decode_bytes(text.encode(codec), "legacy.txt")
    assert decoded.text == text
    assert (decoded.encoding, decoded.fallback) == (encoding, True)


@pytest.mark.parametrize("bom_codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_bom(bom_codec):
    bom = {
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
    }.get(bom_codec, b"")
    data = bom + RUSSIAN.encode(bom_codec)
    decoded = decode_bytes(data, "wide.txt")
    assert decoded.text == RUSSIAN
    assert not decoded.fallback


def test_cp1251_russian_and_cp1250_polish_digests_name_the_codec(validate_digest):
    russian = clean_bytes(RUSSIAN.encode("cp1251"), "ru.txt")
    polish = clean_bytes(POLISH.encode("cp1250"), "pl.txt")
    assert russian.body[0] == RUSSIAN.split("\n")[0]
    assert polish.body[1] == POLISH.split("\n")[2]
    assert (russian.source.encoding, russian.language) == ("cp1251", "ru")
    assert (polish.source.encoding, polish.language) == ("cp1250", "pl")
    assert "decoded-with-fallback-encoding" in russian.flag_codes()
    validate_digest(russian.to_dict())
    validate_digest(polish.to_dict())


@pytest.mark.parametrize(
    ("head", "codec"),
    [
        (b'<!doctype html><html><head><meta charset="windows-1251">', "cp1251"),
        (b'<html><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-2">', "iso8859_2"),
        (b'<?xml version="1.0" encoding="Shift_JIS"?><html>', "cp932"),
        (b'<html><meta charset="iso-8859-1">', "cp1252"),  # as browsers read the label
        (b'<html><meta charset="gb2312">', "gb18030"),
        (b"<html><head><title>none</title>", None),
        (b'<html><meta charset="no-such-codec">', None),
    ],
)
def test_declared_charset(head, codec):
    assert declared_charset(head) == codec


def test_a_declared_charset_wins_over_a_guess():
    # Bytes that also read as cp1252 letters: the page's declaration says what they are.
    page = f'<html><head><meta charset="koi8-r"></head><body><p>{RUSSIAN}</p></body></html>'
    decoded = decode_bytes(page.encode("koi8_r"), "page.html")
    assert RUSSIAN.split("\n")[0] in decoded.text
    assert (decoded.encoding, decoded.fallback) == ("koi8-r", False)


def test_a_wrong_declaration_is_not_trusted():
    page = f'<html><head><meta charset="utf-8"></head><body><p>{POLISH}</p></body></html>'
    decoded = decode_bytes(page.encode("cp1250"), "page.html")
    assert POLISH.split("\n")[0] in decoded.text
    assert decoded.encoding == "cp1250"
