"""Concurrent runs: two runs of one feed at once digest each article once (the data folder's run lock), and
ten publishes into one output folder at once keep every edition (the output lock)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from briefing.editions.manifest import read_manifest
from briefing.run.batch import run_batch
from briefing.run.publish import publish_run
from briefing.settings import Settings
from tests.sources.site import Route, Site, page_html, rss
from tests.sources.test_killed_run import _child, _stories

pytestmark = pytest.mark.local_http


def test_two_simultaneous_runs_of_one_feed_digest_each_article_once(site: Site, tmp_path: Path):
    stories = _stories(4)
    for story in stories:
        site.routes[f"/news/{story.slug}"] = Route(page_html(story, site.base), delay_s=0.2)
    site.routes["/rss.xml"] = Route(rss(stories, site.base), content_type="application/rss+xml")
    data, feed = tmp_path / "data", site.url("/rss.xml")
    runs = [_child(data, tmp_path / f"out-{n}", feed) for n in range(2)]
    counts = []
    for run in runs:
        stdout, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr[-2000:]
        counts.append(int(stdout.split()[0]))  # digests written by that run
    assert sorted(counts) == [0, 4]  # one run digested all four, the other waited and found none new
    assert len([r for r in site.requests if r.path.startswith("/news/")]) == 4


def test_ten_simultaneous_publishes_keep_every_edition(tmp_path: Path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    for n in range(10):
        (inbox / f"{n}.txt").write_text(
            f"Story number {n}\n\nThe harbour council met on day {n} to talk about the pier and the ferry "
            f"timetable, and residents asked {n} questions about the works planned for the bay.\n",
            encoding="utf-8",
        )
    models = tmp_path / "no-models"
    models.mkdir()
    settings = Settings(model_dir=models, offline=True, target_languages=(), data_dir=tmp_path / "data")
    digests = run_batch([inbox], settings, tmp_path / "first").digests
    assert len(digests) == 10
    out = tmp_path / "out"
    start = threading.Barrier(10)
    errors: list[BaseException] = []

    def publish(n: int) -> None:
        start.wait()
        try:
            publish_run([digests[n]], [], out, settings)
        except BaseException as err:  # noqa: BLE001  (reported below)
            errors.append(err)

    threads = [threading.Thread(target=publish, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert errors == []
    editions = read_manifest(out).editions
    assert sorted(a for e in editions for a in e.articles) == sorted(d.article_id for d in digests)
    assert len(editions) == 10


def test_sources_are_fetched_in_parallel_in_order_with_progress(site: Site, tmp_path: Path):
    from briefing.sources import session
    from briefing.sources.spec import parse_source
    from tests.sources.site import STORIES

    for n, story in enumerate(STORIES):
        site.routes[f"/news/{story.slug}"] = Route(page_html(story, site.base))
        site.routes[f"/{n}.xml"] = Route(rss([story], site.base), content_type="application/rss+xml")
    specs = [parse_source(site.url(f"/{n}.xml")) for n in range(len(STORIES))] + [
        parse_source(site.url("/missing.xml"))
    ]
    settings = Settings(
        data_dir=tmp_path / "data", fetch_host_delay_s=0, fetch_allow_private_networks=True, fetch_parallel=3
    )
    finished: list[str] = []
    results = session.fetch_parallel(settings, specs, on_done=lambda r: finished.append(r.spec))
    assert [r.spec for r in results] == [s.spec for s in specs] and sorted(finished) == sorted(
        r.spec for r in results
    )
    assert [r.new for r in results] == [1, 1, 1, 0] and results[-1].error == "HTTP 404"
    assert len(site.hits("/robots.txt")) == 1  # read once for the host, shared by the parallel fetchers
