"""Language identification: whole texts, and language runs inside mixed comments.

``detect_language(text, languages)`` gives the most likely ISO 639-1 code among
``languages`` and lingua's confidence for it (0..1).

``split_segments(text, languages)`` cuts a comment into runs of one language:

1. each line is split into sentences with pysbd (sentences never cross a line break,
   so a French closing line stays apart from the English above it);
2. lingua, restricted to ``languages``, gives each sentence a language and confidence;
   a sentence is labelled by its function words, not by one proper noun: when the
   function words (:mod:`briefing.function_words`) clearly lead for another language
   than lingua's, the sentence is scored again with its names masked and that stands if
   it agrees with them; a certain sentence whose certain neighbours agree on another
   language takes theirs when, names masked, lingua agrees with them and its function
   words do not speak for its own label (a proper noun alone never flips a sentence);
3. a sentence that is short (fewer than :data:`MIN_WORDS` words) or uncertain inherits
   a neighbour's language: the nearest certain sentence on the same line, else the
   previous certain sentence, else the next one; when no sentence is certain they all
   keep lingua's best guess. Certain means lingua's top confidence is at least
   :data:`MIN_CONFIDENCE`, or at least :data:`MIN_LEAD_CONFIDENCE` and
   :data:`LEAD_RATIO` times the runner-up's (over ten languages a short, clearly
   English sentence often scores ~0.38 against ~0.16 for the next language);
4. adjacent sentences of one language merge into one :class:`Segment`; its confidence
   is lingua's confidence for that language over the whole segment's text.

Joiner: segments are consecutive slices of ``text``; each keeps the whitespace that
follows it (a space, a newline or a blank line), so
``"".join(s.text for s in segments) == text`` exactly, and the last segment of a
stripped text has no trailing whitespace. Use ``s.text.strip()`` for display.

The lingua detector is built once per language set and cached; :func:`release_models` unloads its
models when a run's cleaning is done (they are the largest memory a run holds apart from the seq2seq
models). Building it loads the models of its languages (``with_preloaded_language_models``), so the
load is one step a run can see and time, apart from detection: measured on this project's machine,
preloading the ten default languages takes as long as lazy loading on first use of Latin-script text
(about 2 s on a 2-core box; lazy loading skips ru and uk without Cyrillic text, but the Latin
languages are most of it), while detecting a sentence takes a fraction of a millisecond. lingua loads
while holding the GIL, so loading in a background thread would not overlap with the run's other work.
lingua keeps loaded models for the process; after :func:`release_models` it loads what a later text
needs lazily again.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefing.function_words import function_word_language, mask_names
from briefing.memory import return_freed_memory
from briefing.records import Segment
from briefing.segmenter import segmenter as sentence_segmenter

MIN_WORDS = 3
MIN_CONFIDENCE = 0.5
MIN_LEAD_CONFIDENCE = 0.3
LEAD_RATIO = 2.0
# Long texts are identified from their start: a few thousand characters decide it.
MAX_DETECT_CHARS = 5000

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    line: int
    language: str
    confidence: float
    scores: dict[str, float]
    certain: bool


def normalize_languages(languages: Iterable[str]) -> tuple[str, ...]:
    """Lower-case, deduplicated ISO 639-1 codes; ValueError for unknown or empty sets."""
    from lingua import IsoCode639_1

    codes: list[str] = []
    for raw in languages:
        code = raw.strip().lower()
        if not code:
            continue
        if not hasattr(IsoCode639_1, code.upper()) or len(code) != 2:
            raise ValueError(f"unknown language code: {raw!r}")
        if code not in codes:
            codes.append(code)
    if not codes:
        raise ValueError("no languages to detect")
    return tuple(codes)


def detect_language(text: str, languages: Sequence[str]) -> tuple[str, float]:
    """The most likely language of ``text`` among ``languages`` and its confidence.

    A text with nothing to go on (no letters) gives the first language of the set with
    confidence 0.0, so callers can flag it.
    """
    codes = normalize_languages(languages)
    scores = _scores(text[:MAX_DETECT_CHARS], codes)
    return _best(scores, codes)


def split_segments(text: str, languages: Sequence[str]) -> tuple[Segment, ...]:
    """``text`` as runs of one language each (see the module docstring for the rules)."""
    codes = normalize_languages(languages)
    if not text.strip():
        return ()
    sentences = _inherit(_follow_neighbours(text, _detect_sentences(text, codes), codes))
    return _merge(text, sentences, codes)


# --- sentences ----------------------------------------------------------------------------------


def _detect_sentences(text: str, codes: tuple[str, ...]) -> list[_Sentence]:
    splitter_language = _best(_scores(text[:MAX_DETECT_CHARS], codes), codes)[0]
    out: list[_Sentence] = []
    for line_index, spans in _sentence_spans(text, splitter_language):
        for s_start, s_end in spans:
            sentence = text[s_start:s_end]
            scores = _sentence_scores(sentence, codes)
            language, confidence = _best(scores, codes)
            certain = len(_WORD.findall(sentence)) >= MIN_WORDS and (
                _clear_winner(scores) or function_word_language(sentence, codes) == language
            )
            out.append(_Sentence(s_start, s_end, line_index, language, confidence, scores, certain))
    return out


def _sentence_scores(sentence: str, codes: tuple[str, ...]) -> dict[str, float]:
    """lingua's scores for a sentence, unless its function words say another language.

    A proper noun ("Hauptbahnhof", "Estação de São Bento") can pull lingua to the language
    of the place it names. When the function words clearly lead for another language, the
    sentence is scored again with its capitalised non-initial words (names) masked; if
    that agrees with the function words, those scores stand.
    """
    scores = _scores(sentence, codes)
    voted = function_word_language(sentence, codes)
    if voted is None or voted == _best(scores, codes)[0]:
        return scores
    masked = mask_names(sentence)
    if len(_WORD.findall(masked)) < MIN_WORDS:
        return scores
    masked_scores = _scores(masked, codes)
    return masked_scores if _best(masked_scores, codes)[0] == voted else scores


def _sentence_spans(text: str, language: str) -> list[tuple[int, list[tuple[int, int]]]]:
    """Per non-blank line: (line index, [(start, end) of each stripped sentence])."""
    segmenter = sentence_segmenter(language)
    lines: list[tuple[int, list[tuple[int, int]]]] = []
    offset = 0
    for index, line in enumerate(text.split("\n")):
        if line.strip():
            lines.append((index, _locate(line, offset, segmenter.segment(line))))
        offset += len(line) + 1
    return lines


def _locate(line: str, offset: int, pieces: Iterable[str]) -> list[tuple[int, int]]:
    """Find pysbd's sentences in ``line``; whatever it dropped or changed joins a neighbour."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        found = line.find(piece, cursor)
        if found < 0:
            continue
        spans.append((found, found + len(piece)))
        cursor = found + len(piece)
    stripped_start = len(line) - len(line.lstrip())
    stripped_end = len(line.rstrip())
    if not spans:
        return [(offset + stripped_start, offset + stripped_end)]
    # Cover the whole line: text pysbd skipped belongs to the sentence before it.
    spans[0] = (stripped_start, spans[0][1])
    spans[-1] = (spans[-1][0], stripped_end)
    return [(offset + s, offset + e) for s, e in spans]


