"""Atomic writes leave files readable by others, as the umask allows (never mkstemp's 0600)."""

from __future__ import annotations

import os
import stat

import pytest

from briefing.io import atomic_write_text

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_atomic_write_honours_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        path = atomic_write_text(tmp_path / "out" / "page.html", "<p>x</p>\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert path.read_text(encoding="utf-8") == "<p>x</p>\n"
    assert [p.name for p in path.parent.iterdir()] == ["page.html"]  # no temp file left


def test_write_text_if_changed_leaves_a_file_that_holds_the_text_and_replaces_one_that_does_not(tmp_path):
    import os

    from briefing.io import write_text_if_changed

    path = tmp_path / "digest.json"
    write_text_if_changed(path, "same\n")
    os.utime(path, (1_000_000, 1_000_000))
    write_text_if_changed(path, "same\n")
    assert path.stat().st_mtime == 1_000_000  # not rewritten
    path.write_text("torn")  # a killed writer's half file
    write_text_if_changed(path, "same\n")
    assert path.read_text() == "same\n"
