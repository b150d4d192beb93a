"""Politeness per host: one request at a time with a delay between them, and robots.txt rules.

Both are per process: the flow fetches its sources one after another in one process, and the state database
(not these) is what concurrent runs share.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class HostGate:
    """A lock per host, and ``delay_s`` between the end of one request and the start of the next."""

    def __init__(self, delay_s: float) -> None:
        self.delay_s = max(0.0, delay_s)
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}
        # Hosts that answered 429/503 with a Retry-After longer than a run waits: not asked before this
        # time (epoch seconds), by any source of the run (the state database keeps it for later runs).
        self._backoff: dict[str, float] = {}

    def back_off(self, url: str, until: float) -> None:
        host = host_of(url)
        with self._guard:
            self._backoff[host] = max(until, self._backoff.get(host, 0.0))

    def backed_off(self, url: str) -> float | None:
        """The time (epoch seconds) before which ``url``'s host is not asked, or None."""
        until = self._backoff.get(host_of(url))
        return until if until is not None and until > time.time() else None

    def backoffs(self) -> dict[str, float]:
        with self._guard:
            return dict(self._backoff)

    def remember(self, backoffs: dict[str, float]) -> None:
        """Back-offs recorded by earlier runs (the later time wins)."""
        with self._guard:
            for host, until in backoffs.items():
                self._backoff[host] = max(until, self._backoff.get(host, 0.0))

    @contextmanager
    def turn(self, url: str) -> Iterator[None]:
        host = host_of(url)
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            last = self._last.get(host)
            if last is not None:
                wait = self.delay_s - (time.monotonic() - last)
                if wait > 0:
                    time.sleep(wait)
            try:
                yield
            finally:
                self._last[host] = time.monotonic()


_GATES: dict[float, HostGate] = {}
_GATES_GUARD = threading.Lock()


def shared_gate(delay_s: float) -> HostGate:
    """The process's gate for ``delay_s``: every fetcher of a run (one per source task) shares it, so the
    per-host delay holds across sources too."""
    with _GATES_GUARD:
        return _GATES.setdefault(delay_s, HostGate(delay_s))


class RobotsRules:
    """robots.txt per host, read once through ``fetch_text`` (None: no rules, everything allowed)."""

    def __init__(self, fetch_text: Callable[[str], str | None], user_agent: str) -> None:
        self._fetch_text = fetch_text
        self._agent = user_agent.split("/")[0]
        self._parsers: dict[str, RobotFileParser | None] = {}

    def allowed(self, url: str) -> bool:
        host = host_of(url)
        if host not in self._parsers:
            text = self._fetch_text(f"{host}/robots.txt")
            parser = None
            if text is not None:
                parser = RobotFileParser()
                parser.parse(text.splitlines())
            self._parsers[host] = parser
        parser = self._parsers[host]
        return True if parser is None else parser.can_fetch(self._agent, url)
