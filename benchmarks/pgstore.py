"""PostGIS store at province scale: `python -m benchmarks.pgstore [--households N]`.

Writes the synthetic province of benchmarks.gaps (about 1,100 municipalities, 2.4 million
households) into a PostGIS store (``GIM_DATABASE_URL``, else a private cluster started like the
tests') and a folder store, then starts one replica process per way of serving them, each
loading the province as it does at start or on a switch: the folder and PostGIS with every
household in memory, and PostGIS in replica mode (``GIM_HOUSEHOLDS_IN_MEMORY=false``: the
households' sums computed by the database at the first load, then read). Each prints its load
time, its threshold change median and its peak memory; a table puts them side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial

import geopandas as gpd
import numpy as np
import psycopg
import shapely
from pydantic import SecretStr

from app.catalog import Catalog
from app.layers.kinds import Kind
from app.layers.pghouseholds import PgHouseholds
from app.layers.pgstore import PgStore
from app.layers.store import LayerMeta, LayerStore
from app.layers.stores import Store
from app.pglookup import PgLookupIndex
from app.settings import Settings
from benchmarks.gaps import households, municipalities, random_views, seconds, show

MODES = ("folder", "postgis", "replica")
TARGETS = {"peak_mib": 300 / 1.048576, "change_ms": 2.0}  # 300 MB; 2 ms


def meta(kind: Kind) -> LayerMeta:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    return LayerMeta(str(kind), 0, "benchmark", "2021", now, 0, demonstration=True)


def layers(options: argparse.Namespace) -> dict[Kind, gpd.GeoDataFrame]:
    """The synthetic province: municipalities, their MRCs, households, a few community points."""
    rng = np.random.default_rng(20211)
    areas = municipalities(options.municipalities, rng)
    towns = shapely.get_coordinates(shapely.point_on_surface(areas.geometry.to_numpy()))
    homes = households(options.households, towns, rng)
    mrcs = areas.dissolve("mrc_code", as_index=False)[["mrc_code", "mrc_name", "geometry"]]
    mrcs = mrcs.rename(columns={"mrc_code": "code", "mrc_name": "name"})
    points = gpd.GeoDataFrame(
        {
            "id": [f"cp{index}" for index in range(20)],
            "name_fr": "Communauté",
            "name_en": "Community",
            "satellite_dependent": False,
            "no_fibre_backbone": False,
            "cti_backbone": False,
        },
        geometry=gpd.points_from_xy(towns[:20, 0], towns[:20, 1]),
        crs="EPSG:4326",
    )
    print(f"synthetic: {len(homes):,} households, {len(areas):,} municipalities")
    return {
        Kind.MUNICIPALITIES: areas,
        Kind.MRCS: mrcs,
        Kind.COMMUNITY_POINTS: points,
        Kind.HOUSEHOLDS: homes,
    }


def write_province(stores: list[Store], options: argparse.Namespace) -> None:
    """The loader's side: the synthetic province written into each store, timed."""
    province = layers(options)
    for store in stores:
        for kind, frame in province.items():
            took, _ = seconds(partial(store.write, kind, frame, meta(kind)))
            if kind in (Kind.MUNICIPALITIES, Kind.HOUSEHOLDS):
                show(f"{type(store).__name__}: write {kind}", f"{took:8.1f} s")


def memory_mib(field: str = "VmHWM") -> float:
    """A memory figure of this process from /proc (VmHWM, the peak: unlike ru_maxrss, not the
    parent's; RssAnon, its own heap now; RssFile, mapped files such as libraries, shared)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def threshold_changes(catalog: Catalog) -> float:
    """The median time of a threshold or technology change, in milliseconds."""
    views = random_views(200, np.random.default_rng(7))
    times = [seconds(lambda v=v: catalog.gaps.summarize(*v))[0] for v in views]
    return statistics.median(times) * 1e3


def lookups(catalog: Catalog) -> None:
    """The replica's point look-up by KNN in PostGIS, at random points of the province."""
    source = catalog.households
    assert isinstance(source, PgHouseholds)
    lookup = PgLookupIndex(catalog.gaps, source)
    rng = np.random.default_rng(3)
    west, south, east, north = catalog.layer(Kind.MUNICIPALITIES).frame.total_bounds
    points = zip(rng.uniform(west, east, 500), rng.uniform(south, north, 500), strict=True)
    times = [seconds(lambda p=p: (lookup.locate(*p), lookup.nearby(*p, 1000)))[0] for p in points]
    median, p99 = statistics.median(times) * 1e3, np.percentile(times, 99) * 1e3
    show("replica: locate + nearby 1 km (KNN)", f"{median:8.2f} ms median, p99 {p99:.2f} ms")


