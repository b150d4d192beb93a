"""A rerun leaves unchanged digest pages alone (``briefing.run.report.write_digests``): nothing is rendered
or written again, while a page deleted or torn since, a changed digest or changed languages are rendered
again."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from briefing.run import report
from briefing.settings import Settings
from tests.render.conftest import friendly_digest

pytestmark = pytest.mark.unit


@pytest.fixture
def rendered(monkeypatch) -> list[str]:
    """The article ids whose files were rendered."""
    import briefing.render as render

    calls: list[str] = []
    real = render.write_digest_files

    def counting(digest, out, **options):
        calls.append(digest.article_id)
        return real(digest, out, **options)

    monkeypatch.setattr(render, "write_digest_files", counting)
    return calls


def test_unchanged_pages_are_not_rendered_again_and_changed_ones_are(tmp_path: Path, rendered):
    first = friendly_digest()
    second = friendly_digest(
        "articles/other-report.txt", article_id="other-report-9f8e7d6c5b", title="Another report"
    )
    digests = [first, second]
    out = tmp_path / "out"
    paths = report.write_digests(digests, out, Settings())
    assert rendered == [first.article_id, second.article_id]
    before = {p: p.read_bytes() for files in paths.values() for p in files.values()}

    rendered.clear()
    again = report.write_digests(digests, out, Settings())
    assert rendered == [] and again == paths  # same files, nothing rendered
    assert {p: p.read_bytes() for p in before} == before

    torn = paths[first.article_id]["html"]
    torn.write_bytes(torn.read_bytes()[:40])  # as a writer killed halfway would leave it
    paths[second.article_id]["md"].unlink()
    report.write_digests(digests, out, Settings())
    assert rendered == [first.article_id, second.article_id]
    assert torn.read_bytes() == before[torn]

    rendered.clear()
    changed = replace(first, title="A corrected title")
    report.write_digests([changed, second], out, Settings())
    assert rendered == [first.article_id]
    rendered.clear()
    report.write_digests([changed, second], out, Settings(reader_languages=("fr",)))
    assert rendered == [first.article_id, second.article_id]  # the pages show comments by the languages


def test_the_bookkeeping_file_is_beside_the_digests_not_among_them(tmp_path: Path, rendered):
    out = tmp_path / "out"
    report.write_digests([friendly_digest()], out, Settings())
    assert (out / report.RENDERED_NAME).is_file()
    assert all(not p.name.startswith(".") for p in (out / "digests").iterdir())
    (out / report.RENDERED_NAME).write_text("not json")  # unreadable: everything is rendered again
    rendered.clear()
    report.write_digests([friendly_digest()], out, Settings())
    assert len(rendered) == 1
