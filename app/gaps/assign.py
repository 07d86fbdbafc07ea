"""Point in polygon for millions of points: each point goes to one polygon, or to none."""

from __future__ import annotations

import numpy as np
import shapely

OUTSIDE = -1


def point_coordinates(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The x and y of each point; NaN for missing, empty or non-point geometries."""
    points = np.asarray(points, dtype=object)
    x = np.full(len(points), np.nan)
    y = np.full(len(points), np.nan)
    usable = (shapely.get_type_id(points) == shapely.GeometryType.POINT) & ~shapely.is_empty(points)
    x[usable] = shapely.get_x(points[usable])
    y[usable] = shapely.get_y(points[usable])
    return x, y


def assign_points(x: np.ndarray, y: np.ndarray, polygons: np.ndarray) -> np.ndarray:
    """Index of the first polygon, in the order given, that covers each point; -1 when none.

    A point on a border shared by several polygons goes to the first of them, so ordering the
    polygons (by code, say) is the tie rule. Points are swept in x order: each polygon tests only
    the unclaimed points of its bounding box, with a prepared geometry, and no point geometry
    is ever built (an STRtree over polygons is ten times slower with detailed borders).
    """
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order]
    owner = np.full(len(xs), OUTSIDE, dtype=np.int32)
    polygons = np.asarray(polygons, dtype=object)
    shapely.prepare(polygons)
    for index, bounds in enumerate(shapely.bounds(polygons)):
        if np.isfinite(bounds).all():
            _claim(index, polygons[index], bounds, xs, ys, owner)
    assigned = np.empty_like(owner)
    assigned[order] = owner
    return assigned


def _claim(
    index: int,
    polygon: shapely.Geometry,
    bounds: np.ndarray,
    xs: np.ndarray,
    ys: np.ndarray,
    owner: np.ndarray,
) -> None:
    """Give ``index`` to the still unclaimed points (sorted by x) that ``polygon`` covers."""
    min_x, min_y, max_x, max_y = bounds
    start = np.searchsorted(xs, min_x, side="left")
    stop = np.searchsorted(xs, max_x, side="right")
    window = ys[start:stop]
    inside_box = (window >= min_y) & (window <= max_y) & (owner[start:stop] == OUTSIDE)
    candidates = np.flatnonzero(inside_box) + start
    covered = shapely.intersects_xy(polygon, xs[candidates], ys[candidates])
    owner[candidates[covered]] = index