def _clear_winner(scores: dict[str, float]) -> bool:
    ranked = sorted(scores.values(), reverse=True) + [0.0, 0.0]
    top, second = ranked[0], ranked[1]
    return top >= MIN_CONFIDENCE or (top >= MIN_LEAD_CONFIDENCE and top >= LEAD_RATIO * second)


def _follow_neighbours(text: str, sentences: list[_Sentence], codes: tuple[str, ...]) -> list[_Sentence]:
    """A certain sentence whose neighbours agree on another language takes theirs when it
    only differs by its names: without its capitalised words lingua agrees with the
    neighbours, and its function words do not speak for its own label ("Loved the Mercado
    de San Miguel!" between English sentences is English)."""
    out = list(sentences)
    for i, sentence in enumerate(sentences):
        if not sentence.certain:
            continue
        near = [s for s in (_nearest(sentences, i, -1), _nearest(sentences, i, 1)) if s is not None]
        languages = {s.language for s in near}
        if len(languages) != 1 or sentence.language in languages:
            continue
        (neighbour,) = languages
        body = text[sentence.start : sentence.end]
        if function_word_language(body, codes) == sentence.language:
            continue
        masked = mask_names(body, keep_first=False)
        scores = _scores(masked, codes)
        if len(_WORD.findall(masked)) >= 2 and _best(scores, codes)[0] == neighbour:
            out[i] = _Sentence(
                sentence.start, sentence.end, sentence.line, neighbour, scores[neighbour], scores, True
            )
    return out


