"""A lean closed-loop HTTP/1.1 load generator: a few keep-alive connections, one thread.

``http.client`` costs more per request than a fast endpoint does, so a benchmark built on it
measures the client. Here each connection sends its next request as soon as its answer is in,
with nothing but ``selectors`` and a ``Content-Length`` parse in between, so one core drives
several thousand requests a second and the server's core is what is measured.
"""

from __future__ import annotations

import selectors
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field


@dataclass
class Outcome:
    """Latencies in seconds of the answers, the statuses other than 200, the time taken."""

    latencies: list[float] = field(default_factory=list)
    failures: dict[int, int] = field(default_factory=dict)
    elapsed: float = 0.0

    @property
    def rate(self) -> float:
        """Answers per second."""
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def percentile(self, share: float) -> float:
        """The latency below which ``share`` of the answers came, in seconds."""
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


@dataclass
class _Connection:
    sock: socket.socket
    buffer: bytes = b""
    started: float = 0.0


def request_bytes(path: str, host: str = "127.0.0.1") -> bytes:
    """A keep-alive GET of ``path``."""
    return f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: keep-alive\r\n\r\n".encode()


def run(port: int, paths: Iterator[str], connections: int, limit: int) -> Outcome:
    """Send ``limit`` GETs (paths drawn from ``paths``) over ``connections`` connections."""
    outcome = Outcome()
    selector = selectors.DefaultSelector()
    sent = 0

    def send(connection: _Connection) -> None:
        nonlocal sent
        connection.started = time.perf_counter()
        connection.sock.sendall(request_bytes(next(paths)))
        sent += 1

    for _ in range(connections):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        connection = _Connection(sock)
        selector.register(sock, selectors.EVENT_READ, connection)
    begun = time.perf_counter()
    for key in list(selector.get_map().values()):
        send(key.data)
    done = 0
    while done < limit:
        for key, _ in selector.select(timeout=30):
            connection = key.data
            connection.buffer += connection.sock.recv(1 << 20)
            status = _complete(connection)
            if status is None:
                continue
            outcome.latencies.append(time.perf_counter() - connection.started)
            if status != 200:
                outcome.failures[status] = outcome.failures.get(status, 0) + 1
            done += 1
            if sent < limit:
                send(connection)
    outcome.elapsed = time.perf_counter() - begun
    for key in list(selector.get_map().values()):
        key.fileobj.close()  # type: ignore[union-attr]
    return outcome


def _complete(connection: _Connection) -> int | None:
    """The status of the answer at the head of the buffer once it is whole (then consumed)."""
    head, separator, rest = connection.buffer.partition(b"\r\n\r\n")
    if not separator:
        return None
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    if len(rest) < length:
        return None
    connection.buffer = rest[length:]
    return int(head.split(b" ", 2)[1])


def paths_of(make: Callable[[int], str]) -> Iterator[str]:
    """Path number 0, 1, 2… of ``make``."""
    number = 0
    while True:
        yield make(number)
        number += 1
