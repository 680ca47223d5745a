"""What ``kg serve`` refuses before a request reaches a query worker, and how it keeps slow
or too many clients from holding its threads.

    connection --ClientLimits.admit----> refused (503) past ``max_clients`` open at once
               --ClientLimits watchdog--> closed when the whole request has not arrived within
                                          ``client_timeout`` seconds (one byte a second is slow)
    request ----host_allowed-----------> refused (421) when Host names another site
               --request_body----------> refused (400/413) for a bad or oversize Content-Length
    log line ---printable--------------> control characters escaped, never sent to the console

A browser page on another site can reach a server on 127.0.0.1 through DNS rebinding: its
own name is made to resolve to 127.0.0.1, and the browser then sends that name as Host. An IP
address as Host cannot be rebound, so those are accepted, as are the names the server is bound
to; any other name must be allowed by the user (``--allow-host``).
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus

__all__ = [
    "RequestRefused",
    "ClientLimits",
    "request_body",
    "host_allowed",
    "accepted_hosts",
    "printable",
    "refuse_busy",
    "ALLOW_ANY_HOST",
]

ALLOW_ANY_HOST = "*"
DIGITS = re.compile(r"[0-9]+")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
WATCH_INTERVAL = 0.25  # seconds between two looks at the clients still sending


@dataclass
class RequestRefused(Exception):
    """A request the server answers with ``status`` and a one-line ``message``."""

    status: int
    message: str


# -- the body --------------------------------------------------------------------------------------
def request_body(content_length: str | None, rfile, limit: int) -> bytes:
    """Exactly the bytes Content-Length announces, at most ``limit`` of them. A missing header
    is an empty body; a negative or non-numeric one is refused (read "to the end" it would
    bypass the cap)."""
    if content_length is None:
        return b""
    value = content_length.strip()
    if not DIGITS.fullmatch(value):
        raise RequestRefused(
            HTTPStatus.BAD_REQUEST, f"Content-Length {value[:40]!r} is not a number of bytes"
        )
    length = int(value)
    if length > limit:
        raise RequestRefused(
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"requests are limited to {limit:,} bytes"
        )
    return rfile.read(length)


# -- the Host header -------------------------------------------------------------------------------
def accepted_hosts(bound: str, allowed: tuple[str, ...] = ()) -> frozenset[str]:
    """The host names a request may carry: the bound one, ``localhost`` when bound to loopback,
    the machine's own names when bound to every interface, and those the user allowed."""
    names = {bound.lower(), *(name.lower() for name in allowed)}
    if (
        bound in ("localhost", "127.0.0.1", "::1")
        or is_ip(bound)
        and ipaddress.ip_address(bound).is_loopback
    ):
        names.add("localhost")
    if bound in ("0.0.0.0", "::", ""):
        names |= {"localhost", socket.gethostname().lower(), socket.getfqdn().lower()}
    return frozenset(names)


def host_allowed(header: str | None, accepted: frozenset[str]) -> bool:
    """True for a missing Host (HTTP/1.0), an IP address, or a name in ``accepted``."""
    if header is None or ALLOW_ANY_HOST in accepted:
        return True
    host = host_name(header)
    return is_ip(host) or host in accepted


def host_name(header: str) -> str:
    """``"Example.org:7878"`` -> ``"example.org"``; ``"[::1]:7878"`` -> ``"::1"``."""
    host = header.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


# -- logs ------------------------------------------------------------------------------------------
def printable(text: str) -> str:
    r"""``text`` with control characters as ``\xNN``: a request line cannot move the cursor,
    clear the console or ring its bell.

    >>> printable("GET /\x1b[2J HTTP/1.0")
    'GET /\\x1b[2J HTTP/1.0'
    """
    return CONTROL_CHARACTERS.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


# -- clients ---------------------------------------------------------------------------------------
class ClientLimits:
    """At most ``max_clients`` connections at once, each given ``seconds`` to send its whole
    request; a watchdog thread shuts the socket of any client still sending past that (a
    per-read timeout alone lets a client send one byte every few seconds forever)."""

    def __init__(self, max_clients: int, seconds: float):
        self.max_clients = max_clients
        self.seconds = seconds
        self._lock = threading.Lock()
        self._open = 0
        self._sending: dict[socket.socket, float] = {}  # client -> when its time is up
        threading.Thread(target=self._watch, name="kg-client-deadlines", daemon=True).start()

    def admit(self, client: socket.socket) -> bool:
        """Count ``client`` in and start its clock; False when ``max_clients`` are open already."""
        with self._lock:
            if self._open >= self.max_clients:
                return False
            self._open += 1
            self._sending[client] = time.monotonic() + self.seconds
            return True

    def request_read(self, client: socket.socket) -> None:
        """The whole request has arrived: the clock stops (the query may take its own time)."""
        with self._lock:
            self._sending.pop(client, None)

    def release(self, client: socket.socket) -> None:
        with self._lock:
            self._sending.pop(client, None)
            self._open -= 1

    def _watch(self) -> None:
        while True:
            time.sleep(WATCH_INTERVAL)
            now = time.monotonic()
            with self._lock:
                late = [client for client, deadline in self._sending.items() if deadline < now]
                for client in late:
                    del self._sending[client]
            for client in late:
                cut_off(client)


def cut_off(client: socket.socket) -> None:
    """End a connection from outside its thread: the thread's blocked read returns at once."""
    try:
        client.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # closed already


def refuse_busy(client: socket.socket, max_clients: int) -> None:
    """A short 503 written without a thread (never blocking: a full socket buffer drops it)."""
    body = f"this endpoint serves {max_clients} clients at once; try again shortly\n".encode()
    head = (
        f"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n"
    ).encode()
    try:
        client.setblocking(False)
        client.send(head + body)
    except OSError:
        pass
