"""Polite HTTP: one GET with every rule a well-behaved fetcher follows, over httpx.

- an explicit User-Agent, connect and read timeouts, a wall-clock deadline per request and per source;
- a size cap enforced while streaming (raw and decoded bytes counted together, at most one content
  coding: :mod:`briefing.sources.decode`);
- redirects followed by hand, at most ``max_redirects``, http/https only at every hop;
- conditional GET: the caller passes the ETag / Last-Modified it kept, a 304 comes back as ``not_modified``;
- 429 and 503 are retried after ``Retry-After`` (capped), a bounded number of times;
- no private network addresses unless ``fetch_allow_private_networks`` (:mod:`briefing.sources.addresses`);
- robots.txt of each host is honoured, and one host gets one request at a time with a delay between them
  (:mod:`briefing.sources.politeness`).

Every failure is a :class:`FetchError` with a one-line reason; ``transient`` says whether a later try may
succeed (timeouts, refused connections, 5xx), so the flow's task can retry those and only those.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

import httpx

from briefing.errors import one_line
from briefing.settings import Settings
from briefing.sources.addresses import AddressRefused, GuardedBackend
from briefing.sources.decode import BodyError, read_body
from briefing.sources.politeness import HostGate, RobotsRules, host_of, shared_gate
from briefing.sources.spec import SpecError, check_http_url


class FetchError(Exception):
    """A fetch that failed, with a one-line reason (``str(err)``)."""

    def __init__(self, reason: str, transient: bool = False, status: int | None = None) -> None:
        super().__init__(reason)
        self.transient = transient
        self.status = status


@dataclass(frozen=True)
class Validators:
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Response:
    """A finished GET: the final URL, status, body (empty for 304) and the validators to keep."""

    url: str
    status: int
    content_type: str | None
    data: bytes
    validators: Validators
    fetched_at: str

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    """GETs with the politeness rules of the settings; use as a context manager (closes the client)."""

    def __init__(
        self, settings: Settings, gate: HostGate | None = None, network: GuardedBackend | None = None
    ) -> None:
        self.settings = settings
        self.gate = gate or shared_gate(settings.fetch_host_delay_s)
        timeout = httpx.Timeout(
            settings.fetch_read_timeout_s, connect=settings.fetch_connect_timeout_s, pool=None
        )
        transport = httpx.HTTPTransport(trust_env=False)
        # httpx has no parameter for httpcore's network backend: every connection (each redirect hop, robots
        # too) goes through the address policy, which resolves once and connects to the checked address.
        transport._pool._network_backend = network or GuardedBackend(settings.fetch_allow_private_networks)
        self.client = httpx.Client(
            transport=transport,
            headers={"User-Agent": settings.fetch_user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=timeout,
            follow_redirects=False,
            trust_env=False,
        )
        self.robots = RobotsRules(self._get_robots, settings.fetch_user_agent, self.gate.robots)
        # Wall-clock bounds (time.monotonic()): the current source's, and the current request's (the
        # earlier of the two), with the reason given when it passes.
        self._source_until: float | None = None
        self._until = float("inf")
        self._until_reason = ""
        # URLs asked for within the current source (a page that just failed is not asked again at once).
        self.asked: set[str] = set()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()

    @contextmanager
    def source_deadline(self) -> Iterator[None]:
        """Every request inside shares one wall-clock deadline, ``fetch_source_deadline_s`` from now."""
        outer, outer_asked = self._source_until, self.asked
        self._source_until = time.monotonic() + self.settings.fetch_source_deadline_s
        self.asked = set()
        try:
            yield
        finally:
            self._source_until, self.asked = outer, outer_asked

    def get(self, url: str, validators: Validators | None = None, accept: str = "*/*") -> Response:
        """GET ``url`` following redirects (robots.txt, retries and every hop within one wall-clock
        deadline: ``fetch_request_deadline_s``, and the source's); raises :class:`FetchError`."""
        limit = self.settings.fetch_request_deadline_s
        self._until = time.monotonic() + limit
        self._until_reason = f"over the {limit:g} s deadline per request (fetch_request_deadline_s)"
        if self._source_until is not None and self._source_until < self._until:
            self._until = self._source_until
            self._until_reason = (
                f"over the {self.settings.fetch_source_deadline_s:g} s deadline per source "
                "(fetch_source_deadline_s)"
            )
        current = _checked(url)
        self.asked.add(url)
        for _ in range(self.settings.fetch_max_redirects + 1):
            until = self.gate.backed_off(current)
            if until is not None:
                raise FetchError(_backoff_reason(429, current, until), status=429)
            if not self.robots.allowed(current):
                raise FetchError(f"disallowed by robots.txt: {current}")
            response = self._get_with_backoff(current, validators, accept)
            if isinstance(response, str):  # a redirect to this (checked) URL
                current = response
                continue
            return response
        raise FetchError(f"too many redirects (more than {self.settings.fetch_max_redirects})")

    def _get_with_backoff(self, url: str, validators: Validators | None, accept: str) -> Response | str:
        """The response, or the URL a redirect points to."""
        for attempt in range(self.settings.fetch_retries + 1):
            status, headers, data = self._one_get(url, validators, accept)
            asked = headers.get("retry-after")
            if (
                status in (429, 503)
                and asked
                and retry_after(asked, 0, BACKOFF_CAP_S) > self.settings.fetch_max_wait_s
            ):
                # Longer than a run waits: remember it for the host (every source of the run, later runs
                # through the state database) and give up now instead of asking each page again.
                until = time.time() + retry_after(asked, 0, BACKOFF_CAP_S)
                self.gate.back_off(url, until)
                raise FetchError(_backoff_reason(status, url, until), status=status)
            if status in (429, 503) and attempt < self.settings.fetch_retries:
                wait = retry_after(asked, attempt, self.settings.fetch_max_wait_s)
                if time.monotonic() + wait > self._until:
                    raise FetchError(
                        f"HTTP {status}: retrying after {wait:g} s would be {self._until_reason}",
                        transient=True,
                        status=status,
                    )
                time.sleep(wait)
                continue
            if status in (301, 302, 303, 307, 308):
                location = headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {status} without a Location", status=status)
                return _checked(urljoin(url, location), redirect=True)
            if status == 304:
                return Response(url, 304, headers.get("content-type"), b"", _validators(headers), _now())
            if status >= 400:
                raise FetchError(f"HTTP {status}", transient=status >= 500 or status == 429, status=status)
            return Response(url, status, headers.get("content-type"), data, _validators(headers), _now())
        raise AssertionError("unreachable")  # pragma: no cover

    def _one_get(
        self, url: str, validators: Validators | None, accept: str
    ) -> tuple[int, httpx.Headers, bytes]:
        headers = {"Accept": accept}
        if validators and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        with self.gate.turn(url):
            left = self._until - time.monotonic()
            if left <= 0:
                raise FetchError(f"timed out: {self._until_reason}")
            timeout = httpx.Timeout(
                min(self.settings.fetch_read_timeout_s, left),
                connect=min(self.settings.fetch_connect_timeout_s, left),
                pool=None,
            )
            try:
                with self.client.stream("GET", url, headers=headers, timeout=timeout) as resp:
                    data = b"" if resp.status_code in (301, 302, 303, 304, 307, 308) else self._read(resp)
                    return resp.status_code, resp.headers, data
            except AddressRefused as err:
                raise FetchError(str(err)) from None
            except httpx.InvalidURL as err:  # e.g. a dotted octal host httpx will not parse
                raise FetchError(f"invalid URL {url}: {one_line(err, 160)}") from None
            except httpx.TimeoutException:
                if time.monotonic() >= self._until:
                    raise FetchError(f"timed out: {self._until_reason}") from None
                raise FetchError("timed out", transient=True) from None
            except httpx.ProtocolError as err:
                # Malformed answers (oversized or illegal headers) come back the same on every try; a server
                # that hung up without answering may be restarting.
                transient = "disconnected" in str(err).lower()
                raise FetchError(f"HTTP protocol error: {one_line(err, 160)}", transient=transient) from None
            except httpx.ConnectError as err:
                raise FetchError(f"cannot connect: {one_line(err, 160)}", transient=True) from None
            except httpx.HTTPError as err:
                raise FetchError(f"HTTP error: {one_line(err, 160)}", transient=True) from None

    def _read(self, resp: httpx.Response) -> bytes:
        cap = self.settings.fetch_max_bytes
        declared = resp.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > cap:
            raise FetchError(f"response too large ({int(declared)} bytes; limit {cap})")
        try:
            # Raw bytes, decoded here under the cap: httpx would decode a whole chunk through every layer.
            return read_body(self._in_time(resp.iter_raw()), resp.headers.get("content-encoding"), cap)
        except BodyError as err:
            raise FetchError(str(err)) from None

    def _in_time(self, chunks: Iterator[bytes]) -> Iterator[bytes]:
        """``chunks`` until the deadline: a server trickling a byte at a time never times out a read."""
        for chunk in chunks:
            if time.monotonic() >= self._until:
                raise FetchError(f"timed out: {self._until_reason}")
            yield chunk

    def _get_robots(self, url: str) -> str | None:
        """robots.txt text for the host of ``url``; None when there is none (4xx) or it cannot be read."""
        try:
            status, _, data = self._one_get(url, None, "text/plain")
        except FetchError:
            return None
        return data.decode("utf-8", "replace") if status == 200 else None


def retry_after(value: str | None, attempt: int, cap: float) -> float:
    """Seconds to wait: the Retry-After header (seconds or an HTTP date), else 1, 2, 4... capped."""
    wait = float(2**attempt)
    if value:
        text = value.strip()
        if text.isdigit():
            wait = float(text)
        else:
            when = email.utils.parsedate_to_datetime(text) if _is_date(text) else None
            if when is not None:
                wait = (when - datetime.now(UTC)).total_seconds()
    return max(0.0, min(wait, cap))


# The longest Retry-After remembered for a host (a day): a server asking for a week is asked again tomorrow.
BACKOFF_CAP_S = 86_400.0


def _backoff_reason(status: int, url: str, until: float) -> str:
    when = datetime.fromtimestamp(until, UTC).replace(microsecond=0).isoformat()
    return f"HTTP {status}: {host_of(url)} asked not to be fetched before {when} (Retry-After)"


def _is_date(text: str) -> bool:
    try:
        return email.utils.parsedate_to_datetime(text) is not None
    except (TypeError, ValueError):
        return False


def _checked(url: str, redirect: bool = False) -> str:
    try:
        return check_http_url(url)
    except SpecError as err:
        raise FetchError(f"redirect refused: {err}" if redirect else str(err)) from None


def _validators(headers: httpx.Headers) -> Validators:
    return Validators(headers.get("etag"), headers.get("last-modified"))


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
