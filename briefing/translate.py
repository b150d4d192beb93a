"""Machine translation: manifest routes (direct, English pivot, none), sentence units, digests.

``translate_texts`` cuts every text into units (sentences; a sentence too long for a unit at clauses,
then between words), sends all units that go through one model to it in a few length-sorted ``generate``
batches, and puts each text back together in order. Routes come from ``briefing.models.routes``: a
multi-target model gets its target-language token (``>>por<<``) at the start of every unit, counted in the
unit's input tokens. A pair without a model goes through English when both legs exist (``"A -> B"``, flagged
``translation-pivot``); otherwise the text is left untranslated and a ``translation-unavailable`` flag says
"no translation model for Portuguese → English is installed" with the model to pull.

Units are cut well under the output cap: at ``TRANSLATION_LENGTH_RATIO`` output tokens per input token the
length bound of a unit stays below ``translation_max_tokens``, so a unit's translation is never cut by the
cap. An output that still reaches the cap (a unit that cannot be cut smaller) is flagged
``translation-truncated``, never silently kept.

Every translation of a summary or comment segment is checked against its original (``briefing.checks``):
lost or changed figures and dates are flagged ``translation-mismatch``, output that looks untranslated
``untranslated-output``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from briefing.checks.translation import check_translation
from briefing.errors import ModelUnavailable, one_line
from briefing.models.batching import GenerationParams, generate_capped
from briefing.models.cache import load_seq2seq, resolve_cached
from briefing.models.engine import Seq2SeqModel
from briefing.models.manifest import NO_MODEL
from briefing.models.routes import (
    PIVOT_LANGUAGE,
    Leg,
    Route,
    check_target_token,
    missing_model_text,
    plan_route,
)
from briefing.models.text import split_sentences, split_to_fit
from briefing.records import Digest, Flag, Translation
from briefing.settings import Settings

__all__ = [
    "PIVOT_LANGUAGE",
    "Route",
    "TranslationOutcome",
    "TranslationRequest",
    "fit_units",
    "plan_route",
    "translate_digests",
    "translate_texts",
    "unit_budget",
]

# A unit's translation may be at most this many times its input tokens (+ LENGTH_SLACK).
TRANSLATION_LENGTH_RATIO = 2.0
LENGTH_SLACK = 10
# Units are never cut below this many tokens, whatever the cap (a tiny cap then truncates, flagged).
MIN_UNIT_TOKENS = 8


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


def unit_budget(max_tokens: int) -> int:
    """Input tokens per unit so that its length bound (ratio x input + slack) stays under the cap."""
    return max(MIN_UNIT_TOKENS, int((max_tokens - LENGTH_SLACK - 1) / TRANSLATION_LENGTH_RATIO))


def _resolvable(settings: Settings) -> Callable[[str], str | None]:
    def check(model_id: str) -> str | None:
        try:
            resolve_cached(model_id, settings)
        except ModelUnavailable as err:
            return err.reason
        return None

    return check


def unavailable_flag(src: str, tgt: str, reason: str, cause: str, models: Sequence[str] = ()) -> Flag:
    """``cause``: ``model-missing``, ``offline``, ``no-model`` (none in the manifest) or ``failed``."""
    return Flag(
        "translation-unavailable",
        f"{src}→{tgt}: {reason}",
        stage="translation",
        pair=f"{src}-{tgt}",
        models=tuple(models) or None,
        cause=cause,
    )


def _no_route_flag(route: Route, settings: Settings) -> Flag:
    """ "no translation model for X → Y is installed", with the models that would make a route (to pull)
    rather than the Hub's error."""
    text = missing_model_text(route.src, route.tgt)
    needed = plan_route(route.src, route.tgt, settings, lambda _model_id: None).models
    if "needs a target-language token" in route.reason:
        return unavailable_flag(route.src, route.tgt, f"{text}: {route.reason}", "model-missing", needed)
    if not needed:
        known = NO_MODEL.get((route.src, route.tgt)) or NO_MODEL.get((PIVOT_LANGUAGE, route.tgt))
        if known:  # e.g. English → Japanese: say why, once
            return unavailable_flag(route.src, route.tgt, f"{text}: {known}", "no-model")
        reason = f"{text} (no model for this pair in the manifest, nor through English)"
        return unavailable_flag(route.src, route.tgt, reason, "no-model")
    reason = f"{text} (needs {', '.join(needed)}; run `briefing models pull`)"
    return unavailable_flag(route.src, route.tgt, reason, "model-missing", needed)


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
    # and every round sends all units that share a model (and token) to it together.
    units: list[_Unit] = []
    sentences: dict[tuple[str, str], list[str]] = {}  # a text asked in several languages is split once
    for index, req in enumerate(requests):
        route = routes.get((req.src, req.tgt))
        if route is None or not route.legs or not req.text.strip():
            continue
        if (req.text, req.src) not in sentences:
            sentences[(req.text, req.src)] = split_sentences(req.text, req.src)
        for sentence in sentences[(req.text, req.src)]:
            units.append(_Unit(index, route, sentence))

    failures: dict[int, _Failure] = {}
    truncated: set[int] = set()
    for leg_index in range(2):
        by_leg: dict[Leg, list[_Unit]] = {}
        for unit in units:
            if unit.request not in failures and leg_index < len(unit.route.legs):
                by_leg.setdefault(unit.route.legs[leg_index], []).append(unit)
        for leg, group in by_leg.items():
            language = group[0].route.src if leg_index == 0 else PIVOT_LANGUAGE
            try:
                model = loader(leg.model_id, settings)
                tokens_of = getattr(model, "language_tokens", None)
                check_target_token(leg.model_id, leg.token, tokens_of() if callable(tokens_of) else None)
                results = translate_units(model, [u.text for u in group], language, settings, leg.token)
            except ModelUnavailable as err:
                _fail(group, failures, _Failure(leg.model_id, err.reason, err.cause))
                continue
            except Exception as err:  # a generate failure must not take the other articles down
                _fail(
                    group, failures, _Failure(leg.model_id, f"generation failed: {one_line(err)}", "failed")
                )
                continue
            for unit, (text, cut) in zip(group, results, strict=True):
                unit.text = text
                if cut:
                    truncated.add(unit.request)

    by_request: dict[int, list[_Unit]] = {}
    for unit in units:
        by_request.setdefault(unit.request, []).append(unit)
    outcomes = []
    for i, req in enumerate(requests):
        route = routes.get((req.src, req.tgt))
        units_of = by_request.get(i, [])
        outcomes.append(_outcome(req, route, units_of, failures.get(i), i in truncated, settings))
    return outcomes


