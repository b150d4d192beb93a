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