def _nearest(sentences: list[_Sentence], i: int, step: int) -> _Sentence | None:
    j = i + step
    while 0 <= j < len(sentences):
        if sentences[j].certain:
            return sentences[j]
        j += step
    return None


def _inherit(sentences: list[_Sentence]) -> list[_Sentence]:
    if not any(s.certain for s in sentences):
        return sentences
    out: list[_Sentence] = []
    for i, sentence in enumerate(sentences):
        if sentence.certain:
            out.append(sentence)
            continue
        donor = _donor(sentences, i)
        language = donor.language
        out.append(
            _Sentence(
                sentence.start,
                sentence.end,
                sentence.line,
                language,
                sentence.scores.get(language, 0.0),
                sentence.scores,
                False,
            )
        )
    return out


def _donor(sentences: list[_Sentence], i: int) -> _Sentence:
    line = sentences[i].line
    before = [s for s in reversed(sentences[:i]) if s.certain]
    after = [s for s in sentences[i + 1 :] if s.certain]
    same_line = [s for s in (before[:1] + after[:1]) if s.line == line]
    if same_line:
        return same_line[0]
    return before[0] if before else after[0]


def _merge(text: str, sentences: list[_Sentence], codes: tuple[str, ...]) -> tuple[Segment, ...]:
    runs: list[list[_Sentence]] = []
    for sentence in sentences:
        if runs and runs[-1][-1].language == sentence.language:
            runs[-1].append(sentence)
        else:
            runs.append([sentence])
    segments: list[Segment] = []
    for k, run in enumerate(runs):
        start = 0 if k == 0 else run[0].start
        end = runs[k + 1][0].start if k + 1 < len(runs) else len(text)
        language = run[0].language
        confidence = _scores(text[start:end][:MAX_DETECT_CHARS], codes).get(language, 0.0)
        segments.append(
            Segment(text=text[start:end], language=language, confidence=round(min(1.0, confidence), 4))
        )
    return tuple(segments)


# --- lingua / pysbd -----------------------------------------------------------------------------


def _scores(text: str, codes: tuple[str, ...]) -> dict[str, float]:
    detector = _detector(codes)
    scores = {
        value.language.iso_code_639_1.name.lower(): float(value.value)
        for value in detector.compute_language_confidence_values(text)
    }
    return {code: score for code, score in scores.items() if code in codes}


def _best(scores: dict[str, float], codes: tuple[str, ...]) -> tuple[str, float]:
    if not scores or max(scores.values()) <= 0.0:
        return codes[0], 0.0
    language = max(scores, key=lambda code: scores[code])
    return language, round(min(1.0, max(0.0, scores[language])), 4)


def _detector(codes: tuple[str, ...]):  # -> lingua.LanguageDetector
    with _DETECTORS_LOCK:
        if codes not in _DETECTORS:
            _DETECTORS[codes] = _build_detector(codes)
        return _DETECTORS[codes]


def _build_detector(codes: tuple[str, ...]):  # -> lingua.LanguageDetector
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    isos = [getattr(IsoCode639_1, code.upper()) for code in sorted(codes)]
    if len(isos) == 1:
        # lingua needs two languages; a one-language set can only ever answer that language.
        isos.append(IsoCode639_1.EN if isos[0] != IsoCode639_1.EN else IsoCode639_1.FR)
    return LanguageDetectorBuilder.from_iso_codes_639_1(*isos).with_preloaded_language_models().build()


_DETECTORS: dict[tuple[str, ...], object] = {}
_DETECTORS_LOCK = threading.Lock()


def release_models() -> int:
    """Unload lingua's language models once a run's cleaning is done; returns the detectors released.

    lingua's high-accuracy models of the ten default languages hold ~200 MB for the rest of the process
    (measured: RSS 239 MB after cleaning the examples and seeds, 37 MB after this), and only cleaning
    uses them, while a run's peak memory comes later, while the models generate. Detection still works
    afterwards: lingua loads again, lazily, what the next texts need (a second run that cleans pays that
    load again; one whose clean results are all reused loads nothing). The low-accuracy mode would save
    as much memory but changes comment segments on our own test articles, so it is not used.
    """
    with _DETECTORS_LOCK:
        detectors = list(_DETECTORS.values())
        for detector in detectors:
            detector.unload_language_models()  # type: ignore[attr-defined]
    if detectors:
        return_freed_memory()  # lingua frees many small blocks; a third would stay resident
    return len(detectors)
