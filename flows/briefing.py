"""The briefing flow: ``briefing.run.compose.compose_run`` with the Prefect stage runner (``flows/wiring.py``,
the tasks of ``tasks/``); the logic is in ``briefing.run``.

Deployed by ``briefing serve`` (``flows/deploy.py``) and ``prefect.yaml``
(module entrypoint ``flows.briefing.briefing_flow``); called in-process by
``briefing run``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from prefect import flow, get_run_logger
from prefect.runtime import flow_run
from prefect.states import State
from pydantic import AfterValidator, Field

from briefing.run import options
from briefing.run.compose import RunRequest, compose_run
from briefing.run.summary import report_dict
from briefing.settings import DEFAULT_DETECT_LANGUAGES, load_settings
from flows import wiring
from flows.outcome import end_state

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
    runner = wiring.PrefectRunner(logger, str(flow_run.get_id() or "local"))
    result = compose_run(RunRequest(paths, sources, reprocess), settings, runner)
    reused = runner.reused
    return end_state(
        result,
        report_dict(result, reused),
        logger,
        digest_key=DIGEST_ARTIFACT_KEY,
        status_key=STATUS_ARTIFACT_KEY,
        title="Briefing of this run",
        done_line=f"Wrote {len(result.digests)} digest(s); index: {result.index}; reused from the cache: "
        + (", ".join(f"{stage} {n}/{result.inputs}" for stage, n in reused.items()) or "nothing"),
    )


def run_here(**parameters: Any) -> State[Any]:
    """``briefing_flow`` in this process (``briefing run``, the benchmark), without flow-run heartbeats.

    Prefect 3.8 emits a heartbeat event every 180 s from a thread that sleeps in 1 s steps, and joins that
    thread when the run ends: every run waited up to a second for it (half of a rerun's 1.2 s over 16
    unchanged articles). Heartbeats exist to let an automation mark a deployment's run Crashed when its
    machine dies; a run started here has this process watching it, and Briefing creates no such
    automation. Runs of the served deployment keep Prefect's setting (``PREFECT_FLOWS_HEARTBEAT_FREQUENCY``).
    """
    with _without_heartbeats():
        return briefing_flow(**parameters, return_state=True)


def _without_heartbeats() -> Any:
    """A settings context equal to the current one but for ``flows.heartbeat_frequency`` (None).

    What ``prefect.settings.temporary_settings`` makes, without validating the whole settings tree again
    (~40 ms a run, every run): a copy of the settings and of their ``flows`` part with that one field
    changed, entered the way ``temporary_settings`` enters its own."""
    from prefect.context import SettingsContext, get_settings_context

    current = get_settings_context()
    flows_part = current.settings.flows.model_copy(update={"heartbeat_frequency": None})
    quiet = current.settings.model_copy(update={"flows": flows_part})
    return SettingsContext(profile=current.profile, settings=quiet)


def run_report(state: State[Any]) -> dict[str, Any]:
    """The report dict a finished ``briefing_flow`` state carries (for the CLI)."""
    data = state.result(raise_on_failure=False)
    if isinstance(data, dict):
        return data
    raise RuntimeError(f"briefing flow ended {state.name}: {state.message}")
