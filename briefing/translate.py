"""Machine translation: routing (direct, English pivot, none), sentence batching, digests.

``translate_texts`` splits every text into sentences, sends all sentences that go
through one model to it in a few length-sorted ``generate`` batches, and puts
each text back together in order. A pair without a model goes through English
when both legs exist (fr→en→de, recorded as ``"A -> B"``); otherwise the text is
left untranslated and a ``translation-unavailable`` flag names the pair and why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from briefing.errors import ModelUnavailable
from briefing.models.batching import GenerationParams, generate_ids
from briefing.models.cache import load_seq2seq, resolve_cached
from briefing.models.engine import Seq2SeqModel
from briefing.models.text import split_sentences, split_to_fit
from briefing.records import Digest, Flag, Translation
from briefing.settings import Settings

PIVOT_LANGUAGE = "en"
# A sentence's translation may be at most this many times its input tokens (+ a little slack).
TRANSLATION_LENGTH_RATIO = 2.0


@dataclass(frozen=True)
class TranslationRequest:
    src: str
    tgt: str
    text: str


@dataclass(frozen=True)
class TranslationOutcome:
    """``text``/``model`` are None when no translation could be made (``flags`` say why)."""

    text: str | None
    model: str | None
    flags: tuple[Flag, ...] = ()


@dataclass(frozen=True)
class Route:
    """How ``src`` reaches ``tgt``: ``models`` are the legs in order (empty: no route)."""

    src: str
    tgt: str
    models: tuple[str, ...]
    reason: str = ""

    @property
    def label(self) -> str:
        return " -> ".join(self.models)

    @property
    def pair(self) -> str:
        return f"{self.src}-{self.tgt}"


def plan_route(src: str, tgt: str, settings: Settings, available: Callable[[str], str | None]) -> Route:
    """Direct model when it resolves, else the English pivot when both legs do, else no route.

    ``available(model_id)`` returns None when the model can be had, else the reason it cannot.
    """
    direct = settings.translation_model_id(src, tgt)
    why_not_direct = available(direct)
    if why_not_direct is None:
        return Route(src, tgt, (direct,))
    reasons = [f"{direct}: {why_not_direct}"]
    if PIVOT_LANGUAGE not in (src, tgt):
        legs = (
            settings.translation_model_id(src, PIVOT_LANGUAGE),
            settings.translation_model_id(PIVOT_LANGUAGE, tgt),
        )
        missing = [(leg, available(leg)) for leg in legs]
        missing = [(leg, why) for leg, why in missing if why is not None]
        if not missing:
            return Route(src, tgt, legs)
        reasons.append(
            f"no pivot via {PIVOT_LANGUAGE}: " + "; ".join(f"{leg}: {why}" for leg, why in missing)
        )
    return Route(src, tgt, (), "; ".join(reasons))


def _resolvable(settings: Settings) -> Callable[[str], str | None]:
    def check(model_id: str) -> str | None:
        try:
            resolve_cached(model_id, settings)
        except ModelUnavailable as err:
            return err.reason
        return None

    return check


def unavailable_flag(src: str, tgt: str, reason: str) -> Flag:
    return Flag("translation-unavailable", f"{src}→{tgt}: {reason}")


def translate_texts(
    requests: Sequence[TranslationRequest],
    settings: Settings,
    *,
    loader: Callable[[str, Settings], Seq2SeqModel] = load_seq2seq,
    available: Callable[[str], str | None] | None = None,
) -> list[TranslationOutcome]:
    """One outcome per request, in order. ``loader``/``available`` are seams for tests."""
    available = available or _resolvable(settings)
    routes: dict[tuple[str, str], Route] = {}
    for req in requests:
        if req.src != req.tgt and (req.src, req.tgt) not in routes:
            routes[(req.src, req.tgt)] = plan_route(req.src, req.tgt, settings, available)

    # Each request becomes sentence units; a unit walks its route's legs one round at a time,
    # and every round sends all units that share a model to it together.
    units: list[_Unit] = []
    for index, req in enumerate(requests):
        route = routes.get((req.src, req.tgt))
        if route is None or not route.models or not req.text.strip():
            continue
        for sentence in split_sentences(req.text, req.src):
            units.append(_Unit(index, route, sentence))

    failures: dict[int, str] = {}
    for leg in range(2):
        by_model: dict[str, list[_Unit]] = {}
        for unit in units:
            if unit.request not in failures and leg < len(unit.route.models):
                by_model.setdefault(unit.route.models[leg], []).append(unit)
        for model_id, group in by_model.items():
            language = group[0].route.src if leg == 0 else PIVOT_LANGUAGE
            try:
                model = loader(model_id, settings)
                texts = _translate_sentences(model, [u.text for u in group], language, settings)
            except ModelUnavailable as err:
                _fail(group, failures, f"{model_id}: {err.reason}")
                continue
            except Exception as err:  # a generate failure must not take the other articles down
                _fail(group, failures, f"{model_id}: generation failed: {_one_line(err)}")
                continue
            for unit, text in zip(group, texts, strict=True):
                unit.text = text

    by_request: dict[int, list[_Unit]] = {}
    for unit in units:
        by_request.setdefault(unit.request, []).append(unit)
    return [
        _outcome(req, routes.get((req.src, req.tgt)), by_request.get(i, []), failures.get(i))
        for i, req in enumerate(requests)
    ]


def _fail(group: list[_Unit], failures: dict[int, str], reason: str) -> None:
    for unit in group:
        failures.setdefault(unit.request, reason)


def _one_line(err: BaseException) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    return text[:200]


@dataclass
class _Unit:
    request: int
    route: Route
    text: str


def _outcome(
    req: TranslationRequest, route: Route | None, units: list[_Unit], failure: str | None
) -> TranslationOutcome:
    if route is None:  # same language: nothing to do
        return TranslationOutcome(req.text, None)
    if not route.models:
        return TranslationOutcome(None, None, (unavailable_flag(req.src, req.tgt, route.reason),))
    if failure is not None:
        return TranslationOutcome(None, None, (unavailable_flag(req.src, req.tgt, failure),))
    text = " ".join(u.text for u in units if u.text)
    flags: tuple[Flag, ...] = ()
    if len(route.models) > 1:
        flags = (Flag("translation-pivot", f"{req.src}→{req.tgt} via {PIVOT_LANGUAGE}: {route.label}"),)
    return TranslationOutcome(text, route.label, flags)


def _translate_sentences(
    model: Seq2SeqModel, sentences: Sequence[str], language: str, settings: Settings
) -> list[str]:
    """Translate sentences with one model in length-sorted batches; over-long ones go in pieces."""
    specials = len(model.tokenize([""])[0])
    budget = max(1, model.max_input_tokens - specials)
    ids = model.tokenize(list(sentences))
    # Sentences over the encoder limit are cut between words and their pieces translated in turn.
    owners: list[int] = []
    inputs: list[list[int]] = []
    for owner, (sentence, sentence_ids) in enumerate(zip(sentences, ids, strict=True)):
        if len(sentence_ids) <= model.max_input_tokens:
            owners.append(owner)
            inputs.append(sentence_ids)
            continue

        def count(text: str) -> int:
            return len(model.tokenize([text])[0]) - specials

        pieces = split_to_fit(sentence, budget, count, language)
        owners.extend([owner] * len(pieces))
        inputs.extend(model.tokenize([p.text for p in pieces]))
    params = GenerationParams(
        max_new_tokens=settings.translation_max_tokens,
        num_beams=settings.translation_num_beams,
        length_ratio=TRANSLATION_LENGTH_RATIO,
    )
    outputs = generate_ids(model, inputs, params, settings.batch_size)
    joined: list[list[str]] = [[] for _ in sentences]
    for owner, out in zip(owners, outputs, strict=True):
        joined[owner].append(model.detokenize(out))
    return [" ".join(t for t in parts if t) for parts in joined]


# --- digests --------------------------------------------------------------------------------------


def summary_targets(digest: Digest, settings: Settings) -> list[str]:
    """Languages the summary is translated into: the briefing language (when the summary is in
    another one) and each target language, never the summary's own."""
    if digest.summary is None:
        return []
    wanted = [settings.briefing_language, *settings.target_languages]
    return [lang for lang in dict.fromkeys(wanted) if lang != digest.summary.language]


