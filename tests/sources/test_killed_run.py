"""A run killed with SIGKILL at any point loses nothing and double-digests nothing on the next run."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.flows.conftest import wait_for
from tests.sources.site import STORIES, Route, Site, Story, page_html, rss

pytestmark = pytest.mark.cli

# Run the sources without Prefect or models in a child process the test can kill.
CHILD = """
import sys
from pathlib import Path
from briefing.run.batch import run_batch
from briefing.settings import Settings
data, out, feed = sys.argv[1:4]
empty = Path(data).parent / "no-models"
empty.mkdir(exist_ok=True)
settings = Settings(
    data_dir=Path(data), model_dir=empty, offline=True, target_languages=(), fetch_host_delay_s=0,
    fetch_allow_private_networks=True,
)
result = run_batch([], settings, out, sources=[feed])
print(len(result.digests), len(result.failures))
"""


def _stories(count: int) -> list[Story]:
    base = STORIES[0]
    return [
        Story(
            f"{base.slug}-{n}",
            f"{base.title}, part {n}",
            base.byline,
            base.published,
            base.iso,
            tuple(f"{p} (Part {n}.)" for p in base.paragraphs),
            base.comments,
        )
        for n in range(count)
    ]


def _child(data: Path, out: Path, feed: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data), str(out), feed],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


# Killed while fetching pages, after the last page, and once digest files are being written.
@pytest.mark.parametrize(("kill_when", "count"), [("pages", 2), ("pages", 6), ("files", 1)])
def test_kill_9_then_rerun_digests_every_entry_exactly_once(
    site: Site, tmp_path: Path, kill_when: str, count: int
):
    stories = _stories(6)
    for story in stories:
        site.routes[f"/news/{story.slug}"] = Route(page_html(story, site.base), delay_s=0.3)
    site.routes["/rss.xml"] = Route(rss(stories, site.base), content_type="application/rss+xml")
    data, out, feed = tmp_path / "data", tmp_path / "out", site.url("/rss.xml")

    child = _child(data, out, feed)

    def reached() -> bool:
        if kill_when == "pages":
            return sum(r.path.startswith("/news/") for r in site.requests) >= count
        return len(list(out.glob("digests/*.json"))) >= count

    wait_for(
        lambda: reached() or child.poll() is not None, 120, f"the run to reach {count} {kill_when}", 0.05
    )
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)

    rerun = _child(data, out, feed)
    stdout, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr[-2000:]

    digests = [json.loads(p.read_text(encoding="utf-8")) for p in (out / "digests").glob("*.json")]
    urls = sorted(d["source"]["url"] for d in digests)
    assert urls == sorted(site.url(f"/news/{s.slug}") for s in stories)  # each entry, once
    db = sqlite3.connect(data / "state.sqlite3")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT COUNT(*) FROM digested").fetchone() == (6,)
        assert db.execute("SELECT COUNT(*), COUNT(DISTINCT article_id) FROM links").fetchone() == (6, 6)
    finally:
        db.close()
    # And a third run finds nothing new.
    third = _child(data, out, feed)
    stdout, _ = third.communicate(timeout=300)
    assert stdout.split() == ["0", "0"]
