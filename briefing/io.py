"""File I/O: reading raw article bytes, stable ids, atomic writes, JSON."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from briefing.errors import InputError

ARTICLE_SUFFIXES = (".txt", ".text", ".md")


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """Read an input file, turning OS errors into :class:`InputError`."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    except OSError as err:
        raise InputError(str(path), err.strerror or str(err)) from None


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def article_id(path: str | os.PathLike[str], data: bytes) -> str:
    """A slug of the file's stem plus a short hash of its raw bytes (schema pattern)."""
    stem = Path(path).stem.lower()
    slug = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")[:60] or "article"
    return f"{slug}-{sha256_hex(data)[:10]}"


def iter_article_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Expand files and directories (non-recursive, sorted) into article files.

    Files named explicitly are always yielded, whatever their suffix, so the
    reader can report why a bad one fails; directories contribute their
    ``ARTICLE_SUFFIXES`` files, hidden files skipped.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if (
                    child.is_file()
                    and not child.name.startswith(".")
                    and child.suffix.lower() in ARTICLE_SUFFIXES
                ):
                    yield child
        else:
            yield path


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write via a temp file in the same folder + fsync + rename: readers never see half a file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates 0600; outputs are for others to read too (0644 under umask 022).
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _umask() -> int:
    """The process umask: from /proc on Linux (no change to process state, safe beside other threads),
    else by setting it and restoring it at once."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))


def dumps_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
