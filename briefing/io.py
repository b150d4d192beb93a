"""File I/O: reading raw article bytes, stable ids, atomic writes, JSON."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

from briefing.article_files import (  # noqa: F401  (what an article file is: re-exported)
    ARTICLE_SUFFIXES,
    is_dir,
    iter_article_paths,
)
from briefing.errors import InputError

# The temp files ``atomic_write_bytes`` creates: ``.<name>.<random>.tmp`` (mkstemp adds 8 characters).
TEMP_FILE = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")
# A run sweeps only temp files older than this: a writer holds its own for milliseconds (write, fsync,
# rename), so an older one was left by a killed writer, while a younger one may be another run's, writing
# into the same folder at this moment.
STALE_TEMP_AGE_S = 60.0


def read_bytes(path: str | os.PathLike[str], max_bytes: int | None = None) -> bytes:
    """Read an input file, turning OS errors into :class:`InputError`.

    Only regular files are read: a FIFO, device or socket is refused from its ``stat`` (opening a
    FIFO blocks until a writer comes; ``/dev/zero`` never ends). The file is opened non-blocking
    and at most ``max_bytes + 1`` bytes are read (default: the ``max_input_bytes`` default), so a
    huge or growing file costs bounded memory and time.
    """
    from briefing.settings import DEFAULT_MAX_INPUT_BYTES

    cap = DEFAULT_MAX_INPUT_BYTES if max_bytes is None else max_bytes
    name = str(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            os.listdir(path)  # a folder named here could not be listed as one: say why (permission)
            raise InputError(name, "is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(name, f"not a regular file ({_file_kind(info.st_mode)})")
        if info.st_size > cap:
            raise InputError(name, _too_large(info.st_size, cap))
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as fh:
            # The file may have been swapped for another kind between stat and open.
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise InputError(name, "not a regular file")
            data = fh.read(cap + 1)
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as err:
        raise InputError(name, err.strerror or str(err)) from None
    if len(data) > cap:
        raise InputError(name, _too_large(len(data), cap))
    return data


def _file_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "not a file"


def _too_large(size: int, cap: int) -> str:
    return f"too large ({size:,} bytes or more; the limit is max_input_bytes = {cap:,})"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def article_id(path: str | os.PathLike[str], data: bytes) -> str:
    """A slug of the file's stem plus a short hash of its raw bytes (schema pattern)."""
    stem = Path(path).stem.lower()
    slug = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")[:60] or "article"
    return f"{slug}-{sha256_hex(data)[:10]}"


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


def write_text_if_changed(path: str | os.PathLike[str], text: str) -> Path:
    """:func:`atomic_write_text`, unless ``path`` already holds exactly this text (left as it is: a rerun
    over unchanged inputs rewrites no digest file, and pays no fsync for it)."""
    data = text.encode("utf-8")
    try:
        if Path(path).read_bytes() == data:
            return Path(path)
    except OSError:
        pass
    return atomic_write_bytes(path, data)


def dumps_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def sweep_temp_files(folder: str | os.PathLike[str], older_than_s: float = 0.0) -> list[Path]:
    """Remove ``atomic_write_bytes`` temp files left in ``folder``'s tree by a killed writer.

    Only names of our own pattern (``.<name>.<8 chars>.tmp``) are touched; errors are ignored
    (a folder we cannot read holds nothing we wrote). Returns what was removed.
    """
    removed: list[Path] = []
    root = Path(folder)
    if not is_dir(root):
        return removed
    now = time.time()
    for dirpath, _dirs, names in os.walk(root):
        for name in names:
            if not TEMP_FILE.match(name):
                continue
            candidate = Path(dirpath) / name
            try:
                if now - candidate.lstat().st_mtime < older_than_s:
                    continue
                candidate.unlink()
            except OSError:
                continue
            removed.append(candidate)
    return removed
