"""Generate the demonstration households, in ISED's PHH file schema, and store them.

The households are synthetic: points around the real populated places and ISED community points
of each census subdivision (CSD), whose dwellings and population add up exactly to the census
counts of the municipalities layer, with a best available service drawn to resemble the region
(mostly fibre, cable in a few towns, DSL, fixed wireless, satellite and nothing away from the
villages and in the unorganized territories). Everything is seeded: a run gives the same bytes.

Reads only the store; writes ``<store>/demo/`` (ISED PHH points and speeds CSV) and two versions of
the ``households`` layer, converted by ``app.layers.ised``: version 1, an earlier vintage
("2019", before the last fibre projects: the same points, less fibre, older satellite), and
version 2, the current one, from those files.

    python scripts/make_demo_households.py [--store geodata]
"""

from __future__ import annotations

import argparse
import io
from dataclasses import replace
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from app.gaps.engine import GapIndex
from app.gaps.threshold import Threshold
from app.layers import ised
from app.layers.store import LayerMeta, LayerStore
from app.vocabulary import FAMILY_OF, Family, Kind, Technology, TechnologyChoice

ROOT = Path(__file__).resolve().parents[1]
SEED = 20210511
CENSUS_DAY = "2021-05-11T00:00:00+00:00"  # fixed: the census day, never the wall clock
CENSUS_YEAR = 2021
POINTS_FILE = "PHH-GIM-demo.csv"
SPEEDS_FILE = "PHH_Speeds_Current-PHH_Vitesses_Actuelles_GIM-demo.csv"
EXACT_FILE = "GIM_Exact_Speeds-demo.csv"
SATELLITE_TIER = 4  # "50_10": LEO satellite reported everywhere, as in ISED's current files
# The earlier vintage: before Opération haute vitesse's last fibre builds and before LEO.
EARLIER_YEAR = 2019
EARLIER_DAY = "2019-06-01T00:00:00+00:00"
EARLIER_SATELLITE_TIER = 2  # "10_2": geostationary satellite
ISLANDS_MRC = "2401"  # the Îles' fibre was completed in 2022: mostly cable and DSL before
# zone -> (share of fibre points not yet built, [(technology, down, up, chance)] they had).
NOT_YET_FIBRE: dict[str, tuple[float, list[tuple[str, float, float, float]]]] = {
    "village": (0.25, [("dsl", 25, 5, 0.6), ("dsl", 10, 2, 0.4)]),
    "cable_village": (0.2, [("cable", 100, 20, 0.5), ("dsl", 25, 5, 0.5)]),
    "around": (0.5, [("dsl", 10, 2, 0.5), ("fixed_wireless", 25, 5, 0.3), ("dsl", 5, 1, 0.2)]),
    "remote": (
        0.75,
        [("fixed_wireless", 10, 2, 0.4), ("dsl", 3, 0.8, 0.3), ("none", 0, 0, 0.3)],
    ),
    "islands": (0.85, [("cable", 100, 20, 0.55), ("dsl", 25, 5, 0.3), ("dsl", 10, 2, 0.15)]),
}
# Roads without mobile coverage (lon, lat): Route 299 through the Chic-Chocs, Route 198 between
# Gaspé and Murdochville. Points within LTE_GAP_M of them lack LTE, bar a few.
LTE_GAPS = (
    ((-66.42, 49.05), (-66.22, 48.90), (-66.12, 48.72), (-66.02, 48.52), (-65.95, 48.40)),
    ((-64.68, 48.87), (-64.95, 48.93), (-65.25, 48.97), (-65.42, 48.96)),
)
LTE_GAP_M = 6000.0
LTE_IN_GAP = 0.05
QUEBEC = "24"

