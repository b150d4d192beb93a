"""Turn user-facing errors into one line on stderr and an exit code, never a traceback."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from briefing.errors import BriefingError, InputError


def fail(message: str, code: int = 2) -> typer.Exit:
    print(message, file=sys.stderr)
    return typer.Exit(code)


@contextmanager
def one_line_errors(code: int = 2) -> Iterator[None]:
    """Print ``error: FILE: reason`` (or ``error: reason``) and exit ``code``."""
    try:
        yield
    except InputError as err:
        raise fail(err.one_line(), code) from None
    except BriefingError as err:
        raise fail(f"error: {err}", code) from None
