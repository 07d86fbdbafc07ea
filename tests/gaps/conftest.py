"""Hand-made layers for the gap engine, and an independent naive computation to compare with."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

TECHNOLOGIES = ("fibre", "cable", "dsl", "wired", "fixed_wireless", "satellite")
FAMILY = {"fixed_wireless": "fixed_wireless", "satellite": "satellite"}
TERRESTRIAL = ("wired", "fixed_wireless")

# One row per household: (x, y), technology, down, up, dwellings, population.
Row = tuple[tuple[float, float], str, float, float, float, float]

# Four unit squares; 2401001 and 2401002 form MRC 2401 (bottom row), the top row MRC 2402.
#   y=2 +---------+---------+
#       | 2402001 | 2402002 |   2402002 has no household at all
#   y=1 +---------+---------+
#       | 2401001 | 2401002 |
#   y=0 +---------+---------+
#      x=0       x=1       x=2
SQUARES = (
    ("2401001", "Alpha", "2401", "Les Îles", (0, 0), 10, 5),
    ("2401002", "Bravo", "2401", "Les Îles", (1, 0), 20, 6),
    ("2402001", "Charlie", "2402", "Le Rocher-Percé", (0, 1), 30, 7),
    ("2402002", "Delta", "2402", "Le Rocher-Percé", (1, 1), 40, 8),
)

HOMES: tuple[Row, ...] = (
    ((0.5, 0.5), "fibre", 1000, 500, 2, 5),  # Alpha, served at 50/10
    ((0.25, 0.75), "dsl", 10, 1, 1, 2),  # Alpha, underserved at 50/10, served at 5/1
    ((1.0, 0.5), "cable", 100, 10, 3, 7),  # Alpha|Bravo border: Alpha, the smaller code
    ((1.5, 0.5), "satellite", 50, 10, 1, 1),  # Bravo, served at 50/10
    ((1.5, 0.25), "none", 0, 0, 4, 9),  # Bravo, unserved
    ((0.5, 1.5), "fixed_wireless", 25, 5, 2, 3),  # Charlie, served at 25/5
    ((0.5, 1.6), "dsl", 3, 0.5, 1, 2),  # Charlie, below 5/1: unserved
    ((0.7, 1.2), "fibre", 1000, 500, 0, 0),  # Charlie, ISED type 8 null point
    ((5.0, 5.0), "fibre", 1000, 500, 2, 4),  # outside every municipality
    ((1.0, 1.0), "wired", 50, 10, 1, 2),  # corner of all four: Alpha
)


def municipality_frame(
    rows: Sequence[tuple], geometries: Sequence[shapely.Geometry], crs: str = "EPSG:4326"
) -> gpd.GeoDataFrame:
    """A canonical municipalities layer from (code, name, mrc_code, mrc_name, ...) rows."""
    return gpd.GeoDataFrame(
        {
            "code": [row[0] for row in rows],
            "name": [row[1] for row in rows],
            "type": "MÉ",
            "mrc_code": [row[2] for row in rows],
            "mrc_name": [row[3] for row in rows],
            "population": [row[-2] for row in rows],
            "dwellings": [row[-1] for row in rows],
            "census_year": 2021,
            "land_area_km2": 1.0,
        },
        geometry=list(geometries),
        crs=crs,
    )


def services_text(technology: str, down: float, up: float) -> str:
    """The services text of one exact service ("none": nothing reported)."""
    return "" if technology == "none" else f"{technology} {down:g}/{up:g}"


def household_frame(rows: Sequence[Row], crs: str = "EPSG:4326") -> gpd.GeoDataFrame:
    """A canonical households layer from (point, technology, down, up, dwellings, population).

    The technology may also be a whole services text (``"wired 50/10+; satellite 25/5-50/10"``),
    with down and up then ignored.
    """
    return gpd.GeoDataFrame(
        {
            "phh_id": [f"phh{index}" for index in range(len(rows))],
            "phh_type": [8 if row[4] == 0 else 1 for row in rows],
            "population": np.array([row[5] for row in rows], dtype=float),
            "dwellings": np.array([row[4] for row in rows], dtype=float),
            "services": [
                services_text(*row[1:4]) if row[1] in (*TECHNOLOGIES, "none") else row[1]
                for row in rows
            ],
            "lte": [1 if row[4] % 2 == 0 else 0 for row in rows],  # by content, not position
        },
        geometry=[shapely.Point(row[0]) for row in rows],
        crs=crs,
    )


def grid_municipalities(size: int = 3) -> gpd.GeoDataFrame:
    """A size x size grid of unit squares, codes shuffled over the cells, in three MRCs."""
    cells = [(x, y) for y in range(size) for x in range(size)]
    order = np.random.default_rng(7).permutation(len(cells))
    rows = [
        (f"24{index:05d}", f"M{index}", f"24{index % 3:02d}", f"MRC {index % 3}", 100, 50)
        for index in order
    ]
    return municipality_frame(rows, [shapely.box(x, y, x + 1, y + 1) for x, y in cells])


def naive_figures(
    households: gpd.GeoDataFrame,
    municipalities: gpd.GeoDataFrame,
    down: float,
    up: float,
    families: Sequence[str] = TERRESTRIAL,
) -> dict[str, pd.DataFrame]:
    """Per municipality, MRC and region: the figures by sjoin and groupby, row by row."""
    areas = municipalities[["code", "mrc_code", "geometry"]]
    joined = gpd.sjoin(households, areas, how="left", predicate="intersects")
    joined = joined.sort_values("code", na_position="last", kind="stable")
    joined = joined[~joined.index.duplicated(keep="first")].sort_index()
    joined["class"] = [naive_class(text, down, up, families) for text in joined["services"]]
    joined["code"] = joined["code"].fillna("")
    joined["mrc_code"] = joined["mrc_code"].fillna("")
    return {
        "municipality": _naive_groups(joined, "code"),
        "mrc": _naive_groups(joined, "mrc_code"),
        "region": _naive_groups(joined.assign(everything="all"), "everything"),
    }


def naive_services(text: str) -> list[tuple[str, str, float, float, float, float, bool]]:
    """(technology, family, down, up, cap down, cap up, exact) of each service of a text."""
    found = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        technology, speeds = part.split(" ")
        family = FAMILY.get(technology, "wired")
        if speeds.endswith("+"):
            d, u = map(float, speeds[:-1].split("/"))
            found.append((technology, family, d, u, math.inf, math.inf, False))
        elif "-" in speeds:
            low, high = speeds.split("-")
            d, u = map(float, low.split("/"))
            cd, cu = map(float, high.split("/"))
            found.append((technology, family, d, u, cd, cu, False))
        else:
            d, u = map(float, speeds.split("/"))
            found.append((technology, family, d, u, d, u, True))
    return found


def naive_class(text: str, down: float, up: float, families: Sequence[str] = TERRESTRIAL) -> str:
    """The class of one household, as DOMAIN.md words it."""
    counted = [s for s in naive_services(text) if s[1] in families]
    if any(d >= down and u >= up for _, _, d, u, *_ in counted):
        return "served"
    if any(not exact and not (down >= cd and up >= cu) for *_, cd, cu, exact in counted):
        return "unknown"
    if any(d >= 5 and u >= 1 for _, _, d, u, *_ in counted):
        return "underserved"
    return "unserved"


def _naive_groups(joined: pd.DataFrame, key: str) -> pd.DataFrame:
    """Sums per group, columns named as in the engine's tables."""
    figures = {
        "dwellings": joined.groupby(key)["dwellings"].sum(),
        "population": joined.groupby(key)["population"].sum(),
    }
    by_class = joined.pivot_table(
        index=key, columns="class", values=["dwellings", "population"], aggfunc="sum"
    )
    for (measure, name), column in by_class.items():
        figures[f"{name}_{measure}"] = column
    for tech in TECHNOLOGIES:
        has = joined["services"].map(lambda text, t=tech: t in [s[0] for s in naive_services(text)])
        has = has.astype(bool)
        figures[f"dwellings_{tech}"] = joined[has].groupby(key)["dwellings"].sum()
    return pd.DataFrame(figures).fillna(0.0)


@pytest.fixture(scope="session")
def squares() -> gpd.GeoDataFrame:
    """The four unit squares."""
    return municipality_frame(
        SQUARES, [shapely.box(x, y, x + 1, y + 1) for *_, (x, y), _, _ in SQUARES]
    )


@pytest.fixture(scope="session")
def homes() -> gpd.GeoDataFrame:
    """The ten hand-placed households."""
    return household_frame(HOMES)


@pytest.fixture(scope="session")
def naive() -> Callable[..., dict[str, pd.DataFrame]]:
    """The naive computation, as a fixture so that test modules need no import path."""
    return naive_figures


@pytest.fixture(scope="session")
def grid() -> gpd.GeoDataFrame:
    """A 3 x 3 grid of unit squares with shuffled codes, in three MRCs."""
    return grid_municipalities()


@pytest.fixture(scope="session")
def make_households() -> Callable[..., gpd.GeoDataFrame]:
    """Build a households layer from rows."""
    return household_frame


@pytest.fixture(scope="session")
def make_municipalities() -> Callable[..., gpd.GeoDataFrame]:
    """Build a municipalities layer from rows and geometries."""
    return municipality_frame