DWELLINGS_PER_POINT = (4.0, 6.0)
BORDER_DEG = 1e-4  # 7-11 m: points stay this far inside their CSD, so border rules never matter
METRES_PER_DEGREE = 111_320.0
CLUSTER_SIGMA_M = (300.0, 1500.0)  # spread of the points around one place
SCATTER_SIGMA_M = (2500.0, 6000.0)  # points scattered along the roads between places
SCATTERED_SHARE = 0.15
CORE_M, NEAR_M = 1500.0, 5000.0  # distance to the nearest place: village, around, remote
NULL_POINT_AREA_KM2 = 250.0  # a type-8 point in every TNO and every CSD at least this large
CLUSTER_TYPES = ([1, 2, 3, 4, 5, 6], [0.55, 0.05, 0.15, 0.15, 0.05, 0.05])
SCATTERED_TYPES = ([1, 3, 4], [0.2, 0.4, 0.4])
ENTRY_ISLAND = shapely.Point(-61.70, 47.28)  # Île d'Entrée: satellite only
ENTRY_ISLAND_WEIGHT = 0.2  # about 100 people there: its places draw fewer points
CABLE_TOWNS = ("2402028", "2403005", "2404037", "2406013")  # Chandler, Gaspé, S.-A.-des-Monts, C.

FIBRE, CABLE, DSL = Technology.FIBRE, Technology.CABLE, Technology.DSL
WIRELESS, SATELLITE, NONE = Technology.FIXED_WIRELESS, Technology.SATELLITE, "none"
# zone -> ([(terrestrial technology, down, up, probability)], share of points with LTE mobile);
# SATELLITE and NONE mean no terrestrial service (every point has satellite at ISED's top tier).
OFFERS: dict[str, tuple[list[tuple[Technology, float, float, float]], float]] = {
    "village": (
        [(FIBRE, 1000, 500, 0.7), (FIBRE, 100, 20, 0.23), (DSL, 25, 5, 0.035)]
        + [(DSL, 10, 2, 0.02), (WIRELESS, 50, 10, 0.015)],
        1.0,
    ),
    "cable_village": (
        [(FIBRE, 1000, 500, 0.62), (FIBRE, 100, 20, 0.18), (CABLE, 100, 20, 0.15)]
        + [(DSL, 25, 5, 0.035), (DSL, 10, 2, 0.015)],
        1.0,
    ),
    "around": (
        [(FIBRE, 1000, 500, 0.5), (FIBRE, 100, 20, 0.2), (WIRELESS, 50, 10, 0.05)]
        + [(WIRELESS, 25, 5, 0.08), (DSL, 25, 5, 0.05), (DSL, 10, 2, 0.06)]
        + [(SATELLITE, 50, 10, 0.03), (SATELLITE, 25, 5, 0.03)],
        0.95,
    ),
    "remote": (
        [(FIBRE, 1000, 500, 0.3), (FIBRE, 100, 20, 0.14), (WIRELESS, 50, 10, 0.06)]
        + [(WIRELESS, 25, 5, 0.12), (WIRELESS, 10, 2, 0.1), (DSL, 5, 1, 0.04), (DSL, 3, 0.8, 0.05)]
        + [(SATELLITE, 50, 10, 0.07), (SATELLITE, 25, 5, 0.07), (NONE, 0, 0, 0.05)],
        0.6,
    ),
    "tno": (
        [(SATELLITE, 50, 10, 0.35), (SATELLITE, 25, 5, 0.25), (WIRELESS, 10, 2, 0.15)]
        + [(NONE, 0, 0, 0.25)],
        0.15,
    ),
    "island": ([(SATELLITE, 50, 10, 0.3), (SATELLITE, 25, 5, 0.7)], 1.0),
}
DENSITY = {"village": 2.0, "cable_village": 2.0}  # village blocks hold more dwellings

LICENCE = (
    "Statistics Canada Open Licence; CC BY 4.0 (lieux habités, Gouvernement du Québec); "
    "CC0 (Who's On First); Open Government Licence – Canada (ISED community points)"
)
ATTRIBUTION = (
    "Synthetic demonstration data. Contains information licensed under the Statistics Canada "
    "Open Licence (2021 Census counts). Places: lieux habités © Gouvernement du Québec (CC BY "
    "4.0), Who's On First; ISED community points (Open Government Licence – Canada)."
)
ATTRIBUTION_FR = (
    "Données de démonstration synthétiques. Contient des renseignements visés par la Licence "
    "ouverte de Statistique Canada (dénombrements du Recensement de 2021). Lieux : lieux habités "
    "© Gouvernement du Québec (CC BY 4.0), Who's On First ; points de collectivités d'ISDE "
    "(Licence du gouvernement ouvert – Canada)."
)
METHOD = (
    "One point per 4-6 dwellings around the populated places and ISED community points of each "
    "CSD (clusters of 0.3-1.5 km, 15 % scattered at 2.5-6 km), strictly inside the CSD polygon "
    f"(at least {BORDER_DEG} degree from its border); dwellings and population drawn "
    "multinomially so that they add up exactly to the census counts of the municipalities "
    "layer; best service drawn by zone (village < 1.5 km from a place, around < 5 km, remote, "
    "TNO, Île d'Entrée); a type-8 null point in every TNO and every CSD of 250 km² or more."
)


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=ROOT / "geodata")
    make_demo(parser.parse_args().store)


