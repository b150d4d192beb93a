"""An article page's body beyond what trafilatura finds alone, checked against the page's own structure.

trafilatura in precision mode keeps menus and "related" boxes out best, but it stops at the first of several
containers when a site splits one article into chunks (``div.body__container`` after ``div.body__container``,
between ads and embeds), and on a few pages finds nothing at all. So:

- when precision mode finds no text, its default mode, then its recall mode, are asked;
- the page element holding most of the extracted paragraphs is the article's container; other elements of
  the same tag and class elsewhere in the page (not inside or around it) are further chunks of the same
  article, and their prose paragraphs are added in page order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from lxml import html as lxml_html

# A chunk's paragraph counts as prose from this many words; a chunk needs this many such paragraphs.
MIN_PROSE_WORDS = 8
MIN_CHUNK_PARAGRAPHS = 1
# The extracted paragraphs must sit this much in one container for its chunks to be looked for.
MIN_CONTAINER_SHARE = 0.5
# Elements whose text is never article prose, wherever they sit.
_NOT_PROSE = frozenset(
    {"figure", "figcaption", "aside", "nav", "footer", "header", "form", "blockquote", "button"}
)
_SPACE = re.compile(r"\s+")


def with_chunks(paragraphs: Sequence[str], tree: lxml_html.HtmlElement) -> tuple[str, ...]:
    """``paragraphs`` plus the prose of the article's other chunks (see the module docstring)."""
    if not paragraphs:
        return tuple(paragraphs)
    wanted = {_norm(p) for p in paragraphs}
    found = [el for el in tree.iter("p") if _norm(el.text_content()) in wanted]
    if not found:
        return tuple(paragraphs)
    parents = Counter(el.getparent() for el in found if el.getparent() is not None)
    if not parents:
        return tuple(paragraphs)
    container, count = parents.most_common(1)[0]
    classes = (container.get("class") or "").strip()
    if not classes or count < MIN_CONTAINER_SHARE * len(paragraphs):
        return tuple(paragraphs)
    chunks = [
        el
        for el in tree.iter(container.tag)
        if el is not container and (el.get("class") or "").strip() == classes and not _related(el, container)
    ]
    if not chunks:
        return tuple(paragraphs)
    extra: dict[lxml_html.HtmlElement, list[str]] = {}
    for chunk in chunks:
        prose = [t for t in _prose(chunk) if _norm(t) not in wanted]
        if len(prose) >= MIN_CHUNK_PARAGRAPHS:
            extra[chunk] = prose
    if not extra:
        return tuple(paragraphs)
    return _in_page_order(paragraphs, container, extra, tree)


def _related(a: lxml_html.HtmlElement, b: lxml_html.HtmlElement) -> bool:
    return any(x is b for x in a.iterancestors()) or any(x is a for x in b.iterancestors())


def _prose(chunk: lxml_html.HtmlElement) -> Iterable[str]:
    for el in chunk.iter("p"):
        if any(a.tag in _NOT_PROSE for a in el.iterancestors()):
            continue
        text = " ".join(el.text_content().split())
        if len(text.split()) >= MIN_PROSE_WORDS and not _mostly_links(el, text):
            yield text


def _mostly_links(el: lxml_html.HtmlElement, text: str) -> bool:
    linked = sum(len(" ".join(a.text_content().split())) for a in el.iter("a"))
    return linked > 0.5 * len(text)


def _in_page_order(
    paragraphs: Sequence[str],
    container: lxml_html.HtmlElement,
    extra: dict[lxml_html.HtmlElement, list[str]],
    tree: lxml_html.HtmlElement,
) -> tuple[str, ...]:
    """The container's paragraphs where the container sits, each chunk's where it sits."""
    out: list[str] = []
    for el in tree.iter():
        if el is container:
            out.extend(paragraphs)
        elif el in extra:
            out.extend(extra[el])
    return tuple(out)


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()
