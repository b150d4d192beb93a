"""Three runs on three days of a local news site (the test sets each run's clock): a story followed up on
day 2 is marked "update" with a link to its timeline, and "developing" on day 3; the others are "new"."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefing.editions.manifest import read_manifest
from briefing.run.batch import run_batch
from briefing.settings import Settings
from tests.render.html_tree import parse
from tests.sources.site import STORIES, Route, Story, page_html, rss
from tests.sources.site import site as site  # noqa: F401  (fixture)

pytestmark = pytest.mark.local_http

DAYS = [datetime(2024, 5, d, 6, 30, tzinfo=UTC) for d in (7, 8, 9)]  # Tuesday, Wednesday, Thursday
PIER, LIBRARY, BIKES = STORIES

FOLLOW_UPS = (
    Story(
        "ferry-pier-date",
        "Harbour town sets a date to close its old ferry pier",
        "Ines Marlow",
        "Wed, 08 May 2024 07:00:00 +0000",
        "2024-05-08T07:00:00+00:00",
        (
            "The harbour town will close its century-old ferry pier at the end of the month, the council "
            "said on Wednesday, a day after voting to shut the pier because its wooden piles had rotted.",
            "Engineers said heavy vehicles could no longer use the ferry pier safely, and the council will "
            "build a new landing further along the bay instead of repairing it.",
            "Residents who take the morning ferry to the mainland asked for a temporary jetty before the "
            "old pier closes.",
        ),
    ),
    Story(
        "ferry-pier-jetty",
        "Floating jetty arrives as harbour town closes its old ferry pier",
        "Ines Marlow",
        "Thu, 09 May 2024 07:00:00 +0000",
        "2024-05-09T07:00:00+00:00",
        (
            "A temporary floating jetty was towed into the harbour town's bay on Thursday, as the council "
            "closed the century-old ferry pier whose rotten wooden piles made it unsafe.",
            "The morning ferry to the mainland will use the floating jetty until the new landing further "
            "along the bay is built, which could take two years, the mayor said.",
        ),
    ),
)


def _serve(served, stories) -> None:
    for story in stories:
        served.routes[f"/news/{story.slug}"] = Route(page_html(story, served.base))
    served.routes["/rss.xml"] = Route(rss(list(stories), served.base), content_type="application/rss+xml")


@pytest.fixture
def three_days(tmp_path: Path, site):
    empty = tmp_path / "no-models"
    empty.mkdir()
    settings = Settings(
        data_dir=tmp_path / "data",
        model_dir=empty,
        offline=True,
        target_languages=("fr",),
        fetch_host_delay_s=0.0,
        fetch_retries=0,
        fetch_allow_private_networks=True,  # the test's news site is on 127.0.0.1
    )
    out = tmp_path / "out"
    days = [[PIER, LIBRARY], [PIER, LIBRARY, FOLLOW_UPS[0], BIKES], [*STORIES, *FOLLOW_UPS]]
    results = []
    for when, stories in zip(DAYS, days, strict=True):
        _serve(site, stories)
        results.append(run_batch([], settings, out, when, sources=[site.url("/rss.xml")]))
    return out, results


def _marks(page: Path) -> dict[str, tuple[str, str | None]]:
    """Headline -> (mark, timeline link) of every story on an edition page."""
    root, _ = parse(page.read_text(encoding="utf-8"))
    out = {}
    for story in root.find_all("section", cls="story"):
        marks = story.find_all(cls="mark")
        links = story.find_all("a", cls="timeline-link")
        mark = marks[0] if marks else None
        link = links[0] if links else None
        for entry in story.find_all("article", cls="entry"):
            out[entry.find("h2").text()] = (
                mark.text() if mark else None,
                link.attrs["href"] if link else None,
            )
    return out


def test_three_days_new_update_developing(three_days):
    out, results = three_days
    assert [len(r.digests) for r in results] == [2, 2, 1] and not any(r.failures for r in results)
    editions = read_manifest(out).editions
    assert len(editions) == 3
    pages = [out / "editions" / f"{e.id}.html" for e in editions]

    day1 = _marks(pages[0])
    assert day1 == {PIER.title: ("New", None), LIBRARY.title: ("New", None)}

    day2 = _marks(pages[1])
    mark, link = day2[FOLLOW_UPS[0].title]
    assert mark == "Update" and link is not None and link.startswith("../stories/")
    assert day2[BIKES.title] == ("New", None)
    root, _ = parse(pages[1].read_text(encoding="utf-8"))
    assert "first reported Tuesday" in root.text()

    markdown = pages[1].with_suffix(".md").read_text(encoding="utf-8")
    assert f"**Update** · first reported Tuesday · timeline: {link}" in markdown

    day3 = _marks(pages[2])
    assert day3[FOLLOW_UPS[1].title] == ("Developing", link)

    # The timeline (rewritten by each edition the story is in): one line per article, date and outlet.
    timeline = out / link.removeprefix("../")
    root, _ = parse(timeline.read_text(encoding="utf-8"))
    items = [li.text() for li in root.find_all("li", cls="timeline-item")]
    assert len(items) == 3
    for item, day, story in zip(
        items,
        ("Tuesday 2024-05-07", "Wednesday 2024-05-08", "Thursday 2024-05-09"),
        (PIER, *FOLLOW_UPS),
        strict=True,
    ):
        assert item == f"{day} · The Coastline Courier · {story.title}"

    # The front page shows the latest edition with its marks; the feed marks the updates.
    assert _marks(out / "index.html")[FOLLOW_UPS[1].title] == ("Developing", link.removeprefix("../"))
    feed = json.loads((out / "feeds" / "en.json").read_text(encoding="utf-8"))
    titles = {item["title"] for item in feed["items"]}
    assert f"Update: {FOLLOW_UPS[0].title}" in titles
    assert f"Developing: {FOLLOW_UPS[1].title}" in titles
    assert PIER.title in titles and LIBRARY.title in titles
