"""Errors the shell turns into one-line messages instead of tracebacks, and :func:`one_line` for any other."""

from __future__ import annotations


class BriefingError(Exception):
    """Base class for errors with a message meant for the user."""


class InputError(BriefingError):
    """An input article cannot be read: empty, binary, undecodable, missing.

    ``str(err)`` is the reason only; the shell prints ``error: FILE: reason``.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason

    def one_line(self) -> str:
        return f"error: {self.path}: {self.reason}"


class ModelUnavailable(BriefingError):
    """A model could not be resolved or loaded (offline, missing folder, broken files).

    ``cause`` is what flags say of it (their ``cause`` field): ``model-missing`` (not installed and not
    downloadable), ``offline`` (not installed, and the run was offline) or ``failed`` (there, but unusable).
    """

    def __init__(self, model_id: str, reason: str, cause: str = "failed") -> None:
        super().__init__(f"{model_id}: {reason}")
        self.model_id = model_id
        self.reason = reason
        self.cause = cause


def one_line(err: BaseException, limit: int | None = 200) -> str:
    """``err`` as one line of a message: its text with white space folded, or its type's name when it has no
    text; over ``limit`` characters it is cut, and ends with "..." so the reader knows (None: never cut)."""
    text = " ".join(str(err).split()) or type(err).__name__
    if limit is None or len(text) <= limit:
        return text
    return text[: limit - 3] + "..."
