"""Reader comments of an article page, with their authors, read from the page's comment list.

trafilatura hands over comment text without authors, and takes whatever sits in a "comments" box: a
"You must log in to post a comment" notice, a privacy line under the form, a permalink. Here a comment is
an element of the page's comment list (class ``comment`` as WordPress and most CMSs write it, or an id
``comment-123``), holding its own words in paragraphs or a content element, and the author is the name
element inside it (``comment-author``, ``fn``, ``cite`` ...). Replies nested in a comment are comments of
their own; pingbacks and trackbacks are not comments. A page without such a list has no comments: menus and
link lists never become comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import html as lxml_html

# A comment item: a class token "comment" (li.comment, div.comment, article.comment) or an id comment-123.
_ITEM_CLASS = re.compile(r"(^|\s)(comment|review-comment|user-comment)(\s|$)", re.IGNORECASE)
_ITEM_ID = re.compile(r"^(li-)?comment-\d+$", re.IGNORECASE)
_CANDIDATES = (
    "//*[contains(@class, 'comment') or starts-with(@id, 'comment-') or starts-with(@id, 'li-comment-')]"
)
_NOT_COMMENT = re.compile(r"(^|\s)(pingback|trackback)(\s|$)", re.IGNORECASE)
# The author's name inside a comment.
_AUTHOR_CLASS = re.compile(
    r"(^|[\s_-])(comment-?author|author|fn|user-?name|nick-?name|commenter|comment-?name)([\s_-]|$)",
    re.IGNORECASE,
)
# Parts of a comment that are not its words: who, when, reply links, avatars, forms.
_CHROME_CLASS = re.compile(
    r"(^|[\s_-])(comment-?meta|meta|author|vcard|fn|says|avatar|reply|comment-?reply|date|time|"
    r"permalink|edit|awaiting|moderation|metadata|footer|actions|likes?|votes?)([\s_-]|$)",
    re.IGNORECASE,
)
_CONTENT_CLASS = re.compile(r"(^|[\s_-])(comment-?(content|text|body)|content|text|body|message)([\s_-]|$)")
_SAYS = re.compile(r"\s+(says|said|wrote|a écrit|schrieb|escribió|disse|scrive)\s*:?\s*$", re.IGNORECASE)
_SKIP_TAGS = frozenset({"script", "style", "form", "noscript", "button", "img", "svg", "textarea", "select"})
_BLOCK_TAGS = frozenset({"p", "div", "section", "article", "ul", "ol", "blockquote", "table"})
# A comment's words: at least this many; more link text than this share makes it a link list.
MIN_COMMENT_WORDS = 2
MAX_LINK_SHARE = 0.5
# A name longer than this is a sentence, not a name.
MAX_AUTHOR_WORDS = 8


@dataclass(frozen=True)
class PageComment:
    text: str
    author: str | None = None


def page_comments(
    page: str | lxml_html.HtmlElement, items: set[lxml_html.HtmlElement] | None = None
) -> tuple[PageComment, ...]:
    """The comments of the page's comment list, in page order (see the module docstring); ``items``: its
    :func:`comment_items` when the caller has them already."""
    root = lxml_html.fromstring(page) if isinstance(page, str) else page
    items = comment_items(root) if items is None else items
    out: list[PageComment] = []
    for item in (el for el in root.iter() if el in items) if items else ():
        # An item holding only another item (li.comment > div#comment-5) has no words of its own: skipped.
        text = _own_text(item, items)
        if text is not None:
            out.append(PageComment(text, _author(item, items)))
    if len(out) == 1 and out[0].author is None:
        return ()  # one "comment" box without a name: an editor's note or a teaser, not a comment list
    return tuple(out)


def comment_items(root: lxml_html.HtmlElement) -> set[lxml_html.HtmlElement]:
    """The elements of the page's comment list that are comments (replies included)."""
    # XPath picks the few candidates in C; the regular expressions then decide on whole class tokens.
    candidates = root.xpath(_CANDIDATES)
    return {el for el in candidates if isinstance(el.tag, str) and _is_item(el)}


def _is_item(el: lxml_html.HtmlElement) -> bool:
    classes = el.get("class") or ""
    if _NOT_COMMENT.search(classes) or el.tag in ("a", "span", "button", "form", "section", "body"):
        return False
    return bool(_ITEM_CLASS.search(classes) or _ITEM_ID.match(el.get("id") or ""))


def _own_text(item: lxml_html.HtmlElement, items: set[lxml_html.HtmlElement]) -> str | None:
    """The comment's words: its paragraphs (or content element), replies and chrome left out."""
    blocks: list[str] = []
    link_chars = 0
    for el in _own_elements(item, items):
        if el.tag == "p" or (
            el.tag == "div" and _CONTENT_CLASS.search(el.get("class") or "") and not _has_blocks(el)
        ):
            text = _text(el, items)
            if text:
                blocks.append(text)
                link_chars += sum(len(_text(a, items)) for a in el.iter("a"))
    text = "\n\n".join(blocks)
    if len(text.split()) < MIN_COMMENT_WORDS or link_chars > MAX_LINK_SHARE * len(text):
        return None
    return text


def _own_elements(item: lxml_html.HtmlElement, items: set[lxml_html.HtmlElement]):
    """``item``'s descendants, not descending into nested comments, chrome or non-text elements."""
    stack = list(reversed(item))
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS or el in items:
            continue
        if _CHROME_CLASS.search(el.get("class") or "") or el.tag in ("header", "footer", "cite"):
            continue
        yield el
        if el.tag != "p":
            stack.extend(reversed(el))


def _has_blocks(el: lxml_html.HtmlElement) -> bool:
    return any(isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in el.iterdescendants())


def _text(el: lxml_html.HtmlElement, items: set[lxml_html.HtmlElement]) -> str:
    parts: list[str] = []

    def walk(node: lxml_html.HtmlElement) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and child.tag not in _SKIP_TAGS and child not in items:
                if child.tag == "br":
                    parts.append("\n")
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _author(item: lxml_html.HtmlElement, items: set[lxml_html.HtmlElement]) -> str | None:
    for el in item.iterdescendants():
        if not isinstance(el.tag, str) or _nested_in_other(el, item, items):
            continue
        if el.tag == "cite" or el.get("itemprop") == "author" or _AUTHOR_CLASS.search(el.get("class") or ""):
            # the name itself: a link or a bold name inside the author box, else the box's text
            name_el = next(
                (
                    found
                    for path in (".//*[@class='fn']", ".//b", ".//strong", ".//a[@href]")
                    if (found := el.find(path)) is not None
                ),
                el,
            )
            name = _SAYS.sub("", " ".join(name_el.text_content().split())).rstrip(":").strip()
            if name and len(name.split()) <= MAX_AUTHOR_WORDS:
                return name
    return None


def _nested_in_other(el: lxml_html.HtmlElement, item: lxml_html.HtmlElement, items: set) -> bool:
    for ancestor in el.iterancestors():
        if ancestor is item:
            return False
        if ancestor in items:
            return True
    return False
