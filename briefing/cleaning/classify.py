"""Classify one input line as chrome (ad, share bar, comment header, ...) or not.

The rules are compiled from :data:`briefing.cleaning.patterns.PATTERNS`: for each kind,
every language's patterns become one alternation matched against the whole stripped
line. Two contexts exist because comment chrome ("Reply", "2 hours ago") only means
chrome inside a comment section, while article chrome (captions, by-lines) only
means chrome in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from briefing.cleaning.patterns import CHROME_SEPARATORS, COMPANY_SUFFIXES, MAX_WORDS, PATTERNS, REASONS

# Decoration that may surround a label: "— Advertisement —", "[Read more]", "Comments:".
_DECOR = r"[\s\-–—*•·|\[\]<>_=~:.!…]*"
# A clock time: "10:14", "10h14", "9.30 pm", "7 pm", "14:05 Uhr".
_TIME = r"(?:\d{1,2}[:h.]\d{2}(?:\s*(?:[ap]\.?\s?m\.?|uhr|h))?|\d{1,2}\s*[ap]\.?\s?m\.?)"
# A capitalised name word for by-lines (case-sensitive even though rules ignore case).
_NAME_WORD = r"(?-i:[A-ZÀ-ÖØ-ÞŁŚŻŹĆŃ][\w'’.-]*)"
_NAME_PARTICLE = r"(?-i:de|da|van|von|der|den|del|la|le|di|du|dos|das|ten|ter|y)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|{_NAME_PARTICLE})){{0,4}}"
_NAME_JOIN = r"(?:,|and|&|et|und|y|e|en|i|und|og)"
_TERMINAL = ".!?…"


@dataclass(frozen=True)
class LineClass:
    """What a line is. ``reason`` is the removed-line reason (None when not cut)."""

    kind: str
    reason: str | None
    title: str | None = None
    author: str | None = None
    count: int | None = None


def classify_article_line(line: str) -> LineClass | None:
    """Classify a line of the article part (before the comment section); None = text."""
    text = line.strip()
    if not text:
        return None
    rules = _rules()
    words = len(text.split())
    for kind in _ARTICLE_ORDER:
        if words > MAX_WORDS.get(_MAX_KEY.get(kind, kind), 60):
            continue
        if rules[kind].match(text):
            return LineClass(kind, REASONS[_REASON_KEY.get(kind, kind)])
    inline = _related_inline(text, words)
    if inline is None and is_navigation_row(text):
        return LineClass("navigation", REASONS["navigation"])
    return inline


def is_navigation_row(line: str) -> bool:
    """A row of three or more short link labels between separators, each at most four words."""
    text = line.strip()
    if not _NAV_ROW.match(text):
        return False
    items = [item.strip() for item in re.split(r"[|·•/›»>]", text) if item.strip()]
    return len(items) >= 3 and all(len(item.split()) <= 4 for item in items)


def footer_anchor(line: str) -> bool:
    """A line that marks the page-end boilerplate zone (see :mod:`briefing.cleaning.structure`)."""
    text = line.strip()
    if not text or len(text.split()) > MAX_WORDS["site_footer"]:
        return False
    rules = _rules()
    if rules["site_footer"].match(text) or rules["footer_links"].match(text):
        return True
    if is_navigation_row(text):
        # "Reply · Like · Report" under the last comment is a row too, but comment chrome.
        return classify_comment_line(text) is None
    if len(text.split()) <= _IMPRINT_MAX_WORDS and _imprint().search(text):
        return True
    return len(text.split()) <= MAX_WORDS["footer_tail"] and bool(rules["footer_tail"].match(text))


# A short imprint line: a publisher's legal form, an e-mail address or a phone number.
_IMPRINT_MAX_WORDS = 12


@cache
def _imprint() -> re.Pattern[str]:
    suffixes = "|".join(re.escape(s) for s in sorted(COMPANY_SUFFIXES, key=len, reverse=True))
    email = r"[\w.+-]+@[\w-]+\.[\w.-]+"
    label = r"(?i:tel|phone|fon|telefon|t[ée]l[ée]phone|tel[ée]fono|telefone|telefoon|телефон|тел)"
    phone = rf"(?:\+\d|{label}\.?\s*:?\s*\+?\d)[\d ()/.-]{{5,}}\d"
    return re.compile(rf"(?<![\w.])(?:{suffixes})(?![\w])|{email}|{phone}")


def classify_comment_line(line: str) -> LineClass | None:
    """Classify a line inside the comment section; None = a comment's own words."""
    text = line.strip()
    if not text:
        return None
    rules = _rules()
    words = len(text.split())
    for kind in _COMMENT_ORDER:
        if words > MAX_WORDS.get(_MAX_KEY.get(kind, kind), 60):
            continue
        if rules[kind].match(text):
            reason = REASONS[_REASON_KEY.get(kind, kind)]
            count = _first_int(text) if kind == "comment_header" else None
            return LineClass(kind, reason, count=count)
    return _comment_meta(text)


