"""Refuses any connection or name lookup outside 127.0.0.0/8 and ::1, and remembers it.

Tests never reach real AWS or the Internet. A refused attempt raises ``OSError`` in the code
under test (as a closed network would) and also fails the test, even if that code swallowed it.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}

violations: list[str] = []

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo


class NetworkGuardError(OSError):
    """A test tried to leave the loopback network."""


def _is_local(host: object) -> bool:
    if not isinstance(host, str):
        return False
    if host in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def _check(address: Any) -> None:
    if isinstance(address, tuple) and address and not _is_local(address[0]):
        violations.append(f"connect to {address[0]}:{address[1]}")
        raise NetworkGuardError(f"network guard: {address[0]} is outside 127.0.0.0/8")


def _connect(self: socket.socket, address: Any) -> None:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _check(address)
    return _real_connect(self, address)


def _connect_ex(self: socket.socket, address: Any) -> int:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _check(address)
    return _real_connect_ex(self, address)


def _getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    name = host.decode() if isinstance(host, bytes) else host
    if name is not None and not _is_local(name):
        violations.append(f"name lookup of {name}")
        raise socket.gaierror(socket.EAI_NONAME, f"network guard: no lookups of {name}")
    return _real_getaddrinfo(host, *args, **kwargs)


def install() -> None:
    socket.socket.connect = _connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = _getaddrinfo


def take_violations() -> list[str]:
    found = list(violations)
    violations.clear()
    return found
