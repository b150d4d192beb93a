"""File I/O: reading raw article bytes, stable ids, atomic writes, JSON."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.errors import InputError

# What an article file is, everywhere (PATH arguments, folders, source folders, ``briefing clean``): text
# files, saved web pages, and a file of any other name whose content is HTML (``looks_like_html``).
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
ARTICLE_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES)
# How messages name the article kinds.
ARTICLE_KINDS = ".txt, .md, .html"
# How many leading bytes the HTML sniffing reads.
SNIFF_BYTES = 2048
# An ``.html`` file is markup when one of these tags opens in its first MARKUP_BYTES.
_MARKUP = re.compile(
    rb"<(html|head|body|meta|title|article|main|div|p|h[1-6]|br|span|a|ul|table)[\s>/]", re.I
)
MARKUP_BYTES = 65536
# A skip line names at most this many files, then "and N more".
SKIP_LINE_NAMES = 8
# A folder's own documents, not articles: README.md, LICENSE.txt, CHANGELOG.md, ... (upper-cased stems).
NOT_ARTICLE_STEMS = frozenset(
    {"README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "CHANGES", "CONTRIBUTING", "AUTHORS", "NOTICE"}
)
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


def looks_like_html(data: bytes) -> bool:
    """True when ``data`` opens like an HTML document (a doctype, ``<html>``, or an XML declaration or
    comment followed by one), whatever the file is called. Text articles never open that way."""
    head = data[:SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("ascii", errors="ignore")
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return True
    return head.startswith((b"<?xml", b"<!--")) and re.search(rb"<(!doctype\s+)?html[\s>]", head) is not None


def is_html_article(path: str | os.PathLike[str], data: bytes) -> bool:
    """A saved web page: HTML content under any name, or an ``.html``/``.htm`` name on content with markup
    (a fragment without a doctype; plain text saved under that name stays text)."""
    if looks_like_html(data):
        return True
    return Path(path).suffix.lower() in HTML_SUFFIXES and _MARKUP.search(data[:MARKUP_BYTES]) is not None


@dataclass(frozen=True)
class FolderScan:
    """A folder's entries: its article files, and what was left out and why."""

    folder: Path
    articles: tuple[Path, ...] = ()
    not_articles: tuple[Path, ...] = ()  # files of other kinds (report.pdf, photo.png)
    documents: tuple[Path, ...] = ()  # the folder's own README, LICENSE, ...
    subfolders: tuple[Path, ...] = ()  # not read: only the folder's own files are

    def skip_lines(self) -> list[str]:
        """One line per kind of entry left out, naming the entries (see ``SKIP_LINE_NAMES``)."""
        where = _shown(self.folder)
        lines = []
        for paths, reason in (
            (self.not_articles, f"not an article ({ARTICLE_KINDS})"),
            (self.documents, "the folder's own document (README, LICENSE, ...)"),
            (self.subfolders, "subfolders are not read (name them to include them)"),
        ):
            if paths:
                names = [p.name + ("/" if paths is self.subfolders else "") for p in paths]
                shown = ", ".join(names[:SKIP_LINE_NAMES])
                if len(names) > SKIP_LINE_NAMES:
                    shown += f" and {len(names) - SKIP_LINE_NAMES} more"
                lines.append(f"skipped {shown} in {where}: {reason}")
        return lines


def _shown(folder: Path) -> str:
    text = str(folder)
    return text if text.endswith(os.sep) else text + os.sep


def scan_folder(folder: str | os.PathLike[str]) -> FolderScan | None:
    """Sort a folder's entries (sorted, non-recursive, hidden ones ignored) into article files and the rest;
    None when the folder cannot be listed. An entry whose kind cannot be known (a folder without search
    permission) counts as an article when its name qualifies, so reading it reports why."""
    root = Path(folder)
    try:
        children = sorted(root.iterdir())
    except OSError:
        return None
    found: dict[str, list[Path]] = {"articles": [], "not_articles": [], "documents": [], "subfolders": []}
    for child in children:
        if child.name.startswith("."):
            continue
        kind = _entry_kind(child)
        if kind is not None:
            found[kind].append(child)
    return FolderScan(root, **{key: tuple(value) for key, value in found.items()})


def _entry_kind(path: Path) -> str | None:
    try:
        mode: int | None = os.stat(path).st_mode
    except FileNotFoundError:
        return None  # gone since the listing (or a dangling link)
    except OSError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        return "subfolders"
    if Path(path.name).stem.split(".")[0].upper() in NOT_ARTICLE_STEMS:
        return "documents"
    if path.suffix.lower() in ARTICLE_SUFFIXES:
        return "articles"
    if mode is not None and stat.S_ISREG(mode) and _sniffs_html(path):
        return "articles"
    return "not_articles"


def _sniffs_html(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return looks_like_html(fh.read(SNIFF_BYTES))
    except OSError:
        return False


def iter_article_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Expand files and directories into article files (see :func:`scan_folder`).

    Files named explicitly are always yielded, whatever their kind or suffix, so the reader can
    report why a bad one fails; a folder that cannot be listed is yielded itself, likewise.
    """
    for raw in paths:
        path = Path(raw)
        if not _is_dir(path):
            yield path
            continue
        scan = scan_folder(path)
        if scan is None:
            yield path
            continue
        yield from scan.articles


def skip_lines(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The "skipped ..." lines of the folders among ``paths``: every entry left out, named."""
    lines: list[str] = []
    for raw in paths:
        if _is_dir(Path(raw)) and (scan := scan_folder(raw)) is not None:
            lines += scan.skip_lines()
    return lines


def _is_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


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


def sweep_temp_files(folder: str | os.PathLike[str], older_than_s: float = 0.0) -> list[Path]:
    """Remove ``atomic_write_bytes`` temp files left in ``folder``'s tree by a killed writer.

    Only names of our own pattern (``.<name>.<8 chars>.tmp``) are touched; errors are ignored
    (a folder we cannot read holds nothing we wrote). Returns what was removed.
    """
    removed: list[Path] = []
    root = Path(folder)
    if not _is_dir(root):
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
