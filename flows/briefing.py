"""The briefing flow: wires the tasks of ``tasks/stages.py``; the logic is in ``briefing.run``.

Deployed by ``briefing serve`` (``flows/deploy.py``) and ``prefect.yaml``
(module entrypoint ``flows.briefing.briefing_flow``); called in-process by
``briefing run``.

Lists of digests go to tasks wrapped in ``quote``: Prefect otherwise walks every nested field of every
digest looking for upstream futures (about a second per run for a handful of articles). No digest list
comes from a future, so nothing is lost.
"""

from __future__ import annotations

from contextlib import nullcontext
from typing import Annotated, Any, Literal

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.runtime import flow_run
from prefect.states import Completed, Failed, State
from prefect.utilities.annotations import quote
from pydantic import AfterValidator, Field

from briefing.io import STALE_TEMP_AGE_S, sweep_temp_files
from briefing.langid import release_models
from briefing.locks import run_lock
from briefing.run import inputs, options
from briefing.run import report as run_report_md
from briefing.run.mail import unsent_lines
from briefing.run.summary import nothing_new_line, summary_lines
from briefing.settings import DEFAULT_DETECT_LANGUAGES, load_settings
from briefing.sources import report as source_report
from briefing.sources import session as source_session
from briefing.sources import standing
from flows import wiring
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


def mark_stale_on_failure(flow: Any, flow_run: Any, state: State[Any]) -> None:
    """A run that raised or crashed leaves the front page saying the briefing is stale (and since when).
    A run that ended Failed because some articles failed returned its report: that one published."""
    try:
        data = state.result(raise_on_failure=False)
    except Exception:
        data = None
    if isinstance(data, dict):
        return
    from pathlib import Path

    from briefing.run.staleness import mark_failed_run

    try:
        settings = load_settings()
    except ValueError:  # the run failed on its settings: nothing to say where
        return
    out = (flow_run.parameters or {}).get("output_dir") or settings.output_dir
    mark_failed_run(Path(out), settings, state.message or state.name or "failed")


# The run form's own types: no "X | None" (the UI shows 'Property is type "None"' under each such field);
# an empty value means "as configured", which each description spells out with the default.
def _configured_or_in_range(value: int) -> int:
    if value:
        options.check_summary_max_tokens(value)  # 1-15: a ValueError, so a rejected parameter
    return value


# 0 or 16-512: "not 1-15" in the schema lets the server refuse 1-15 when the run is created (HTTP 409), as it
# refuses the rest; the form itself shows one number field.
ConfiguredSummaryTokens = Annotated[
    int,
    Field(
        ge=0,
        le=options.MAX_SUMMARY_TOKENS,
        json_schema_extra={"not": {"minimum": 1, "maximum": options.MIN_SUMMARY_TOKENS - 1}},
    ),
    AfterValidator(_configured_or_in_range),
]


@flow(
    name=FLOW_NAME,
    persist_result=False,
    validate_parameters=True,
    on_failure=[mark_stale_on_failure],
    on_crashed=[mark_stale_on_failure],
)
def briefing_flow(
    paths: list[str] = [],  # noqa: B006  (never mutated; a list default shows as an empty list in the form)
    output_dir: str = "",
    languages: list[Language] = [],  # noqa: B006
    summary_max_tokens: ConfiguredSummaryTokens = 0,
    offline: bool = False,
    reader_languages: list[Language] = [],  # noqa: B006
    sources: list[str] = [],  # noqa: B006
    reprocess: bool = False,
) -> State[Any]:
    """Digest news articles: clean, summarize, translate, and write JSON/Markdown/HTML files.

    Args:
        paths: Article files and/or folders of articles (.txt/.md text, .html/.htm saved web pages),
            as paths on the machine running the flow, digested on every run; http(s) URLs here are
            fetched like sources.
            Empty (and no sources): the configured sources (default: the bundled examples).
        output_dir: Folder for the digests (one JSON, Markdown and HTML file per article), the
            editions, index.html and the feeds. Empty: the configured output folder (default "outputs").
        languages: Languages to read the briefing in. Summaries are in the configured briefing
            language (default en); every other listed language gets a translation.
            Empty: the configured target languages (default fr and de).
        summary_max_tokens: Longest summary, in model tokens (16-512). 0: the configured length
            (default 130).
        offline: Never touch the network for models; missing models give degraded (extractive) digests.
        reader_languages: Languages you read: reader comments in them are shown as written, not
            translated. Empty: the configured reader languages (default none).
        sources: Feeds (RSS/Atom), article page URLs, OPML lists, inbox folders or files to fetch; only
            what is new since the last run is digested. Empty: the configured sources.
        reprocess: Digest every article of the sources again, not only the new ones.
    """
    logger = get_run_logger()
    settings = options.run_settings(
        load_settings(),
        languages or None,  # empty: as configured
        summary_max_tokens or None,
        offline,
        output_dir or None,
        reader_languages or None,
    )
    out = settings.output_dir
    sweep_temp_files(out, STALE_TEMP_AGE_S)  # left by a run killed while writing
    plan = source_session.plan_inputs(paths, sources, settings)
    history = source_session.run_history(settings) if plan.uses_state else (None, 0)
    files = inputs.expand_inputs(plan.paths) if plan.paths else []
    read = inputs.read_inputs(files, settings.max_input_bytes)
    refs, failures = read.refs, read.failures
    failures += plan.bad
    progress = wiring.Progress(len(refs), sources=len(plan.sources))
    # A run using the state database holds its data folder's run lock from fetching to recording what it
    # digested: a second run of the same feeds waits, then finds those articles digested.
    with run_lock(settings.data_dir, logger.warning) if plan.uses_state else nullcontext():
        fetched = wiring.fetch_all(plan.sources, settings, reprocess, failures, progress)
        # A configured source dead for several runs warns instead of failing each run (still reported).
        warnings = standing.excuse_dead_sources(fetched, failures, settings) if plan.configured else []
        articles = source_session.unique_articles(fetched)
        progress.add_articles(len(articles))

        cleaned = wiring.clean_all(refs, settings, failures, progress)
        from_sources = wiring.clean_sources(articles, settings, failures, progress)
        cleaned += [(key, digest) for key, _, digest in from_sources]
        release_models()  # lingua's models (~200 MB) are not needed past cleaning: lower the generation peak
        translated = wiring.model_stages(cleaned, settings, failures, progress)
        digests = wiring.link(translated, logger)
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
        "skipped": inputs.skipped_inputs(plan.local_locations),  # every file a folder left out, named
        "summary": summary_lines(digests, failures, len(read.duplicates)),
        "sources": source_report.source_report(fetched),
        # edition messages still owed after a failed send (kept for the next run): a flag, not a failure
        "email": unsent_lines(settings),
        "warnings": warnings,
    }
    if plan.uses_state and not digests and not failures and not plan.paths:
        report["nothing_new"] = nothing_new_line(*history, out, index)
    for failure in failures:
        logger.error(failure.one_line())
    for line in report["email"]:
        logger.warning(line)
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
