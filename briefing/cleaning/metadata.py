"""The article's by-line and publication date, kept as metadata after the cleaner cut their lines.

The cleaner removes "By Jane Doe" and "Published 14 March 2024" lines from the body (reasons ``byline``
and ``dateline`` in the removed log); this module reads them back from that log, so the digest carries
``byline`` and ``published`` while the body stays exactly as the cleaner left it. Only the article part
is read: comment-section lines have other reasons.

Dates are parsed by ``dateparser`` in the detection languages. A relative date ("2 hours ago") or one
without a year says nothing about the article's own day without knowing when the page was saved, so it is
dropped rather than guessed: a text is parsed against two different reference moments, and a date that
moves with them is relative. A date without a time zone is kept as a date only (the schema wants an
offset on a date-time).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from functools import cache, lru_cache

from briefing.cleaning.patterns import PATTERNS
from briefing.records import Digest, Removed

BYLINE_REASON = "byline"
DATELINE_REASON = "dateline"
# Two reference moments far apart: a parsed date that differs between them depends on the reference.
_BASES = (datetime(2001, 2, 3, 4, 5, 6), datetime(2011, 8, 9, 10, 11, 12))
_DECOR = r"[\s\-–—*•·|\[\]<>_=~:.!…]*"
# What follows the name(s) on a by-line and is not a name: "| Reuters", "· 4 min read".
_BYLINE_TAIL = re.compile(r"\s*(?:\||·|•|—|–|\s-\s).*$")


def _entries(kind: str) -> list[str]:
    seen: dict[str, None] = {}
    for table in PATTERNS.values():
        for entry in table.get(kind, ()):
            seen.setdefault(entry, None)
    return sorted(seen, key=len, reverse=True)


@cache
def _byline_word() -> re.Pattern[str]:
    words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _entries("byline_words"))
    return re.compile(rf"^{_DECOR}(?:{words})\s+", re.IGNORECASE)


@cache
def _dateline_words() -> re.Pattern[str]:
    words = "|".join(f"(?:{p})" for p in _entries("dateline"))
    return re.compile(rf"^{_DECOR}(?:{words})(?:\s+(?:on|at|le|am|el|il|em|op))?\s*:?\s*", re.IGNORECASE)


def byline_from(line: str) -> str | None:
    """``"By Jane Doe | Reuters"`` -> ``"Jane Doe"``: the name(s) without the by-word and the tail."""
    names = _BYLINE_TAIL.sub("", _byline_word().sub("", line.strip(), count=1)).strip(" ,;:")
    return " ".join(names.split()) or None


def published_from(line: str, languages: tuple[str, ...], preferred: str | None = None) -> str | None:
    """ISO 8601 date (or date-time with offset) of a dateline; None for relative or unreadable ones.

    ``preferred`` (the article's language) is tried alone first, then every one of ``languages``: a French
    page's "03/04/2023" is 3 April, where English, first of the list, reads 4 March.
    """
    text = _dateline_words().sub("", line.strip(), count=1).strip(" |·,")
    if not text:
        return None
    if preferred in languages and len(languages) > 1:
        found = _parsed_date(text, (preferred,))
        if found is not None:
            return found
    return _parsed_date(text, tuple(languages))


# dateparser takes tens of milliseconds a call (two calls a dateline), and a run's articles often share a
# dateline's text; the answer depends on the text and languages only (both relative bases are fixed).
@lru_cache(maxsize=1024)
def _parsed_date(text: str, languages: tuple[str, ...]) -> str | None:
    import dateparser

    known = [lang for lang in languages if re.fullmatch(r"[a-z]{2}", lang)] or None
    parsed = [
        dateparser.parse(text, languages=known, settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
        for base in _BASES
    ]
    first, second = parsed
    if first is None or first != second:
        return None
    if first.tzinfo is not None and first.utcoffset() is not None:
        return first.isoformat()
    return first.date().isoformat()


def first_removed(removed: tuple[Removed, ...], reason: str) -> str | None:
    return next((r.text for r in removed if r.reason == reason), None)


def with_article_metadata(digest: Digest, languages: tuple[str, ...]) -> Digest:
    """``digest`` with ``byline`` and ``published`` read from its removed by-line and dateline (when the
    digest does not carry them already, e.g. from a feed)."""
    byline = digest.byline
    if byline is None and (line := first_removed(digest.removed, BYLINE_REASON)):
        byline = byline_from(line)
    published = digest.published
    if published is None:
        for removed in digest.removed:
            if removed.reason != DATELINE_REASON:
                continue
            if published := published_from(removed.text, languages, digest.language):
                break
    if (byline, published) == (digest.byline, digest.published):
        return digest
    return replace(digest, byline=byline, published=published)
