"""ISED hexagons (share of dwellings served at 50/10, as a class) apportioned to municipalities.

A hexagon's dwellings and population are split between the municipalities it overlaps in
proportion to the overlapping area, measured in Québec Lambert (EPSG:32198, equal-area enough at
this scale). The share is of the hexagon's area *inside* municipalities, so that a coastal
hexagon, half over the sea, gives all its dwellings to the land. Hexagons that overlap no
municipality are reported as unassigned. A class gives a range of shares, hence low, mid and high
estimates of the dwellings served; every figure is approximate and flagged as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from app.errors import LayerValidationError
from app.gaps.areas import Areas, require, share
from app.gaps.engine import REGION_NAME
from app.gaps.threshold import DEFAULT_THRESHOLD, Threshold

EQUAL_AREA_CRS = "EPSG:32198"
HEXAGON_FIELDS = ("dwellings", "population", "share_50_10_class")
ESTIMATES = ("low", "mid", "high")
_SUMMED = ("dwellings", "population", *(f"served_dwellings_{name}" for name in ESTIMATES))
FIGURES = (*_SUMMED, *(f"served_share_{name}" for name in ESTIMATES))
# ">75% -  100%" (ISED's double space), "> 25 % – 50 %", "0", "0.0", "100%" once spaces are gone.
_NUMBER = r"(\d+(?:\.\d*)?)%?"
_CLASS = re.compile(rf">?{_NUMBER}(?:[-–—]{_NUMBER})?")
_EMPTY = ("", "nan", "none", "<na>")


@dataclass(frozen=True, eq=False)
class HexagonEstimate:
    """Approximate figures at 50/10 per municipality, MRC and region, from ISED hexagons."""

    threshold: Threshold
    municipalities: pd.DataFrame
    mrcs: pd.DataFrame
    region: pd.Series
    unassigned: dict[str, Any]
    approximate: bool = True


def share_bounds(value: object) -> tuple[float, float]:
    """The lowest and highest share of dwellings served at 50/10 that an ISED class stands for."""
    text = re.sub(r"\s+", "", str(value)).lower()
    if text in _EMPTY:
        return 0.0, 0.0  # no class published: no dwelling reached at 50/10
    match = _CLASS.fullmatch(text)
    low = float(match.group(1)) / 100 if match else np.nan
    high = float(match.group(2) or match.group(1)) / 100 if match else np.nan
    if not 0 <= low <= high <= 1:
        raise LayerValidationError("hexagons.share_class_unknown", value=str(value)[:40])
    return low, high


def apportion_hexagons(
    hexagons: gpd.GeoDataFrame,
    municipalities: gpd.GeoDataFrame,
    region_name: str = REGION_NAME,
) -> HexagonEstimate:
    """Split hexagon dwellings, population and served ranges between municipalities by area."""
    require(hexagons, HEXAGON_FIELDS, "hexagons")
    areas = Areas.from_layer(_equal_area(municipalities, "municipalities"))
    geometry = _equal_area(hexagons, "hexagons").geometry.to_numpy()
    hexagon_values = _hexagon_values(hexagons)
    hexagon, municipality, weight = _overlaps(geometry, areas.geometry)
    per_municipality = np.column_stack(
        [
            np.bincount(municipality, weight * column[hexagon], minlength=len(areas.municipalities))
            for column in hexagon_values.T
        ]
    )
    outside = np.bincount(hexagon, minlength=len(geometry)) == 0
    unassigned = hexagon_values[outside].sum(axis=0)
    mrcs = areas.by_mrc(per_municipality)
    region = mrcs.sum(axis=0) + unassigned
    return HexagonEstimate(
        threshold=DEFAULT_THRESHOLD,
        municipalities=_table(areas.municipalities, per_municipality),
        mrcs=_table(areas.mrcs, mrcs),
        region=pd.Series(
            {"name": region_name, **_row(region), "approximate": True}, name="region", dtype=object
        ),
        unassigned={"hexagons": int(outside.sum()), **_row(unassigned)},
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


def _overlaps(
    hexagons: np.ndarray, municipalities: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Overlapping (hexagon, municipality) pairs, and the hexagon's share going to each."""
    municipalities = shapely.make_valid(municipalities)  # real borders are not always valid
    hexagon, municipality = shapely.STRtree(municipalities).query(hexagons, "intersects")
    pieces = shapely.area(shapely.intersection(hexagons[hexagon], municipalities[municipality]))
    kept = pieces > 0  # a hexagon merely touching a border gets nothing there
    hexagon, municipality, pieces = hexagon[kept], municipality[kept], pieces[kept]
    covered = np.bincount(hexagon, pieces, minlength=len(hexagons))
    return hexagon, municipality, pieces / covered[hexagon]


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
