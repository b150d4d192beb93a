"""The whole ``briefing run`` as plain functions: what the Prefect tasks wrap.

Nothing here imports Prefect. ``run_batch`` runs a batch without Prefect (tests,
benchmarks); the flow in ``flows/briefing.py`` runs the same steps as tasks so
each article's stages can be cached and shown in the UI.

Stages and their cache keys (each key is a short hex string; no model object or
article text is ever hashed by Prefect, only these keys):

- clean:     path + raw-bytes sha256 + cleaning settings + cleaning code
- summary:   clean key + summary settings + resolved summarizer (and fallback
             translation) model revisions + summarizer code
- translate: summary key + target languages + translation settings + resolved
             translation model revisions + translation code
- same story: the translate keys of every digest of the run

So changing the target languages only invalidates the translate stage (and the
run-level same-story link); the cleaning and summary results are reused.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from briefing.errors import InputError, ModelUnavailable
from briefing.io import iter_article_paths, read_bytes, sha256_hex
from briefing.records import ArticleFailure, Digest
from briefing.settings import Settings

PACKAGE_ROOT = Path(__file__).resolve().parent
EXAMPLES_DIR = PACKAGE_ROOT.parent / "examples"

# Settings that change what each stage produces (cache-key material).
CLEAN_SETTINGS = ("briefing_language", "detect_languages")
SUMMARY_SETTINGS = (
    "briefing_language",
    "summarizer",
    "summarizers_by_language",
    "summary_min_tokens",
    "summary_max_tokens",
    "summary_num_beams",
    "engine",
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
    "translation_model_pattern",
    "translation_overrides",
    "translation_target_tokens",
    "translation_max_tokens",
    "translation_num_beams",
    "engine",
)

# Core modules whose source is part of each stage's key, so a code change recomputes.
CLEAN_CODE = ("briefing.cleaning", "briefing.langid", "briefing.records", "briefing.io")
SUMMARY_CODE = ("briefing.summarize", "briefing.extractive", "briefing.translate", "briefing.models")
TRANSLATION_CODE = ("briefing.translate", "briefing.models")
SAME_STORY_CODE = ("briefing.same_story",)

# Summary length bounds offered as a run parameter.
MIN_SUMMARY_TOKENS = 16
MAX_SUMMARY_TOKENS = 512


@dataclass(frozen=True)
class ArticleRef:
    """An input file and the sha256 of its raw bytes: all a cache key needs to know of it."""

    path: str
    sha256: str

    @property
    def name(self) -> str:
        return Path(self.path).name


@dataclass(frozen=True)
class BatchResult:
    """What a run produced: digests (degraded ones included), failures, files written."""

    digests: tuple[Digest, ...]
    failures: tuple[ArticleFailure, ...]
    files: dict[str, dict[str, Path]] = field(default_factory=dict)
    index: Path | None = None

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0


# --------------------------------------------------------------------------- settings


def run_settings(
    settings: Settings,
    languages: Sequence[str] | None = None,
    summary_max_tokens: int | None = None,
    offline: bool | None = None,
    output_dir: str | Path | None = None,
) -> Settings:
    """Apply a run's options to ``settings``.

    ``languages`` is the list a reader wants the briefing in. The briefing
    language stays ``settings.briefing_language`` (summaries are written in it);
    the translation targets become the listed languages other than it, in the
    order given. So ``en,fr,de`` with the default briefing language ``en`` means
    "summaries in English, translated to French and German"; ``en`` alone means
    no translations.
    """
    changes: dict[str, object] = {}
    if languages is not None:
        changes["target_languages"] = target_languages(languages, settings.briefing_language)
    if summary_max_tokens is not None:
        changes["summary_max_tokens"] = summary_max_tokens
        changes["summary_min_tokens"] = min(settings.summary_min_tokens, summary_max_tokens)
    if offline:
        changes["offline"] = True
    if output_dir is not None:
        changes["output_dir"] = Path(output_dir)
    return settings.replace(**changes) if changes else settings


def target_languages(languages: Iterable[str], briefing_language: str) -> tuple[str, ...]:
    """The listed languages minus the briefing language, duplicates dropped, order kept."""
    out: list[str] = []
    for raw in languages:
        code = raw.strip().lower()
        if code and code != briefing_language and code not in out:
            out.append(code)
    return tuple(out)


def parse_languages(text: str, allowed: Sequence[str]) -> tuple[str, ...]:
    """``"en,fr,de"`` -> ``("en", "fr", "de")``; raises ValueError naming unknown codes."""
    codes = tuple(c.strip().lower() for c in text.split(",") if c.strip())
    if not codes:
        raise ValueError("--languages needs at least one language code")
    unknown = [c for c in codes if c not in allowed]
    if unknown:
        raise ValueError(f"unknown language code(s): {', '.join(unknown)} (known: {', '.join(allowed)})")
    return codes


# --------------------------------------------------------------------------- inputs


def default_input_paths() -> list[Path]:
    """The bundled examples (``examples/`` of the repository)."""
    return [EXAMPLES_DIR]


def expand_inputs(paths: Iterable[str | Path] | None) -> list[Path]:
    """Files and folders -> article files (the examples when ``paths`` is empty)."""
    chosen = list(paths or []) or default_input_paths()
    return list(iter_article_paths(chosen))


def article_ref(path: str | Path) -> ArticleRef:
    """Hash an input file's raw bytes; raises :class:`InputError` when it cannot be read."""
    return ArticleRef(str(path), sha256_hex(read_bytes(path)))


