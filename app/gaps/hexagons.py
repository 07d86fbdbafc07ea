"""ISED hexagons (share of dwellings served at 50/10, as a class) apportioned to municipalities.

A hexagon's dwellings and population are split where its homes are: in proportion to the
dwellings of the household points inside it, by the municipality each belongs to (points left
outside every municipality take their share out of the region). A hexagon holding no household
point is split by area (Québec Lambert, EPSG:32198): each municipality gets the share of the
hexagon's whole area that it covers, so a hexagon half in New Brunswick or Bas-Saint-Laurent
gives the region only its half. A class gives a range of shares, hence low, mid and high
estimates of the dwellings served; every figure is approximate and flagged as such. What goes
out of the region is reported, never counted in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from app.errors import LayerValidationError
from app.gaps.areas import require, share
from app.gaps.engine import REGION_NAME, GapIndex
from app.gaps.threshold import DEFAULT_THRESHOLD, Threshold
from app.vocabulary import share_bounds

EQUAL_AREA_CRS = "EPSG:32198"
HEXAGON_FIELDS = ("dwellings", "population", "share_50_10_class")
ESTIMATES = ("low", "mid", "high")
_SUMMED = ("dwellings", "population", *(f"served_dwellings_{name}" for name in ESTIMATES))
FIGURES = (*_SUMMED, *(f"served_share_{name}" for name in ESTIMATES))


@dataclass(frozen=True, eq=False)
class HexagonEstimate:
    """Approximate figures at 50/10 per municipality, MRC and region, from ISED hexagons."""

    threshold: Threshold
    municipalities: pd.DataFrame
    mrcs: pd.DataFrame
    region: pd.Series
    unassigned: dict[str, Any]
    approximate: bool = True


def apportion_hexagons(
    hexagons: gpd.GeoDataFrame,
    gaps: GapIndex,
    households: gpd.GeoDataFrame,
    codes: np.ndarray | None = None,
    region_name: str = REGION_NAME,
) -> HexagonEstimate:
    """Split hexagon dwellings, population and served ranges between municipalities.

    ``codes``: the municipality of each household row ("" outside), the index's by default.
    """
    require(hexagons, HEXAGON_FIELDS, "hexagons")
    areas = gaps.areas
    lonlat = _equal_area(hexagons, "hexagons").to_crs("EPSG:4326").geometry.to_numpy()
    hexagon_values = _hexagon_values(hexagons)
    codes = gaps.household_codes if codes is None else codes
    by_homes = _by_households(lonlat, households, codes, gaps.codes)
    metric = shapely.transform(lonlat, _to_metric())
    by_area = _by_area(metric, shapely.transform(areas.geometry, _to_metric()), by_homes[0])
    hexagon, municipality, weight = (
        np.concatenate(parts) for parts in zip(by_homes, by_area, strict=True)
    )
    inside = municipality >= 0
    per_municipality = np.column_stack(
        [
            np.bincount(
                municipality[inside],
                (weight * column[hexagon])[inside],
                minlength=len(areas.municipalities),
            )
            for column in hexagon_values.T
        ]
    )
    out_share = np.bincount(hexagon[~inside], weight[~inside], minlength=len(lonlat))
    unassigned = (hexagon_values * out_share[:, None]).sum(axis=0)
    outside = out_share > 1e-9
    mrcs = areas.by_mrc(per_municipality)
    region = mrcs.sum(axis=0)
    return HexagonEstimate(
        threshold=DEFAULT_THRESHOLD,
        municipalities=_table(areas.municipalities, per_municipality),
        mrcs=_table(areas.mrcs, mrcs),
        region=pd.Series(
            {"name": region_name, **_row(region), "approximate": True}, name="region", dtype=object
        ),
        unassigned={"hexagons": int(outside.sum()), **_row(unassigned)},  # out of the region
    )


def _equal_area(frame: gpd.GeoDataFrame, kind: str) -> gpd.GeoDataFrame:
    """The layer in the equal-area CRS used for every area."""
    if frame.crs is None:
        raise LayerValidationError("gaps.crs_missing", kind=kind)
    return frame.to_crs(EQUAL_AREA_CRS)


def _hexagon_values(hexagons: pd.DataFrame) -> np.ndarray:
    """Per hexagon: dwellings, population, then dwellings served at the low, mid, high share."""
    texts = hexagons["share_50_10_class"].fillna("").astype(str).to_numpy(object)
    classes, class_of = np.unique(texts, return_inverse=True)
    bounds = np.array([share_bounds(text) for text in classes]).reshape(-1, 2)
    low, high = bounds[class_of].T
    counts = hexagons[["dwellings", "population"]].to_numpy(np.float64, na_value=0.0)
    dwellings = counts[:, 0]
    return np.column_stack(
        [counts, dwellings * low, dwellings * (low + high) / 2, dwellings * high]
    )


def _by_households(
    hexagons: np.ndarray, households: gpd.GeoDataFrame, codes: np.ndarray, towns: pd.Index
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(hexagon, municipality or -1, share) from the dwellings of the homes in each hexagon."""
    dwellings = households["dwellings"].to_numpy(np.float64, na_value=0.0)
    homes = np.flatnonzero(dwellings > 0)
    points = households.geometry.to_crs("EPSG:4326").to_numpy()[homes]
    point, hexagon = shapely.STRtree(hexagons).query(points, "intersects")
    point, first = np.unique(point, return_index=True)  # a point on an edge counts once
    hexagon = hexagon[first]
    found = codes[homes[point]]
    municipality = np.where(found == "", -1, towns.get_indexer(found))
    cell, pieces = np.unique(
        hexagon.astype(np.int64) * (len(towns) + 1) + municipality + 1, return_inverse=True
    )
    weight = np.bincount(pieces.ravel(), dwellings[homes[point]])
    hexagon, municipality = np.divmod(cell, len(towns) + 1)
    total = np.bincount(hexagon, weight, minlength=len(hexagons))
    return hexagon, municipality - 1, weight / total[hexagon]