def make_demo(store_dir: Path) -> None:
    """Write the demo ISED files and households version 1 into the store."""
    store = LayerStore(store_dir)
    municipalities, _ = store.read(Kind.MUNICIPALITIES)
    anchors = places(store_dir, store)
    context = Context(municipalities, anchors)
    points = pd.concat([csd_points(csd, context) for csd in municipalities.itertuples()])
    demo = store_dir / "demo"
    demo.mkdir(exist_ok=True)
    for stale in demo.glob("NBD_PHH_Speeds-GIM-demo.csv"):
        stale.unlink()  # the speeds file of earlier versions of this script
    write_csv(points_table(points), demo / POINTS_FILE)
    write_csv(speeds_table(points), demo / SPEEDS_FILE)
    write_csv(exact_table(points), demo / EXACT_FILE)
    earlier = earlier_points(points)
    earlier_tables = [
        text_table(speeds_table(earlier, EARLIER_SATELLITE_TIER)),
        text_table(exact_table(earlier)),
    ]
    earlier_homes = ised.households_from_ised(read_csv(demo / POINTS_FILE), earlier_tables)
    store.write(Kind.HOUSEHOLDS, earlier_homes, earlier_meta(), version=1)
    tables = [read_csv(demo / name) for name in (SPEEDS_FILE, EXACT_FILE)]
    households = ised.households_from_ised(read_csv(demo / POINTS_FILE), tables)
    store.write(Kind.HOUSEHOLDS, households, layer_meta(), version=2)
    print(f"Earlier vintage ({EARLIER_YEAR}), version 1:")
    print_summary(earlier_homes, municipalities)
    print("Current vintage, version 2:")
    print_summary(households, municipalities)


def earlier_points(points: pd.DataFrame) -> pd.DataFrame:
    """The same points before the last fibre projects: part of the fibre was something else."""
    rng = np.random.default_rng([SEED, EARLIER_YEAR])
    earlier = points.copy()
    zone = np.where(earlier["code"].str.startswith(ISLANDS_MRC), "islands", earlier["zone"])
    fibre = (earlier["technology"] == str(FIBRE)).to_numpy()
    draws = rng.random(len(earlier))
    for name, (share, offers) in NOT_YET_FIBRE.items():
        rows = np.flatnonzero(fibre & (zone == name) & (draws < share))
        chances = np.array([offer[3] for offer in offers])
        picked = rng.choice(len(offers), size=len(rows), p=chances / chances.sum())
        earlier.iloc[rows, earlier.columns.get_loc("technology")] = [offers[i][0] for i in picked]
        earlier.iloc[rows, earlier.columns.get_loc("down_mbps")] = [
            float(offers[i][1]) for i in picked
        ]
        earlier.iloc[rows, earlier.columns.get_loc("up_mbps")] = [
            float(offers[i][2]) for i in picked
        ]
    return earlier


def text_table(table: pd.DataFrame) -> pd.DataFrame:
    """A table as the loader reads it from a CSV file: every cell text, blanks empty."""
    buffer = io.StringIO()
    table.to_csv(buffer, index=False, lineterminator="\n")
    buffer.seek(0)
    return pd.read_csv(buffer, dtype=str, keep_default_na=False)


