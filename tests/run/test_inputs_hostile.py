"""Hostile inputs are per-file errors read in bounded time and memory; duplicates are left out once."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.errors import InputError
from briefing.io import iter_article_paths, read_bytes, sweep_temp_files
from briefing.run.inputs import read_inputs
from tests.conftest import ROOT
from tests.unprivileged import drop_permission_bypass, require_unprivileged_children

TEXT = "A council vote on the bridge was delayed again on Tuesday.\n"


def _reason(path: Path | str, **kwargs) -> str:
    with pytest.raises(InputError) as caught:
        read_bytes(path, **kwargs)
    return caught.value.reason


@pytest.mark.unit
def test_fifo_is_refused_without_opening_it(tmp_path: Path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert _reason(fifo) == "not a regular file (a FIFO)"  # would block for ever if opened


@pytest.mark.unit
def test_devices_and_sockets_are_refused():
    assert _reason("/dev/zero") == "not a regular file (a character device)"


@pytest.mark.unit
def test_socket_is_refused(tmp_path: Path):
    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        assert _reason(path) == "not a regular file (a socket)"


@pytest.mark.unit
def test_sparse_2gb_file_is_too_large_without_reading_it(tmp_path: Path):
    sparse = tmp_path / "huge.txt"
    with open(sparse, "wb") as fh:
        fh.truncate(2 * 1024**3)
    assert _reason(sparse).startswith("too large (2,147,483,648 bytes")


@pytest.mark.unit
def test_cap_is_a_setting_and_a_file_at_the_cap_is_read(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 100)
    assert read_bytes(path, max_bytes=100) == b"x" * 100
    assert "max_input_bytes = 99" in _reason(path, max_bytes=99)


@pytest.mark.unit
def test_folder_documents_are_not_articles(tmp_path: Path):
    for name in ("README.md", "readme.txt", "LICENSE.txt", "CHANGELOG.md", "story.md", "note.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    assert [p.name for p in iter_article_paths([tmp_path])] == ["note.txt", "story.md"]
    # named explicitly, it is read like any file
    assert [p.name for p in iter_article_paths([tmp_path / "README.md"])] == ["README.md"]


@pytest.mark.unit
def test_same_file_twice_and_same_content_twice_are_one_article(tmp_path: Path):
    first = tmp_path / "a" / "story.txt"
    copy = tmp_path / "b" / "story.txt"
    other = tmp_path / "a" / "other.txt"
    for path, text in ((first, TEXT), (copy, TEXT), (other, TEXT + "More.\n")):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    read = read_inputs([first, tmp_path / "a" / ".." / "a" / "story.txt", copy, other])
    assert [Path(r.path) for r in read.refs] == [first, other]
    assert not read.failures
    assert [d.same_as for d in read.duplicates] == [str(first), str(first)]
    assert all(line.startswith("duplicate: ") for line in (d.one_line() for d in read.duplicates))


@pytest.mark.unit
def test_sweep_removes_only_our_temp_files(tmp_path: Path):
    ours = tmp_path / "digests" / ".a.json.k3j_x9Qz.tmp"
    theirs = tmp_path / "digests" / "notes.tmp"
    ours.parent.mkdir()
    ours.write_text("{", encoding="utf-8")
    theirs.write_text("keep", encoding="utf-8")
    assert sweep_temp_files(tmp_path) == [ours]
    assert theirs.exists() and not ours.exists()


_PROBE = """
import json, sys
from briefing.io import iter_article_paths
from briefing.run.inputs import read_inputs
read = read_inputs(iter_article_paths(sys.argv[1:]))
print(json.dumps({"refs": [r.path for r in read.refs], "failures": [f.one_line() for f in read.failures]}))
"""


@pytest.mark.cli
def test_unreadable_files_and_folders_are_per_file_errors_for_a_non_root_user(tmp_path: Path):
    require_unprivileged_children()
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text(TEXT + "1\n", encoding="utf-8")
    secret.chmod(0o000)
    locked = tmp_path / "locked"  # r--: entries listed but cannot be stat'ed or opened
    locked.mkdir()
    (locked / "inside.txt").write_text(TEXT + "2\n", encoding="utf-8")
    locked.chmod(0o444)
    closed = tmp_path / "closed"  # ---: cannot be listed
    closed.mkdir()
    closed.chmod(0o000)
    try:
        result = subprocess.run(
            [sys.executable, "-c", _PROBE, str(good), str(secret), str(locked), str(closed)],
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=drop_permission_bypass,  # noqa: PLW1509
        )
    finally:
        locked.chmod(0o755)
        closed.chmod(0o755)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["refs"] == [str(good)]
    assert data["failures"] == [
        f"error: {secret}: permission denied",
        f"error: {locked / 'inside.txt'}: permission denied",
        f"error: {closed}: permission denied",
    ]