def replica(mode: str, options: argparse.Namespace) -> None:
    """One replica, in a fresh process: the service started as uvicorn would start it."""
    from fastapi.testclient import TestClient

    from app.main import create_app

    url = SecretStr(str(os.environ.get("GIM_DATABASE_URL")))
    plain = Settings(reload_interval_s=0, _env_file=None)
    settings = {
        "folder": plain.model_copy(update={"store_dir": options.folder}),
        "postgis": plain.model_copy(update={"database_url": url}),
        "replica": plain.model_copy(update={"database_url": url, "households_in_memory": False}),
    }[mode]
    started = time.perf_counter()
    app = create_app(settings)
    show(f"{mode}: peak before any layer (imports)", f"{memory_mib():8.0f} MiB")
    with TestClient(app) as client:
        load_s = time.perf_counter() - started
        assert client.get("/api/region?threshold=100/20").status_code == 200
        catalog = client.app.state.catalog
        figures = {"load_s": load_s, "change_ms": threshold_changes(catalog)}
        if mode == "replica":
            lookups(catalog)
            figures["sql_sums_s"], index_s = sql_sums_seconds(url.get_secret_value())
            show("replica: PostGIS sums, then KNN indexes", f"{figures['sql_sums_s']:8.1f} s, "
                 f"then {index_s:.1f} s")  # fmt: skip
        figures["peak_mib"] = memory_mib()
        own, files = memory_mib("RssAnon"), memory_mib("RssFile")
    show(f"{mode}: peak memory of this replica", f"{figures['peak_mib']:8.0f} MiB")
    show(f"{mode}:   now: heap / mapped files", f"{own:8.0f} / {files:.0f} MiB")
    print("RESULT " + json.dumps({"mode": mode, **figures}), flush=True)


def sql_sums_seconds(url: str) -> tuple[float, float]:
    """How long PostGIS took to assign and sum the households, then to build the look-up
    indexes (at the first replica's load)."""
    query = "SELECT max(seconds), max(index_seconds) FROM gim.household_sums_done"
    with psycopg.connect(url) as connection:
        row = connection.execute(query).fetchone()
    return (float(row[0]), float(row[1])) if row and row[0] is not None else (np.nan, np.nan)


def side_by_side(results: list[dict[str, float]]) -> None:
    """The replicas' figures in one table, with the issue's targets."""
    print(f"\n{'replica':<10}{'load s':>10}{'change ms':>11}{'peak MiB':>10}{'SQL sums s':>12}")
    for row in results:
        sql_s = f"{row['sql_sums_s']:12.1f}" if "sql_sums_s" in row else f"{'':>12}"
        print(
            f"{row['mode']:<10}{row['load_s']:10.1f}{row['change_ms']:11.2f}"
            f"{row['peak_mib']:10.0f}{sql_s}"
        )
    print(f"targets: replica peak <= 300 MB ({TARGETS['peak_mib']:.0f} MiB), change <= 2 ms")
    print("(the second replica finds the sums the first one had PostGIS compute)")


def run(url: str, options: argparse.Namespace) -> None:
    """Write in this process, then read in others, so that each memory is a replica's alone."""
    with tempfile.TemporaryDirectory() as folder:
        stores: list[Store] = [PgStore(url)]
        stores += [LayerStore(folder)] if "folder" in options.modes else []
        write_province(stores, options)
        results = []
        for mode in [*options.modes, *(["replica"] if "replica" in options.modes else [])]:
            command = [sys.executable, "-m", "benchmarks.pgstore", "--replica", mode]
            done = subprocess.run(
                [*command, "--folder", folder],
                check=True,
                env=os.environ | {"GIM_DATABASE_URL": url},
                stdout=subprocess.PIPE,
                text=True,
            )
            for line in done.stdout.splitlines():
                if line.startswith("RESULT "):
                    results.append(json.loads(line.removeprefix("RESULT ")))
                else:
                    print(line)
        side_by_side(results)


@contextmanager
def database() -> Iterator[str]:
    """``GIM_DATABASE_URL``, else a database on a private cluster started for the run."""
    url = os.environ.get("GIM_DATABASE_URL")
    if url:
        yield url
        return
    from tests.conftest import free_port
    from tests.postgis import Cluster, _binaries

    bin_dir = _binaries()
    if bin_dir is None:
        raise SystemExit("PostgreSQL with PostGIS is not installed: see tests/postgis.py")
    cluster = Cluster(bin_dir, free_port()).start()
    try:
        yield cluster.database()
    finally:
        cluster.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=2_400_000)
    parser.add_argument("--municipalities", type=int, default=1_100)
    parser.add_argument("--replica", choices=MODES, help="only read, as this replica")
    parser.add_argument("--folder", help="the folder store to read (--replica folder)")
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    options = parser.parse_args()
    if options.replica:
        replica(options.replica, options)
        return
    with database() as url:
        run(url, options)


if __name__ == "__main__":
    main()
