"""What a run produced (:class:`RunResult`): its own module so that the report (``briefing.run.summary``) can
name it without importing the composition that makes it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefing.records import ArticleFailure, Digest
from briefing.run.inputs import Duplicate
from briefing.sources.fetch import SourceResult


@dataclass(frozen=True)
class RunResult:
    """What a run produced: digests (degraded ones included), failures, files written, what it left out."""

    digests: tuple[Digest, ...]
    failures: tuple[ArticleFailure, ...]
    files: dict[str, dict[str, Path]] = field(default_factory=dict)
    index: Path | None = None
    duplicates: tuple[Duplicate, ...] = ()  # inputs left out: the same file or bytes as an earlier one
    skipped: tuple[str, ...] = ()  # "skipped report.pdf in inbox/: not an article (...)" lines
    email: tuple[str, ...] = ()  # one line per edition message still owed after a failed send
    out_dir: Path | None = None
    fetched: tuple[SourceResult, ...] = ()  # each source's fetch, in the order of the sources
    warnings: tuple[str, ...] = ()  # configured sources dead for several runs (no longer failures)
    inputs: int = 0  # readable local inputs (each content once)
    nothing_new: str | None = None  # what a run of sources that digested nothing says instead

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0
