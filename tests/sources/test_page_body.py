"""The page-structure checks around trafilatura: an article split into chunks of one class is read whole,
and a mode that pruned the article is replaced."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from briefing.sources.page_body import completed_body

pytestmark = pytest.mark.unit

FIRST = (
    "The ferry company said on Friday that two new boats will join the island route next summer.",
    "Both boats run on batteries charged at the harbour overnight, the company's director explained.",
)
SECOND = (
    "Islanders have complained for years about late and crowded crossings in the holiday season.",
    "The regional council will pay a third of the cost, according to a statement published on Friday.",
)


def _chunked_page() -> str:
    def chunk(paragraphs: tuple[str, ...]) -> str:
        return '<div class="body chunk">' + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div>"

    ad = '<div class="ad"><p>Advertisement: book your summer holiday on the islands today and save.</p></div>'
    figure = "<figure><p>A caption of the new ferry boat at the harbour in the morning light.</p></figure>"
    return (
        f"<html><body><article>{chunk(FIRST)}{ad}<div class='body chunk'>{figure}"
        f"{''.join(f'<p>{p}</p>' for p in SECOND)}</div></article></body></html>"
    )


def test_the_other_chunks_of_an_article_are_added_in_page_order():
    tree = lxml_html.fromstring(_chunked_page())
    assert completed_body(FIRST, tree) == FIRST + SECOND  # not the ad's or the figure's text


def test_comment_items_are_never_added():
    tree = lxml_html.fromstring(_chunked_page())
    second_chunk = tree.xpath("//div[@class='body chunk']")[1]
    assert completed_body(FIRST, tree, exclude=[second_chunk]) == FIRST


def test_paragraphs_without_a_container_of_their_own_are_kept_as_they_are():
    tree = lxml_html.fromstring("<html><body><p>One line.</p></body></html>")
    assert completed_body(("Something else entirely.",), tree) == ("Something else entirely.",)


@pytest.mark.parametrize(
    ("precise", "default", "chosen"),
    [
        (400, 2000, "precision"),  # long enough: precision mode's text as it is
        (20, 500, "default"),  # a reprint notice where the article was: the default mode's
        (0, 500, "default"),  # nothing at all
        (120, 300, "precision"),  # short, but not pruned to under a fifth
        (0, 0, "recall"),
    ],
)
def test_precision_mode_unless_it_pruned_the_article(monkeypatch, precise, default, chosen):
    from types import SimpleNamespace

    from briefing.sources import extract

    sizes = {"precision": precise, "default": default, "recall": 50}

    def fake(text, url, **mode):
        name = (
            "precision"
            if mode.get("favor_precision")
            else "recall"
            if mode.get("favor_recall")
            else "default"
        )
        words = sizes[name]
        return SimpleNamespace(text=" ".join([name] * words)) if words else None

    monkeypatch.setattr(extract, "_trafilatura", fake)
    assert extract._extraction("<html></html>", None).text.split()[0] == chosen
