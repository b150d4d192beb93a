"""Article pages: HTML bytes to title, by-line, date, canonical URL, site, main text (trafilatura) and reader
comments with their authors (:mod:`briefing.sources.page_comments`), and the plain-text document the cleaning
stage reads.

The bytes are decoded by the cleaning stage's decoder (BOMs, the page's declared charset, legacy code pages),
so ``source.encoding`` names the codec of a page as of a text file. The document has the shape of the text
articles the cleaning stage was built for: the title line, the paragraphs, then a ``Comments (N)`` header and
the comments, two blank lines apart, each under an "Author wrote:" line when its author is known. So the same
rules (ads, related boxes, comment chrome, comment languages) apply to fetched pages and to files dropped in a
folder.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from briefing.cleaning.decode import decode_bytes
from briefing.errors import InputError
from briefing.sources.feeds import FeedEntry
from briefing.sources.page_body import completed_body
from briefing.sources.page_comments import PageComment, comment_items, page_comments

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|div|li|h[1-6]|blockquote|section|article)>|<br\s*/?>", re.IGNORECASE)


# Precision mode's text is taken as it is from this many words; below, the default mode is asked too, and
# wins when precision mode kept less than this share of its words.
MIN_KEPT_WORDS = 150
PRUNED_SHARE = 0.2


# When more than this share of the extracted paragraphs sits in the page's "comments", those are the article.
MAX_BODY_IN_COMMENTS = 0.5


class NotAnArticle(ValueError):
    """HTML with no main text trafilatura could find."""


@dataclass(frozen=True)
class Page:
    title: str | None
    byline: str | None
    published: str | None
    url: str | None
    site: str | None
    paragraphs: tuple[str, ...]
    comments: tuple[PageComment, ...]
    encoding: str = "utf-8"
    # decoded by a guess (no BOM, no declared charset, not UTF-8)
    fallback: bool = False


def extract_page(data: bytes, url: str | None) -> Page:
    """Extract an article page; :class:`NotAnArticle` when no main text is found or the bytes are not text."""
    try:
        decoded = decode_bytes(data, url or "page")
    except InputError as err:
        raise NotAnArticle(err.reason) from None
    text = _XML_DECLARATION.sub("", decoded.text, count=1)  # lxml refuses it in a decoded str
    doc = _extraction(text, url)
    if doc is None:
        raise NotAnArticle("no article text found in the page")
    title = _clean(doc.title)
    paragraphs = [p for p in (_clean(line) for line in doc.text.split("\n")) if p]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    tree = _tree(text)
    items = comment_items(tree) if tree is not None else set()
    comments = page_comments(tree, items) if tree is not None else ()
    if tree is not None:
        paragraphs = list(completed_body(paragraphs, tree, items))
    said = {" ".join(part.split()) for c in comments for part in c.text.split("\n")}
    kept = [p for p in paragraphs if p not in said]
    if len(kept) < len(paragraphs) * (1 - MAX_BODY_IN_COMMENTS):
        comments = ()  # "comments" holding most of the article are the article, under a class "comment"
    else:
        paragraphs = kept  # a reader's words are never the article's, wherever trafilatura put them
    return Page(
        title=title,
        byline=_clean(doc.author),
        published=_clean(doc.date),
        url=_clean(doc.url),
        site=_clean(doc.sitename),
        paragraphs=tuple(paragraphs),
        comments=comments,
        encoding=decoded.encoding,
        fallback=decoded.fallback,
    )


def _extraction(text: str, url: str | None) -> Any:
    """trafilatura's document in precision mode; its default mode when precision mode kept less than
    ``PRUNED_SHARE`` of that (a few pages' article sits in markup precision mode prunes, leaving a reprint
    notice or nothing); recall mode when neither found text."""
    precise = _trafilatura(text, url, favor_precision=True)
    if precise is not None and _words(precise) >= MIN_KEPT_WORDS:
        return precise
    default = _trafilatura(text, url)
    if default is not None and _words(default) * PRUNED_SHARE > _words(precise):
        return default
    return precise or _trafilatura(text, url, favor_recall=True)


def _trafilatura(text: str, url: str | None, **mode: bool) -> Any:
    # Tables are kept (one "| cell | cell |" line per row): standings, results and figures are the article
    # on some pages, and on the 181 pages of ../shared/data/aeb no article lost precision by them.
    doc = trafilatura.bare_extraction(
        text, url=url, include_comments=True, with_metadata=True, include_tables=True, **mode
    )
    return doc if doc is not None and (doc.text or "").strip() else None


def _words(doc: Any) -> int:
    return len(doc.text.split()) if doc is not None else 0


def _tree(text: str) -> lxml_html.HtmlElement | None:
    """The page's element tree (from UTF-8 bytes: the text is decoded already, whatever its meta charset)."""
    try:
        return lxml_html.fromstring(text.encode("utf-8"), parser=lxml_html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        return None


def page_document(title: str | None, paragraphs: tuple[str, ...], comments: tuple[PageComment, ...]) -> str:
    """The text document the cleaning stage reads (see the module docstring)."""
    parts = [title] if title else []
    parts += list(paragraphs)
    text = "\n\n".join(parts)
    if comments:
        blocks = [f"{c.author} wrote:\n{c.text}" if c.author else c.text for c in comments]
        text += f"\n\nComments ({len(comments)})\n\n" + "\n\n\n".join(blocks)
    return text + "\n"


def entry_paragraphs(entry: FeedEntry) -> tuple[str, ...]:
    """A feed entry's own content/summary as paragraphs (HTML tags dropped)."""
    text = html.unescape(_TAG.sub("", _BLOCK_END.sub("\n", entry.content)))
    return tuple(p for p in (_clean(line) for line in text.split("\n")) if p)


def story_fingerprint(title: str | None, paragraphs: tuple[str, ...]) -> str:
    """What makes two copies the same story: the title and body, case and spacing aside (not comments)."""
    import hashlib

    words = " ".join([title or "", *paragraphs]).lower().split()
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def _clean(value: str | None) -> str | None:
    text = " ".join(value.split()) if value else ""
    return text or None
