"""The look-up behind "what is here": requests per second and p99 at random points, uncached.

``python -m benchmarks.lookup``: one uvicorn worker on the embedded data; a few keep-alive
clients ask ``/api/lookup`` at points drawn at random over the region's bounding box, each
point once, so every answer is computed (no HTTP cache hit).
"""

from __future__ import annotations

import http.client
import random
import statistics
import threading
import time

from benchmarks.http import HERE, Server

CLIENTS = 4
REQUESTS = 600  # per client
WEST, SOUTH, EAST, NORTH = -67.6, 47.2, -61.4, 49.3


def client(port: int, seed: int, latencies: list[float]) -> None:
    """One keep-alive client asking at ``REQUESTS`` random points."""
    rng = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port)
    for _ in range(REQUESTS):
        lon, lat = rng.uniform(WEST, EAST), rng.uniform(SOUTH, NORTH)
        started = time.perf_counter()
        connection.request("GET", f"/api/lookup?lat={lat:.6f}&lon={lon:.6f}")
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}")
        latencies.append(time.perf_counter() - started)


def main() -> None:
    """Print the rate, the median and the 99th percentile."""
    server = Server(HERE)
    try:
        client(server.port, 0, [])  # warm: indexes and classes built
        latencies: list[float] = []
        threads = [
            threading.Thread(target=client, args=(server.port, seed, latencies))
            for seed in range(1, CLIENTS + 1)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        server.stop()
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99)]
    print(
        f"/api/lookup uncached, {CLIENTS} clients, one worker: {len(latencies) / elapsed:,.0f} "
        f"req/s, median {statistics.median(latencies) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
