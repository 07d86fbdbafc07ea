"""Gap engine at province scale: `python -m benchmarks.gaps [--households N] [--segment DEG]`.

Synthetic case: about 1,100 municipalities (a Voronoi tessellation of a Québec-sized extent,
borders densified to about 110 vertices each; `--segment 0.004` gives about 550, nearer real CSD
borders) and 2.4 million household points clustered around towns, with a tier mix like ISED's.
Prints the time to assign households at load, the time per threshold change, the naive approach
(geopandas sjoin + groupby per request) on the same data, a precomputed pandas groupby for
reference, their ratios and the peak memory.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from app.gaps.engine import GapIndex, GapReport
from app.gaps.threshold import LOWEST_TIER, PRESETS, Threshold

EXTENT = (-79.8, 45.0, -57.1, 62.6)  # Québec, lon/lat
SEGMENT_DEGREES = 0.02  # densify borders: a few hundred vertices per municipality
# (technology, down, up, share of points): fibre-heavy, a tail of slow and no service.
TIERS = (
    ("fibre", 1000, 1000, 0.20),
    ("fibre", 1000, 500, 0.15),
    ("fibre", 500, 500, 0.05),
    ("cable", 1000, 50, 0.12),
    ("cable", 400, 20, 0.08),
    ("cable", 120, 20, 0.04),
    ("wired", 50, 10, 0.06),
    ("wired", 25, 5, 0.02),
    ("dsl", 50, 10, 0.04),
    ("dsl", 25, 5, 0.04),
    ("dsl", 10, 2, 0.02),
    ("dsl", 3, 0.5, 0.01),
    ("fixed_wireless", 50, 10, 0.04),
    ("fixed_wireless", 25, 5, 0.03),
    ("fixed_wireless", 10, 2, 0.02),
    ("fixed_wireless", 5, 1, 0.01),
    ("satellite", 250, 20, 0.03),
    ("satellite", 25, 3, 0.01),
    ("none", 0, 0, 0.03),
)


def municipalities(
    count: int, rng: np.random.Generator, segment: float = SEGMENT_DEGREES
) -> gpd.GeoDataFrame:
    """A Voronoi tessellation of the extent, denser in the south, grouped in MRCs of ~10."""
    west, south, east, north = EXTENT
    seeds = np.column_stack(
        [rng.uniform(west, east, count), south + (north - south) * rng.beta(1.2, 3.0, count)]
    )
    frame = shapely.box(*EXTENT)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=frame))
    cells = shapely.segmentize(shapely.intersection(cells, frame), segment)
    cells = cells[np.argsort(shapely.get_x(shapely.centroid(cells)))]
    codes = [f"{24_000_00 + index:07d}" for index in range(len(cells))]
    mrc = [f"{2400 + index // 10:04d}" for index in range(len(cells))]
    return gpd.GeoDataFrame(
        {
            "code": codes,
            "name": [f"Municipalité {code}" for code in codes],
            "type": "MÉ",
            "mrc_code": mrc,
            "mrc_name": [f"MRC {code}" for code in mrc],
            "population": rng.integers(100, 20_000, len(cells)),
            "dwellings": rng.integers(50, 10_000, len(cells)),
            "census_year": 2021,
            "land_area_km2": 1.0,
        },
        geometry=cells,
        crs="EPSG:4326",
    )


def households(count: int, towns: np.ndarray, rng: np.random.Generator) -> gpd.GeoDataFrame:
    """Household points: 80 % around towns, the rest scattered, 0.1 % off the map."""
    near = rng.random(count) < 0.8
    town = towns[rng.integers(0, len(towns), count)]
    spread = np.where(near, 0.05, 0.8)[:, None]
    xy = town + rng.normal(0, 1, (count, 2)) * spread
    west, south, east, north = EXTENT
    xy = np.clip(xy, [west, south], [east, north])
    off_map = rng.random(count) < 0.001
    xy[off_map] -= [5.0, 0.0]  # west of the extent: outside every municipality
    tier = rng.choice(len(TIERS), count, p=[share for *_, share in TIERS])
    dwellings = np.where(rng.random(count) < 0.03, 0, rng.poisson(1.4, count) + 1)
    return gpd.GeoDataFrame(
        {
            "phh_id": np.arange(count).astype(str),
            "phh_type": np.where(dwellings == 0, 8, 1),
            "population": np.round(dwellings * rng.uniform(1.5, 3.0, count)).astype(float),
            "dwellings": dwellings.astype(float),
            "down_mbps": np.array([TIERS[t][1] for t in range(len(TIERS))], float)[tier],
            "up_mbps": np.array([TIERS[t][2] for t in range(len(TIERS))], float)[tier],
            "technology": np.array([TIERS[t][0] for t in range(len(TIERS))])[tier],
        },
        geometry=shapely.points(xy),
        crs="EPSG:4326",
    )


def random_thresholds(count: int, rng: np.random.Generator) -> list[Threshold]:
    """The presets, then random pairs (as a planner dragging sliders)."""
    pairs = zip(rng.uniform(1, 1000, count), rng.uniform(0, 500, count), strict=True)
    return [*PRESETS, *(Threshold(round(down, 1), round(up, 1)) for down, up in pairs)][:count]


def naive(homes: gpd.GeoDataFrame, areas: gpd.GeoDataFrame, threshold: Threshold) -> pd.DataFrame:
    """The per-request way: spatial join, then classify and group."""
    joined = gpd.sjoin(homes, areas[["code", "geometry"]], predicate="intersects", how="left")
    joined = joined.sort_values("code").loc[lambda f: ~f.index.duplicated()]
    service = joined["technology"] != "none"
    served = service & (joined["down_mbps"] >= threshold.down) & (joined["up_mbps"] >= threshold.up)
    some = (
        service & (joined["down_mbps"] >= LOWEST_TIER.down) & (joined["up_mbps"] >= LOWEST_TIER.up)
    )
    joined["class"] = np.where(served, "served", np.where(some, "underserved", "unserved"))
    return joined.groupby(["code", "class"])["dwellings"].sum().unstack(fill_value=0.0)


def precomputed_groupby(homes: pd.DataFrame, threshold: Threshold) -> pd.DataFrame:
    """A pandas groupby on a precomputed municipality code, for reference."""
    service = homes["technology"].to_numpy() != "none"
    down, up = homes["down_mbps"].to_numpy(), homes["up_mbps"].to_numpy()
    served = service & (down >= threshold.down) & (up >= threshold.up)
    some = service & (down >= LOWEST_TIER.down) & (up >= LOWEST_TIER.up)
    classes = np.where(served, 0, np.where(some, 1, 2))
    grouped = homes[["dwellings", "population"]].groupby([homes["code"], classes]).sum()
    return grouped.unstack(fill_value=0.0)


def seconds(function: Callable[[], object]) -> tuple[float, object]:
    """Wall time of one call, and its result."""
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def peak_mib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def traced_mib(function: Callable[[], object]) -> float:
    """Peak memory allocated through Python and numpy while ``function`` runs (GEOS not seen)."""
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def agrees(report: GapReport, expected: pd.DataFrame) -> bool:
    """Whether the engine's dwellings per class equal the naive ones, in every municipality."""
    columns = ["served_dwellings", "underserved_dwellings", "unserved_dwellings"]
    mine = report.municipalities[columns].rename(columns=lambda name: name.split("_")[0])
    theirs = expected.drop(index="", errors="ignore").reindex(mine.index, fill_value=0.0)
    return bool((mine[theirs.columns] == theirs).all().all())