@dataclass(frozen=True)
class _Failure:
    """Why a model of a route could not translate: its ``reason`` (one line) and the flag's ``cause``."""

    model_id: str
    reason: str
    cause: str


def _fail(group: list[_Unit], failures: dict[int, _Failure], failure: _Failure) -> None:
    for unit in group:
        failures.setdefault(unit.request, failure)


@dataclass
class _Unit:
    request: int
    route: Route
    text: str


def _outcome(
    req: TranslationRequest,
    route: Route | None,
    units: list[_Unit],
    failure: _Failure | None,
    truncated: bool,
    settings: Settings,
) -> TranslationOutcome:
    if route is None:  # same language: nothing to do
        return TranslationOutcome(req.text, None)
    if not route.legs:
        return TranslationOutcome(None, None, (_no_route_flag(route, settings),))
    if failure is not None:
        reason = f"{failure.model_id}: {failure.reason}"
        if "not in BRIEFING_MODEL_DIR" in reason or "Hub failed" in reason:  # absent here, not broken
            reason = f"{missing_model_text(req.src, req.tgt)} ({failure.model_id})"
        flag = unavailable_flag(req.src, req.tgt, reason, failure.cause, (failure.model_id,))
        return TranslationOutcome(None, None, (flag,))
    text = " ".join(u.text for u in units if u.text)
    pair = f"{req.src}-{req.tgt}"
    flags: list[Flag] = []
    if route.pivot:
        flags.append(
            Flag(
                "translation-pivot",
                f"{req.src}→{req.tgt} via {PIVOT_LANGUAGE}: {route.label}",
                stage="translation",
                pair=pair,
                models=route.models,
            )
        )
    if truncated:
        flags.append(
            Flag(
                "translation-truncated",
                f"{req.src}→{req.tgt}: a piece reached the {settings.translation_max_tokens}-token output "
                "cap without ending; its translation may be cut",
                stage="translation",
                pair=pair,
                cause="truncated",
            )
        )
    return TranslationOutcome(text, route.label, tuple(flags))


