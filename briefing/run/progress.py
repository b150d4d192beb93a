"""Progress of a run as plain events, for whoever listens in this process (the CLI's console).

The flow reports its steps here; the core never prints. Nothing listens under ``briefing serve``
(the run's progress artifact shows in the UI there), so an event costs one empty loop.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ProgressEvent:
    done: int
    total: int
    what: str


Listener = Callable[[ProgressEvent], None]
_listeners: list[Listener] = []


def subscribe(listener: Listener) -> Callable[[], None]:
    """Call ``listener`` on every event until the returned function is called."""
    _listeners.append(listener)
    return lambda: _listeners.remove(listener) if listener in _listeners else None


def notify(done: int, total: int, what: str) -> None:
    event = ProgressEvent(done, total, what)
    for listener in list(_listeners):
        try:
            listener(event)
        except Exception:  # a broken display must never fail a run
            continue
