"""HTTP load test: `python -m benchmarks.load [--duration 30] [--connections 16] [--threads 1]`.

Starts the service with uvicorn (one worker, uvloop + httptools, no access log) on a free
loopback port in a subprocess, warms each URL once (the first request computes the answer,
later ones are served from the response cache), then drives it with `wrk` (Debian package) and
prints requests per second, p50/p99 latency, bytes per response and errors for each URL.
Last, for scale, a run where every request is new (look-ups at random points), so that each
one goes through FastAPI and the handler instead of the cache.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PATHS = (
    "/api/municipalities/2402028",
    "/api/gaps",
    "/ogc/collections/municipalities/items?limit=54",
)
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}
UNCACHED = "/api/lookup at random points (uncached)"
# Every request a new point in the region: none is in the cache.
RANDOM_LOOKUPS = """
math.randomseed(20210511)
request = function()
  local lat = 48.0 + math.random() * 1.2
  local lon = -66.5 + math.random() * 4.5
  return wrk.format("GET", string.format("/api/lookup?lat=%.6f&lon=%.6f", lat, lon))
end
"""


@dataclass(frozen=True)
class Result:
    """What wrk measured on one URL."""

    path: str
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int
    response_bytes: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "app.main:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "1",
        "--loop",
        "uvloop",
        "--http",
        "httptools",
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    environment = os.environ | {"GIM_RELOAD_INTERVAL_S": "0"}
    return subprocess.Popen(command, cwd=ROOT, env=environment)


def wait_until_up(base: str, server: subprocess.Popen, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server exited before it was ready")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start in time")


def warm(url: str) -> int:
    """One request, so that the measured ones are served from the cache; its size in bytes."""
    with urllib.request.urlopen(url, timeout=60) as response:
        return len(response.read())


def run_wrk(
    url: str, duration_s: int, connections: int, threads: int, script: Path | None = None
) -> str:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration_s}s", "--latency"]
    if script is not None:
        command += ["-s", str(script)]
    return subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout


def milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(path: str, output: str, response_bytes: int) -> Result:
    percentile = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", output, re.M))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    socket_errors = re.search(r"connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = sum(map(int, socket_errors.groups())) if socket_errors else 0
    errors += int(non_2xx.group(1)) if non_2xx else 0
    return Result(
        path=path,
        requests_per_s=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=milliseconds(percentile["50"]),
        p99_ms=milliseconds(percentile["99"]),
        errors=errors,
        requests=requests,
        response_bytes=response_bytes,
    )


def report(results: list[Result], connections: int, duration_s: int) -> None:
    print(f"\nwrk, {connections} connections, {duration_s} s per URL, one uvicorn worker")
    print(f"{'URL':<50} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'bytes':>9} {'errors':>7}")
    for r in results:
        print(
            f"{r.path:<50} {r.requests_per_s:>9.0f} {r.p50_ms:>8.2f} {r.p99_ms:>8.2f}"
            f" {r.response_bytes:>9} {r.errors:>7}"
        )


def uncached(base: str, options: argparse.Namespace) -> Result:
    """Look-ups at random points, each computed by the handler."""
    size = warm(f"{base}/api/lookup?lat=48.35&lon=-64.68")  # builds the look-up index
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "random_lookups.lua"
        script.write_text(RANDOM_LOOKUPS)
        output = run_wrk(base, options.duration, options.connections, options.threads, script)
    return parse_wrk(UNCACHED, output, size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=30, help="seconds per URL")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("paths", nargs="*", default=list(PATHS))
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(port)
    try:
        wait_until_up(base, server)
        results = []
        for path in options.paths:
            size = warm(base + path)
            output = run_wrk(base + path, options.duration, options.connections, options.threads)
            results.append(parse_wrk(path, output, size))
        results.append(uncached(base, options))
        report(results, options.connections, options.duration)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
