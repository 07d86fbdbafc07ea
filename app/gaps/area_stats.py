"""Household-weighted figures for any drawn area (a GeoJSON Polygon or MultiPolygon)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely
from shapely.geometry import shape

from app.errors import InvalidParameterError
from app.gaps.engine import CLASSES, TECHNOLOGY_NAMES

AREA_TYPES = ("Polygon", "MultiPolygon")
MAX_VERTICES = 100_000
_GEOD = pyproj.Geod(ellps="WGS84")


@dataclass(frozen=True)
class AreaStats:
    """What a drawn area holds: its size, its household points and their figures."""

    area_km2: float
    household_points: int
    figures: dict[str, float | None]


def parse_area(geojson: Any) -> shapely.Geometry:
    """A valid (multi)polygon in longitude/latitude from a GeoJSON geometry or Feature."""
    if isinstance(geojson, dict) and geojson.get("type") == "Feature":
        geojson = geojson.get("geometry")
    if not isinstance(geojson, dict) or geojson.get("type") not in AREA_TYPES:
        raise InvalidParameterError("api.stats.not_polygon")
    try:
        area = shape(geojson)
    except (ValueError, TypeError, AttributeError, KeyError, IndexError):
        raise InvalidParameterError("api.stats.geometry_malformed") from None
    _check_coordinates(area)
    if not area.is_valid:
        area = shapely.make_valid(area, method="structure", keep_collapsed=False)
    area = _polygonal_part(area)
    if area.is_empty or area.area == 0:
        raise InvalidParameterError("api.stats.geometry_empty")
    return area


def _check_coordinates(area: shapely.Geometry) -> None:
    """Reject areas too detailed, or with positions that are not longitude/latitude."""
    if shapely.get_num_coordinates(area) > MAX_VERTICES:
        raise InvalidParameterError("api.stats.too_complex", max=MAX_VERTICES)
    coordinates = shapely.get_coordinates(area)
    if not np.isfinite(coordinates).all():
        raise InvalidParameterError("api.stats.not_finite")
    longitude, latitude = coordinates[:, 0], coordinates[:, 1]
    inside = (np.abs(longitude) <= 180) & (np.abs(latitude) <= 90)
    if not inside.all():
        raise InvalidParameterError("api.stats.out_of_range")


def _polygonal_part(geometry: shapely.Geometry) -> shapely.Geometry:
    """The polygons of a geometry (repairing a bow tie may also yield lines or points)."""
    parts = shapely.get_parts(geometry)
    polygons = [part for part in parts if part.geom_type in AREA_TYPES]
    return shapely.union_all(polygons) if polygons else shapely.Polygon()


def area_stats(
    households: gpd.GeoDataFrame,
    classes: np.ndarray,
    technology: np.ndarray,
    area: shapely.Geometry,
) -> AreaStats:
    """Dwellings and population inside ``area`` by class (``classes``, per row) and technology.

    ``technology`` is, per household row, whether it reports a service of each technology
    (shape rows × technologies).
    """
    rows = np.sort(households.sindex.query(area, predicate="intersects"))
    return stats_of(households.iloc[rows], classes[rows], technology[rows], area)


def stats_of(
    inside: pd.DataFrame, row_classes: np.ndarray, technology: np.ndarray, area: shapely.Geometry
) -> AreaStats:
    """The figures of the households ``inside`` an area, given the class of each row (in order).

    ``technology`` is, per row, whether it reports a service of each technology.
    """
    weights = inside[["dwellings", "population"]].to_numpy(np.float64, na_value=0.0)
    dwellings = float(weights[:, 0].sum())
    figures: dict[str, float | None] = {
        "dwellings": dwellings,
        "population": float(weights[:, 1].sum()),
    }
    for code, name in enumerate(CLASSES):
        chosen = row_classes == code
        figures[f"{name}_dwellings"] = float(weights[chosen, 0].sum())
        figures[f"{name}_population"] = float(weights[chosen, 1].sum())
    for name in ("served", "unknown"):
        part = float(weights[row_classes == CLASSES.index(name), 0].sum())
        figures[f"{name}_share"] = part / dwellings if dwellings else None
    for index, name in enumerate(TECHNOLOGY_NAMES):
        figures[f"dwellings_{name}"] = float(weights[technology[:, index], 0].sum())
    return AreaStats(_area_km2(area), len(inside), figures)


def _area_km2(area: shapely.Geometry) -> float:
    """Geodesic area on the WGS84 ellipsoid."""
    signed, _ = _GEOD.geometry_area_perimeter(area)
    return abs(signed) / 1e6
