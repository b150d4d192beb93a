"""Which network addresses a fetch may reach: no private networks unless the settings allow them.

A feed names the URLs it links to, so without a policy a hostile feed can make the fetcher read the
loopback interface, the local network or a cloud metadata service (169.254.169.254) and publish what it
read. The check runs where the connection is made (:class:`GuardedBackend`, httpcore's network backend):
the name is resolved once, *every* address it resolves to is checked, and the socket connects to exactly
the checked address, so a redirect (each hop connects anew) or a DNS answer that changes between a check
and the connect (rebinding) cannot slip past. Numeric forms (``2130706433``, ``0177.0.0.1``, ``0x7f.1``,
``::ffff:127.0.0.1``) are resolved by the system to the address they mean and checked as that.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from typing import Any

import httpcore

SETTING = "fetch_allow_private_networks"

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[..., list[tuple[Any, ...]]]


class AddressRefused(Exception):
    """A connection refused by the policy; ``str(err)`` is one line naming the rule and the setting."""


def address_rule(address: Address) -> str | None:
    """The rule that forbids ``address`` (``"loopback"``, ``"private"``...), or None for a public one."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        inner = address_rule(address.ipv4_mapped)
        return f"IPv4-mapped {inner}" if inner else None
    if address.is_loopback:
        return "loopback"
    if address.is_unspecified:
        return "unspecified"
    if address.is_link_local:
        return "link-local"
    if isinstance(address, ipaddress.IPv6Address) and address in _ULA:
        return "unique local (ULA)"
    if address.is_multicast:
        return "multicast"
    if address.is_reserved:
        return "reserved"
    if address.is_private:
        return "private"
    if not address.is_global:  # shared (carrier-grade NAT), documentation and other special ranges
        return "reserved"
    return None


_ULA = ipaddress.IPv6Network("fc00::/7")


def refusal(host: str, address: Address, rule: str) -> str:
    return (
        f"refused {host}: {rule} address {address} (private networks are not fetched; "
        f"set {SETTING} = true to allow them)"
    )


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's TCP backend with the address policy, resolving each name once and pinning the result."""

    def __init__(
        self,
        allow_private: bool,
        resolve: Resolver = socket.getaddrinfo,
        inner: httpcore.NetworkBackend | None = None,
    ) -> None:
        self.allow_private = allow_private
        self.resolve = resolve
        self.inner = inner or httpcore.SyncBackend()

    def addresses(self, host: str, port: int) -> list[Address]:
        """Every address ``host`` resolves to; :class:`AddressRefused` when one of them is forbidden."""
        try:
            infos = self.resolve(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as err:
            raise httpcore.ConnectError(f"cannot resolve {host}: {err}") from None
        found: list[Address] = []
        for info in infos:
            address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
            if address not in found:
                found.append(address)
        if not found:
            raise httpcore.ConnectError(f"cannot resolve {host}")
        if not self.allow_private:
            for address in found:
                rule = address_rule(address)
                if rule:
                    raise AddressRefused(refusal(host, address, rule))
        return found

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        last: Exception | None = None
        for address in self.addresses(host, port):
            try:  # the checked address itself, never the name again (TLS still verifies the name)
                return self.inner.connect_tcp(str(address), port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as err:
                last = err
        assert last is not None
        raise last

    def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        raise AddressRefused("refused: unix sockets are never fetched")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)