def fit_units(
    sentences: Sequence[str], language: str, count: Callable[[str], int], budget: int
) -> list[tuple[int, str]]:
    """The units ``sentences`` are translated as: ``(index of its sentence, text)``, in order.

    A sentence over ``budget`` input tokens (by ``count``) is cut at clauses, then between words. Pure: the
    benchmark's baselines cut their sentences with it, so every variant translates the same units.
    """
    budget = max(1, budget)
    return [
        (owner, piece.text)
        for owner, sentence in enumerate(sentences)
        for piece in split_to_fit(sentence, budget, count, language, clauses=True)
    ]


def translate_units(
    model: Seq2SeqModel,
    sentences: Sequence[str],
    language: str,
    settings: Settings,
    token: str | None = None,
) -> list[tuple[str, bool]]:
    """(translation, hit the cap) per sentence, with one model, in length-sorted batches.

    ``token`` (a multi-target model's ``>>xx<<``) starts every piece and counts in its input tokens. A
    sentence over :func:`unit_budget` (or the encoder's limit) is cut at clauses, then between words, and its
    pieces are translated in turn and joined.
    """
    lead = f"{token} " if token else ""
    specials = len(model.tokenize([token or ""])[0])
    cap = settings.translation_max_tokens

    def count(text: str) -> int:
        return len(model.tokenize([lead + text])[0]) - specials

    owned = fit_units(sentences, language, count, min(model.max_input_tokens - specials, unit_budget(cap)))
    owners = [owner for owner, _ in owned]
    inputs = [lead + piece for _, piece in owned]
    params = GenerationParams(
        max_new_tokens=cap,
        num_beams=settings.translation_num_beams,
        length_ratio=TRANSLATION_LENGTH_RATIO,
        length_slack=LENGTH_SLACK,
    )
    outputs = generate_capped(model, model.tokenize(inputs), params, settings.batch_size)
    joined: list[list[str]] = [[] for _ in sentences]
    cut = [False] * len(sentences)
    for owner, (out, max_new) in zip(owners, outputs, strict=True):
        joined[owner].append(model.detokenize(out))
        # Engines strip EOS (and spend the last step on a forced one): reaching max_new - 1 at the cap
        # means the model may not have finished.
        if max_new >= cap and len(out) >= max_new - 1:
            cut[owner] = True
    return [(" ".join(t for t in parts if t), c) for parts, c in zip(joined, cut, strict=True)]


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


def checked_flags(source: str, outcome: TranslationOutcome, src: str, tgt: str, target: str) -> list[Flag]:
    """Flags for what the translation check (``briefing.checks.translation``) finds wrong with a translation:
    figures or dates it lost or changed, or output that looks untranslated. ``target`` is what it concerns
    ("translation:fr" for the summary's, "comment:2" for a comment's), as pages read it."""
    if outcome.text is None or outcome.model is None:
        return []
    models = tuple(outcome.model.split(" -> "))
    return [
        Flag(
            issue.cause,
            issue.detail,
            stage="check",
            pair=f"{src}-{tgt}",
            models=models,
            cause=issue.cause,
            target=target,
        )
        for issue in check_translation(source, outcome.text, src, tgt)
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
                src = digest.summary.language
                flags.extend(checked_flags(digest.summary.text, outcome, src, lang, f"translation:{lang}"))
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
                target = f"comment:{ci + 1}"
                flags.extend(checked_flags(segment.text, outcome, segment.language, home, target))
            segments.append(replace(segment, translation=translation))
        comments.append(replace(comment, segments=tuple(segments)) if segments else comment)
    updated = replace(digest, translations=translations, comments=tuple(comments), models=models)
    return updated.with_flags(*flags)
