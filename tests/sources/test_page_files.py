"""Saved web pages as article files: one rule for what an article file is, HTML extracted exactly like a
fetched page (title, by-line, date, canonical URL, site, body, comments with authors), and a line for every
file a folder leaves out."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.article_files import iter_article_paths, looks_like_html, scan_folder, skip_lines
from briefing.errors import InputError
from briefing.run.validate import RunOptionError, check_input_path
from briefing.sources.articles import clean_article_file, clean_html_page
from briefing.sources.page_comments import page_comments
from tests.sources.pages import COMMENTS, PARAGRAPHS, article_page

pytestmark = pytest.mark.unit


def test_a_page_is_cleaned_like_a_fetched_one(validate_digest):
    digest = clean_html_page(article_page().encode("utf-8"), "saved/harbour.html")
    assert digest.title == "Eastmere harbour to replace diesel cranes"
    assert digest.body == PARAGRAPHS  # no menu, by-line, caption, "most read" box or footer
    assert (digest.byline, digest.published) == ("Jane Example", "2024-03-12")
    assert digest.source.url == "https://gazette.example.org/news/harbour-cranes"
    assert (digest.source.site, digest.source.path, digest.source.encoding) == (
        "Eastmere Gazette",
        "saved/harbour.html",
        "utf-8",
    )
    assert digest.article_id.startswith("harbour-")
    assert [(c.author, c.text) for c in digest.comments] == list(COMMENTS)
    validate_digest(digest.to_dict())


def test_comment_authors_come_from_the_comment_list_and_chrome_stays_out():
    comments = page_comments(article_page())
    assert [c.author for c in comments] == ["Marta Nowak", "Tom Reyes", "Eastmere Harbour"]
    texts = " ".join(c.text for c in comments)
    for chrome in ("Reply", "says", "Pingback", "logged in", "12 March 2024"):
        assert chrome not in texts


def test_menus_and_link_lists_are_never_comments():
    menu = "".join(f'<li class="comment"><a href="/{n}">Section {n} news</a></li>' for n in range(6))
    page = f"<html><body><ul>{menu}</ul><div class='comments'><p>Comments are closed.</p></div></body></html>"
    assert page_comments(page) == ()


def test_a_page_in_a_legacy_code_page_names_it():
    title = "Портовое управление заменит дизельные краны"
    body = "".join(
        f"<p>{s}</p>"
        for s in (
            "Портовое управление во вторник одобрило план замены трёх старых кранов на электрические.",
            "Новые краны будут получать энергию от подстанции, которую город строит рядом с причалом.",
            "Портовые рабочие много лет просили более тихие машины, потому что шум был слышен ночью.",
        )
    )
    page = (
        f'<html><head><meta charset="windows-1251"><title>{title}</title></head>'
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )
    digest = clean_html_page(page.encode("cp1251"), "ru.html")
    assert digest.source.encoding == "cp1251"
    assert digest.language == "ru"
    assert digest.body[0].startswith("Портовое управление во вторник")
    assert "decoded-with-fallback-encoding" not in digest.flag_codes()  # declared, not guessed


def test_a_page_without_article_text_is_one_line_error():
    with pytest.raises(InputError) as err:
        clean_html_page(b"<!DOCTYPE html><html><body><img src='a.png'></body></html>", "empty.html")
    assert err.value.path == "empty.html" and "no article text" in err.value.reason


def test_html_content_is_sniffed_whatever_the_name(tmp_path: Path):
    saved = tmp_path / "harbour.txt"
    saved.write_text(article_page(), encoding="utf-8")
    digest = clean_article_file(saved)
    assert digest.body == PARAGRAPHS and digest.source.site == "Eastmere Gazette"
    text = tmp_path / "note.txt"
    text.write_text(
        "<b>Bold</b> is how the council's letter began, with a plain sentence.\n", encoding="utf-8"
    )
    assert clean_article_file(text).body[0].startswith("<b>Bold</b>")  # text that merely holds a tag


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"<!DOCTYPE html><html>", True),
        (b"\xef\xbb\xbf\n  <html lang='de'>", True),
        (b"<?xml version='1.0'?>\n<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0'><html>", True),
        (b"<!-- saved from url=(0042)https://example.org/ -->\n<html>", True),
        ("<html><body>x</body></html>".encode("utf-16"), True),
        (b"Council approves the <html> tag ban.", False),
        (b"<b>Bold</b> text", False),
        (b"%PDF-1.7", False),
    ],
)
def test_looks_like_html(head, expected):
    assert looks_like_html(head) is expected


def _inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    (inbox / "old").mkdir(parents=True)
    (inbox / "harbour.html").write_text(article_page(), encoding="utf-8")
    (inbox / "note.md").write_text("A note.\n", encoding="utf-8")
    (inbox / "saved-page.php").write_text(article_page(), encoding="utf-8")
    (inbox / "report.pdf").write_bytes(b"%PDF-1.7\n\x00\x01")
    (inbox / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    (inbox / "README.md").write_text("What this folder is.\n", encoding="utf-8")
    (inbox / ".hidden.txt").write_text("x", encoding="utf-8")
    return inbox


def test_one_rule_for_article_files_and_a_line_for_every_file_left_out(tmp_path: Path):
    inbox = _inbox(tmp_path)
    assert [p.name for p in iter_article_paths([inbox])] == ["harbour.html", "note.md", "saved-page.php"]
    assert skip_lines([inbox]) == [
        f"skipped photo.png, report.pdf in {inbox}/: not an article (.txt, .md, .html)",
        f"skipped README.md in {inbox}/: the folder's own document (README, LICENSE, ...)",
        f"skipped old/ in {inbox}/: subfolders are not read (name them to include them)",
    ]
    assert skip_lines([inbox / "harbour.html"]) == []  # a file named explicitly is never skipped


def test_a_folder_of_pages_is_accepted_and_one_without_articles_says_what_it_holds(tmp_path: Path):
    inbox = _inbox(tmp_path)
    check_input_path(inbox)  # only .html pages and text: accepted
    for name in ("harbour.html", "note.md", "saved-page.php"):
        (inbox / name).unlink()
    with pytest.raises(RunOptionError) as err:
        check_input_path(inbox)
    assert str(err.value).startswith(
        f"{inbox}: no article files (.txt, .md, .html) in this folder; skipped photo.png"
    )


def test_many_skipped_files_are_counted(tmp_path: Path):
    for n in range(12):
        (tmp_path / f"scan{n:02}.jpg").write_bytes(b"\xff\xd8\xff")
    scan = scan_folder(tmp_path)
    assert scan is not None and not scan.articles
    [line] = scan.skip_lines()
    assert line.startswith("skipped scan00.jpg, scan01.jpg,") and " and 4 more in " in line


def test_plain_text_saved_as_html_stays_text_and_an_xml_declaration_is_no_obstacle(tmp_path: Path):
    plain = tmp_path / "note.html"
    plain.write_text("A plain note about the harbour cranes, saved under the wrong name.\n", encoding="utf-8")
    assert clean_article_file(plain).body == (
        "A plain note about the harbour cranes, saved under the wrong name.",
    )
    xhtml = tmp_path / "harbour.xhtml"
    xhtml.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + article_page(), encoding="utf-8")
    assert clean_article_file(xhtml).body == PARAGRAPHS


def test_the_page_title_is_the_title_even_when_it_reads_like_a_sentence():
    question = "Will the harbour cranes run on electricity by next year?"
    digest = clean_html_page(article_page(title=question).encode("utf-8"), "question.html")
    assert digest.title == question
    assert digest.body == PARAGRAPHS


def test_an_article_marked_up_as_a_comment_stays_the_article():
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = (
        "<html><head><title>Harbour cranes</title></head><body><div class='comments'>"
        f"<div class='comment' id='comment-1'><cite class='fn'>Jane Example</cite>{paragraphs}</div>"
        "</div></body></html>"
    )
    digest = clean_html_page(page.encode("utf-8"), "column.html")
    assert digest.body == PARAGRAPHS and digest.comments == ()
