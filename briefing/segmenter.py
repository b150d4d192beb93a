"""The one place that makes pysbd sentence segmenters (cleaning's language split and the model stages).

pysbd has sentence rules for 23 languages (``pysbd.languages.LANGUAGE_CODES``); Portuguese, Ukrainian and
a few others are not among them. Those get the rules of the nearest language pysbd has: its abbreviations
("pág.", "р.", "т. зв.") and punctuation are far closer than English's, whose rules cut such text after
every abbreviation it does not know. Any other language gets English's rules.
"""

from __future__ import annotations

import threading

# Nearest language with pysbd rules, for languages pysbd lacks.
NEAREST_RULES = {"pt": "es", "gl": "es", "ca": "es", "uk": "ru", "be": "ru", "cs": "sk"}

_LOCAL = threading.local()


def rules_language(language: str) -> str:
    """The language whose pysbd rules split ``language``: itself, its nearest supported one, else English."""
    from pysbd.languages import LANGUAGE_CODES

    if language in LANGUAGE_CODES:
        return language
    nearest = NEAREST_RULES.get(language, "en")
    return nearest if nearest in LANGUAGE_CODES else "en"


def segmenter(language: str):  # -> pysbd.Segmenter
    """A pysbd segmenter for ``language``, one per language *and thread*: pysbd keeps the text being split
    on the instance, so a shared one races under Prefect's thread pools."""
    cache = getattr(_LOCAL, "segmenters", None)
    if cache is None:
        cache = _LOCAL.segmenters = {}
    if language not in cache:
        import pysbd

        cache[language] = pysbd.Segmenter(language=rules_language(language), clean=False)
    return cache[language]
