"""The briefing flow: wires the tasks of ``tasks/stages.py``; the logic is in ``briefing.run``.

Deployed by ``briefing serve`` (``flows/deploy.py``) and ``prefect.yaml``
(module entrypoint ``flows.briefing.briefing_flow``); called in-process by
``briefing run``.

Lists of digests go to tasks wrapped in ``quote``: Prefect otherwise walks every nested field of every
digest looking for upstream futures (about a second per run for a handful of articles). No digest list
comes from a future, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Literal

from prefect import Task, flow, get_run_logger
from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.runtime import flow_run
from prefect.states import Completed, Failed, State
from prefect.utilities.annotations import quote
from pydantic import Field

from briefing.errors import InputError
from briefing.io import sweep_temp_files
from briefing.langid import release_models
from briefing.records import ArticleFailure, Digest
from briefing.run import inputs, keys, options
from briefing.run import report as run_report_md
from briefing.run.progress import notify
from briefing.run.source_keys import source_clean_key
from briefing.run.stages import short_reason
from briefing.run.summary import summary_lines
from briefing.settings import DEFAULT_DETECT_LANGUAGES, Settings, load_settings
from briefing.sources import report as source_report
from briefing.sources import session as source_session
from briefing.sources.fetch import SourceArticle, SourceResult
from briefing.sources.spec import SourceSpec
from tasks import sources as source_tasks
from tasks import stages

FLOW_NAME = "briefing"
DIGEST_ARTIFACT_KEY = "briefing-digest"
STATUS_ARTIFACT_KEY = "briefing-status"

# The languages the UI offers: the default detection set (the same list `briefing run --languages` accepts).
Language = Literal[DEFAULT_DETECT_LANGUAGES]  # type: ignore[valid-type]  (a tuple subscript = its items)
# Run-form parameters shared with the backlog flow (flows/scale.py): validated before a run starts.
Languages = Annotated[list[Language] | None, Field(min_length=1)]
SummaryMaxTokens = Annotated[int | None, Field(ge=options.MIN_SUMMARY_TOKENS, le=options.MAX_SUMMARY_TOKENS)]


@flow(name=FLOW_NAME, persist_result=False, validate_parameters=True)
def briefing_flow(
    paths: list[str] | None = None,
    output_dir: str | None = None,
    languages: Languages = None,
    summary_max_tokens: SummaryMaxTokens = None,
    offline: bool = False,
    reader_languages: list[Language] | None = None,
    sources: list[str] | None = None,
    reprocess: bool = False,
) -> State[Any]:
    """Digest news articles: clean, summarize, translate, and write JSON/Markdown/HTML files.

    Args:
        paths: Article files and/or folders of articles (.txt/.text/.md), as paths on the machine
            running the flow, digested on every run; http(s) URLs here are fetched like sources.
            Empty (and no sources): the configured sources (default: the bundled examples).
        output_dir: Folder for the digests (one JSON, Markdown and HTML file per article), the
            editions, index.html and the feeds. Empty: the configured output folder (default "outputs").
        languages: Languages to read the briefing in. Summaries are in the configured briefing
            language (default en); every other listed language gets a translation.
            Empty: the configured target languages.
        summary_max_tokens: Longest summary, in model tokens (16-512). Empty: the configured length.
        offline: Never touch the network for models; missing models give degraded (extractive) digests.
        reader_languages: Languages you read: reader comments in them are shown as written, not
            translated. Empty: the configured reader languages.
        sources: Feeds (RSS/Atom), article page URLs, OPML lists, inbox folders or files to fetch; only
            what is new since the last run is digested. Empty: the configured sources.
        reprocess: Digest every article of the sources again, not only the new ones.
    """
    logger = get_run_logger()
    settings = options.run_settings(
        load_settings(), languages, summary_max_tokens, offline, output_dir, reader_languages
    )
    out = settings.output_dir
    sweep_temp_files(out)  # left by a run killed while writing
    plan = source_session.plan_inputs(paths, sources, settings)
    files = inputs.expand_inputs(plan.paths) if plan.paths else []
    read = inputs.read_inputs(files, settings.max_input_bytes)
    refs, failures = read.refs, read.failures
    failures += plan.bad
    progress = _Progress(len(refs), sources=len(plan.sources))
    fetched = _fetch_all(plan.sources, settings, reprocess, failures, progress)
    articles = source_session.unique_articles(fetched)
    progress.add_articles(len(articles))

    cleaned = _clean_all(refs, settings, failures, progress)
    from_sources = _clean_sources(articles, settings, failures, progress)
    cleaned += [(key, digest) for key, _, digest in from_sources]
    release_models()  # lingua's models (~200 MB) are not needed past cleaning: lower the generation peak
    translated = _model_stages(cleaned, settings, failures, progress)
    digests = _link(translated, logger)
    files_by_id, index = stages.write_outputs(quote(digests), failures, out, settings)
    if plan.uses_state:  # only now, with the digest files written: a killed run leaves them pending
        source_tasks.record_digested(
            str(flow_run.get_id() or "local"),
            quote([(article, digest.article_id) for _, article, digest in from_sources]),
            quote(digests),
            settings,
        )
    progress.finish(len(digests), len(failures))

    create_markdown_artifact(
        markdown=run_report_md.briefing_markdown(digests, failures, files_by_id, index),
        key=DIGEST_ARTIFACT_KEY,
        description=f"Briefing of this run ({len(digests)} digest(s)) in {out}",
    )
    create_table_artifact(
        table=source_report.source_status_rows(fetched) + run_report_md.status_rows(digests, failures),
        key=STATUS_ARTIFACT_KEY,
        description="Per-article status: ok / degraded / failed, with flags",
    )
    report = {
        "output_dir": str(out),
        "index": str(index),
        "digests": [d.article_id for d in digests],
        "failures": [f.one_line() for f in failures],
        # per stage: articles whose stored result was reused (nothing recomputed, no task run)
        "reused": dict(progress.reused_by_stage),
        "duplicates": [d.one_line() for d in read.duplicates],
        "summary": summary_lines(digests, failures, len(read.duplicates)),
        "sources": source_report.source_report(fetched),
    }
    for failure in failures:
        logger.error(failure.one_line())
    logger.info(
        "Wrote %d digest(s); index: %s; reused from the cache: %s",
        len(digests),
        index,
        ", ".join(f"{stage} {n}/{len(refs)}" for stage, n in progress.reused_by_stage.items()) or "nothing",
    )
    if failures:
        return Failed(
            message=f"{len(failures)} article(s) failed, {len(digests)} digest(s) written: "
            + "; ".join(f.one_line() for f in failures),
            data=report,
        )
    return Completed(message=f"{len(digests)} digest(s) written to {out}", data=report)


class _Progress:
    """A progress artifact: cleaning, summarizing, translating each count a third per article.

    Articles whose stage result was reused from the cache advance it in one update per stage: each update
    is an API call, and a rerun over unchanged inputs should cost next to nothing.
    """

    def __init__(self, articles: int, sources: int = 0) -> None:
        self.total = max(3 * articles + sources, 1)
        self.done = 0
        self.reused_by_stage: dict[str, int] = {}
        queued = f"{articles} article(s)" + (f", {sources} source(s) to fetch" if sources else "")
        self.id = create_progress_artifact(0.0, description=f"Briefing: {queued} queued")

    def add_articles(self, count: int) -> None:
        """Articles the sources brought in (known once they are fetched)."""
        self.total += 3 * count

    def step(self, what: str) -> None:
        self.done += 1
        self._update(what)

    def reused(self, stage: str, count: int) -> None:
        self.reused_by_stage[stage] = count
        if count:
            self.done += count
            self._update(f"{stage}: {count} article(s) unchanged, reused from the cache")

    def skip(self, steps: int) -> None:
        self.done += steps

    def batch(self, stage: str, count: int) -> None:
        """A batched model stage starts: the console says so (it can take minutes); no API call."""
        notify(self.done, self.total, f"{stage}: {count} article(s) in one batch")

    def _update(self, what: str) -> None:
        notify(self.done, self.total, what)
        update_progress_artifact(self.id, min(100.0 * self.done / self.total, 99.0), description=what)

    def finish(self, written: int, failed: int) -> None:
        notify(self.total, self.total, "writing done")
        update_progress_artifact(
            self.id, 100.0, description=f"Done: {written} digest(s) written, {failed} failed"
        )


def _clean_all(
    refs: Sequence[inputs.ArticleRef],
    settings: Settings,
    failures: list[ArticleFailure],
    progress: _Progress,
) -> list[tuple[str, Digest]]:
    keyed = [(keys.clean_key(ref, settings), ref) for ref in refs]
    stored = _stored("clean", stages.clean, [key for key, _ in keyed], progress)
    cleaned: list[tuple[str, Digest]] = []
    for key, ref in keyed:
        if key in stored:
            cleaned.append((key, stored[key]))
            continue
        state = stages.clean(key, ref, settings, return_state=True)
        if state.is_completed():
            cleaned.append((key, state.result()))
        else:
            failures.append(ArticleFailure(ref.path, _reason(state)))
            progress.skip(2)  # a failed article has no summary or translation step
        progress.step(f"Cleaned {ref.name}")
    return cleaned


def _fetch_all(
    specs: Sequence[SourceSpec],
    settings: Settings,
    reprocess: bool,
    failures: list[ArticleFailure],
    progress: _Progress,
) -> list[SourceResult]:
    """One fetch task per source, one after another (politeness is per host); a failing source gives one
    line each and never stops the others."""
    results: list[SourceResult] = []
    for spec in specs:
        state = source_tasks.fetch_source(spec, settings, reprocess, return_state=True)
        if state.is_completed():
            result = state.result()
        else:
            result = source_tasks.fetch_failed(spec, _reason(state), settings, reprocess)
        results.append(result)
        failures.extend(source_session.source_failures([result]))
        progress.step(
            f"Fetched {spec.spec}: {result.new} new" + (f" ({result.error})" if result.error else "")
        )
    return results


def _clean_sources(
    articles: Sequence[SourceArticle],
    settings: Settings,
    failures: list[ArticleFailure],
    progress: _Progress,
) -> list[tuple[str, SourceArticle, Digest]]:
    """The cleaning stage of fetched articles, reusing stored results like ``_clean_all``."""
    if not articles:
        return []
    keyed = [(source_clean_key(article, settings), article) for article in articles]
    stored = _stored("clean-source", source_tasks.clean_source, [key for key, _ in keyed], progress)
    cleaned: list[tuple[str, SourceArticle, Digest]] = []
    for key, article in keyed:
        if key in stored:
            cleaned.append((key, article, stored[key]))
            continue
        state = source_tasks.clean_source(key, article, settings, return_state=True)
        if state.is_completed():
            cleaned.append((key, article, state.result()))
        else:
            failures.append(ArticleFailure(article.label, _reason(state)))
            progress.skip(2)
        progress.step(f"Cleaned {article.name}")
    return cleaned


def _model_stages(
    cleaned: list[tuple[str, Digest]], settings: Settings, failures: list[ArticleFailure], progress: Any
) -> list[tuple[str, Digest]]:
    """Summarize, then translate, the keyed cleaned digests (stored results reused, misses batched).

    ``progress`` is a :class:`_Progress`, or anything with its ``reused``/``batch``/``step``/``skip``
    methods (a shard of ``flows/scale.py`` only counts reuse)."""
    stamps = keys.ModelStamps(settings)
    summarized = _batched_stage(
        "summarize",
        stages.summary,
        stages.summarize_batch,
        [(keys.summary_key(k, d, settings, stamps), d) for k, d in cleaned],
        settings,
        failures,
        progress,
    )
    return _batched_stage(
        "translate",
        stages.translation,
        stages.translate_batch,
        [(keys.translation_key(k, d, settings, stamps), d) for k, d in summarized],
        settings,
        failures,
        progress,
    )


def _stored(stage: str, stage_task: Task[..., Any], keys: list[str], progress: _Progress) -> dict[str, Any]:
    """What ``stage_task`` already stored, by key (misses left out); counted as reused in the progress."""
    found = {key: hit for key in keys if (hit := stages.read_cached(stage_task, key)) is not None}
    progress.reused(stage, len(found))
    return found


def _batched_stage(
    stage: str,
    per_article: Task[..., Digest],
    batch: Task[..., list[Digest]],
    keyed: list[tuple[str, Digest]],
    settings: Settings,
    failures: list[ArticleFailure],
    progress: _Progress,
) -> list[tuple[str, Digest]]:
    """Stored results as they are; the misses in one batch, then one cached task per miss."""
    stored = _stored(stage, per_article, [key for key, _ in keyed], progress)
    misses = [d for k, d in keyed if k not in stored]
    computed: dict[str, Digest] = {}
    if misses:
        progress.batch(stage, len(misses))
        state = batch(quote(misses), settings, return_state=True)
        if state.is_completed():
            computed = {d.article_id: d for d in state.result()}
        else:
            get_run_logger().warning(
                "%s batch failed (%s); retrying one article at a time", stage, _reason(state)
            )
    done: list[tuple[str, Digest]] = []
    for key, digest in keyed:
        if key in stored:
            done.append((key, stored[key]))
            continue
        state = per_article(key, digest, computed.get(digest.article_id), settings, return_state=True)
        if state.is_completed():
            done.append((key, state.result()))
        else:
            failures.append(ArticleFailure(digest.source.path, f"{stage} failed: {_reason(state)}"))
            if stage == "summarize":
                progress.skip(1)
        progress.step(f"{stage.capitalize()}d {digest.article_id}")
    return done


def _link(keyed: list[tuple[str, Digest]], logger: Any) -> list[Digest]:
    digests = [d for _, d in keyed]
    if len(digests) < 2:
        return digests
    key = keys.same_story_key(k for k, _ in keyed)
    stored = stages.read_cached(stages.same_story, key)
    if stored is not None:
        return stored
    state = stages.same_story(key, quote(digests), return_state=True)
    if state.is_completed():
        return state.result()
    logger.warning("same-story links skipped: %s", _reason(state))
    return digests


def _reason(state: State[Any]) -> str:
    """The one-line reason of a failed task state (the InputError's reason when it is one)."""
    err = state.result(raise_on_failure=False)
    if isinstance(err, InputError):
        return err.reason
    if isinstance(err, BaseException):
        return short_reason(err)
    return state.message or state.name or "failed"


def run_here(**parameters: Any) -> State[Any]:
    """``briefing_flow`` in this process (``briefing run``, the benchmark), without flow-run heartbeats.

    Prefect 3.8 emits a heartbeat event every 180 s from a thread that sleeps in 1 s steps, and joins that
    thread when the run ends: every run waited up to a second for it (half of a rerun's 1.2 s over 16
    unchanged articles). Heartbeats exist to let an automation mark a deployment's run Crashed when its
    machine dies; a run started here has this process watching it, and Briefing creates no such
    automation. Runs of the served deployment keep Prefect's setting (``PREFECT_FLOWS_HEARTBEAT_FREQUENCY``).
    """
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        return briefing_flow(**parameters, return_state=True)


def run_report(state: State[Any]) -> dict[str, Any]:
    """The report dict a finished ``briefing_flow`` state carries (for the CLI)."""
    data = state.result(raise_on_failure=False)
    if isinstance(data, dict):
        return data
    raise RuntimeError(f"briefing flow ended {state.name}: {state.message}")
