"""What a reader wants in an edition: muted and boosted keywords per language, and a cap on its stories.

Keywords match whole words of an article's title and body, in the article's detected language (key ``*``:
every language). Text and keywords are NFKC-normalised and case-folded (``Straße`` matches ``STRASSE``,
``Выборы`` matches ``выборы``), and a word boundary is any character that is not a letter, digit or
underscore in Unicode, so the same rule holds for Latin, Cyrillic, Greek or Arabic script. A keyword ending in
``*`` matches words starting with it (``wahl*``: ``Wahlen``; for compounds, ``*wahl``-style infixes are not
offered). A muted article is left out of the edition, its email and the feeds.

With ``edition_max_stories`` set, the edition keeps its best stories: most outlets first, then most boosted
keywords, then the newest; the others are listed as headlines under "More".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from briefing.editions.stories import Story, digest_stamp
from briefing.records import Digest

ANY_LANGUAGE = "*"


@dataclass(frozen=True)
class Topics:
    mute: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # language -> keywords
    boost: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    max_stories: int = 0  # 0: no cap


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


@cache
def keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for whole-word matches of any of ``keywords`` (folded), or None for none."""
    alternatives = []
    for keyword in keywords:
        word = fold(keyword).strip()
        prefix = word.endswith("*")
        word = " ".join(word.rstrip("*").split())
        if not word:
            continue
        body = r"\s+".join(re.escape(w) for w in word.split(" "))
        alternatives.append(body + (r"\w*" if prefix else "") + r"(?!\w)")
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")")


def keywords_for(table: Mapping[str, tuple[str, ...]], language: str | None) -> tuple[str, ...]:
    return tuple(table.get(ANY_LANGUAGE, ())) + tuple(table.get(language or "", ()))


def matched(digest: Digest, keywords: tuple[str, ...]) -> list[str]:
    """The distinct folded keyword matches in the digest's title and body."""
    pattern = keyword_pattern(keywords)
    if pattern is None:
        return []
    text = fold(" ".join([digest.title or "", *digest.body]))
    return sorted({" ".join(m.group(0).split()) for m in pattern.finditer(text)})


def is_muted(digest: Digest, topics: Topics) -> bool:
    return bool(matched(digest, keywords_for(topics.mute, digest.language)))


def without_muted(digests: Sequence[Digest], topics: Topics) -> tuple[list[Digest], list[Digest]]:
    """(kept, muted), order kept."""
    kept: list[Digest] = []
    muted: list[Digest] = []
    for digest in digests:
        (muted if is_muted(digest, topics) else kept).append(digest)
    return kept, muted


def story_rank(story: Story, topics: Topics) -> tuple[int, int, float]:
    """Bigger is better: (outlets, boosted keywords matched, newest timestamp)."""
    outlets = {(d.source.site or d.source.url or d.source.path).casefold() for d in story.digests}
    boosts = {w for d in story.digests for w in matched(d, keywords_for(topics.boost, d.language))}
    stamps = [s for s in (digest_stamp(d) for d in story.digests) if s is not None]
    return (len(outlets), len(boosts), max(stamps, default=float("-inf")))


def bounded(stories: Sequence[Story], topics: Topics) -> tuple[list[Story], list[Story]]:
    """(kept, more): the ``max_stories`` best stories in their given order, and the rest, best first."""
    if topics.max_stories <= 0 or len(stories) <= topics.max_stories:
        return list(stories), []
    ranked = sorted(range(len(stories)), key=lambda i: story_rank(stories[i], topics), reverse=True)
    best = set(ranked[: topics.max_stories])
    kept = [s for i, s in enumerate(stories) if i in best]
    more = [stories[i] for i in ranked[topics.max_stories :]]
    return kept, more


def section_rule_matches(digest: Digest, rule: str) -> bool:
    """``source:TEXT`` (in the outlet's name, the article or feed URL, case-insensitive), ``keyword:WORD``
    or a bare word (a keyword, as for muting)."""
    kind, _, value = rule.partition(":")
    if kind == "source" and value:
        where = " ".join(x for x in (digest.source.site, digest.source.url, digest.source.feed) if x)
        return fold(value.strip()) in fold(where)
    word = value if kind == "keyword" else rule
    return bool(matched(digest, (word,)))


def sections_of(
    stories: Sequence[Story], sections: Mapping[str, tuple[str, ...]]
) -> list[tuple[str, list[Story]]]:
    """Stories grouped under the first section (in the settings' order) one of their articles matches; the
    others under "Other stories". Order inside a section is kept. No sections: one unnamed group."""
    if not sections:
        return [("", list(stories))]
    groups: dict[str, list[Story]] = {name: [] for name in sections}
    other: list[Story] = []
    for story in stories:
        name = next(
            (
                n
                for n, rules in sections.items()
                if any(section_rule_matches(d, r) for d in story.digests for r in rules)
            ),
            None,
        )
        (groups[name] if name is not None else other).append(story)
    out = [(name, found) for name, found in groups.items() if found]
    return out + ([("Other stories", other)] if other else [])