def places(store_dir: Path, store: LayerStore) -> pd.DataFrame:
    """Populated places and ISED community points, each with the CSD that contains it."""
    reference = gpd.read_file(store_dir / "reference" / "places.gpkg", layer="places")
    community, _ = store.read(Kind.COMMUNITY_POINTS)
    municipalities, _ = store.read(Kind.MUNICIPALITIES)
    points = pd.concat([reference.geometry, community.geometry], ignore_index=True)
    points = gpd.GeoDataFrame(geometry=points, crs="EPSG:4326")
    inside = gpd.sjoin(points, municipalities[["code", "geometry"]], predicate="within")
    frame = pd.DataFrame(
        {"code": inside["code"], "lon": inside.geometry.x, "lat": inside.geometry.y}
    )
    # Rounded to ~100 m so that a place given by both sources counts once.
    frame = frame.round({"lon": 3, "lat": 3}).drop_duplicates()
    return frame.sort_values(["code", "lon", "lat"]).reset_index(drop=True)


class Context:
    """What every CSD's generation needs: inner polygons, places, Île d'Entrée."""

    def __init__(self, municipalities: gpd.GeoDataFrame, anchors: pd.DataFrame) -> None:
        self.anchors = anchors
        self.anchor_xy = anchors[["lon", "lat"]].to_numpy()
        inner = shapely.buffer(municipalities.geometry.to_numpy(), -BORDER_DEG)
        shapely.prepare(inner)
        self.inner = dict(zip(municipalities["code"], inner, strict=True))
        islands = municipalities.geometry.explode(index_parts=False)
        self.island = islands[islands.contains(ENTRY_ISLAND)].iloc[0]
        shapely.prepare(self.island)
        on_island = shapely.contains_xy(self.island, *self.anchor_xy.T)
        self.anchor_weight = np.where(on_island, ENTRY_ISLAND_WEIGHT, 1.0)


def csd_points(csd: Any, context: Context) -> pd.DataFrame:
    """The household and null points of one CSD, with counts and service."""
    rng = np.random.default_rng([SEED, int(csd.code)])
    area = context.inner[csd.code]
    here = context.anchors["code"].to_numpy() == csd.code
    anchors, anchor_weights = context.anchor_xy[here], context.anchor_weight[here]
    count = point_count(csd.dwellings, rng)
    nulls = int(csd.type == "NO" or csd.land_area_km2 >= NULL_POINT_AREA_KM2)
    lon, lat, types = place_points(area, anchors, anchor_weights, count, rng)
    null_lon, null_lat, _ = place_points(area, anchors, anchor_weights, nulls, rng, scattered=1.0)
    frame = pd.DataFrame(
        {
            "code": csd.code,
            "lon": np.concatenate([lon, null_lon]),
            "lat": np.concatenate([lat, null_lat]),
            "phh_type": np.concatenate([types, np.full(nulls, ised.NULL_POINT_TYPE)]),
        }
    )
    frame["phh_id"] = [f"{csd.code}{i:04d}" for i in range(1, len(frame) + 1)]
    frame["zone"] = zones(frame, csd, context)
    add_counts(frame, csd, rng)
    add_service(frame, rng)
    frame["lte"] = np.where(in_lte_gap(frame), rng.random(len(frame)) < LTE_IN_GAP, frame["lte"])
    frame["lte"] = frame["lte"].astype(int)
    return frame


def in_lte_gap(frame: pd.DataFrame) -> np.ndarray:
    """Whether each point lies along a road without mobile coverage."""
    x, y = frame["lon"].to_numpy(), frame["lat"].to_numpy()
    near = np.zeros(len(frame), dtype=bool)
    scale = np.cos(np.radians(49.0))
    for road in LTE_GAPS:
        line = shapely.LineString([(lon * scale, lat) for lon, lat in road])
        distance = shapely.distance(line, shapely.points(x * scale, y)) * METRES_PER_DEGREE
        near |= distance < LTE_GAP_M
    return near


def point_count(dwellings: int, rng: np.random.Generator) -> int:
    """About one point per 4-6 dwellings, never more points than dwellings."""
    if dwellings <= 0:
        return 0
    return int(min(dwellings, max(1, round(dwellings / rng.uniform(*DWELLINGS_PER_POINT)))))


