"""The served protocol: heads arrive in time and stay small; ordinary requests are untouched."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

from app.api.protocol import MAX_HEAD_BYTES, TimedHttpToolsProtocol
from tests.conftest import free_port


class QuickProtocol(TimedHttpToolsProtocol):
    """The same rule with a deadline a test can wait for."""

    headers_timeout_s = 0.5


async def hello(scope, receive, send) -> None:
    """A tiny ASGI app: 200 and the path."""
    if scope["type"] != "http":
        return
    body = scope["path"].encode()
    headers = [(b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    """A uvicorn server on the protocol, in a thread."""
    chosen = free_port()
    config = uvicorn.Config(hello, port=chosen, http=QuickProtocol, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield chosen
    server.should_exit = True
    thread.join(timeout=10)


def connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=5)


def read_all(sock: socket.socket) -> bytes:
    """Everything until the server closes (or 5 s pass)."""
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_a_head_sent_too_slowly_gets_the_connection_closed(port):
    sock = connect(port)
    sock.sendall(b"GET /slow HTTP/1.1\r\nHost: x\r\n")  # and never the blank line
    started = time.monotonic()
    assert read_all(sock) == b""
    assert 0.3 < time.monotonic() - started < 4


def test_a_connection_that_sends_nothing_is_closed(port):
    sock = connect(port)
    started = time.monotonic()
    assert read_all(sock) == b""
    assert time.monotonic() - started < 4


def test_a_head_too_large_gets_431_and_says_so(port):
    sock = connect(port)
    padding = b"a" * (MAX_HEAD_BYTES + 10)
    sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Padding: " + padding + b"\r\n\r\n")
    answer = read_all(sock)
    assert answer.startswith(b"HTTP/1.1 431 ")
    assert "En-têtes de requête trop grands".encode() in answer
    assert b"Request headers too large: the limit is 16384 bytes." in answer


def test_requests_in_time_are_served_one_after_another_on_one_connection(port):
    sock = connect(port)
    for number in range(3):
        sock.sendall(f"GET /ok{number} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        answer = sock.recv(65536)
        assert answer.startswith(b"HTTP/1.1 200 ") and answer.endswith(f"/ok{number}".encode())
        time.sleep(0.3)  # idle between requests: the keep-alive rule, not the head deadline
    sock.sendall(b"GET /late HTTP/1.1\r\n")  # the next head, started and left unfinished
    assert read_all(sock) == b""


def test_a_head_just_under_the_limit_is_served(port):
    sock = connect(port)
    padding = b"a" * (MAX_HEAD_BYTES - 200)
    sock.sendall(b"GET /big HTTP/1.1\r\nHost: x\r\nX-Padding: " + padding + b"\r\n\r\n")
    assert sock.recv(65536).startswith(b"HTTP/1.1 200 ")
