"""Checks of a run's paths and output folder that can be made before any work starts.

Everything here is cheap (a few ``stat`` calls, one folder listing per input folder) so that
``briefing run`` can refuse a bad command line in well under a second, before Prefect starts.
A problem with one input *file* (unreadable, a FIFO, too large) is not checked here: it is
reported per file by the run, and the other inputs are still digested.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from briefing.article_files import ARTICLE_KINDS, scan_folder
from briefing.settings import Settings

# Words a user may have meant as a flag's value (``--offline true``): flags take none.
_FLAG_VALUES = frozenset({"true", "false", "yes", "no", "on", "off", "1", "0"})


class RunOptionError(ValueError):
    """A bad path or output folder; the message is one line naming it and the reason."""


def is_url(text: str) -> bool:
    from briefing.sources.spec import is_url as source_is_url

    return source_is_url(text)


def check_sources(paths: Sequence[str], settings: Settings) -> None:
    """URL arguments must be http(s); with no arguments, every configured source must be usable."""
    from briefing.sources.spec import SpecError, check_http_url, parse_source

    for raw in paths:
        if is_url(raw):
            try:
                check_http_url(raw)
            except SpecError as err:
                raise RunOptionError(f"{raw}: {err}") from None
    if paths:
        return
    for spec in settings.sources:
        try:
            parse_source(spec)
        except SpecError as err:
            raise RunOptionError(f"setting sources: {spec}: {err}") from None


def validate_run(paths: Sequence[str | Path], output_dir: str | Path, settings: Settings) -> None:
    """Raise :class:`RunOptionError` for the first path or output problem that would stop the run."""
    from briefing.langid import normalize_languages

    for raw in paths:
        if not is_url(str(raw)):
            check_input_path(Path(raw))
    check_sources([str(p) for p in paths], settings)
    check_output_dir(Path(output_dir))
    try:
        normalize_languages(settings.detect_languages)
    except ValueError as err:
        raise RunOptionError(f"setting detect_languages: {err}") from None


def check_input_path(path: Path) -> None:
    """A named input must exist; a folder must hold articles. Unreadable ones are reported per file later."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if str(path).lower() in _FLAG_VALUES:
            raise RunOptionError(
                f"{path}: no such file or folder (flags such as --offline take no value)"
            ) from None
        raise RunOptionError(f"{path}: no such file or folder") from None
    except OSError:
        return  # e.g. a parent folder without search permission: the run reports it for this input
    if not stat.S_ISDIR(info.st_mode):
        return
    try:
        os.listdir(path)
    except OSError:
        return  # unlistable: reported per input by the run
    scan = scan_folder(path)
    if scan is not None and not scan.articles:
        left_out = "".join(f"; {line}" for line in scan.skip_lines())
        raise RunOptionError(f"{path}: no article files ({ARTICLE_KINDS}) in this folder{left_out}")


def check_output_dir(out: Path) -> None:
    """The output folder must be a folder (or creatable) and writable."""
    if out.exists() and not out.is_dir():
        raise RunOptionError(f"{out}: output folder is a file")
    existing = out
    while not existing.exists():
        if existing.parent == existing:
            break
        existing = existing.parent
    if not existing.is_dir():
        raise RunOptionError(f"{out}: cannot create the output folder: {existing} is a file")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise RunOptionError(f"{out}: output folder is not writable ({existing}: permission denied)")
