"""A run's inputs: files and folders expanded into article files, each hashed once, and the cleaning stage."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import InputError
from briefing.io import iter_article_paths, read_bytes, sha256_hex
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


def article_ref(path: str | Path) -> ArticleRef:
    """Hash an input file's raw bytes; raises :class:`InputError` when it cannot be read."""
    return ArticleRef(str(path), sha256_hex(read_bytes(path)))


def article_refs(paths: Iterable[str | Path]) -> tuple[list[ArticleRef], list[ArticleFailure]]:
    """Refs for the readable files, failures for the others (never raises for one file)."""
    refs: list[ArticleRef] = []
    failures: list[ArticleFailure] = []
    for path in paths:
        try:
            refs.append(article_ref(path))
        except InputError as err:
            failures.append(ArticleFailure(err.path, err.reason))
    return refs, failures


def clean_article(path: str | Path, settings: Settings) -> Digest | ArticleFailure:
    """The cleaning stage for one file; bad input becomes an :class:`ArticleFailure`."""
    from briefing.cleaning import clean_file

    try:
        return clean_file(path, settings)
    except InputError as err:
        return ArticleFailure(err.path, err.reason)
