"""The served run's bookkeeping: the local feed and page, task runs to stages, the parts of its time."""

from __future__ import annotations

import pytest

from bench import report, served

pytestmark = pytest.mark.unit


def test_the_local_feed_points_at_the_article_page() -> None:
    page = served.article_page("A title & more\n\nBy someone\n\nFirst paragraph.\n\nSecond <one>.\n")
    assert "<title>A title &amp; more</title>" in page and "<p>Second &lt;one&gt;.</p>" in page
    feed = served.feed_xml("http://127.0.0.1:9", "A title & more")
    assert "<link>http://127.0.0.1:9/news/1</link>" in feed and "A title &amp; more" in feed


def test_task_runs_map_to_their_stage() -> None:
    assert served.stage_of("fetch http://127.0.0.1:9/feed.xml") == "fetch"
    assert served.stage_of("summarize-batch-a1b") == "summarize-batch"
    assert served.stage_of("clean-batch-3c4") == "clean-batch"
    assert served.stage_of("clean article.txt") == "clean"
    assert served.stage_of("summary 1234") == "summary"
    assert served.stage_of("write-outputs-0f2") == "write-outputs"
    assert served.stage_of("something-else 1") == "something-else"


def test_parts_count_from_the_process_start_to_the_edition_and_email() -> None:
    process = {"process_start_epoch": 1000.0, "exit_epoch": 1031.0, "model_load_s": 4.0, "model_loads": 4}
    flow_run = {
        "start_time": "1970-01-01T00:16:45+00:00",  # 1005
        "end_time": "1970-01-01T00:17:09+00:00",  # 1029
        "expected_start_time": "1970-01-01T00:16:30+00:00",  # 990
    }
    stages = {
        "fetch": {"seconds": 1.0},
        "summarize-batch": {"seconds": 12.0},
        "write-outputs": {"seconds": 3.0},
    }
    got = served.parts(process, flow_run, stages, {"edition_written": 1027.5, "email_received": 1028.0})
    assert got["total_s"] == 28.0
    assert got["parts_s"] == {
        "process start (to the flow running)": 5.0,
        "stage fetch": 1.0,
        "stage summarize-batch": 12.0,
        "stage write-outputs": 3.0,
    }
    assert got["other_s"] == 7.0
    assert (got["edition_written_s"], got["email_received_s"]) == (27.5, 28.0)
    assert (got["flow_end_s"], got["process_exit_s"], got["schedule_wait_s"]) == (29.0, 31.0, 10.0)
    growth = report.daily_growth(
        {16: {**_run(32.0, 16)}, 100: {**_run(150.0, 100)}},
        {**got, "state": "COMPLETED", "editions": 1, "emails": 1},
    )
    assert growth["acceptance"]["served run: edition and email written, parts reported"] is True
    table = report.daily_table(growth)
    assert "edition and email **28.00 s** after the flow-run process started" in table
    assert (
        "| stage summarize-batch | 12.00 s |" in table
        and "| of the stages: model loads (4) | 4.00 s |" in table
    )


def _run(run_s: float, articles: int) -> dict:
    return {
        "articles": articles,
        "run_s": run_s,
        "generate_s": 1.0,
        "new_tokens": 100,
        "peak_rss_bytes": 10**9,
    }
