"""What an article file is, everywhere (PATH arguments, folders, source folders, ``briefing clean``): text
files, saved web pages, and a file of any other name whose content is HTML; and a line naming every entry a
folder leaves out."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

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
        if not is_dir(path):
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
        if is_dir(Path(raw)) and (scan := scan_folder(raw)) is not None:
            lines += scan.skip_lines()
    return lines


def is_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False