def comment_header(line: str) -> LineClass | None:
    """The comment-section header on this line, with its count hint, or None."""
    text = line.strip()
    if not text or len(text.split()) > MAX_WORDS["comment_header"]:
        return None
    if _rules()["comment_header"].match(text):
        return LineClass("comment_header", REASONS["comment_header"], count=_first_int(text))
    return None


def is_timestamp(line: str) -> bool:
    """True when the whole line is a timestamp ("2 hours ago", "12 May 2023 at 10:14")."""
    return bool(_timestamp_only().match(line.strip()))


def looks_like_name(line: str) -> bool:
    """A short line that can be a commenter's name ("Maria K.", "jdoe_42", "@anna")."""
    text = line.strip()
    if not text or len(text) > 40 or len(text.split()) > 4 or not any(c.isalpha() for c in text):
        return False
    if text[-1] in _TERMINAL + ",;:":
        # "Maria K." ends with an initial, which is still a name.
        return bool(re.search(r"(?:^|\s)\w\.$", text))
    return not any(c in text for c in '“”"')


# --- rule compilation ---------------------------------------------------------------------------

_ARTICLE_ORDER = (
    "advertisement",
    "related_header",
    "share_bar",
    "share_words",
    "newsletter",
    "correction_notice",
    "credit",
    "caption",
    "byline",
    "dateline",
    "site_footer",
    "login_prompt",
    "footer_links",
)
_COMMENT_ORDER = (
    "comment_header",
    "spoiler_notice",
    "comment_ui",
    "comment_ui_words",
    "comment_labels",
    "advertisement",
    "share_bar",
    "newsletter",
    "correction_notice",
    "site_footer",
    "login_prompt",
    "footer_links",
)
# Kinds whose reason / word limit is that of another kind.
_REASON_KEY = {
    "share_words": "share_bar",
    "comment_ui_words": "comment_ui",
    "comment_labels": "comment_meta",
    "login_prompt": "comment_ui",
    "footer_links": "site_footer",
}
_MAX_KEY = {"share_words": "share_bar", "comment_ui_words": "comment_ui"}
# A navigation row: at least three short items between separators ("Home | World | Sport").
_NAV_ITEM = r"[^\s|·•/›»>.!?…:;][^|·•/›»>.!?…:;]{0,30}?"
_NAV_ROW = re.compile(rf"^\s*{_NAV_ITEM}(?:\s*[|·•/›»>]\s*{_NAV_ITEM}){{2,}}\s*[|·•/›»>]?\s*$")


def _merged(kind: str) -> list[str]:
    """Every language's entries of ``kind``, deduplicated, longest first (greedy alternation)."""
    seen: dict[str, None] = {}
    for table in PATTERNS.values():
        for entry in table.get(kind, ()):
            seen.setdefault(entry, None)
    return sorted(seen, key=len, reverse=True)


def _alternation(kind: str) -> str:
    return "|".join(f"(?:{p})" for p in _merged(kind))


def _word_alternation(kind: str) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _merged(kind))


def _whole_line(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"^{_DECOR}(?:{pattern}){_DECOR}$", re.IGNORECASE)


def _words_line(kind: str) -> re.Pattern[str]:
    """A line made only of ``kind`` words, separators and counts ("Reply · 3 Likes · Report")."""
    word = rf"(?<!\w)(?:{_word_alternation(kind)})(?!\w)"
    return re.compile(rf"^(?:{CHROME_SEPARATORS}*{word})+{CHROME_SEPARATORS}*$", re.IGNORECASE)


def _date() -> str:
    months = _word_alternation("months")
    joiners = _word_alternation("date_joiners")
    weekday = r"(?:[^\W\d_]{3,12}\.?,?\s+)?"
    core = "|".join(
        (
            rf"\d{{4}}-\d{{2}}-\d{{2}}(?:[ T]{_TIME})?",
            r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}",
            rf"\d{{1,2}}(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?(?:{months})\.?(?:,?\s+(?:de\s+)?\d{{4}})?",
            rf"(?:{months})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?",
            rf"(?:{months})\.?\s+\d{{4}}",
        )
    )
    return rf"{weekday}(?:{core})(?:\s*(?:[|·–—-]|{joiners})?\s*{_TIME})?"