def translate_digests(digests: Sequence[Digest], settings: Settings) -> list[Digest]:
    """Summaries into the target languages, foreign comment segments into the briefing language.

    Every text of every digest goes into one ``translate_texts`` call, so each model sees all
    its sentences of the run together. English (briefing-language) segments keep ``None``.
    """
    requests: list[TranslationRequest] = []
    summary_slots: list[list[tuple[str, int]]] = []
    segment_slots: list[dict[tuple[int, int], int]] = []
    home = settings.briefing_language
    for digest in digests:
        slots = []
        for lang in summary_targets(digest, settings):
            assert digest.summary is not None
            slots.append((lang, len(requests)))
            requests.append(TranslationRequest(digest.summary.language, lang, digest.summary.text))
        summary_slots.append(slots)
        seg_slots = {}
        for ci, comment in enumerate(digest.comments):
            for si, segment in enumerate(comment.segments):
                # Segments in a language the reader reads are shown as written.
                readable = segment.language == home or segment.language in settings.reader_languages
                if not readable and segment.text.strip():
                    seg_slots[(ci, si)] = len(requests)
                    requests.append(TranslationRequest(segment.language, home, segment.text))
        segment_slots.append(seg_slots)

    outcomes = translate_texts(requests, settings) if requests else []
    return [
        _apply(digest, summary_slots[i], segment_slots[i], outcomes, home) for i, digest in enumerate(digests)
    ]


def _apply(
    digest: Digest,
    summary_slots: list[tuple[str, int]],
    segment_slots: dict[tuple[int, int], int],
    outcomes: list[TranslationOutcome],
    home: str,
) -> Digest:
    flags: list[Flag] = []
    models = dict(digest.models)
    translations = None
    if digest.summary is not None:
        translations = []
        for lang, slot in summary_slots:
            outcome = outcomes[slot]
            flags.extend(outcome.flags)
            if outcome.text is not None and outcome.model is not None:
                translations.append(Translation(lang, outcome.text, outcome.model))
                models[f"translation:{digest.summary.language}-{lang}"] = outcome.model
        translations = tuple(translations)
    comments = []
    for ci, comment in enumerate(digest.comments):
        segments = []
        for si, segment in enumerate(comment.segments):
            slot = segment_slots.get((ci, si))
            if slot is None:
                segments.append(segment)
                continue
            outcome = outcomes[slot]
            flags.extend(outcome.flags)
            translation = None
            if outcome.text is not None and outcome.model is not None:
                translation = Translation(home, outcome.text, outcome.model)
                models[f"translation:{segment.language}-{home}"] = outcome.model
            segments.append(replace(segment, translation=translation))
        comments.append(replace(comment, segments=tuple(segments)) if segments else comment)
    updated = replace(digest, translations=translations, comments=tuple(comments), models=models)
    return updated.with_flags(*flags)
