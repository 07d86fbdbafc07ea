"""Two replicas on one database: a load announced by NOTIFY switches both, under a storm.

Both with the households in memory and in replica mode (only their sums, which the first
replica to see the new version has PostGIS compute).

Each replica is the Makefile's SERVE command in its own process. While clients hammer both,
a new households version (every dwelling doubled) is written; every answer must be a 200
whose figures are those of the version its provenance names, each replica must switch within
2 s of the commit and never serve the old version again.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import threading
import time
from dataclasses import replace

import httpx
import pytest

from app.layers.kinds import Kind
from app.layers.pgstore import PgStore
from tests.conftest import ROOT, free_port
from tests.test_packaging import make_variable

PATH = "/api/municipalities/2402028?threshold=25/5"
SWITCH_S = 2.0
CLIENTS_PER_REPLICA = 2


class Replica:
    """The service as ``make run`` starts it, on the database ``url``."""

    def __init__(self, url: str, in_memory: bool = True) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        serve = shlex.split(make_variable("SERVE"))
        command = [sys.executable, "-m", *serve, "--host", "127.0.0.1", "--port", str(self.port)]
        env = os.environ | {"GIM_DATABASE_URL": url, "GIM_RELOAD_INTERVAL_S": "2"}
        env |= {"GIM_TILES_URL": "", "GIM_HOUSEHOLDS_IN_MEMORY": str(in_memory).lower()}
        quiet = subprocess.DEVNULL
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=quiet, stderr=quiet)

    def wait(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise AssertionError(f"replica on port {self.port} did not start")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def answer(body: dict) -> tuple[int, float]:
    """The households version an answer names, and its dwellings figure."""
    versions = {layer["layer"]: layer["version"] for layer in body["provenance"]["layers"]}
    return versions["households"], body["figures"]["dwellings"]


class Storm:
    """Clients asking one replica the same question until stopped; every answer recorded."""

    def __init__(self, replica: Replica) -> None:
        self.replica = replica
        self.answers: list[tuple[float, int, int, float]] = []  # time, status, version, figure
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._ask) for _ in range(CLIENTS_PER_REPLICA)]

    def _ask(self) -> None:
        with httpx.Client(base_url=self.replica.base, timeout=10) as client:
            while not self.stop.is_set():
                try:
                    response = client.get(PATH)
                except httpx.HTTPError:
                    self.answers.append((time.monotonic(), 0, 0, 0.0))
                    continue
                version, figure = answer(response.json()) if response.is_success else (0, 0.0)
                self.answers.append((time.monotonic(), response.status_code, version, figure))

    def __enter__(self) -> Storm:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)


@pytest.mark.slow
@pytest.mark.parametrize("in_memory", [True, False], ids=["households in memory", "sums only"])
def test_two_replicas_switch_within_2_s_under_load_with_no_error_and_no_mix(
    database_url, in_memory
):
    store = PgStore(database_url)
    replicas = [Replica(database_url, in_memory), Replica(database_url, in_memory)]
    try:
        deadline = time.monotonic() + 90
        for replica in replicas:
            replica.wait(deadline)
        before = answer(httpx.get(replicas[0].base + PATH).json())
        old = store.current()[Kind.HOUSEHOLDS]
        assert before[0] == old
        frame, meta = store.read(Kind.HOUSEHOLDS)
        doubled = frame.assign(dwellings=frame["dwellings"] * 2)
        storms = [Storm(replica) for replica in replicas]
        for storm in storms:
            storm.__enter__()
        try:
            time.sleep(1.0)
            store.write(Kind.HOUSEHOLDS, doubled, replace(meta, source="doubled"))
            committed = time.monotonic()
            time.sleep(SWITCH_S + 1.5)
        finally:
            for storm in storms:
                storm.__exit__()
    finally:
        for replica in replicas:
            replica.stop()
    new = old + 1
    expected = {old: before[1], new: before[1] * 2}
    for storm in storms:
        answers = storm.answers
        assert len(answers) > 50
        assert {status for _t, status, _v, _f in answers} == {200}
        assert all(figure == expected[version] for _t, _s, version, figure in answers)  # no mix
        switched = min(t for t, _s, version, _f in answers if version == new)
        print(f"switched {switched - committed:.2f} s after the commit, {len(answers)} answers")
        assert switched - committed <= SWITCH_S
        assert all(version == new for t, _s, version, _f in answers if t > switched + 0.5)