@cache
def _timestamp() -> str:
    ago = _alternation("time_ago").replace("{time}", _TIME)
    edited = r"(?:\s*\((?:edited|modifié|bearbeitet|editado|modificato|bewerkt)\))?"
    return rf"(?:(?:{ago})|(?:{_date()})|{_TIME}){edited}"


@cache
def _timestamp_only() -> re.Pattern[str]:
    return _whole_line(_timestamp())


@cache
def _rules() -> dict[str, re.Pattern[str]]:
    rules = {
        kind: _whole_line(_alternation(kind))
        for kind in (
            "advertisement",
            "related_header",
            "share_bar",
            "newsletter",
            "correction_notice",
            "credit",
            "caption",
            "comment_header",
            "comment_ui",
            "comment_labels",
            "spoiler_notice",
            "site_footer",
            "footer_tail",
            "login_prompt",
        )
    }
    rules["footer_links"] = _words_line("footer_links")
    rules["share_words"] = _words_line("share_words")
    rules["comment_ui_words"] = _words_line("comment_ui_words")
    by = _word_alternation("byline_words")
    tail = rf"(?:\s*(?:,|\||–|—|-|·)\s*[^{_TERMINAL}]{{0,60}}(?<![{_TERMINAL}]))?"
    rules["byline"] = re.compile(
        rf"^{_DECOR}(?:{by})\s+{_NAME}(?:\s*{_NAME_JOIN}\s*{_NAME})*{tail}\s*$", re.IGNORECASE
    )
    dated = _alternation("dateline")
    # "Published on 14 March 2024 | 10:14 GMT", "Updated 2 hours ago", or a bare date line.
    zone = r"(?:\s*[|·,]?\s*(?:GMT|UTC|CET|CEST|BST|EST|EDT|PST|PDT|MEZ|MESZ))?"
    rules["dateline"] = re.compile(
        rf"^{_DECOR}(?:(?:{dated})(?:\s+(?:on|at|le|am|el|il|em|op))?\s*:?\s*(?:{_timestamp()}){zone}"
        rf"|(?:{_date()}){zone}){_DECOR}$",
        re.IGNORECASE,
    )
    inline = _alternation("related_inline")
    rules["related_inline"] = re.compile(
        rf"^{_DECOR}(?:{inline})\s*[:：|–—»>-]+\s*(?P<title>\S.*)$", re.IGNORECASE
    )
    ts = _timestamp()
    sep = r"(?:\s*[·•|—–,-]\s*|\s+(?:on|le|am|el|il|em|op)\s+)"
    rules["author_time"] = re.compile(
        rf"^(?P<author>[^\s·•|—–][^·•|—–]{{0,40}}?){sep}(?:{ts})\s*$", re.IGNORECASE
    )
    wrote = _word_alternation("wrote")
    rules["author_wrote"] = re.compile(rf"^(?P<author>\S.{{0,40}}?)\s+(?:{wrote})\s*:$", re.IGNORECASE)
    posted = _word_alternation("posted_by")
    rules["posted_by"] = re.compile(
        rf"^(?:{posted})\s+(?P<author>[^·•|—–]{{1,40}}?)(?:{sep}(?:{ts}))?\s*$", re.IGNORECASE
    )
    rules["handle"] = re.compile(r"^(?P<author>@[\w.]{2,30})$")
    return rules


def _related_inline(text: str, words: int) -> LineClass | None:
    if words > MAX_WORDS["related_inline"]:
        return None
    match = _rules()["related_inline"].match(text)
    if not match:
        return None
    title = match.group("title").strip()
    if len(title.split()) < 2:
        return None
    return LineClass("related_inline", None, title=title)


def _comment_meta(text: str) -> LineClass | None:
    """Author and/or timestamp lines of a comment."""
    reason = REASONS["comment_meta"]
    if _timestamp_only().match(text):
        return LineClass("comment_meta", reason)
    rules = _rules()
    for key in ("posted_by", "author_time", "author_wrote", "handle"):
        match = rules[key].match(text)
        if match and looks_like_name(match.group("author")):
            return LineClass("comment_meta", reason, author=match.group("author").strip())
    return None


def _first_int(text: str) -> int | None:
    match = re.search(r"\d+", text)
    return int(match.group()) if match else None
