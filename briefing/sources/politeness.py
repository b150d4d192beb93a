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
        # robots.txt rules per host, shared by every fetcher of the process (sources fetched in parallel
        # each have their own): (time read, parser or None).
        self.robots: dict[str, tuple[float, RobotFileParser | None]] = {}
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


# robots.txt is read again after this long (a served deployment runs for weeks in one process).
ROBOTS_TTL_S = 3600.0
_ROBOTS_GUARD = threading.Lock()
_ROBOTS_LOCKS: dict[str, threading.Lock] = {}


class RobotsRules:
    """robots.txt per host, read once (per ``ROBOTS_TTL_S``) through ``fetch_text`` (None: no rules,
    everything allowed); ``cache`` is shared (the gate's) so parallel fetchers read it once."""

    def __init__(
        self,
        fetch_text: Callable[[str], str | None],
        user_agent: str,
        cache: dict[str, tuple[float, RobotFileParser | None]] | None = None,
    ) -> None:
        self._fetch_text = fetch_text
        self._agent = user_agent.split("/")[0]
        self._parsers = cache if cache is not None else {}

    def allowed(self, url: str) -> bool:
        host = host_of(url)
        with _ROBOTS_GUARD:
            lock = _ROBOTS_LOCKS.setdefault(host, threading.Lock())
        with lock:  # parallel fetchers of one host read its robots.txt once
            known = self._parsers.get(host)
            if known is None or time.monotonic() - known[0] > ROBOTS_TTL_S:
                text = self._fetch_text(f"{host}/robots.txt")
                parser = None
                if text is not None:
                    parser = RobotFileParser()
                    parser.parse(text.splitlines())
                known = self._parsers[host] = (time.monotonic(), parser)
        parser = known[1]
        return True if parser is None else parser.can_fetch(self._agent, url)
