"""Function words per detection language (data for :mod:`briefing.langid`), and the two
readings langid makes of them: which language they speak for, and a sentence without names.

Short, frequent words that carry a sentence's grammar: articles, pronouns, prepositions,
conjunctions, auxiliaries. A proper noun says where a sentence is about, these words say
which language it is written in. Words shared by several languages ("de", "la", "in") are
listed under each of them; only a clear lead over the runner-up counts. Entries are
lower case except the English "I", which is matched in its own case only (a lower-case
"i" is the Polish, Ukrainian and Italian conjunction or article).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

# Function-word evidence counts only with at least this many hits and this lead over the
# runner-up (shared words such as "de" or "la" count for every language that has them).
MIN_FUNCTION_WORDS = 2
FUNCTION_WORD_MARGIN = 1
_WORD = re.compile(r"\w+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FUNCTION_WORDS: Final[dict[str, frozenset[str]]] = {
    "en": _words(
        "the and of to is was were are with we you they he she it this that at on in for from have has had"
        " not but then would could there their our my his her been will which what about very just after"
        " before when because into than them us by so if or an as be did can me your out up near I"
    ),
    "fr": _words(
        "le la les des du un une et est sont était nous vous ils elle elles je que qui pas avec pour dans"
        " sur mais ce cette ces au aux très aussi leur mon ma mes être avait ont ni où on"
    ),
    "de": _words(
        "der die das und ist nicht ein eine einen dem den des mit auf für wir ich sie es auch aber noch"
        " war sind haben hat wird wurde zu im vom zum nach dass sehr schon doch bei aus wie"
    ),
    "es": _words(
        "el la los las y es son está un una que de del en con por para pero muy también yo su sus lo al"
        " como fue hay este esta nos mi"
    ),
    "it": _words(
        "il lo la gli le e è di del della che un una per con non ma sono siamo anche molto questo questa"
        " nel nella ho ha hanno al alla mi ci"
    ),
    "pt": _words(
        "o a os as e é de do da dos das que um uma em no na com por para não mas muito também foi são"
        " está eu nós ao se"
    ),
    "nl": _words(
        "de het een en is van in op met niet maar ook wij we ik zij ze dat die voor naar heb heeft hebben"
        " was zijn er nog al bij"
    ),
    "pl": _words(
        "i w z na się nie jest to że do od jak ale czy już tak był była są dla po przez bardzo mój jego"
        " jej oraz"
    ),
    "ru": _words(
        "и в не на что я с он она мы они это как но по из у к за уже было был была очень тоже если когда"
        " ещё его"
    ),
    "uk": _words(
        "і й в у не на що я з він вона ми вони це як але по із до за вже було був була дуже теж також"
        " якщо коли ще його"
    ),
}


def function_word_language(text: str, codes: Sequence[str]) -> str | None:
    """The language whose function words clearly lead in ``text``, or None."""
    tokens = [
        token if len(token) == 1 and token.isupper() else token.lower() for token in _WORD.findall(text)
    ]
    votes = {code: sum(token in FUNCTION_WORDS.get(code, ()) for token in tokens) for code in codes}
    ranked = sorted(votes.items(), key=lambda item: -item[1]) + [("", 0)]
    (top, hits), (_, runner_up) = ranked[0], ranked[1]
    if hits >= MIN_FUNCTION_WORDS and hits - runner_up >= FUNCTION_WORD_MARGIN:
        return top
    return None


def mask_names(sentence: str, keep_first: bool = True) -> str:
    """``sentence`` without its capitalised words (the names in it), but for its first word
    unless ``keep_first`` is False (a sentence may open with a name)."""
    words = sentence.split()
    head = words[:1] if keep_first else []
    rest = words[1:] if keep_first else words
    kept = head + [w for w in rest if not w.lstrip("\"'‘“«(").strip()[:1].isupper()]
    return " ".join(kept)