def article_refs(paths: Iterable[str | Path]) -> tuple[list[ArticleRef], list[ArticleFailure]]:
    """Refs for the readable files, failures for the others (never raises for one file)."""
    refs: list[ArticleRef] = []
    failures: list[ArticleFailure] = []
    for path in paths:
        try:
            refs.append(article_ref(path))
        except InputError as err:
            failures.append(ArticleFailure(err.path, err.reason))
    return refs, failures


def clean_article(path: str | Path, settings: Settings) -> Digest | ArticleFailure:
    """The cleaning stage for one file; bad input becomes an :class:`ArticleFailure`."""
    from briefing.cleaning import clean_file

    try:
        return clean_file(path, settings)
    except InputError as err:
        return ArticleFailure(err.path, err.reason)


# --------------------------------------------------------------------------- cache keys


def cache_key(stage: str, *parts: object) -> str:
    """A short, stable key for ``stage`` from small JSON-able parts."""
    blob = json.dumps([stage, *parts], sort_keys=True, default=str).encode()
    return f"{stage}-{hashlib.sha256(blob).hexdigest()[:32]}"


def article_cache_key(raw_sha256: str, settings: Settings, model_ids: dict[str, str]) -> str:
    """A per-article key from the content hash, all output-affecting settings, and model revisions."""
    return cache_key("article", raw_sha256, settings.fingerprint(), sorted(model_ids.items()))


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


def same_story_key(translation_keys: Iterable[str]) -> str:
    return cache_key("same-story", sorted(translation_keys), code_stamp(*SAME_STORY_CODE))


# --------------------------------------------------------------------------- stages


def summarize_batch(digests: Sequence[Digest], settings: Settings) -> list[Digest]:
    """Summarize every digest in one batched call (raises on a real failure)."""
    from briefing.summarize import summarize_digests

    return list(summarize_digests(list(digests), settings)) if digests else []


def translate_batch(digests: Sequence[Digest], settings: Settings) -> list[Digest]:
    """Translate every digest's summary and foreign comments in one batched call."""
    from briefing.translate import translate_digests

    return list(translate_digests(list(digests), settings)) if digests else []


def link_stories(digests: Sequence[Digest]) -> list[Digest]:
    from briefing.same_story import link_same_story

    return list(link_same_story(list(digests))) if len(digests) > 1 else list(digests)


def run_isolated(
    stage: str,
    fn: Callable[[Sequence[Digest], Settings], list[Digest]],
    digests: Sequence[Digest],
    settings: Settings,
) -> tuple[list[Digest], list[ArticleFailure]]:
    """Run a batched stage; if the batch raises, retry one article at a time.

    So one article that breaks a model call fails alone and the rest still get
    their digests.
    """
    try:
        return fn(digests, settings), []
    except Exception:
        pass
    done: list[Digest] = []
    failures: list[ArticleFailure] = []
    for digest in digests:
        try:
            done.extend(fn([digest], settings))
        except Exception as err:
            failures.append(stage_failure(stage, digest, err))
    return done, failures


def stage_failure(stage: str, digest: Digest, err: BaseException) -> ArticleFailure:
    return ArticleFailure(digest.source.path, f"{stage} failed: {short_reason(err)}")


def short_reason(err: BaseException) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    return text if len(text) <= 200 else text[:197] + "..."


# --------------------------------------------------------------------------- outputs


def write_digests(digests: Sequence[Digest], out_dir: str | Path) -> dict[str, dict[str, Path]]:
    """Write every digest's JSON/Markdown/HTML atomically; returns the paths by article id."""
    from briefing.render import write_digest_files

    out = Path(out_dir)
    titles = {d.article_id: d.title or d.article_id for d in digests}
    return {d.article_id: write_digest_files(d, out, story_titles=titles) for d in digests}


