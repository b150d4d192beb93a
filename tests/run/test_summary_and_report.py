"""The end-of-run summary says why a run was degraded and what fixes it; the Markdown artifact stays inert."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from briefing.records import ArticleFailure, Flag, Summary
from briefing.render.advice import ADVICE
from briefing.run.report import briefing_markdown
from briefing.run.summary import summary_lines
from tests.models.factories import make_digest

pytestmark = pytest.mark.unit


def _summarized(article_id: str, *flags: Flag):
    digest = make_digest(article_id)
    summary = Summary(language="en", text="The harbour reopened.", method="abstractive", model="m")
    return dataclasses.replace(digest, summary=summary).with_flags(*flags)


def test_counts_reason_and_fix():
    missing = Flag(
        "model-unavailable",
        "sshleifer/distilbart-cnn-12-6: not in the Hugging Face cache",
        stage="summary",
        models=("sshleifer/distilbart-cnn-12-6",),
        cause="model-missing",
    )
    digests = [
        _summarized("ok-0123456789"),
        _summarized("a-0123456789", missing),
        make_digest("b-0123456789"),
    ]
    failures = [ArticleFailure("x.txt", "permission denied")]
    lines = summary_lines(digests, failures, duplicates=1)
    assert lines[0] == "Summary: 1 ok, 2 degraded, 1 failed (1 duplicate(s) left out)"
    assert lines[1] == (
        "Degraded because: models are not installed in 1 digest(s) "
        "(also: no summary could be made (the article had no text to summarize))"
    )
    assert lines[2] == "Fix: " + ADVICE["models-missing"].fix.replace("`", "")
    assert lines[3].startswith("Failed: 1 input(s)")


def test_a_clean_run_is_one_line():
    assert summary_lines([_summarized("ok-0123456789")], []) == ["Summary: 1 ok, 0 degraded, 0 failed"]


def test_file_names_with_backticks_do_not_put_html_into_the_artifact(tmp_path: Path):
    name = str(tmp_path / "a`<img src=x onerror=alert(1)>`b.txt")
    markdown = briefing_markdown([], [ArticleFailure(name, "permission denied")], {}, None)
    assert "<img" not in markdown and "&lt;img" in markdown
    assert "\\`" in markdown  # the backticks are escaped, no code span is opened


def test_nothing_new_names_the_last_run_or_reprocess(tmp_path: Path):
    from datetime import datetime

    from briefing.run.summary import nothing_new_line

    out = tmp_path / "out"
    (out / "digests").mkdir(parents=True)
    for name in ("a", "b", "c"):
        (out / "digests" / f"{name}.json").write_text("{}", encoding="utf-8")
    last = datetime(2026, 12, 2, 6, 30).astimezone()
    line = nothing_new_line(last.isoformat(), 3, out, out / "index.html", now=last)
    assert line.startswith("nothing new since the last run (06:30); 3 digest(s) in ")
    fresh = nothing_new_line(last.isoformat(), 3, tmp_path / "new", "index.html", now=last)
    assert "--reprocess" in fresh and "digested before" in fresh
    assert nothing_new_line(None, 0, tmp_path / "new", "index.html").startswith("nothing new in the sources;")
