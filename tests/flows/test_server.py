"""A real local Prefect server (SQLite), the deployment served by `briefing serve`, runs via the API.

The fixture (``prefect_server`` in conftest) starts ``briefing server`` and ``briefing serve`` as
subprocesses; these tests talk to them like the UI does.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.flows.conftest import BRIEFING, ServedPrefect, copy_seeds, wait_for

pytestmark = pytest.mark.server

RUN_LIMIT_S = 600  # safety net for a hung run; nothing asserts on durations


@contextmanager
def api(served: ServedPrefect):
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: served.api_url}), get_client(sync_client=True) as client:
        yield client


def deployment(client):
    return wait_for(lambda: _maybe_deployment(client), RUN_LIMIT_S, "the served deployment")


def _maybe_deployment(client):
    from prefect.exceptions import ObjectNotFound

    try:
        return client.read_deployment_by_name("briefing/scheduled")
    except ObjectNotFound:
        return None


def finished(client, flow_run_id):
    def check():
        run = client.read_flow_run(flow_run_id)
        return run if run.state is not None and run.state.is_final() else None

    return wait_for(check, RUN_LIMIT_S, f"flow run {flow_run_id} to finish", interval=1)


def artifacts_of(client, flow_run_id) -> dict[str, object]:
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    found = client.read_artifacts(
        artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
    )
    return {a.key: a for a in found if a.key}


def test_deployment_has_schedule_concurrency_limit_and_typed_form(prefect_server: ServedPrefect):
    from prefect.exceptions import PrefectHTTPStatusError

    with api(prefect_server) as client:
        dep = deployment(client)
        assert dep.global_concurrency_limit is not None and dep.global_concurrency_limit.limit == 1
        assert len(dep.schedules) == 1 and dep.schedules[0].active
        form = dep.parameter_openapi_schema["properties"]
        assert set(form) == {
            "paths",
            "output_dir",
            "languages",
            "summary_max_tokens",
            "offline",
            "reader_languages",
            "sources",
            "reprocess",
        }
        tokens = form["summary_max_tokens"]  # 0 (configured) or 16-512, one number field
        assert [tokens[k] for k in ("type", "minimum", "maximum", "default")] == ["integer", 0, 512, 0]
        assert "en" in form["languages"]["items"]["enum"] and "anyOf" not in form["languages"]
        assert all(form[name].get("description") for name in form)
        # Bad values are refused when the run is created, before anything starts.
        for bad in ({"languages": ["xx"]}, {"summary_max_tokens": 5}, {"offline": "maybe"}):
            with pytest.raises(PrefectHTTPStatusError, match="409"):
                client.create_flow_run_from_deployment(dep.id, parameters=bad)


def test_run_triggered_through_the_api_with_non_default_parameters(
    prefect_server: ServedPrefect, tmp_path: Path, validate_digest
):
    inputs = tmp_path / "articles"
    copy_seeds(inputs)
    out = tmp_path / "briefing"
    params = {
        "paths": [str(inputs)],
        "output_dir": str(out),
        "languages": ["en", "de"],
        "summary_max_tokens": 48,
    }
    with api(prefect_server) as client:
        dep = deployment(client)
        run = client.create_flow_run_from_deployment(dep.id, parameters=params)
        run = finished(client, run.id)
        assert run.state.is_completed(), (run.state.name, run.state.message)
        assert run.parameters == params
        artifacts = artifacts_of(client, run.id)

    digests = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((out / "digests").glob("*.json"))]
    assert len(digests) == 2
    for digest in digests:
        validate_digest(digest)
        assert [t["language"] for t in digest["translations"]] == ["de"]
    markdown = artifacts["briefing-digest"]
    assert markdown.type == "markdown"
    for digest in digests:
        assert (out / "digests" / f"{digest['article_id']}.html").resolve().as_uri() in markdown.data
    table = artifacts["briefing-status"]
    assert table.type == "table"
    rows = json.loads(table.data)
    assert sorted(r["article"] for r in rows) == sorted(d["article_id"] for d in digests)
    assert {r["status"] for r in rows} <= {"ok", "degraded"}


def test_a_scheduled_run_completes_by_itself(prefect_server: ServedPrefect, validate_digest):
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId
    from prefect.client.schemas.sorting import FlowRunSort

    with api(prefect_server) as client:
        dep = deployment(client)

        def completed_scheduled_run():
            runs = client.read_flow_runs(
                deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[dep.id])),
                sort=FlowRunSort.EXPECTED_START_TIME_ASC,
            )
            done = [r for r in runs if r.auto_scheduled and r.state and r.state.is_completed()]
            return done[0] if done else None

        run = wait_for(completed_scheduled_run, RUN_LIMIT_S, "a scheduled run to complete", interval=2)
        assert artifacts_of(client, run.id).keys() >= {"briefing-digest", "briefing-status"}
    digests = sorted(prefect_server.scheduled_output.glob("digests/*.json"))
    assert len(digests) == 2
    for path in digests:
        validate_digest(json.loads(path.read_text(encoding="utf-8")))


def test_prefect_yaml_deploys_to_a_process_pool_and_a_worker_runs_it(
    prefect_server: ServedPrefect, tmp_path: Path, validate_digest
):
    """The work-pool path of docs/PREFECT.md: `prefect deploy --all`, then a process worker."""
    import subprocess

    from tests.conftest import ROOT

    prefect = str(Path(BRIEFING).parent / "prefect")
    env = prefect_server.env

    def prefect_cli(*args: str) -> str:
        done = subprocess.run(
            [prefect, "--no-prompt", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=RUN_LIMIT_S,
        )
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
        return done.stdout + done.stderr

    prefect_cli("work-pool", "create", "briefing-pool", "--type", "process", "--overwrite")
    prefect_cli("deploy", "--all")
    inputs = tmp_path / "articles"
    copy_seeds(inputs)
    out = tmp_path / "pool-out"
    with api(prefect_server) as client:
        dep = client.read_deployment_by_name("briefing/scheduled-pool")
        assert dep.work_pool_name == "briefing-pool"
        assert dep.entrypoint == "flows.briefing.briefing_flow"
        assert dep.global_concurrency_limit is not None and dep.global_concurrency_limit.limit == 1
        [schedule] = dep.schedules
        assert (schedule.schedule.cron, schedule.schedule.timezone) == ("30 6 * * 1-5", "UTC")
        run = client.create_flow_run_from_deployment(
            dep.id, parameters={"paths": [str(inputs)], "output_dir": str(out), "languages": ["en"]}
        )
        # One polling round: the worker picks the run up and waits for its process to finish.
        worker_log = prefect_cli("worker", "start", "--pool", "briefing-pool", "--run-once", "--limit", "1")
        (prefect_server.logs / "worker.log").write_text(worker_log)
        run = finished(client, run.id)
        assert run.state.is_completed(), (run.state.name, run.state.message, str(prefect_server.logs))
    digests = sorted(out.glob("digests/*.json"))
    assert len(digests) == 2
    for path in digests:
        digest = validate_digest(json.loads(path.read_text(encoding="utf-8")))
        assert not digest.get("translations")  # languages ["en"]: the briefing language only
