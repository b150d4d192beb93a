"""Article pages: HTML bytes to title, by-line, date, canonical URL, site, main text and reader comments
(trafilatura), and the plain-text document the cleaning stage reads.

The document has the shape of the text articles the cleaning stage was built for: the title line, the
paragraphs, then a ``Comments (N)`` header and the comments, two blank lines apart. So the same rules (ads,
related boxes, comment chrome, comment languages) apply to fetched pages and to files dropped in a folder.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import trafilatura

from briefing.sources.feeds import FeedEntry

_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|div|li|h[1-6]|blockquote|section|article)>|<br\s*/?>", re.IGNORECASE)


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
    comments: tuple[str, ...]


def extract_page(data: bytes, url: str) -> Page:
    """Extract an article page; :class:`NotAnArticle` when no main text is found."""
    doc = trafilatura.bare_extraction(
        data, url=url, include_comments=True, with_metadata=True, favor_precision=True, include_tables=False
    )
    if doc is None or not (doc.text or "").strip():
        raise NotAnArticle("no article text found in the page")
    title = _clean(doc.title)
    paragraphs = [p for p in (_clean(line) for line in doc.text.split("\n")) if p]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return Page(
        title=title,
        byline=_clean(doc.author),
        published=_clean(doc.date),
        url=_clean(doc.url),
        site=_clean(doc.sitename),
        paragraphs=tuple(paragraphs),
        comments=_comments(doc),
    )


def _comments(doc: object) -> tuple[str, ...]:
    """One string per comment: trafilatura's comment body, one block element per comment."""
    body = getattr(doc, "commentsbody", None)
    if body is None:
        return ()
    out = []
    for child in body:
        if child.tag == "head":
            continue
        text = _clean(" ".join(child.itertext()))
        if text:
            out.append(text)
    return tuple(out)


def page_document(title: str | None, paragraphs: tuple[str, ...], comments: tuple[str, ...]) -> str:
    """The text document the cleaning stage reads (see the module docstring)."""
    parts = [title] if title else []
    parts += list(paragraphs)
    text = "\n\n".join(parts)
    if comments:
        text += f"\n\nComments ({len(comments)})\n\n" + "\n\n\n".join(comments)
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