def show(label: str, value: str) -> None:
    """One aligned line of the report."""
    print(f"{label + ':':<38}{value}")


def make_data(
    options: argparse.Namespace, rng: np.random.Generator
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """The synthetic municipalities and households, described."""
    made, areas = seconds(lambda: municipalities(options.municipalities, rng, options.segment))
    towns = shapely.get_coordinates(shapely.point_on_surface(areas.geometry.to_numpy()))
    made_homes, homes = seconds(lambda: households(options.households, towns, rng))
    vertices = shapely.get_num_coordinates(areas.geometry.to_numpy()).mean()
    print(
        f"synthetic data: {len(homes):,} households, {len(areas):,} municipalities "
        f"({vertices:.0f} vertices each on average), {areas['mrc_code'].nunique()} MRCs; "
        f"made in {made + made_homes:.1f} s"
    )
    show("peak memory with the data", f"{peak_mib():8.0f} MiB")
    return areas, homes


def measure_engine(
    homes: gpd.GeoDataFrame, areas: gpd.GeoDataFrame, thresholds: list[Threshold]
) -> tuple[GapIndex, float]:
    """Time the build and the threshold changes; the index and the median change in seconds."""
    build, index = seconds(lambda: GapIndex.build(homes, areas))
    show("assign households at load (build)", f"{build:8.2f} s")
    show("  outside every municipality", f"{index.unassigned['households']:8,} households")
    times = [seconds(lambda t=t: index.summarize(t))[0] for t in thresholds]
    per_change = statistics.median(times)
    spread = f"{len(times)} runs, min {min(times) * 1e3:.2f}, max {max(times) * 1e3:.2f}"
    show("threshold change (summarize)", f"{per_change * 1e3:8.2f} ms median ({spread})")
    classes = [seconds(lambda t=t: index.household_classes(t))[0] for t in thresholds[:10]]
    show("  per-household classes (maps)", f"{statistics.median(classes) * 1e3:8.2f} ms median")
    show("peak memory after build", f"{peak_mib():8.0f} MiB")
    traced = traced_mib(lambda: GapIndex.build(homes, areas))
    show("  build's own peak (tracemalloc)", f"{traced:8.0f} MiB")
    return index, per_change


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=2_400_000)
    parser.add_argument("--municipalities", type=int, default=1_100)
    parser.add_argument("--thresholds", type=int, default=50)
    parser.add_argument("--naive-runs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--segment", type=float, default=SEGMENT_DEGREES, help="border detail, °")
    options = parser.parse_args()
    rng = np.random.default_rng(options.seed)
    areas, homes = make_data(options, rng)
    thresholds = random_thresholds(options.thresholds, rng)
    index, per_change = measure_engine(homes, areas, thresholds)

    coded = homes.drop(columns="geometry").assign(code=index.household_codes)
    grouped = [seconds(lambda t=t: precomputed_groupby(coded, t))[0] for t in thresholds[:5]]
    grouped_time = statistics.median(grouped)
    show("precomputed pandas groupby", f"{grouped_time * 1e3:8.2f} ms median of {len(grouped)}")
    show("  ratio groupby / threshold change", f"{grouped_time / per_change:8,.0f}x")

    default = PRESETS[3]
    runs = [seconds(lambda: naive(homes, areas, default)) for _ in range(options.naive_runs)]
    naive_time = statistics.median(duration for duration, _ in runs)
    show("naive sjoin + groupby per request", f"{naive_time * 1e3:8.0f} ms median of {len(runs)}")
    show("ratio naive / threshold change", f"{naive_time / per_change:8,.0f}x")
    show("same figures as the naive approach", str(agrees(index.summarize(default), runs[0][1])))
    show("peak memory overall (with naive)", f"{peak_mib():8.0f} MiB")


if __name__ == "__main__":
    main()
