"""Hostile input (issue 11): `python -m benchmarks.hostile`.

Peak RSS of `gim-broadband load` on each archive of the hostile corpus (the worst one before
issue 11: 8.4 GB for a 3 kB zip expanding to 4 GiB), and of the service, started with the
Makefile's command, under the mixed hostile load of the tests (before: 3.5 GB for three 500 MB
bodies), with the slowest answer of /healthz and /api/gaps meanwhile.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from tests.api.test_hostile_load import mixed_load, serving
from tests.layers.test_hostile import CASES, CORPUS, _cli

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    """Print the figures."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        CORPUS.write_corpus(work / "corpus")
        store = Path(shutil.copytree(ROOT / "geodata", work / "store"))
        print(f"{'case':32} {'exit':>4} {'seconds':>8} {'peak RSS':>10}")
        for case in [case for case in CASES if case.name.endswith(".zip")]:
            status, _stderr, seconds, peak = _cli(work / "corpus", store, case, work)
            print(f"{case.name:32} {status:>4} {seconds:>8.1f} {peak:>7.0f} MB")
        with serving(store) as (child, port):
            peak, warm, worst = mixed_load(child, port)
        print(f"service under hostile load: peak RSS {peak:.0f} MB (warm {warm:.0f} MB),")
        print(f"slowest /healthz or /api/gaps answer {worst:.2f} s")


if __name__ == "__main__":
    main()
