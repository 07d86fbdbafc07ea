"""The one rule that puts a point in a municipality, for millions of points or for one.

A point belongs to the first polygon, in the order given (by code, so the smallest code wins on a
shared border), that covers it. A point outside every polygon but within ``snap_m`` metres of
one belongs to the nearest (smallest code on ties): municipal polygons stop 100–250 m short of
the real shoreline, and coastal homes must not fall out of their municipality. Beyond that, the
point is outside (-1). Distances are measured in an azimuthal equidistant projection centred on
the polygons: true to a few metres per kilometre across a region, within 2-3 % across Québec.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyproj
import shapely

from app.vocabulary import DEFAULT_SNAP_M

OUTSIDE = -1
GEOGRAPHIC_CRS = "EPSG:4326"
_FEW_POINTS = 64  # below this, an STR-tree query beats the sweep
_CHUNK = 32  # boundary segments per piece in the nearest-border index


@dataclass(frozen=True, eq=False)
class Assignment:
    """Where each point went: its polygon (or -1) and how far it was moved (0 inside, NaN out)."""

    area: np.ndarray
    snapped_m: np.ndarray

    @property
    def snapped(self) -> np.ndarray:
        """Whether each point lay outside every polygon and went to a near one."""
        return self.snapped_m > 0


@dataclass(frozen=True)
class PointPlace:
    """Where one point went: its polygon (or -1), how far it was moved, how far it lies out."""

    area: int
    snapped_m: float  # 0 inside, > 0 snapped, NaN outside
    outside_m: float  # outside: the distance to the nearest polygon (NaN when there is none)


class Locator:
    """Municipal polygons (longitude/latitude, in tie-breaking order) and the assignment rule."""

    def __init__(self, polygons: np.ndarray, snap_m: float = DEFAULT_SNAP_M) -> None:
        self.polygons = np.asarray(polygons, dtype=object)
        self.snap_m = float(snap_m)
        shapely.prepare(self.polygons)
        self._tree = shapely.STRtree(self.polygons)
        self._bounds = shapely.bounds(self.polygons).T  # west, south, east, north rows
        self.metric_proj4 = centred_proj4(self.polygons)  # distances are measured there
        self._to_metric = pyproj.Transformer.from_crs(
            GEOGRAPHIC_CRS, pyproj.CRS.from_proj4(self.metric_proj4), always_xy=True
        )
        self._metric_tree: shapely.STRtree | None = None
        self._metric_polygons = np.empty(0, dtype=object)
        self._borders: tuple[shapely.STRtree, np.ndarray, np.ndarray] | None = None

    def assign(self, x: np.ndarray, y: np.ndarray) -> Assignment:
        """The polygon of each point (longitude ``x``, latitude ``y``; NaN is outside)."""
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        few = len(x) < _FEW_POINTS
        area = self._covering_few(x, y) if few else sweep(x, y, self.polygons)
        snapped_m = np.where(area == OUTSIDE, np.nan, 0.0)
        outside = np.flatnonzero((area == OUTSIDE) & np.isfinite(x) & np.isfinite(y))
        if len(outside) and self.snap_m > 0:
            near, distance = self.nearest(x[outside], y[outside], self.snap_m)
            found = near != OUTSIDE
            area[outside[found]] = near[found]
            snapped_m[outside[found]] = np.maximum(distance[found], 1e-3)
        return Assignment(area, snapped_m)

    def place(self, x: float, y: float) -> PointPlace:
        """One point by the rule of ``assign``, fast: the look-up behind "what is here".

        The nearest polygon is found through pieces of the borders, a few segments each, so one
        point never measures its distance to whole detailed polygons.
        """
        if not (math.isfinite(x) and math.isfinite(y)):
            return PointPlace(OUTSIDE, math.nan, math.nan)
        west, south, east, north = self._bounds
        boxed = np.flatnonzero((west <= x) & (x <= east) & (south <= y) & (y <= north))
        if len(boxed):  # the prepared polygons whose box holds the point, in tie-breaking order
            covering = boxed[shapely.intersects_xy(self.polygons[boxed], x, y)]
            if len(covering):
                return PointPlace(int(covering[0]), 0.0, math.nan)
        tree, pieces, owners = self._border_pieces()
        if not len(owners):
            return PointPlace(OUTSIDE, math.nan, math.nan)
        polygon, distance = _nearest_piece(
            shapely.Point(*self._to_metric.transform(x, y)), tree, pieces, owners, self.snap_m
        )
        if self.snap_m > 0 and distance <= self.snap_m:
            return PointPlace(polygon, max(distance, 1e-3), math.nan)
        return PointPlace(OUTSIDE, math.nan, distance)

    def nearest(
        self, x: np.ndarray, y: np.ndarray, within_m: float | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The nearest polygon of each point (smallest index on ties) and the distance in metres."""
        tree, metric = self._metric()
        points = shapely.points(*self._to_metric.transform(x, y))
        if within_m is None:
            (point, polygon), distance = tree.query_nearest(
                points, return_distance=True, all_matches=True
            )
        else:  # candidates within the distance first: far cheaper than nearest on every point
            point, polygon = tree.query(points, predicate="dwithin", distance=within_m)
            distance = shapely.distance(points[point], metric[polygon])
        near = np.full(len(points), OUTSIDE, dtype=np.int32)
        best = np.full(len(points), np.nan)
        # The nearest of each point; ties go to the smallest polygon index, as inside.
        order = np.lexsort((polygon, distance, point))
        first = order[np.r_[True, point[order][1:] != point[order][:-1]]] if len(order) else order
        near[point[first]] = polygon[first]
        best[point[first]] = distance[first]
        return near, best

    def _covering_few(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """The first covering polygon of a few points, by the STR-tree."""
        area = np.full(len(x), OUTSIDE, dtype=np.int32)
        usable = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
        if not len(usable):
            return area
        point, polygon = self._tree.query(shapely.points(x[usable], y[usable]), "intersects")
        for index in np.unique(point):
            area[usable[index]] = polygon[point == index].min()
        return area

    def _metric(self) -> tuple[shapely.STRtree, np.ndarray]:
        """The polygons in metres and their STR-tree (built the first time they are needed)."""
        if self._metric_tree is None:
            transform = self._to_metric.transform
            self._metric_polygons = shapely.transform(
                self.polygons, lambda xy: np.column_stack(transform(xy[:, 0], xy[:, 1]))
            )
            shapely.prepare(self._metric_polygons)
            self._metric_tree = shapely.STRtree(self._metric_polygons)
        return self._metric_tree, self._metric_polygons

    def _border_pieces(self) -> tuple[shapely.STRtree, np.ndarray, np.ndarray]:
        """The polygons' rings in metres cut into pieces, their STR-tree and each one's polygon."""
        if self._borders is None:
            _, metric = self._metric()
            pieces, owners = [], []
            for index, polygon in enumerate(metric):
                for ring in _rings(polygon):
                    coordinates = shapely.get_coordinates(ring)
                    for start in range(0, max(len(coordinates) - 1, 1), _CHUNK):
                        pieces.append(shapely.linestrings(coordinates[start : start + _CHUNK + 1]))
                        owners.append(index)
            geometries = np.asarray(pieces, dtype=object)
            owned = np.asarray(owners, dtype=np.int32)
            self._borders = shapely.STRtree(geometries), geometries, owned
        return self._borders


def _nearest_piece(
    point: shapely.Geometry,
    tree: shapely.STRtree,
    pieces: np.ndarray,
    owners: np.ndarray,
    within_m: float,
) -> tuple[int, float]:
    """The polygon of the border piece nearest ``point`` (smallest on ties), and its distance.

    Pieces within ``within_m`` first (a coastal home): far cheaper than the tree's own nearest
    search, which is left for points farther out.
    """
    found = tree.query(point, predicate="dwithin", distance=within_m) if within_m > 0 else []
    if len(found):
        distances = shapely.distance(point, pieces[found])
    else:
        found, distances = tree.query_nearest(point, return_distance=True, all_matches=True)
    closest = distances.min()
    return int(owners[found[distances == closest]].min()), float(closest)


def _rings(polygon: shapely.Geometry | None) -> list[shapely.Geometry]:
    """The exterior and interior rings of a polygon or multipolygon (none when empty)."""
    if polygon is None or shapely.is_empty(polygon):
        return []
    parts = shapely.get_parts(polygon)
    return [ring for ring in shapely.get_rings(parts) if shapely.get_num_coordinates(ring) >= 2]


def centred_proj4(polygons: np.ndarray) -> str:
    """An azimuthal equidistant projection centred on the polygons' bounds, in metres (PROJ)."""
    west, south, east, north = shapely.total_bounds(polygons) if len(polygons) else (0, 0, 0, 0)
    lon, lat = (west + east) / 2, (south + north) / 2
    if not (np.isfinite(lon) and np.isfinite(lat)):  # only empty or missing polygons
        lon = lat = 0.0
    return f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m"


def point_coordinates(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The x and y of each point; NaN for missing, empty or non-point geometries."""
    points = np.asarray(points, dtype=object)
    usable = shapely.get_type_id(points) == shapely.GeometryType.POINT
    if usable.all():
        coordinates = shapely.get_coordinates(points)
        if len(coordinates) == len(points):  # no empty point: one pass, millions a second
            return coordinates[:, 0].copy(), coordinates[:, 1].copy()
    x = np.full(len(points), np.nan)
    y = np.full(len(points), np.nan)
    usable &= ~shapely.is_empty(points)
    x[usable] = shapely.get_x(points[usable])
    y[usable] = shapely.get_y(points[usable])
    return x, y


def sweep(x: np.ndarray, y: np.ndarray, polygons: np.ndarray) -> np.ndarray:
    """Index of the first polygon, in the order given, that covers each point; -1 when none.

    Points are swept in x order: each polygon tests only the unclaimed points of its bounding
    box, with a prepared geometry, and no point geometry is ever built (an STR-tree over
    polygons is ten times slower with detailed borders).
    """
    order = np.argsort(x)  # any order of equal x gives the same owners
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
