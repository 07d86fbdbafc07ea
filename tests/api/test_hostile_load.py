"""The service as deployed (the Makefile's uvicorn command) under a bounded mixed load with
hostile requests mixed in: oversized bodies, huge polygons, slow bodies and slow headers.

``/healthz`` and ``/api/gaps`` keep answering quickly and the server's peak RSS stays bounded
(before issue 11, three 500 MB bodies alone took it to 3.5 GB).
"""

from __future__ import annotations

import http.client
import os
import re
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
PEAK_RSS_MB = 600
SLOW_ANSWER_S = 3.0


def serve_command() -> list[str]:
    makefile = (ROOT / "Makefile").read_text()
    serve = re.search(r"^SERVE := (.+)$", makefile, re.MULTILINE).group(1)
    return shlex.split(serve)


def peak_rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def raw(port: int, head: bytes, body: bytes = b"", pause_s: float = 0.0) -> bytes:
    """Send ``head`` then ``body`` (a byte at a time every ``pause_s`` if set); the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        try:
            connection.sendall(head)
            for index in range(0, len(body), 1 if pause_s else len(body) or 1):
                connection.sendall(body[index : index + (1 if pause_s else len(body))])
                time.sleep(pause_s)
        except OSError:
            pass  # the server closed the connection: its answer, if any, is below
        try:
            return connection.recv(65536)
        except OSError:
            return b""


def post(path: str, length: int, extra: str = "") -> bytes:
    return (
        f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Content-Length: {length}\r\n{extra}\r\n"
    ).encode()


def hostile(port: int, kind: str) -> bytes:
    if kind == "declared":  # 500 MB announced, a megabyte sent
        return raw(port, post("/api/stats", 500 * 1024 * 1024), b" " * (1024 * 1024))
    if kind == "oversized":  # a body over the limit with no length announced
        head = b"POST /api/stats HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        chunk = b"%x\r\n" % (1024 * 1024) + b" " * (1024 * 1024) + b"\r\n"
        return raw(port, head, chunk * 5 + b"0\r\n\r\n")
    if kind == "polygon":  # 300,000 positions in under 2 MB
        ring = b"[" + b"[0,0]," * 300_000 + b"[0,0]]"
        body = b'{"type":"Polygon","coordinates":[' + ring + b"]}"
        return raw(port, post("/api/stats", len(body)), body)
    if kind == "slow body":
        return raw(port, post("/api/stats", 1000), b'{"type":', pause_s=0.5)
    return raw(port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n", b"X-Slow: 1\r\n" * 4, pause_s=4)


EXPECTED = {
    "declared": b"HTTP/1.1 413",
    "oversized": b"HTTP/1.1 413",
    "polygon": b"HTTP/1.1 422",
    "slow body": b"HTTP/1.1 408",
    "slow headers": b"",  # closed without an answer
}


@contextmanager
def serving(store_dir: Path) -> Iterator[tuple[subprocess.Popen, int]]:
    """The Makefile's server command on ``store_dir``, on a free port, until the block ends."""
    port = free_port()
    environment = os.environ | {
        "GIM_STORE_DIR": str(store_dir),
        "GIM_RELOAD_INTERVAL_S": "0",
        "GIM_TILES_URL": "",
        "GIM_BODY_TIMEOUT_S": "2",
        "PYTHONPATH": str(ROOT),
    }
    command = [str(Path(sys.executable).parent / serve_command()[0]), *serve_command()[1:]]
    child = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        env=environment,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    try:
        yield child, port
    finally:
        child.terminate()
        child.wait(timeout=20)


@pytest.fixture
def server(store_dir):
    with serving(store_dir) as running:
        yield running


def mixed_load(child: subprocess.Popen, port: int) -> tuple[float, float, float]:
    """Hostile requests beside normal ones: (peak RSS MB, warm RSS MB, slowest answer s)."""
    assert timed_get(port, "/api/gaps")[0] == 200
    warm_mb = peak_rss_mb(child.pid)
    kinds = [*["declared"] * 12, *["oversized"] * 8, *["polygon"] * 8]
    kinds += [*["slow body"] * 4, *["slow headers"] * 4]
    answers: list[tuple[int, float]] = []
    with ThreadPoolExecutor(16) as pool:
        attacks = [pool.submit(hostile, port, kind) for kind in kinds]
        while not all(attack.done() for attack in attacks):
            answers += [timed_get(port, "/healthz"), timed_get(port, "/api/gaps")]
            time.sleep(0.1)
    for kind, attack in zip(kinds, attacks, strict=True):
        answer = attack.result()
        assert answer.startswith(EXPECTED[kind]) if EXPECTED[kind] else answer == b"", kind
    assert answers and all(status == 200 for status, _ in answers)
    return peak_rss_mb(child.pid), warm_mb, max(seconds for _, seconds in answers)


def timed_get(port: int, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    status = connection.getresponse().status
    connection.close()
    return status, time.perf_counter() - started


@pytest.mark.slow
def test_health_and_gaps_keep_answering_under_hostile_load_in_bounded_memory(server):
    child, port = server
    peak, warm, worst = mixed_load(child, port)
    print(f"\nserver peak RSS {peak:.0f} MB (warm {warm:.0f} MB), slowest answer {worst:.2f} s")
    assert worst < SLOW_ANSWER_S and peak < PEAK_RSS_MB
    assert child.poll() is None