def place_points(
    area: shapely.Geometry,
    anchors: np.ndarray,
    anchor_weights: np.ndarray,
    count: int,
    rng: np.random.Generator,
    scattered: float = SCATTERED_SHARE,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Longitudes, latitudes and PHH types of ``count`` points inside ``area``."""
    if not len(anchors):
        lon, lat = uniform_inside(area, count, rng)
        return lon, lat, draw_types(SCATTERED_TYPES, count, rng)
    weights = rng.gamma(2.0, size=len(anchors)) * anchor_weights
    cluster_sigma = np.exp(rng.uniform(*np.log(CLUSTER_SIGMA_M), size=len(anchors)))
    anchor = rng.choice(len(anchors), size=count, p=weights / weights.sum())
    is_scattered = rng.random(count) < scattered
    sigma = np.where(is_scattered, rng.uniform(*SCATTER_SIGMA_M, size=count), cluster_sigma[anchor])
    lon, lat = sample_around(area, anchors[anchor], sigma, rng)
    types = np.where(
        is_scattered,
        draw_types(SCATTERED_TYPES, count, rng),
        draw_types(CLUSTER_TYPES, count, rng),
    )
    return lon, lat, types


def draw_types(
    types: tuple[list[int], list[float]], count: int, rng: np.random.Generator
) -> np.ndarray:
    """``count`` PHH types drawn with the given chances."""
    values, chances = types
    return rng.choice(values, size=count, p=chances)


def sample_around(
    area: shapely.Geometry, centres: np.ndarray, sigma: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Points drawn normally around ``centres`` (sigma in metres), redrawn until inside."""
    lon, lat = np.full(len(centres), np.nan), np.full(len(centres), np.nan)
    pending = np.arange(len(centres))
    for _ in range(200):
        if not len(pending):
            break
        x, y = centres[pending].T
        y_new = np.round(y + rng.normal(0, sigma[pending]) / METRES_PER_DEGREE, 6)
        scale = METRES_PER_DEGREE * np.cos(np.radians(y))
        x_new = np.round(x + rng.normal(0, sigma[pending]) / scale, 6)
        inside = shapely.contains_xy(area, x_new, y_new)
        lon[pending[inside]], lat[pending[inside]] = x_new[inside], y_new[inside]
        pending = pending[~inside]
    lon[pending], lat[pending] = uniform_inside(area, len(pending), rng)
    return lon, lat


def uniform_inside(
    area: shapely.Geometry, count: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """``count`` points drawn uniformly inside ``area`` (rejection from its bounding box)."""
    min_x, min_y, max_x, max_y = area.bounds
    lon, lat = np.empty(0), np.empty(0)
    while len(lon) < count:
        x = np.round(rng.uniform(min_x, max_x, size=64 + 4 * count), 6)
        y = np.round(rng.uniform(min_y, max_y, size=64 + 4 * count), 6)
        inside = shapely.contains_xy(area, x, y)
        lon, lat = np.concatenate([lon, x[inside]]), np.concatenate([lat, y[inside]])
    return lon[:count], lat[:count]


def zones(frame: pd.DataFrame, csd: Any, context: Context) -> np.ndarray:
    """The service zone of each point: island, tno, village, cable_village, around, remote."""
    x, y = frame["lon"].to_numpy(), frame["lat"].to_numpy()
    distance = nearest_distance_m(x, y, context.anchor_xy)
    village = "cable_village" if csd.code in CABLE_TOWNS else "village"
    zone = np.full(len(x), "remote", dtype=object)
    zone[distance < NEAR_M] = "around"
    zone[distance < CORE_M] = village
    zone[csd.type == "NO"] = "tno"
    zone[shapely.contains_xy(context.island, x, y)] = "island"
    return zone


def nearest_distance_m(x: np.ndarray, y: np.ndarray, anchors: np.ndarray) -> np.ndarray:
    """Distance in metres from each point to the nearest place (equirectangular)."""
    if not len(x):
        return np.empty(0)
    dx = (x[:, None] - anchors[None, :, 0]) * np.cos(np.radians(y))[:, None]
    dy = y[:, None] - anchors[None, :, 1]
    return np.hypot(dx, dy).min(axis=1) * METRES_PER_DEGREE


def allocate(total: int, weights: np.ndarray, rng: np.random.Generator, least: int) -> np.ndarray:
    """Whole numbers of at least ``least`` that add up to ``total``, in proportion to weights."""
    if not len(weights) or weights.sum() <= 0:
        return np.zeros(len(weights), dtype=np.int64)
    base = np.full(len(weights), least, dtype=np.int64)
    return base + rng.multinomial(total - base.sum(), weights / weights.sum())


def add_counts(frame: pd.DataFrame, csd: Any, rng: np.random.Generator) -> None:
    """Dwellings, population and resident dwellings that add up to the census counts."""
    homes = (frame["phh_type"] != ised.NULL_POINT_TYPE).to_numpy()
    density = frame["zone"].map(DENSITY).fillna(1.0).to_numpy()
    weights = np.where(homes, rng.gamma(2.0, size=len(frame)) * density, 0.0)
    dwellings = np.zeros(len(frame), dtype=np.int64)
    dwellings[homes] = allocate(int(csd.dwellings), weights[homes], rng, least=1)
    population = allocate(int(csd.population), dwellings.astype(float), rng, least=0)
    vacant = rng.binomial(dwellings, rng.uniform(0.08, 0.2))
    frame["dwellings"] = dwellings
    frame["population"] = population
    frame["resident"] = np.maximum(dwellings - vacant, np.minimum(population, 1))


def add_service(frame: pd.DataFrame, rng: np.random.Generator) -> None:
    """A best available service (technology, down, up) and LTE flag drawn by zone."""
    frame["technology"] = str(NONE)
    frame["down_mbps"], frame["up_mbps"], frame["lte"] = 0.0, 0.0, 0
    for zone, (offers, lte_share) in OFFERS.items():
        rows = (frame["zone"] == zone).to_numpy()
        chances = np.array([offer[3] for offer in offers])
        picked = rng.choice(len(offers), size=int(rows.sum()), p=chances / chances.sum())
        frame.loc[rows, "technology"] = [
            str(offers[i][0]) if offers[i][0] in FAMILY_OF and offers[i][0] != SATELLITE else "none"
            for i in picked
        ]
        frame.loc[rows, "down_mbps"] = [float(offers[i][1]) for i in picked]
        frame.loc[rows, "up_mbps"] = [float(offers[i][2]) for i in picked]
        frame.loc[rows, "lte"] = (rng.random(int(rows.sum())) < lte_share).astype(int)


def points_table(points: pd.DataFrame) -> pd.DataFrame:
    """The ISED 2021 PHH points file (DB and hexagon ids left blank: not synthesised)."""
    table = {
        ised.PHH_ID: points["phh_id"],
        ised.PHH_TYPE: points["phh_type"],
        ised.population_column(CENSUS_YEAR): points["population"],
        ised.dwellings_column(CENSUS_YEAR): points["dwellings"],
        ised.resident_dwellings_column(CENSUS_YEAR): points["resident"],
        ised.DBUID: "",
        ised.HEXUID: "",
        ised.PRUID: QUEBEC,
        ised.LATITUDE: points["lat"].map("{:.6f}".format),
        ised.LONGITUDE: points["lon"].map("{:.6f}".format),
    }
    return pd.DataFrame(table)[ised.points_columns(CENSUS_YEAR)]


def speeds_table(points: pd.DataFrame, satellite_tier: int = SATELLITE_TIER) -> pd.DataFrame:
    """The ISED speeds file, column for column: each family's tier, satellite's everywhere."""
    tiers = np.array(
        [ised.tier_of(d, u) for d, u in zip(points["down_mbps"], points["up_mbps"], strict=True)]
    )
    family = points["technology"].map(lambda t: None if t == NONE else FAMILY_OF[Technology(t)])
    return ised.speeds_table(
        points["phh_id"],
        {
            ised.WIRED_MAX: np.where(family == Family.WIRED, tiers, -1),
            ised.WIRELESS_MAX: np.where(family == Family.FIXED_WIRELESS, tiers, -1),
            ised.SATELLITE_MAX: np.full(len(points), satellite_tier),
        },
        points["lte"].to_numpy(),
    )


def exact_table(points: pd.DataFrame) -> pd.DataFrame:
    """Our extension: the exact speeds of each point's terrestrial service."""
    rows = points[points["technology"] != "none"]
    return pd.DataFrame(
        {
            ised.PHH_ID: rows["phh_id"],
            ised.GIM_TECHNOLOGY: rows["technology"],
            ised.GIM_DOWN: rows["down_mbps"].map("{:g}".format),
            ised.GIM_UP: rows["up_mbps"].map("{:g}".format),
        }
    )


def write_csv(table: pd.DataFrame, path: Path) -> None:
    """UTF-8, LF line endings, no index: the same table always gives the same bytes."""
    table.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def read_csv(path: Path) -> pd.DataFrame:
    """A CSV read as text, blanks kept as empty strings (as the loader reads it)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def layer_meta() -> LayerMeta:
    """The metadata of the demonstration households layer."""
    return LayerMeta(
        kind=str(Kind.HOUSEHOLDS),
        version=2,
        source="Démonstration synthétique / synthetic demonstration — "
        f"scripts/make_demo_households.py (seed {SEED})",
        vintage=str(CENSUS_YEAR),
        loaded_at=CENSUS_DAY,
        feature_count=0,
        demonstration=True,
        licence=LICENCE,
        attribution=ATTRIBUTION,
        notes={
            "seed": SEED,
            "method": METHOD,
            "files": f"demo/{POINTS_FILE}, demo/{SPEEDS_FILE} (ISED PHH schema + GIM_ columns)",
            "counts": "2021 Census; Listuguj (2406804): 2016 counts",
            "warning": "Not real service: load the ISED PHH files to see the real picture.",
            "source_fr": f"Démonstration synthétique — scripts/make_demo_households.py (graine "
            f"{SEED})",
            "source_en": f"Synthetic demonstration — scripts/make_demo_households.py (seed {SEED})",
            "attribution_fr": ATTRIBUTION_FR,
        },
    )


def earlier_meta() -> LayerMeta:
    """The metadata of the earlier demonstration vintage (version 1)."""
    current = layer_meta()
    return replace(
        current,
        version=1,
        vintage=str(EARLIER_YEAR),
        loaded_at=EARLIER_DAY,
        source=current.source + f", {EARLIER_YEAR} vintage",
        notes=current.notes
        | {
            "files": "none: built in memory by scripts/make_demo_households.py",
            "source_fr": f"{current.notes['source_fr']}, millésime {EARLIER_YEAR}",
            "source_en": f"{current.notes['source_en']}, {EARLIER_YEAR} vintage",
            "vintage": f"{EARLIER_YEAR}-like: the same points and counts as version 2, before "
            "the last fibre projects (part of the fibre was DSL, fixed wireless, cable or "
            "nothing; the Îles mostly cable and DSL) and before LEO satellite (10/2 tier)",
        },
    )


def print_summary(households: gpd.GeoDataFrame, municipalities: gpd.GeoDataFrame) -> None:
    """Points, dwellings and the shares served by MRC (terrestrial; all at 100/20)."""
    index = GapIndex.build(households, municipalities)
    every = TechnologyChoice(frozenset(Family))
    views = {
        "50/10": (Threshold(50, 10), TechnologyChoice()),
        "100/20": (Threshold(100, 20), TechnologyChoice()),
        "sat 50/10": (Threshold(50, 10), every),
    }
    reports = {label: index.summarize(*view) for label, view in views.items()}
    base = reports["50/10"]
    nulls = int((households["phh_type"] == ised.NULL_POINT_TYPE).sum())
    print(f"{len(households)} points ({nulls} type-8 null points); shares are of dwellings")
    print(f"{'MRC':<26}{'dwellings':>10}", *(f"{label:>10}" for label in views), f"{'no LTE':>8}")
    for code, row in [*base.mrcs.iterrows(), ("", base.region)]:
        shares = [report.mrcs.loc[code] if code else report.region for report in reports.values()]
        served = "".join(f"{figures['served_share']:>10.1%}" for figures in shares)
        print(f"{str(row['name']):<26}{row['dwellings']:>10.0f}{served}{row['no_lte_share']:>8.1%}")


if __name__ == "__main__":
    main()
