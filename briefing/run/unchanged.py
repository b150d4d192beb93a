"""Outputs a rerun need not render again: what each was rendered from (a stamp) and how its files looked once
written (size and modification time), kept in a small JSON file beside them.

A rerun over unchanged inputs computes the stamp (cheap: hashes of small inputs) and compares: same stamp
and files as written means the files already hold what rendering would write. A file deleted, truncated or
edited since, or an unreadable record, renders again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from briefing.io import atomic_write_text, dumps_json


def file_marks(paths: Mapping[str, Path]) -> dict[str, list[int]]:
    """``{kind: [size, mtime_ns]}`` of each file (OSError when one is missing)."""
    marks = {}
    for kind, path in paths.items():
        info = path.stat()
        marks[kind] = [info.st_size, info.st_mtime_ns]
    return marks


def read_records(path: Path) -> dict[str, dict[str, object]]:
    """The records kept in ``path``; empty when it is missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def unchanged(known: object, stamp: str, paths: Mapping[str, Path]) -> bool:
    """Whether ``paths`` were rendered from ``stamp`` and are still as written (``known``: their record)."""
    if not isinstance(known, dict) or known.get("stamp") != stamp:
        return False
    try:
        return file_marks(paths) == known.get("files")
    except OSError:  # a file is gone
        return False


def record(stamp: str, paths: Mapping[str, Path]) -> dict[str, object]:
    return {"stamp": stamp, "files": file_marks(paths)}


def write_records(path: Path, records: dict[str, dict[str, object]]) -> None:
    atomic_write_text(path, dumps_json(records))
