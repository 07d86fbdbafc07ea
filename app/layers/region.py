"""The region a layer must describe: the current municipalities, with a margin.

Boundary layers (municipalities, MRCs) loaded for another region, or for the whole province,
are cut to the bounds given (``GIM_REGION_BOUNDS``) instead; with no boundaries stored and no
bounds given, the region is GÎM's box.

Province-wide files (ISED's PHH points and speeds, Québec's SDA boundaries) are expected: the
features outside the region are left out and counted. A file with *nothing* in the region is
refused; if swapping its latitude and longitude would put it in the region, the message says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely

from app.errors import GimError
from app.layers.kinds import Kind
from app.layers.stores import Store

Bounds = tuple[float, float, float, float]  # west, south, east, north (lon/lat)
# GÎM with a margin, lon/lat: used only when the store holds no boundaries yet.
GIM_BOUNDS = (-67.9, 47.0, -60.9, 49.5)
# The layers that say what the region is: cut to GIM_REGION_BOUNDS when given.
BOUNDARY_KINDS = frozenset({Kind.MUNICIPALITIES, Kind.MRCS})
MARGIN_DEG = 0.02  # about 2 km: coastal points on roads stay in, neighbours' villages do not
SIMPLIFY_DEG = 0.002
POINT, AREA, OVERLAP = "point", "area", "overlap"
# How a feature of each kind belongs to the region: a point lies in it (margin included), an
# area has its representative point in it, an ISED hexagon overlaps it at all.
RULES = {
    Kind.HOUSEHOLDS: POINT,
    Kind.COMMUNITY_POINTS: POINT,
    Kind.MUNICIPALITIES: AREA,
    Kind.MRCS: AREA,
    Kind.HEXAGONS: OVERLAP,
}


@dataclass(frozen=True, eq=False)
class Region:
    """The land of the region (``core``) and the same with a margin (``around``), EPSG:4326."""

    core: shapely.Geometry
    around: shapely.Geometry

    @classmethod
    def from_store(
        cls, store: Store, kind: Kind | None = None, bounds: Bounds | None = None
    ) -> Region:
        """The region a layer of ``kind`` must describe.

        That is ``bounds`` for boundary layers if given, else the union of the current
        municipalities (or MRCs), else GÎM's box.
        """
        if bounds is not None and kind in BOUNDARY_KINDS:
            return cls.of(np.array([shapely.box(*bounds)]))
        current = store.current()
        for kind in (Kind.MUNICIPALITIES, Kind.MRCS):
            if kind in current:
                try:
                    frame, _meta = store.read(kind)
                except (GimError, OSError, RuntimeError):  # a damaged layer: use the box
                    continue
                return cls.of(frame.to_crs("EPSG:4326").geometry.to_numpy())
        return cls.of(np.array([shapely.box(*GIM_BOUNDS)]))

    @classmethod
    def of(cls, areas: np.ndarray) -> Region:
        """The region covered by ``areas`` (lon/lat polygons)."""
        core = shapely.union_all(shapely.make_valid(areas))
        around = shapely.buffer(shapely.simplify(core, SIMPLIFY_DEG), MARGIN_DEG)
        shapely.prepare(core)
        shapely.prepare(around)
        return cls(core, around)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """West, south, east, north of the region with its margin."""
        return tuple(shapely.bounds(self.around))

    def covers_xy(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Whether each point (lon, lat) lies in the region or its margin; NaN is outside."""
        west, south, east, north = self.bounds
        inside = np.zeros(len(x), dtype=bool)
        box = (x >= west) & (x <= east) & (y >= south) & (y <= north)
        inside[box] = shapely.intersects_xy(self.around, x[box], y[box])
        return inside

    def keeps(self, kind: Kind, geometry: gpd.GeoSeries) -> np.ndarray:
        """Whether each feature (lon/lat) of ``kind`` belongs to the region."""
        shapes = geometry.to_numpy()
        rule = RULES[kind]
        if rule == OVERLAP:
            return shapely.intersects(self.core, shapes) & ~shapely.is_missing(shapes)
        points = shapes if rule == POINT else shapely.point_on_surface(shapes)
        x, y = _xy(points)
        return self.covers_xy(x, y)

    def keeps_swapped(self, kind: Kind, geometry: gpd.GeoSeries) -> np.ndarray:
        """Whether each feature would belong to the region with its x and y swapped."""
        swapped = shapely.transform(geometry.to_numpy(), lambda xy: xy[:, ::-1])
        return self.keeps(kind, gpd.GeoSeries(swapped, crs=geometry.crs))


def _xy(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The x and y of each point; NaN for missing or empty ones."""
    usable = ~shapely.is_missing(points) & ~shapely.is_empty(points)
    x = np.full(len(points), np.nan)
    y = np.full(len(points), np.nan)
    x[usable] = shapely.get_x(points[usable])
    y[usable] = shapely.get_y(points[usable])
    return x, y
