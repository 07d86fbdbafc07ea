"""Request rates of the API and of a map page, this checkout against another, in one run.

``python -m benchmarks.http [--before DIR]``: serves each checkout with its own venv (``DIR``
must have run ``make .venv/bin/.dev``) on the embedded data, one server at a time, and counts
the requests one keep-alive connection completes in a few seconds, as a browser asks (gzip
accepted): the same URL again and again (cached), and a new threshold every time (uncached:
the figures and the answer are computed anew). Rounds alternate between the checkouts, each
going first in every other round, so a noisy machine slows both alike; the medians and their
ratio are printed.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.conftest import free_port

HERE = Path(__file__).resolve().parents[1]
ROUNDS = 4
SECONDS = 3.0
# name -> the path of request number i
CASES: dict[str, Callable[[int], str]] = {
    "/api/gaps cached": lambda i: "/api/gaps?threshold=50/10",
    "/api/gaps uncached": lambda i: f"/api/gaps?threshold={20 + i * 0.001:.3f}/5",
    "map page cached": lambda i: "/maps/municipality/2402028?threshold=50/10",
    "map page uncached": lambda i: f"/maps/municipality/2402028?threshold={20 + i * 0.001:.3f}/5",
}


def served_command(checkout: Path) -> list[str]:
    """What ``make run`` serves in ``checkout`` (its Makefile's SERVE), else plain uvicorn."""
    found = re.search(r"^SERVE := (.+)$", (checkout / "Makefile").read_text(), re.MULTILINE)
    plain = ["uvicorn", "app.main:create_app", "--factory"]
    words = shlex.split(found.group(1)) if found else plain
    return [str(checkout / ".venv/bin" / words[0]), *words[1:]]


class Server:
    """What ``make run`` serves in one checkout, on a free port, without access logs."""

    def __init__(self, checkout: Path) -> None:
        self.checkout = checkout
        self.port = free_port()
        command = served_command(checkout)
        command += ["--port", str(self.port), "--log-level", "warning"]
        env = os.environ | {"GIM_TILES_URL": "", "GIM_RELOAD_INTERVAL_S": "0"}
        self.process = subprocess.Popen(command, cwd=checkout, env=env)
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                self.get(http.client.HTTPConnection("127.0.0.1", self.port), "/healthz")
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.checkout} did not start")

    def get(self, connection: http.client.HTTPConnection, path: str) -> None:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}")

    def rate(self, case: Callable[[int], str], offset: int) -> float:
        """Requests per second of ``case`` on one keep-alive connection."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port)
        self.get(connection, case(offset))  # warm: the connection, and the cached case
        done, started = 0, time.perf_counter()
        while time.perf_counter() - started < SECONDS:
            self.get(connection, case(offset + done + 1))
            done += 1
        connection.close()
        return done / (time.perf_counter() - started)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def measure(checkouts: dict[str, Path]) -> dict[str, dict[str, list[float]]]:
    """Rates per checkout and case, rounds alternating between checkouts."""
    rates: dict[str, dict[str, list[float]]] = {name: {} for name in checkouts}
    for round_number in range(ROUNDS):
        order = list(checkouts.items())
        for name, checkout in order if round_number % 2 == 0 else order[::-1]:  # no first mover
            server = Server(checkout)
            try:
                for index, (case, path_of) in enumerate(CASES.items()):
                    offset = (round_number * len(CASES) + index) * 100_000
                    rates[name].setdefault(case, []).append(server.rate(path_of, offset))
            finally:
                server.stop()
    return rates


def main(argv: list[str] | None = None) -> None:
    """Print the median rate of every case, and the ratio to the other checkout."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="another checkout, with its .venv")
    args = parser.parse_args(argv)
    checkouts = {"after": HERE} | ({"before": args.before.resolve()} if args.before else {})
    rates = measure(checkouts)
    print(f"{'case':<22}" + "".join(f"{name + ' req/s':>16}" for name in checkouts) + "   ratio")
    for case in CASES:
        medians = {name: statistics.median(rates[name][case]) for name in checkouts}
        row = f"{case:<22}" + "".join(f"{value:>16.1f}" for value in medians.values())
        if "before" in medians:
            row += f"   {medians['after'] / medians['before']:.2f}"
        print(row)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
