"""The look-up behind "what is here": requests per second and p99 at random points, uncached.

``python -m benchmarks.lookup``: one uvicorn worker as ``make run`` serves it, on the embedded
data; a few keep-alive connections (benchmarks.load_generator, one thread) ask ``/api/lookup``
at points drawn at random in the region (inside its municipalities, where a planner clicks),
then over its bounding box (mostly sea and New Brunswick: the farther search for the nearest
municipality), each point once, so every answer is computed. For scale, the same run measures a
cached answer (``/api/gaps``), the ceiling of the HTTP stack on this machine. The server's CPU
time per request is printed too: unlike the rate, it does not depend on what else the machine
is running.
"""

from __future__ import annotations

import argparse
import os
import random
from pathlib import Path

import shapely

from app.layers.kinds import Kind
from app.layers.stores import open_store
from app.settings import Settings
from benchmarks.http import HERE, Server
from benchmarks.load_generator import Outcome, paths_of, run

CONNECTIONS = 4
REQUESTS = 20_000
WEST, SOUTH, EAST, NORTH = -67.6, 47.2, -61.4, 49.3


def region_shape():  # noqa: ANN201 - a shapely geometry
    """The union of the embedded store's municipalities."""
    frame, _ = open_store(Settings(_env_file=None)).read(Kind.MUNICIPALITIES)
    return shapely.union_all(frame.to_crs("EPSG:4326").geometry.to_numpy())


def random_lookup(seed: int, within=None):  # noqa: ANN001, ANN201 - a path maker
    """Path number i: a look-up at a random point of the bounding box (and ``within``)."""
    rng = random.Random(seed)

    def path(_: int) -> str:
        while True:
            lon, lat = rng.uniform(WEST, EAST), rng.uniform(SOUTH, NORTH)
            if within is None or shapely.intersects_xy(within, lon, lat):
                return f"/api/lookup?lat={lat:.6f}&lon={lon:.6f}"

    return path


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used (Linux ``/proc``)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measured(server: Server, paths, count: int) -> tuple[Outcome, float]:  # noqa: ANN001
    """The outcome of ``count`` requests and the server's CPU microseconds per request."""
    before = cpu_seconds(server.process.pid)
    outcome = run(server.port, paths, CONNECTIONS, count)
    return outcome, (cpu_seconds(server.process.pid) - before) / count * 1e6


def show(label: str, outcome: Outcome, cpu_us: float) -> None:
    """One line: rate, median, p99, the server's CPU per request, and any failure."""
    failures = f", failures {outcome.failures}" if outcome.failures else ""
    print(
        f"{label:<42} {outcome.rate:7,.0f} req/s  median {outcome.percentile(0.5) * 1e3:5.2f} ms"
        f"  p99 {outcome.percentile(0.99) * 1e3:5.2f} ms  server CPU {cpu_us:4.0f} µs/req"
        f" (at most {1e6 / cpu_us:,.0f} req/s on one core){failures}"
    )


CASES = (
    "/api/lookup, random points in the region",
    "/api/lookup, random points of its bounding box",
    "/api/gaps, cached (the stack's ceiling)",
)


def measure(checkout: Path, region) -> list[tuple[Outcome, float]]:  # noqa: ANN001
    """The three cases on one checkout's server."""
    server = Server(checkout)
    try:
        run(server.port, paths_of(random_lookup(0)), CONNECTIONS, 2_000)  # warm the indexes
        return [
            measured(server, paths_of(random_lookup(1, region)), REQUESTS),
            measured(server, paths_of(random_lookup(2)), REQUESTS),
            measured(server, paths_of(lambda _: "/api/gaps"), REQUESTS),
        ]
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> None:
    """Print each case's rate, median, p99 and CPU; with --before, the other checkout's too."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="another checkout (with its .venv) to compare")
    options = parser.parse_args(argv)
    region = region_shape()
    shapely.prepare(region)
    checkouts = {"now": HERE} | ({"before": options.before} if options.before else {})
    results = {name: measure(checkout, region) for name, checkout in checkouts.items()}
    print(
        f"one worker as `make run` serves it, {CONNECTIONS} keep-alive connections, "
        f"{REQUESTS:,} requests each"
    )
    for name, outcomes in results.items():
        print(f"{name}: {checkouts[name]}")
        for label, (outcome, cpu_us) in zip(CASES, outcomes, strict=True):
            show(label, outcome, cpu_us)
    if options.before:
        for label, now, before in zip(CASES, results["now"], results["before"], strict=True):
            print(f"{label:<48} now / before: {now[0].rate / before[0].rate:5.2f}× the rate")


if __name__ == "__main__":
    main()
