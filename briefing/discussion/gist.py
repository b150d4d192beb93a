"""The one-line gist of a discussion: extractive, from the representatives' briefing-language text (pure).

Each of the first representatives (at most ``GIST_PARTS``) gives its first sentence that says something
(``MIN_SENTENCE_WORDS`` words or more; "Finally!" does not), cut at ``MAX_PART_WORDS`` words. The parts
are joined on one line. Representatives Briefing holds no briefing-language text for (a comment in a
language the reader reads, shown as written) are passed over; with none left there is no gist.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing.models.text import split_sentences

GIST_PARTS = 2
MIN_SENTENCE_WORDS = 4
MAX_PART_WORDS = 30
SEPARATOR = " · "


def telling_sentence(text: str, language: str) -> str:
    """The first sentence of ``text`` with at least ``MIN_SENTENCE_WORDS`` words (else the first)."""
    sentences = split_sentences(text, language) or [text.strip()]
    chosen = next((s for s in sentences if len(s.split()) >= MIN_SENTENCE_WORDS), sentences[0])
    words = chosen.split()
    return " ".join(words[:MAX_PART_WORDS]) + ("…" if len(words) > MAX_PART_WORDS else "")


def extractive_gist(texts: Sequence[str], language: str) -> str | None:
    """One line from the representatives' texts, most representative first; None without any text."""
    parts: list[str] = []
    for text in texts:
        if not text.strip():
            continue
        part = telling_sentence(text, language)
        if part and part not in parts:
            parts.append(part)
        if len(parts) == GIST_PARTS:
            break
    return SEPARATOR.join(parts) if parts else None
