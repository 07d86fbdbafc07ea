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

from app.gaps.engine import CLASSES, GapIndex, GapReport, ServiceTable
from app.gaps.threshold import PRESETS, Threshold
from app.vocabulary import CHOICES, TechnologyChoice

EXTENT = (-79.8, 45.0, -57.1, 62.6)  # Québec, lon/lat
SEGMENT_DEGREES = 0.02  # densify borders: a few hundred vertices per municipality
# (terrestrial service, share of points): exact speeds (an operator's list) and ISED tiers, a
# tail of slow and no service; LEO satellite at ISED's top tier everywhere, as ISED ships it.
SERVICES = (
    ("wired 50/10+", 0.20),
    ("wired 25/5-50/10", 0.04),
    ("wired 50/10+; fixed_wireless 25/5-50/10", 0.03),
    ("fixed_wireless 10/2-25/5", 0.02),
    ("wired 0/0-5/1", 0.01),
)
SATELLITE = "satellite 50/10+"
SNAPPED_SHARE = 0.01  # points a few hundred metres off the map's west edge: the coastal rule
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
    coastal = rng.random(count) < SNAPPED_SHARE
    xy[coastal, 0] = west - rng.uniform(0.001, 0.01, int(coastal.sum()))  # 70-700 m off
    offers = [(f"{t} {d:g}/{u:g}" if t != "none" else "", share) for t, d, u, share in TIERS]
    offers += list(SERVICES)
    shares = np.array([share for _, share in offers])
    texts = np.array([f"{text}; {SATELLITE}" if text else SATELLITE for text, _ in offers])
    offer = rng.choice(len(offers), count, p=shares / shares.sum())
    dwellings = np.where(rng.random(count) < 0.03, 0, rng.poisson(1.4, count) + 1)
    return gpd.GeoDataFrame(
        {
            "phh_id": np.arange(count).astype(str),
            "phh_type": np.where(dwellings == 0, 8, 1),
            "population": np.round(dwellings * rng.uniform(1.5, 3.0, count)).astype(float),
            "dwellings": dwellings.astype(float),
            # Arrow-backed text, as a layer read from the store comes (not numpy's fixed width).
            "services": pd.Series(pd.Categorical.from_codes(offer, texts)).astype("str"),
            "lte": np.where(rng.random(count) < 0.9, 1, 0),
        },
        geometry=shapely.points(xy),
        crs="EPSG:4326",
    )


def random_views(count: int, rng: np.random.Generator) -> list[tuple[Threshold, TechnologyChoice]]:
    """The presets, then random pairs (as a planner dragging sliders), technologies in turn."""
    pairs = zip(rng.uniform(5, 1000, count), rng.uniform(1, 500, count), strict=True)
    thresholds = [*PRESETS, *(Threshold(round(down, 1), round(up, 1)) for down, up in pairs)]
    return [(t, CHOICES[i % len(CHOICES)]) for i, t in enumerate(thresholds[:count])]


def classify(texts: pd.Series, threshold: Threshold, choice: TechnologyChoice) -> np.ndarray:
    """DOMAIN.md's class of each household, by its distinct services texts (0..3 = CLASSES)."""
    codes, unique = pd.factorize(texts)
    table = ServiceTable.of(unique)
    return table.classify(threshold, choice)[codes]


def naive(homes: gpd.GeoDataFrame, areas: gpd.GeoDataFrame, threshold: Threshold) -> pd.DataFrame:
    """The per-request way: spatial join, then classify and group."""
    joined = gpd.sjoin(homes, areas[["code", "geometry"]], predicate="intersects", how="left")
    joined = joined.sort_values("code").loc[lambda f: ~f.index.duplicated()]
    joined["class"] = np.asarray(CLASSES)[classify(joined["services"], threshold, CHOICES[0])]
    return joined.groupby(["code", "class"])["dwellings"].sum().unstack(fill_value=0.0)


def precomputed_groupby(homes: pd.DataFrame, view: tuple[Threshold, TechnologyChoice]) -> object:
    """A pandas groupby on a precomputed municipality code, for reference."""
    classes = classify(homes["services"], *view)
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
    """Whether the engine's dwellings per class equal the naive ones, in every municipality.

    The naive join does not snap coastal homes, so those are left out of the comparison.
    """
    columns = [f"{name}_dwellings" for name in CLASSES]
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
    homes: gpd.GeoDataFrame,
    areas: gpd.GeoDataFrame,
    views: list[tuple[Threshold, TechnologyChoice]],
) -> tuple[GapIndex, float]:
    """Time the build and the threshold changes; the index and the median change in seconds."""
    build, index = seconds(lambda: GapIndex.build(homes, areas))
    show("assign households at load (build)", f"{build:8.2f} s")
    show("  snapped to a municipality (coast)", f"{index.snapped['households']:8,} households")
    show("  outside every municipality", f"{index.unassigned['households']:8,} households")
    show("  distinct (services, LTE) keys", f"{len(index.services.holds):8,}")
    times = [seconds(lambda v=v: index.summarize(*v))[0] for v in views]
    per_change = statistics.median(times)
    spread = f"{len(times)} runs, min {min(times) * 1e3:.2f}, max {max(times) * 1e3:.2f}"
    show("threshold/technology change", f"{per_change * 1e3:8.2f} ms median ({spread})")
    classes = [seconds(lambda v=v: index.household_classes(*v))[0] for v in views[:10]]
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
    views = random_views(options.thresholds, rng)
    index, per_change = measure_engine(homes, areas, views)

    coded = homes.drop(columns="geometry").assign(code=index.household_codes)
    grouped = [seconds(lambda v=v: precomputed_groupby(coded, v))[0] for v in views[:5]]
    grouped_time = statistics.median(grouped)
    show("precomputed pandas groupby", f"{grouped_time * 1e3:8.2f} ms median of {len(grouped)}")
    show("  ratio groupby / threshold change", f"{grouped_time / per_change:8,.0f}x")

    default = PRESETS[3]
    inland = homes[~(index.household_snapped_m > 0)]
    runs = [seconds(lambda: naive(inland, areas, default)) for _ in range(options.naive_runs)]
    naive_time = statistics.median(duration for duration, _ in runs)
    show("naive sjoin + groupby per request", f"{naive_time * 1e3:8.0f} ms median of {len(runs)}")
    show("ratio naive / threshold change", f"{naive_time / per_change:8,.0f}x")
    same = agrees(GapIndex.build(inland, areas).summarize(default), runs[0][1])
    show("same figures as the naive approach", f"{same} (snapped homes aside)")
    show("peak memory overall (with naive)", f"{peak_mib():8.0f} MiB")


if __name__ == "__main__":
    main()
