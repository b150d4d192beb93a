"""The briefing flow in-process under the Prefect test harness, with tiny random models.

Asserts on Prefect task runs (none for reused results), written files, artifacts and the run's final state.
"""

from __future__ import annotations

import json
from pathlib import Path
from uuid import UUID

import pytest

from tests.flows.conftest import copy_seeds

pytestmark = pytest.mark.flow

# Per-article tasks: they run only for an article a batch left out (here: the bad file's cleaning).
PER_ARTICLE = ("summary", "translation", "discussion")


def _task_states(flow_run_id: UUID) -> dict[str, list[tuple[str, str]]]:
    """{task name: [(task run name, state name)]} for one flow run."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
    out: dict[str, list[tuple[str, str]]] = {}
    for run in runs:
        stage = run.name.split(" ")[0] if " " in run.name else run.name.rsplit("-", 1)[0]
        out.setdefault(stage, []).append((run.name, run.state.name))
    return out


def _artifacts(flow_run_id: UUID) -> dict[str, object]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        )
    return {a.key or a.type: a for a in found}


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "digests").iterdir()) if not p.name.startswith(".")}


def _run(**params):
    from flows.briefing import briefing_flow

    state = briefing_flow(return_state=True, **params)
    return state, state.state_details.flow_run_id


def test_rerun_is_all_cache_hits_and_languages_recompute_only_translation(
    prefect_harness, tiny_models: Path, tmp_path: Path, monkeypatch, validate_digest
):
    monkeypatch.setenv("BRIEFING_MODEL_DIR", str(tiny_models))
    inputs = tmp_path / "in"
    copy_seeds(inputs)
    (inputs / "zz-empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    params = {"paths": [str(inputs)], "output_dir": str(out), "languages": ["en", "fr", "de"]}

    first, first_id = _run(**params)
    # One bad article: the run is marked Failed, the other two still get digests.
    assert first.is_failed()
    assert "zz-empty.txt" in first.message
    report = first.result(raise_on_failure=False)
    assert len(report["digests"]) == 2
    [failure] = report["failures"]
    assert failure.startswith(f"error: {inputs / 'zz-empty.txt'}: ") and "\n" not in failure
    states = _task_states(first_id)
    # One cleaning batch for the three files; the bad one, left out of it, runs (and fails) alone.
    assert [s for _, s in states["clean-batch"]] == ["Completed"]
    assert states["clean"] == [("clean zz-empty.txt", "Failed")]
    assert [s for _, s in states["summarize-batch"]] == ["Completed"]  # one batch for both articles
    assert [s for _, s in states["translate-batch"]] == ["Completed"]
    assert [s for _, s in states["discuss-batch"]] == ["Completed"]
    for stage in PER_ARTICLE:  # each article's result is stored by the flow: no task run per article
        assert stage not in states, (stage, states[stage])
    files_before = _files(out)
    assert len(files_before) == 6
    for name, data in files_before.items():
        if name.endswith(".json"):
            digest = validate_digest(json.loads(data))
            assert sorted(t["language"] for t in digest["translations"]) == ["de", "fr"]
    artifacts = _artifacts(first_id)
    assert artifacts["briefing-digest"].type == "markdown"
    assert artifacts["briefing-status"].type == "table"
    assert "zz-empty.txt" in artifacts["briefing-digest"].data
    assert artifacts["progress"].data == 100.0
    assert (out / "index.html").is_file()

    second, second_id = _run(**params)
    assert second.is_failed()  # the empty file still fails, deterministically
    # Unchanged inputs: every stored result is read back directly, so no stage task runs at all
    # (only the bad article's cleaning, which never stores anything).
    assert second.result(raise_on_failure=False)["reused"] == {
        "clean": 2,
        "summarize": 2,
        "translate": 2,
        "discuss": 2,
    }
    states = _task_states(second_id)
    assert [n for n, _ in states["clean"]] == ["clean zz-empty.txt"]
    stages_ = ("summary", "translation", "discussion", "summarize-batch", "translate-batch", "discuss-batch")
    for stage in (*stages_, "same-story"):
        assert stage not in states, (stage, states[stage])
    assert _files(out) == files_before  # byte-identical digests (only index.html carries a timestamp)

    third, third_id = _run(**{**params, "languages": ["en", "fr"]})
    assert third.result(raise_on_failure=False)["reused"] == {
        "clean": 2,
        "summarize": 2,
        "translate": 0,
        "discuss": 0,
    }
    states = _task_states(third_id)
    assert "summary" not in states and "summarize-batch" not in states
    assert [s for _, s in states["translate-batch"]] == ["Completed"]
    assert [s for _, s in states["discuss-batch"]] == ["Completed"]
    assert "translation" not in states and "discussion" not in states
    for name, data in _files(out).items():
        if name.endswith(".json"):
            assert [t["language"] for t in json.loads(data)["translations"]] == ["fr"]


def test_an_unreadable_stored_result_is_recomputed(
    prefect_harness, tiny_models: Path, tmp_path: Path, monkeypatch
):
    from prefect.settings import get_current_settings

    from briefing.run import inputs, keys
    from briefing.settings import load_settings
    from tasks import stages

    monkeypatch.setenv("BRIEFING_MODEL_DIR", str(tiny_models))
    in_dir = tmp_path / "in"
    copy_seeds(in_dir)
    params = {"paths": [str(in_dir)], "output_dir": str(tmp_path / "out"), "languages": ["en"]}
    assert _run(**params)[0].is_completed()
    # Truncate one article's stored cleaning result, as a crash mid-write on another tool's side might.
    ref = inputs.article_refs([next(iter(sorted(in_dir.iterdir())))])[0][0]
    key = stages.stored_key(stages.clean, keys.clean_key(ref, load_settings()))
    stored = Path(get_current_settings().results.local_storage_path) / key
    assert stored.is_file()
    stored.write_bytes(stored.read_bytes()[:20])
    state, run_id = _run(**params)
    assert state.is_completed()
    assert state.result()["reused"]["clean"] == 1
    states = _task_states(run_id)
    assert [s for _, s in states["clean-batch"]] == ["Completed"] and "clean" not in states
    # The batch's result was stored again under the article's key: the next run reads it back.
    assert _run(**params)[0].result()["reused"]["clean"] == 2


def test_a_changed_model_folder_recomputes_the_summaries(
    prefect_harness, tiny_models: Path, tmp_path: Path, monkeypatch
):
    import shutil

    models = tmp_path / "models"
    shutil.copytree(tiny_models, models, ignore=shutil.ignore_patterns(".ct2"))
    monkeypatch.setenv("BRIEFING_MODEL_DIR", str(models))
    in_dir = tmp_path / "in"
    copy_seeds(in_dir)
    params = {"paths": [str(in_dir)], "output_dir": str(tmp_path / "out"), "languages": ["en"]}
    assert _run(**params)[0].is_completed()
    (models / "sshleifer--distilbart-cnn-12-6" / "config.json").touch()  # a changed file: a new stamp
    state, run_id = _run(**params)
    assert state.is_completed()
    assert state.result()["reused"] == {"clean": 2, "summarize": 0, "translate": 0, "discuss": 0}
    states = _task_states(run_id)
    assert "clean" not in states and "clean-batch" not in states
    assert [s for _, s in states["summarize-batch"]] == ["Completed"] and "summary" not in states


def test_bad_parameters_are_rejected_before_the_run(prefect_harness):
    from prefect.exceptions import ParameterTypeError

    from flows.briefing import briefing_flow

    with pytest.raises(ParameterTypeError):
        briefing_flow.validate_parameters({"languages": ["xx"]})
    with pytest.raises(ParameterTypeError):
        briefing_flow.validate_parameters({"summary_max_tokens": 5})
    # An empty list (the form's default) means the configured languages.
    assert briefing_flow.validate_parameters({"languages": []})["languages"] == []
    assert briefing_flow.validate_parameters({"languages": ["en", "de"], "summary_max_tokens": 64})


def test_reader_languages_given_as_a_flow_parameter_reach_the_digest_page(
    prefect_harness, tmp_path: Path, monkeypatch
):
    # The run form's reader_languages (not the configuration) decides how the page shows seed 000's French
    # comment line: as written, since the reader reads French. Offline and without models: no translation.
    # Offline is the run's parameter alone (a setting, no HF_HUB_OFFLINE): the Hub is never asked.
    from briefing.models import resolve

    asked_hub: list[str] = []
    cache_only = resolve._from_hf

    def from_hf(model_id: str, *, local_files_only: bool):
        if not local_files_only:
            asked_hub.append(model_id)
        return cache_only(model_id, local_files_only=True)

    monkeypatch.setattr(resolve, "_from_hf", from_hf)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv("BRIEFING_MODEL_DIR", str(tmp_path / "no-models"))
    monkeypatch.delenv("BRIEFING_READER_LANGUAGES", raising=False)
    [seed, _] = copy_seeds(tmp_path / "in")
    pages = {}
    for readers in ([], ["fr"]):
        out = tmp_path / f"out-{len(readers)}"
        _run(paths=[str(seed)], output_dir=str(out), offline=True, reader_languages=readers)
        [page] = (out / "digests").glob("*.html")
        pages[tuple(readers)] = page.read_text(encoding="utf-8")
    assert "French is one of your reader languages" in pages[("fr",)]
    assert "French is one of your reader languages" not in pages[()]
    assert asked_hub == []


def test_a_failing_batch_leaves_each_article_to_its_own_task_and_only_the_bad_one_fails(
    prefect_harness, tiny_models: Path, tmp_path: Path, monkeypatch
):
    import briefing.summarize as summarize

    monkeypatch.setenv("BRIEFING_MODEL_DIR", str(tiny_models))
    in_dir = tmp_path / "in"
    copy_seeds(in_dir)
    real = summarize.summarize_digests

    def breaks_on_seed_000(digests, settings):
        if any(Path(d.source.path).name.startswith("000_") for d in digests):
            raise RuntimeError("the summarizer broke on this article")
        return real(digests, settings)

    monkeypatch.setattr(summarize, "summarize_digests", breaks_on_seed_000)
    params = {"paths": [str(in_dir)], "output_dir": str(tmp_path / "out"), "languages": ["en"]}
    state, run_id = _run(**params)
    assert state.is_failed()
    report = state.result(raise_on_failure=False)
    assert len(report["digests"]) == 1
    [failure] = report["failures"]
    assert "000_" in failure and "the summarizer broke on this article" in failure
    states = _task_states(run_id)
    assert [s for _, s in states["summarize-batch"]] == ["Failed"]
    # Each article alone, in its own task: the good one is stored, the bad one fails with its reason.
    assert sorted(s for _, s in states["summary"]) == ["Completed", "Failed"]

    monkeypatch.setattr(summarize, "summarize_digests", real)
    state, _ = _run(**params)
    assert state.is_completed()
    assert state.result()["reused"]["summarize"] == 1  # the good article's summary, stored by its task
