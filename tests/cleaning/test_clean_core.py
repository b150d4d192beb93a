"""clean_bytes / clean_file as other stages call them: settings, flags, ids, inputs untouched."""

from __future__ import annotations

import pytest

from briefing.cleaning import clean_bytes, clean_file
from briefing.errors import InputError
from briefing.settings import Settings

pytestmark = pytest.mark.unit

PAGE = (
    "Die Stadt hat am Montag den neuen Haushalt beschlossen, nach einer langen Debatte.\n\n"
    "Kommentare (2)\n\n"
    "Anna · vor 2 Stunden\n"
    "Ich finde das gut. Endlich passiert etwas in unserer Stadt.\n\n"
    "Tom · vor 3 Stunden\n"
    "Ha ha ha!\n"
)


def test_article_and_comment_languages_and_authors(validate_digest):
    digest = clean_bytes(PAGE.encode(), "inbox/haushalt.txt")
    validate_digest(digest.to_dict())
    assert digest.language == "de"
    assert [c.author for c in digest.comments] == ["Anna", "Tom"]
    assert digest.comments[0].language == "de"


def test_a_comment_nobody_can_identify_is_flagged():
    digest = clean_bytes(PAGE.encode(), "inbox/haushalt.txt")
    flag = next(f for f in digest.flags if f.code == "low-confidence-language")
    assert "comment(s) 2" in flag.detail


def test_an_article_nobody_can_identify_is_flagged():
    digest = clean_bytes(b"Taxi, hotel, pizza, radio.\n", "short.txt")
    assert "low-confidence-language" in digest.flag_codes()
    assert "article language" in next(f.detail for f in digest.flags)


def test_confident_text_has_no_language_flag():
    digest = clean_bytes(PAGE.split("Kommentare")[0].encode(), "ok.txt")
    assert digest.flags == ()


def test_settings_choose_the_detection_languages():
    page = b"Les ministres ont accept\xc3\xa9 de financer de nouveaux trains de nuit en Europe.\n"
    assert clean_bytes(page, "a.txt").language == "fr"
    assert clean_bytes(page, "a.txt", Settings(detect_languages=("en", "de"))).language in {"en", "de"}


def test_unknown_detection_language_is_a_value_error():
    with pytest.raises(ValueError, match="unknown language code"):
        clean_bytes(PAGE.encode(), "a.txt", Settings(detect_languages=("en", "klingon")))


def test_ids_are_stable_and_follow_the_bytes(tmp_path):
    path = tmp_path / "My Article.txt"
    path.write_bytes(PAGE.encode())
    first, second = clean_file(path), clean_file(path)
    assert first.article_id == second.article_id
    assert first.article_id.startswith("my-article-")
    assert first.source.path == str(path)
    path.write_bytes(PAGE.encode() + b"\nNoch ein Satz zum Schluss der Diskussion.\n")
    assert clean_file(path).article_id != first.article_id


def test_input_file_is_never_modified(tmp_path):
    path = tmp_path / "a.txt"
    raw = "Title line\r\n\r\nA first paragraph that ends like a sentence.\r\nAdvertisement\r\n".encode(
        "cp1252"
    )
    path.write_bytes(raw)
    clean_file(path)
    assert path.read_bytes() == raw


def test_clean_file_reports_missing_files_as_input_errors(tmp_path):
    with pytest.raises(InputError) as err:
        clean_file(tmp_path / "nope.txt")
    assert err.value.one_line() == f"error: {tmp_path / 'nope.txt'}: no such file"
