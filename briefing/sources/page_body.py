"""An article page's body beyond what trafilatura finds alone, checked against the page's own structure.

trafilatura in precision mode keeps menus and "related" boxes out best, but it stops at the first of several
containers when a site splits one article into chunks (``div.body__container`` after ``div.body__container``,
between ads and embeds). So the page element holding most of the extracted paragraphs is taken as the
article's container, other elements of the same tag and class elsewhere in the page (not inside or around it)
as further chunks of the same article, and their prose paragraphs are added where they stand in the page.
Prose is a ``<p>`` of at least ``MIN_PROSE_WORDS`` words, mostly not link text, outside figures, asides,
navigation, forms and footers, and outside the comment list.

Left-out paragraphs of the container itself are not added: on ../shared/data/aeb they were mostly boilerplate
trafilatura was right to drop ("Support us", "About the company"), costing more precision than they gave
recall.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from lxml import html as lxml_html

# A left-out paragraph is prose from this many words, with at most this share of link text.
MIN_PROSE_WORDS = 8
MAX_LINK_SHARE = 0.5
# The container must hold at least this share of the extracted paragraphs to be the article's.
MIN_CONTAINER_SHARE = 0.5
# Elements whose text is never article prose, wherever they sit.
_NOT_PROSE = frozenset(
    {"figure", "figcaption", "aside", "nav", "footer", "header", "form", "button", "noscript"}
)
_SPACE = re.compile(r"\s+")


def completed_body(
    paragraphs: Sequence[str], tree: lxml_html.HtmlElement, exclude: Iterable[lxml_html.HtmlElement] = ()
) -> tuple[str, ...]:
    """``paragraphs`` with the prose of the article's other chunks added in page order (module docstring);
    ``exclude``: elements whose text is never the article's (the comment list's items)."""
    if not paragraphs:
        return tuple(paragraphs)
    wanted = {_norm(p) for p in paragraphs}
    found: dict[str, lxml_html.HtmlElement] = {}
    for el in tree.iter("p"):
        text = _norm(el.text_content())
        if text in wanted:
            found.setdefault(text, el)
    parents = Counter(el.getparent() for el in found.values() if el.getparent() is not None)
    if not parents:
        return tuple(paragraphs)
    container, count = parents.most_common(1)[0]
    if count < MIN_CONTAINER_SHARE * len(paragraphs):
        return tuple(paragraphs)
    skipped = set(exclude)
    prose = [(el, text) for region in _chunks(container, tree) for el, text in _prose(region, skipped)]
    prose = [(el, text) for el, text in prose if text not in wanted]
    if not prose:
        return tuple(paragraphs)
    order = {el: i for i, el in enumerate(tree.iter())}
    return _merged(paragraphs, found, order, [(order[el], text) for el, text in prose])


def _chunks(container: lxml_html.HtmlElement, tree: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """The elements of the container's tag and class elsewhere in the page (not inside or around it)."""
    classes = (container.get("class") or "").strip()
    if not classes:
        return []
    return [
        el
        for el in tree.iter(container.tag)
        if el is not container and (el.get("class") or "").strip() == classes and not _related(el, container)
    ]


def _related(a: lxml_html.HtmlElement, b: lxml_html.HtmlElement) -> bool:
    return any(x is b for x in a.iterancestors()) or any(x is a for x in b.iterancestors())


def _prose(
    region: lxml_html.HtmlElement, skipped: set[lxml_html.HtmlElement]
) -> Iterable[tuple[lxml_html.HtmlElement, str]]:
    for el in region.iter("p"):
        if any(a.tag in _NOT_PROSE or a in skipped for a in el.iterancestors()):
            continue
        text = _norm(el.text_content())
        if len(text.split()) >= MIN_PROSE_WORDS and not _mostly_links(el, text):
            yield el, text


def _mostly_links(el: lxml_html.HtmlElement, text: str) -> bool:
    linked = sum(len(_norm(a.text_content())) for a in el.iter("a"))
    return linked > MAX_LINK_SHARE * len(text)


def _merged(
    paragraphs: Sequence[str],
    found: dict[str, lxml_html.HtmlElement],
    order: dict[lxml_html.HtmlElement, int],
    added: list[tuple[int, str]],
) -> tuple[str, ...]:
    """Each added paragraph after the last extracted one that stands before it in the page (extracted
    paragraphs without an element keep their place after their predecessor)."""
    out: list[str] = []
    first = {text: position for position, text in sorted(added, reverse=True)}  # a text twice: added once
    pending = sorted((position, text) for text, position in first.items())
    for paragraph in paragraphs:
        el = found.get(_norm(paragraph))
        if el is not None:
            while pending and pending[0][0] < order[el]:
                out.append(pending.pop(0)[1])
        out.append(paragraph)
    out.extend(text for _, text in pending)
    return tuple(out)


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()