def _by_area(
    hexagons: np.ndarray, municipalities: np.ndarray, housed: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(hexagon, municipality or -1, share) by area, for the hexagons holding no home."""
    empty = np.setdiff1d(np.arange(len(hexagons)), housed)
    municipalities = shapely.make_valid(municipalities)  # real borders are not always valid
    found, municipality = shapely.STRtree(municipalities).query(hexagons[empty], "intersects")
    hexagon = empty[found]
    pieces = shapely.area(shapely.intersection(hexagons[hexagon], municipalities[municipality]))
    shares = pieces / shapely.area(hexagons[hexagon])
    outside = 1 - np.bincount(hexagon, shares, minlength=len(hexagons))[empty]
    rest = outside > 1e-9
    return (
        np.concatenate([hexagon, empty[rest]]),
        np.concatenate([municipality, np.full(int(rest.sum()), -1)]),
        np.concatenate([shares, outside[rest]]),
    )


def _to_metric() -> Any:
    """A coordinate function from longitude/latitude to Québec Lambert metres."""
    transformer = pyproj.Transformer.from_crs("EPSG:4326", EQUAL_AREA_CRS, always_xy=True)
    return lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))


def _with_shares(values: np.ndarray) -> np.ndarray:
    """Summed rows followed by their served shares (NaN without dwellings)."""
    dwellings = values[:, 0]
    shares = [share(values[:, 2 + index], dwellings) for index in range(len(ESTIMATES))]
    return np.column_stack([values, *shares])


def _row(values: np.ndarray) -> dict[str, float]:
    """One summed row as named figures, shares included."""
    return dict(zip(FIGURES, _with_shares(values[None, :])[0].tolist(), strict=True))


def _table(labels: pd.DataFrame, values: np.ndarray) -> pd.DataFrame:
    """An area table: the labels, then every estimate, flagged approximate."""
    figures = pd.DataFrame(_with_shares(values), index=labels.index, columns=list(FIGURES))
    return pd.concat([labels, figures], axis=1).assign(approximate=True)
