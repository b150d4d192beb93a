"""Legacy encodings: the charset a page declares, and a guess among the legacy codecs of the detection
languages when bytes are not UTF-8.

Why not charset-normalizer's best guess alone: on short Western texts it ranks cp1250 level with cp1252 and
picks it ("a parlé ŕ Zürich"), and it gives up on short Polish ones. So every codec of ``LEGACY_CODECS``
decodes the bytes strictly and each reading is scored by how much its non-ASCII characters look like the
letters and punctuation of the detection languages (ru/uk Cyrillic, the Latin letters of en/fr/de/es/it/pt/
nl/pl, CJK for Shift-JIS/GB18030): a letter of another alphabet, a symbol or control character, a word
mixing scripts, or an upper-case letter inside a lower-case word counts against it. The best reading wins,
ties going to the earlier codec. charset-normalizer answers for bytes none of them reads well (Greek,
Turkish, Korean ...), when its reading is made of letters.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

# Tried in this order; a tie goes to the earlier one (cp1252 before cp1250: Western text reads alike in both).
LEGACY_CODECS = (
    "cp1252",
    "cp1250",
    "cp1251",
    "koi8_r",
    "koi8_u",
    "latin-1",
    "iso8859_2",
    "iso8859_5",
    "iso8859_15",
    "shift_jis",
    "cp932",
    "gb18030",
    "big5",
)
# A guess is kept when at least this share of its non-ASCII characters is plausible.
MIN_PLAUSIBLE_SHARE = 0.8
# Cyrillic words among this many times as many Latin-script ones are a misreading ("12 є par mois"), and so
# are CJK characters under this share of a text's letters (a Western text that happens to decode as GB18030).
SCRIPT_MINORITY_RATIO = 3
MIN_CJK_SHARE = 0.2
# Text in an alphabetic language has a space at least every this many characters.
MAX_WORD_CHARS = 25
# Non-ASCII letters of the Latin-script detection languages (en, fr, de, es, it, pt, nl, pl).
LATIN_LETTERS = frozenset("àâäæçéèêëîïôœùûüÿáíñóúìòãõßąćęłńśźżÀÂÄÆÇÉÈÊËÎÏÔŒÙÛÜŸÁÍÑÓÚÌÒÃÕĄĆĘŁŃŚŹŻªº")
# The Russian and Ukrainian alphabets.
CYRILLIC_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяґєіїАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯҐЄІЇ")
# Typographic punctuation and signs that legacy code pages carry for real text.
PUNCTUATION = frozenset("“”‘’‚„«»‹›–—…•·€£¥°§©®™±×¡¿\u00a0\u00ad№")
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e]")
# Kana or CJK sentence punctuation: what every real Japanese or Chinese text of a sentence or more holds, and
# what binary bytes that happen to decode as ideographs lack.
_CJK_TEXT_MARK = re.compile(r"[\u3001\u3002\u3041-\u30ff\uff0c\uff01\uff1f\uff1a\uff1b]")
_WORD = re.compile(r"\w+")
# The declared charset of an HTML page or XML document, in its first bytes.
DECLARATION_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# What browsers read a declared label as (WHATWG Encoding): latin-1 and ASCII labels mean windows-1252, the
# GB2312/GBK family is read as its superset GB18030, Shift_JIS as Windows-31J.
_DECLARED_AS = {
    "iso8859_1": "cp1252",
    "ascii": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "iso8859_9": "cp1254",
    "iso8859_11": "cp874",
    "big5": "big5hkscs",
}


def declared_charset(data: bytes) -> str | None:
    """The Python codec an HTML ``<meta charset>`` / ``http-equiv`` or an XML declaration names (as a
    browser reads the label); None when none is declared or the label is unknown."""
    head = data[:DECLARATION_BYTES]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if found is None:
        return None
    try:
        name = codecs.lookup(found.group(1).decode("ascii").lower()).name
    except (LookupError, UnicodeDecodeError):
        return None
    name = name.replace("-", "_")
    if name.startswith("utf_16") or name.startswith("utf_32"):
        return "utf-8"  # bytes without a BOM that parsed as ASCII markup are not UTF-16 (WHATWG)
    return _DECLARED_AS.get(name, name)


def guess_legacy(data: bytes) -> tuple[str, str] | None:
    """(text, codec) of the most plausible legacy reading of ``data``; None when no reading is plausible."""
    best: tuple[float, str, str] | None = None
    for codec in LEGACY_CODECS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        share = plausible_share(text)
        if best is None or share > best[0]:
            best = (share, text, codec)
    if best is not None and best[0] >= MIN_PLAUSIBLE_SHARE:
        return best[1], best[2]
    return _normalizer_guess(data)


def plausible_share(text: str) -> float:
    """The share of ``text``'s non-ASCII characters that read as letters and punctuation of the detection
    languages (1.0 for pure ASCII); see the module docstring."""
    good = bad = 0.0
    words = [w.group() for w in _WORD.finditer(text) if not w.group().isdigit()]
    cyrillic_words = sum(1 for w in words if any(c in CYRILLIC_LETTERS for c in w))
    stray_cyrillic = len(words) - cyrillic_words >= SCRIPT_MINORITY_RATIO * cyrillic_words
    cjk = len(_CJK.findall(text))
    stray_cjk = cjk < MIN_CJK_SHARE * sum(1 for c in text if c.isalpha()) or not _CJK_TEXT_MARK.search(text)
    for letters in words:
        if letters.isascii():
            continue
        scripts = {_script(c) for c in letters if c.isalpha()}
        mixed = len(scripts - {"ascii"}) > 1 or ("cyrillic" in scripts and "ascii" in scripts)
        for position, char in enumerate(letters):
            if char.isascii():
                continue
            known = (
                char in LATIN_LETTERS
                or (char in CYRILLIC_LETTERS and not stray_cyrillic)
                or (bool(_CJK.match(char)) and not stray_cjk)
            )
            if mixed or not known:
                bad += 1
            elif position and char.isupper() and any(c.islower() for c in letters[:position]):
                bad += 0.5  # "пРИВЕТ": the case pattern of a code page read with the wrong table
            else:
                good += 1
    for char in text:
        if not char.isascii() and not char.isalnum() and char != "_":
            if char in PUNCTUATION or (_CJK.match(char) and not stray_cjk) or char.isspace():
                good += 1
            else:
                bad += 1
    total = good + bad
    return 1.0 if total == 0 else good / total


def _script(char: str) -> str:
    if char.isascii():
        return "ascii"
    if char in CYRILLIC_LETTERS or "CYRILLIC" in unicodedata.name(char, ""):
        return "cyrillic"
    if _CJK.match(char):
        return "cjk"
    return "latin" if "LATIN" in unicodedata.name(char, "") else "other"


def _normalizer_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is None:
        return None
    text = str(match)
    wide = [c for c in text if not c.isascii() and not c.isspace()]
    if not wide or sum(c.isalpha() for c in wide) < MIN_PLAUSIBLE_SHARE * len(wide):
        return None
    if sum(c.isspace() for c in text) * MAX_WORD_CHARS < len(text):
        return None  # letters without spaces between words: bytes, not text of an alphabetic language
    return text, match.encoding
