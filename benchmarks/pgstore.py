"""PostGIS store at province scale: `python -m benchmarks.pgstore [--households N]`.

Writes the synthetic province of benchmarks.gaps (about 1,100 municipalities, 2.4 million
households) into a PostGIS store (``GIM_DATABASE_URL``, else a private cluster started like the
tests'), then reads it back and builds the gap index as a replica does at start or on a switch.
Prints the time of each step and the peak memory of this process (one replica's worth).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from functools import partial

import numpy as np
import shapely

from app.gaps.engine import GapIndex
from app.layers.kinds import Kind
from app.layers.pgstore import PgStore
from app.layers.store import LayerMeta, LayerStore
from app.layers.stores import Store
from benchmarks.gaps import households, municipalities, peak_mib, seconds, show


def meta(kind: Kind) -> LayerMeta:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    return LayerMeta(str(kind), 0, "benchmark", "2021", now, 0, demonstration=True)


def write_province(stores: list[Store], options: argparse.Namespace) -> None:
    """The loader's side: the synthetic province written into each store, timed."""
    rng = np.random.default_rng(20211)
    areas = municipalities(options.municipalities, rng)
    towns = shapely.get_coordinates(shapely.point_on_surface(areas.geometry.to_numpy()))
    homes = households(options.households, towns, rng)
    print(f"synthetic: {len(homes):,} households, {len(areas):,} municipalities")
    for store in stores:
        for kind, frame in ((Kind.MUNICIPALITIES, areas), (Kind.HOUSEHOLDS, homes)):
            write = partial(store.write, kind, frame, meta(kind))
            took, _ = seconds(write)
            show(f"{type(store).__name__}: write {kind}", f"{took:8.1f} s")


def read_as_replica(reader: Store) -> None:
    """A replica's side, in a fresh process: read back, verify, build the gap index."""
    name = type(reader).__name__
    took, (homes, _) = seconds(lambda: reader.read(Kind.HOUSEHOLDS))
    show(f"{name}: read households, checksum verified", f"{took:8.1f} s")
    areas, _ = reader.read(Kind.MUNICIPALITIES)
    took, _ = seconds(lambda: GapIndex.build(homes, areas))
    show(f"{name}: gap index built from them", f"{took:8.1f} s")
    show(f"{name}: peak memory of this replica", f"{peak_mib():8.0f} MiB")


def run(url: str, options: argparse.Namespace) -> None:
    """Write in this process, then read in others, so that each memory is a replica's alone."""
    with tempfile.TemporaryDirectory() as folder:
        write_province([PgStore(url), LayerStore(folder)], options)
        replica = [sys.executable, "-m", "benchmarks.pgstore", "--replica"]
        subprocess.run(replica, check=True, env=os.environ | {"GIM_DATABASE_URL": url})
        subprocess.run([*replica, "--folder", folder], check=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=2_400_000)
    parser.add_argument("--municipalities", type=int, default=1_100)
    parser.add_argument("--replica", action="store_true", help="only read (GIM_DATABASE_URL)")
    parser.add_argument("--folder", help="with --replica: read this folder store instead")
    options = parser.parse_args()
    url = os.environ.get("GIM_DATABASE_URL")
    if options.replica:
        read_as_replica(LayerStore(options.folder) if options.folder else PgStore(str(url)))
        return
    if url:
        run(url, options)
        return
    from tests.conftest import free_port
    from tests.postgis import Cluster, _binaries

    bin_dir = _binaries()
    if bin_dir is None:
        raise SystemExit("PostgreSQL with PostGIS is not installed: see tests/postgis.py")
    cluster = Cluster(bin_dir, free_port()).start()
    try:
        run(cluster.database(), options)
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
