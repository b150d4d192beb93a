"""Translation routes through manifest models: direct, then through English, else none (said plainly).

A route names each leg's model and the target-language token that leg's model needs (``>>por<<`` for a
multi-target model, None otherwise). Candidates for a pair are, in order: the per-pair override of the
settings, the manifest's models for the pair (``briefing.models.manifest``), and the optional
``translation_model_pattern``. A multi-target model without a known token for the target is refused,
never guessed. A pair with no usable model goes through English when both legs have one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefing.errors import ModelUnavailable
from briefing.languages import language_name
from briefing.models.manifest import NO_MODEL, direct_models, entry
from briefing.settings import Settings

PIVOT_LANGUAGE = "en"


@dataclass(frozen=True)
class Leg:
    model_id: str
    token: str | None = None


@dataclass(frozen=True)
class Route:
    """How ``src`` reaches ``tgt``: ``legs`` in order (empty: no route, ``reason`` says why)."""

    src: str
    tgt: str
    legs: tuple[Leg, ...]
    reason: str = ""

    @property
    def models(self) -> tuple[str, ...]:
        return tuple(leg.model_id for leg in self.legs)

    @property
    def label(self) -> str:
        return " -> ".join(self.models)

    @property
    def pair(self) -> str:
        return f"{self.src}-{self.tgt}"

    @property
    def pivot(self) -> bool:
        return len(self.legs) > 1


def missing_model_text(src: str, tgt: str) -> str:
    """What a page says when a pair cannot be translated: no Hub error, just what is missing."""
    return f"no translation model for {language_name(src)} → {language_name(tgt)} is installed"


def target_token(model_id: str, tgt: str, settings: Settings) -> tuple[bool, str | None]:
    """(usable, token) of ``model_id`` for target ``tgt``: the settings' override wins over the manifest.

    A multi-target manifest model without a token for ``tgt`` is not usable.
    """
    override = settings.translation_target_tokens.get(f"{model_id}:{tgt}")
    if override:
        return True, override
    known = entry(model_id)
    if known is None or not known.multi_target:
        return True, None
    token = known.token_for(tgt)
    return token is not None, token


def check_target_token(model_id: str, token: str | None, language_tokens: frozenset[str] | None) -> None:
    """Refuse (ModelUnavailable, one line) a multi-target model without a token its vocabulary holds.

    ``language_tokens`` are the ``>>xx<<`` tokens of the loaded model's vocabulary (None: unknown, e.g. a
    test double). A model whose vocabulary has such tokens is multi-target and needs one at the start of
    every input; a token the vocabulary lacks would silently become ``<unk>``.
    """
    if language_tokens is None:
        return
    if token is None and language_tokens:
        some = ", ".join(sorted(language_tokens)[:4])
        raise ModelUnavailable(
            model_id,
            f"a multi-target model ({some}, ...) and no target-language token is set for it "
            f'(translation_target_tokens["{model_id}:<lang>"])',
        )
    if token is not None and token not in language_tokens:
        raise ModelUnavailable(model_id, f"target-language token {token} is not in its vocabulary")


def candidates(src: str, tgt: str, settings: Settings) -> list[str]:
    """Model ids that may translate ``src``→``tgt`` directly, best first."""
    ids = []
    override = settings.translation_overrides.get(f"{src}-{tgt}")
    if override:
        ids.append(override)
    ids += [e.model_id for e in direct_models(src, tgt)]
    if settings.translation_model_pattern:
        ids.append(settings.translation_model_pattern.format(src=src, tgt=tgt))
    return list(dict.fromkeys(ids))


def translation_model_id(src: str, tgt: str, settings: Settings) -> str:
    """The first direct model for the pair (override, manifest, pattern); ``none:src-tgt`` when the
    pair has none (it then pivots through English)."""
    found = candidates(src, tgt, settings)
    return found[0] if found else f"none:{src}-{tgt}"


def _direct_leg(
    src: str, tgt: str, settings: Settings, available: Callable[[str], str | None]
) -> tuple[Leg | None, list[str]]:
    """The first usable, available direct model, or None and why each candidate was not taken."""
    why: list[str] = []
    for model_id in candidates(src, tgt, settings):
        usable, token = target_token(model_id, tgt, settings)
        if not usable:
            why.append(f"{model_id} needs a target-language token and none is known for '{tgt}'")
            continue
        missing = available(model_id)
        if missing is None:
            return Leg(model_id, token), why
        why.append(f"{model_id}: {missing}")
    if not why:
        why.append(
            NO_MODEL.get((src, tgt), f"no {language_name(src)} → {language_name(tgt)} model in the manifest")
        )
    return None, why


def plan_route(src: str, tgt: str, settings: Settings, available: Callable[[str], str | None]) -> Route:
    """Direct model when one is usable and available, else the English pivot, else no route.

    ``available(model_id)`` returns None when the model can be had, else the reason it cannot.
    """
    direct, why = _direct_leg(src, tgt, settings, available)
    if direct is not None:
        return Route(src, tgt, (direct,))
    if PIVOT_LANGUAGE not in (src, tgt):
        first, why_first = _direct_leg(src, PIVOT_LANGUAGE, settings, available)
        second, why_second = _direct_leg(PIVOT_LANGUAGE, tgt, settings, available)
        if first is not None and second is not None:
            return Route(src, tgt, (first, second))
        why.append(
            f"no pivot via {PIVOT_LANGUAGE}: "
            + "; ".join([*(why_first if first is None else []), *(why_second if second is None else [])])
        )
    return Route(src, tgt, (), "; ".join(why))


def manifest_only(model_id: str) -> str | None:
    """An ``available`` that accepts exactly the manifest's models (the default route table)."""
    return None if entry(model_id) is not None else "not in the model manifest"


def route_table(languages: Sequence[str], settings: Settings, available=manifest_only) -> list[Route]:
    """The route of every ordered pair of ``languages``."""
    return [plan_route(s, t, settings, available) for s in languages for t in languages if s != t]


def route_line(route: Route) -> str:
    """One line of ``briefing models list --routes``."""
    pair = f"{route.src}→{route.tgt}"
    if not route.legs:
        return f"{pair}\tnone\t{route.reason}"
    legs = " -> ".join(f"{leg.model_id}{f' {leg.token}' if leg.token else ''}" for leg in route.legs)
    how = f"pivot via {PIVOT_LANGUAGE}" if route.pivot else "direct"
    return f"{pair}\t{how}\t{legs}"


def route_model_ids(languages: Sequence[str], settings: Settings) -> list[str]:
    """Every model the default routes between ``languages`` use (what ``pull`` must fetch)."""
    ids: list[str] = []
    for route in route_table(languages, settings, lambda _m: None):
        ids += route.models
    return list(dict.fromkeys(ids))
