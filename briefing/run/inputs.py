"""A run's inputs: files and folders expanded into article files, each hashed once, and the cleaning stage."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from briefing.article_files import iter_article_paths, skip_lines
from briefing.errors import InputError
from briefing.io import read_bytes, sha256_hex
from briefing.records import ArticleFailure, Digest
from briefing.settings import Settings

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
EXAMPLES_DIR = PACKAGE_ROOT.parent / "examples"


@dataclass(frozen=True)
class ArticleRef:
    """An input file and the sha256 of its raw bytes: all a cache key needs to know of it."""

    path: str
    sha256: str

    @property
    def name(self) -> str:
        return Path(self.path).name


def default_input_paths() -> list[Path]:
    """The bundled examples (``examples/`` of the repository)."""
    return [EXAMPLES_DIR]


def expand_inputs(paths: Iterable[str | Path] | None) -> list[Path]:
    """Files and folders -> article files (the examples when ``paths`` is empty)."""
    chosen = list(paths or []) or default_input_paths()
    return list(iter_article_paths(chosen))


def expand_backlog(paths: Iterable[str | Path]) -> list[Path]:
    """Article files of a backlog: files as given; a folder's articles and those of its subfolders
    (one level: a backlog folder holds one folder per source). Absolute: workers run elsewhere."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw).expanduser().absolute()
        folders = [path] if path.is_dir() else []
        folders += (
            sorted(c for c in path.iterdir() if c.is_dir() and not c.name.startswith(".")) if folders else []
        )
        found += iter_article_paths(folders or [path])
    return found


def skipped_inputs(paths: Iterable[str | Path] | None) -> list[str]:
    """One "skipped ..." line per kind of entry the folders among ``paths`` left out (none for the
    bundled examples, the default)."""
    return skip_lines(paths or [])


@dataclass(frozen=True)
class Duplicate:
    """An input left out because another input has the same content (or is the same file)."""

    path: str
    same_as: str

    def one_line(self) -> str:
        return f"duplicate: {self.path}: same content as {self.same_as} (digested once)"


@dataclass(frozen=True)
class RunInputs:
    """A run's readable inputs (each content once), the unreadable ones, and the duplicates left out."""

    refs: list[ArticleRef]
    failures: list[ArticleFailure]
    duplicates: list[Duplicate]


def article_ref(path: str | Path, max_bytes: int | None = None) -> ArticleRef:
    """Hash an input file's raw bytes; raises :class:`InputError` when it cannot be read."""
    return ArticleRef(str(path), sha256_hex(read_bytes(path, max_bytes)))


def article_refs(
    paths: Iterable[str | Path], max_bytes: int | None = None
) -> tuple[list[ArticleRef], list[ArticleFailure]]:
    """Refs for the readable files, failures for the others (never raises for one file)."""
    refs: list[ArticleRef] = []
    failures: list[ArticleFailure] = []
    for path in paths:
        try:
            refs.append(article_ref(path, max_bytes))
        except InputError as err:
            failures.append(ArticleFailure(err.path, err.reason))
    return refs, failures


def read_inputs(paths: Iterable[str | Path], max_bytes: int | None = None) -> RunInputs:
    """:func:`article_refs` with duplicates left out: the same file named twice, or the same bytes in two
    files, is one article (the first named), so it is counted and indexed once."""
    unique_paths: list[Path] = []
    seen_files: dict[tuple[int, int], str] = {}
    duplicates: list[Duplicate] = []
    for path in map(Path, paths):
        identity = _file_identity(path)
        if identity is not None and identity in seen_files:
            duplicates.append(Duplicate(str(path), seen_files[identity]))
            continue
        if identity is not None:
            seen_files[identity] = str(path)
        unique_paths.append(path)
    refs, failures = article_refs(unique_paths, max_bytes)
    by_content: dict[str, str] = {}
    unique: list[ArticleRef] = []
    for ref in refs:
        if ref.sha256 in by_content:
            duplicates.append(Duplicate(ref.path, by_content[ref.sha256]))
            continue
        by_content[ref.sha256] = ref.path
        unique.append(ref)
    return RunInputs(unique, failures, duplicates)


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def clean_article(path: str | Path, settings: Settings) -> Digest | ArticleFailure:
    """The cleaning stage for one file (a web page is extracted first); bad input becomes an
    :class:`ArticleFailure`."""
    from briefing.sources.articles import clean_article_file

    try:
        return clean_article_file(path, settings)
    except InputError as err:
        return ArticleFailure(err.path, err.reason)