def write_run_index(
    digests: Sequence[Digest],
    failures: Sequence[ArticleFailure],
    out_dir: str | Path,
    generated_at: datetime | None = None,
) -> Path:
    from briefing.render import write_index

    when = generated_at or datetime.now(UTC)
    return write_index(list(digests), list(failures), Path(out_dir), generated_at=when)


def digest_status(digest: Digest) -> str:
    from briefing.render import digest_status as status

    return status(digest)


def status_rows(digests: Sequence[Digest], failures: Sequence[ArticleFailure]) -> list[dict[str, str]]:
    """One row per article: the per-article status table of a run."""
    rows = [
        {
            "article": d.article_id,
            "file": d.source.path,
            "status": digest_status(d),
            "flags": ", ".join(d.flag_codes()) or "-",
            "summary": d.summary.method if d.summary else "-",
            "translations": ", ".join(t.language for t in d.translations or ()) or "-",
        }
        for d in digests
    ]
    rows += [
        {
            "article": "-",
            "file": f.path,
            "status": "failed",
            "flags": f.reason,
            "summary": "-",
            "translations": "-",
        }
        for f in failures
    ]
    return rows


def briefing_markdown(
    digests: Sequence[Digest],
    failures: Sequence[ArticleFailure],
    files: dict[str, dict[str, Path]],
    index: Path | None,
) -> str:
    """The run's briefing as Markdown: each article's title, summary and links to its files."""
    lines = ["# Briefing", ""]
    counts = _status_counts(digests, failures)
    lines.append(
        f"{len(digests)} digest(s): {counts['ok']} ok, {counts['degraded']} degraded; "
        f"{counts['failed']} failed."
    )
    if index is not None:
        lines += ["", f"Index: [{index}]({index.resolve().as_uri()})"]
    for digest in digests:
        title = digest.title or digest.article_id
        lines += ["", f"## {_md_escape(title)}", ""]
        lines.append(f"*{digest.language}* · status **{digest_status(digest)}** · `{digest.article_id}`")
        if digest.summary is not None:
            lines += ["", _md_escape(digest.summary.text)]
        for tr in digest.translations or ():
            lines += ["", f"**{tr.language}:** {_md_escape(tr.text)}"]
        links = [
            f"[{kind}]({Path(p).resolve().as_uri()})"
            for kind, p in sorted(files.get(digest.article_id, {}).items())
        ]
        if links:
            lines += ["", "Files: " + " · ".join(links)]
        if digest.flags:
            lines += ["", "Flags: " + ", ".join(f"`{c}`" for c in digest.flag_codes())]
    if failures:
        lines += ["", "## Failed", ""]
        lines += [f"- `{f.path}`: {_md_escape(f.reason)}" for f in failures]
    return "\n".join(lines) + "\n"


def _status_counts(digests: Sequence[Digest], failures: Sequence[ArticleFailure]) -> dict[str, int]:
    counts = {"ok": 0, "degraded": 0, "failed": len(failures)}
    for digest in digests:
        counts[digest_status(digest)] = counts.get(digest_status(digest), 0) + 1
    return counts


def _md_escape(text: str) -> str:
    """Keep article text from being read as Markdown markup or HTML by the UI."""
    from briefing.render import md_escape

    return md_escape(" ".join(text.split()))


# --------------------------------------------------------------------------- without Prefect


def run_batch(
    paths: Iterable[str | Path] | None,
    settings: Settings,
    out_dir: str | Path | None = None,
    generated_at: datetime | None = None,
) -> BatchResult:
    """The whole run without Prefect: clean, summarize, translate, link, write."""
    out = Path(out_dir) if out_dir is not None else settings.output_dir
    failures: list[ArticleFailure] = []
    cleaned: list[Digest] = []
    for path in expand_inputs(paths):
        result = clean_article(path, settings)
        (failures if isinstance(result, ArticleFailure) else cleaned).append(result)
    summarized, failed = run_isolated("summarize", summarize_batch, cleaned, settings)
    failures += failed
    translated, failed = run_isolated("translate", translate_batch, summarized, settings)
    failures += failed
    linked = link_or_keep(translated)
    files = write_digests(linked, out)
    index = write_run_index(linked, failures, out, generated_at)
    return BatchResult(tuple(linked), tuple(failures), files, index)


def link_or_keep(digests: Sequence[Digest]) -> list[Digest]:
    """Same-story links are a nicety: when they cannot be computed the digests stay unlinked."""
    try:
        return link_stories(digests)
    except Exception as err:
        logging.getLogger(__name__).warning("same-story links skipped: %s", short_reason(err))
        return list(digests)
