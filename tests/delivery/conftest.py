"""SMTP servers on 127.0.0.1 for the email tests: a real one (aiosmtpd) that keeps what it gets, one that
refuses every recipient, one that accepts and never speaks, one that hangs up at once."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Inbox:
    """What the server received: (envelope recipients, parsed message) per message."""

    received: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    raw_sizes: list[int] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  (aiosmtpd's hook name)
        self.raw_sizes.append(len(envelope.original_content))
        self.received.append(
            (list(envelope.rcpt_tos), message_from_bytes(envelope.original_content, policy=default))
        )
        return "250 OK"


class Refusing:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        return "550 5.1.1 mailbox unavailable"


@dataclass(frozen=True)
class Server:
    port: int
    inbox: Inbox | None = None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server() -> Iterator[Server]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield Server(controller.port, inbox)
    finally:
        controller.stop()


@pytest.fixture
def refusing_server() -> Iterator[Server]:
    controller = Controller(Refusing(), hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield Server(controller.port)
    finally:
        controller.stop()


def _raw_server(on_accept) -> Iterator[Server]:
    """A TCP server on 127.0.0.1 that hands each accepted connection to ``on_accept`` (in a thread)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.2)
    stop = threading.Event()
    held: list[socket.socket] = []

    def loop() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            held.append(conn)
            on_accept(conn)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield Server(listener.getsockname()[1])
    finally:
        stop.set()
        thread.join(5)
        for conn in held:
            conn.close()
        listener.close()


@pytest.fixture
def hanging_server() -> Iterator[Server]:
    """Accepts connections and never sends a greeting."""
    yield from _raw_server(lambda conn: None)


@pytest.fixture
def dropping_server() -> Iterator[Server]:
    """Accepts connections and closes them at once."""
    yield from _raw_server(lambda conn: conn.close())


PASSWORD = "s3cret-Passw0rd"


def _check_login(server, session, envelope, mechanism, auth_data):
    from aiosmtpd.smtp import AuthResult, LoginPassword

    ok = isinstance(auth_data, LoginPassword) and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def login_server() -> Iterator[Server]:
    """Accepts mail only after a login with :data:`PASSWORD` (plain text on 127.0.0.1, for the test)."""
    inbox = Inbox()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=_free_port(),
        authenticator=_check_login,
        auth_required=True,
        auth_require_tls=False,
    )
    controller.start()
    try:
        yield Server(controller.port, inbox)
    finally:
        controller.stop()
