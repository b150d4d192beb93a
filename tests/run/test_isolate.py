"""``briefing.run.stages.isolate``: the one place a run's failures are isolated (every runner uses it)."""

from __future__ import annotations

import dataclasses

import pytest

from briefing.errors import InputError
from briefing.run.stages import StageFailed, isolate, run_isolated, stage_failure
from tests.models.factories import make_digest

pytestmark = pytest.mark.unit


def _digests(*names: str):
    return [make_digest(f"{name}-0123456789") for name in names]


def _titled(digest, title="done"):
    return dataclasses.replace(digest, title=title)


def test_a_failing_batch_retries_each_article_alone_and_only_the_bad_one_fails():
    digests = _digests("a", "bad", "c")
    calls: list[list[str]] = []

    def fn(batch, settings):
        calls.append([d.article_id for d in batch])
        if any(d.article_id.startswith("bad") for d in batch):
            raise RuntimeError("generation   failed\non this one")
        return [_titled(d) for d in batch]

    done, failures = run_isolated("summarize", fn, digests, settings=None)

    assert [d.article_id for d in done] == ["a-0123456789", "c-0123456789"]
    assert all(d.title == "done" for d in done)
    assert calls == [[d.article_id for d in digests]] + [[d.article_id] for d in digests]
    [failure] = failures
    assert (failure.path, failure.reason) == (
        "bad-0123456789.txt",
        "summarize failed: generation failed on this one",
    )


def test_a_batch_that_succeeds_hands_each_article_its_result_and_nothing_runs_alone():
    digests = _digests("a", "b")
    seen: list[tuple[str, str | None]] = []
    outcomes: list[tuple[str, bool]] = []

    def one(digest, batched):
        seen.append((digest.article_id, batched.title if batched is not None else None))
        if batched is None:
            raise AssertionError("computed alone although the batch had it")
        return batched

    failures: list = []
    done = isolate(
        "translate",
        digests,
        one,
        lambda d, err: stage_failure("translate", d, err),
        failures,
        # The batch leaves "b" out: only that one is computed alone (and fails here).
        batch=lambda items: [_titled(items[0], "batched"), None],
        after=lambda d, ok: outcomes.append((d.article_id, ok)),
    )

    assert [(d.article_id, r.title) for d, r in done] == [("a-0123456789", "batched")]
    assert seen == [("a-0123456789", "batched"), ("b-0123456789", None)]
    assert outcomes == [("a-0123456789", True), ("b-0123456789", False)]
    assert [f.reason for f in failures] == ["translate failed: computed alone although the batch had it"]


def test_failure_lines_keep_the_reason_of_an_input_error_or_a_failed_task():
    [digest] = _digests("x")
    failures: list = []
    errors = iter([InputError("x.txt", "empty file"), StageFailed("task timed out after 30s")])

    def one(item, batched):
        raise next(errors)

    isolate("clean", [digest, digest], one, lambda d, err: stage_failure("clean", d, err), failures)

    assert [f.reason for f in failures] == [
        "clean failed: empty file",
        "clean failed: task timed out after 30s",
    ]
