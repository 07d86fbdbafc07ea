"""PostGIS store at province scale: `python -m benchmarks.pgstore [--households N]`.

Writes the synthetic province of benchmarks.gaps (about 1,100 municipalities, 2.4 million
households) into a PostGIS store (``GIM_DATABASE_URL``, else a private cluster started like the
tests'), then reads it back and builds the gap index as a replica does at start or on a switch.
Prints the time of each step and the peak memory of this process (one replica's worth).
"""

from __future__ import annotations

import argparse
import os
from datetime import UTC, datetime

import numpy as np

from app.gaps.engine import GapIndex
from app.layers.kinds import Kind
from app.layers.pgstore import PgStore
from app.layers.store import LayerMeta
from benchmarks.gaps import households, municipalities, peak_mib, seconds, show


def meta(kind: Kind) -> LayerMeta:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    return LayerMeta(str(kind), 0, "benchmark", "2021", now, 0, demonstration=True)


def run(url: str, options: argparse.Namespace) -> None:
    rng = np.random.default_rng(20211)
    import shapely

    areas = municipalities(options.municipalities, rng)
    towns = shapely.get_coordinates(shapely.point_on_surface(areas.geometry.to_numpy()))
    homes = households(options.households, towns, rng)
    print(f"synthetic: {len(homes):,} households, {len(areas):,} municipalities")
    store = PgStore(url)
    took, _ = seconds(lambda: store.write(Kind.MUNICIPALITIES, areas, meta(Kind.MUNICIPALITIES)))
    show("write municipalities (COPY, GiST, checksum, switch)", f"{took:8.1f} s")
    took, _ = seconds(lambda: store.write(Kind.HOUSEHOLDS, homes, meta(Kind.HOUSEHOLDS)))
    show("write households (COPY, GiST, checksum, switch)", f"{took:8.1f} s")
    del homes, areas
    reader = PgStore(url)  # a replica: nothing cached yet
    took, (read_homes, _) = seconds(lambda: reader.read(Kind.HOUSEHOLDS))
    show("read households, checksum verified", f"{took:8.1f} s")
    read_areas, _ = reader.read(Kind.MUNICIPALITIES)
    took, _ = seconds(lambda: GapIndex.build(read_homes, read_areas))
    show("gap index built from them", f"{took:8.1f} s")
    show("peak memory of this replica", f"{peak_mib():8.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=2_400_000)
    parser.add_argument("--municipalities", type=int, default=1_100)
    options = parser.parse_args()
    url = os.environ.get("GIM_DATABASE_URL")
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
