"""From raw article files to every page: the cleaning stage's digests, same-story links, rendered files.

Summarization and translation are left out (their own tests cover them): what matters here is that
real cleaned input, hostile markup included, reaches the pages only as text, and that the two seeds
are grouped as one story both in ``same_story_as`` and on the index page.
"""

from __future__ import annotations

import json
import re

import pytest

from briefing.render import write_digest_files, write_index
from briefing.same_story import link_same_story
from briefing.settings import Settings
from tests.conftest import SEED_000, SEED_001
from tests.render.conftest import IMG, SCRIPT
from tests.render.html_tree import parse

pytestmark = pytest.mark.tiny_model  # loads the real (small, bundled) MiniLM for same-story links

HOSTILE_ARTICLE = f"""A small town opened a new public library on Saturday after two years of building work.

The mayor said the library would stay open late on weekdays so that students have a quiet place to work.

Comments (2)

Reader One
I love it {SCRIPT} and the new reading room.

Reader Two
Great place {IMG} for kids.
"""


@pytest.fixture(scope="module")
def clean_file():
    cleaning = pytest.importorskip("briefing.cleaning")
    if not hasattr(cleaning, "clean_file"):
        pytest.skip("briefing.cleaning.clean_file has not landed yet")
    return cleaning.clean_file


@pytest.fixture(scope="module")
def run(clean_file, tmp_path_factory):
    root = tmp_path_factory.mktemp("e2e")
    hostile = root / "library.txt"
    hostile.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    settings = Settings()
    digests = link_same_story([clean_file(p, settings) for p in (SEED_000, SEED_001, hostile)])
    out = root / "out"
    for digest in digests:
        write_digest_files(digest, out)
    write_index(digests, [], out)
    return digests, out


def test_seeds_are_one_story_in_json_and_on_the_index(run, validate_digest):
    digests, out = run
    seed_a, seed_b, library = digests
    assert seed_a.same_story_as == (seed_b.article_id,)
    assert seed_b.same_story_as == (seed_a.article_id,)
    assert library.same_story_as == ()
    for digest in digests:
        data = json.loads((out / "digests" / f"{digest.article_id}.json").read_text(encoding="utf-8"))
        validate_digest(data)
        assert data["same_story_as"] == list(digest.same_story_as)
    index, _ = parse((out / "index.html").read_text(encoding="utf-8"))
    grouped = index.find_all("section", cls="grouped")
    assert len(grouped) == 1
    hrefs = {a.attrs["href"] for a in grouped[0].find_all("a")}
    assert f"digests/{seed_a.article_id}.html" in hrefs and f"digests/{seed_b.article_id}.html" in hrefs
    assert f"digests/{library.article_id}.html" not in hrefs


def test_hostile_article_is_text_on_every_page(run):
    digests, out = run
    library = digests[2]
    pages = sorted(p for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))
    assert len(pages) == 3 * 3 + 1
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<\s*(script|img)", text, re.I), path
    for path in out.rglob("*.html"):
        _, attrs = parse(path.read_text(encoding="utf-8"))
        assert not [name for _, name, _ in attrs if name.startswith("on")], path
    page, _ = parse((out / "digests" / f"{library.article_id}.html").read_text(encoding="utf-8"))
    visible = page.find("body").text()
    assert SCRIPT in visible and IMG in visible
