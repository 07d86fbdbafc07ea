"""Which municipality and MRC hold a point, and the best service at the nearest household."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import geopandas as gpd
import numpy as np
import pyproj
import shapely

# Québec Lambert: metres, little distortion across the province, so the nearest point there is
# the nearest on the ground; the distance reported is geodesic anyway.
PROJECTED_CRS = "EPSG:32198"
GEOGRAPHIC_CRS = "EPSG:4326"
_GEOD = pyproj.Geod(ellps="WGS84")


@dataclass(frozen=True)
class Place:
    """A named area: municipality or MRC."""

    code: str
    name: str


@dataclass(frozen=True)
class NearestHousehold:
    """The household point closest to a location, and its best available service."""

    row: int  # position in the households layer, to look its class up at any threshold
    phh_id: str
    distance_m: float
    longitude: float
    latitude: float
    down_mbps: float
    up_mbps: float
    technology: str


@dataclass(frozen=True)
class Location:
    """Where a point falls, and what service its nearest household has."""

    municipality: Place | None
    mrc: Place | None
    household: NearestHousehold | None


class _Areas:
    """Polygons sorted by code with an STR-tree, so the first hit is the smallest code."""

    def __init__(self, frame: gpd.GeoDataFrame) -> None:
        frame = frame.to_crs(GEOGRAPHIC_CRS).sort_values("code", kind="stable")
        self.frame = frame.reset_index(drop=True)
        self.tree = shapely.STRtree(self.frame.geometry.to_numpy())

    def row_at(self, point: shapely.Point) -> int | None:
        """The row of the area covering ``point`` (the smallest code on a shared border)."""
        rows = self.tree.query(point, predicate="intersects")
        return int(rows.min()) if len(rows) else None

    def place(self, row: int, code: str = "code", name: str = "name") -> Place:
        """The code and name held in ``row`` (or in other columns of it)."""
        return Place(str(self.frame.at[row, code]), str(self.frame.at[row, name]))


class LookupIndex:
    """Spatial indexes for point look-ups, built once per catalogue."""

    def __init__(
        self,
        municipalities: gpd.GeoDataFrame,
        mrcs: gpd.GeoDataFrame,
        households: gpd.GeoDataFrame,
    ) -> None:
        self._municipalities = _Areas(municipalities)
        self._mrcs = _Areas(mrcs)
        geographic = households.geometry.to_crs(GEOGRAPHIC_CRS).to_numpy()
        # Only points that hold dwellings are households (ISED type 8 points hold none).
        holds = households["dwellings"].fillna(0).to_numpy(float) > 0
        rows = np.flatnonzero(
            holds & ~shapely.is_empty(geographic) & ~shapely.is_missing(geographic)
        )
        self._rows = rows
        self._lonlat = shapely.get_coordinates(geographic[rows])
        self._service = households.iloc[rows][["phh_id", "down_mbps", "up_mbps", "technology"]]
        projected = _to_projected(self._lonlat[:, 0], self._lonlat[:, 1])
        self._tree = shapely.STRtree(shapely.points(projected))

    def locate(self, longitude: float, latitude: float) -> Location:
        """The municipality and MRC holding the point, and its nearest household."""
        point = shapely.Point(longitude, latitude)
        row = self._municipalities.row_at(point)
        if row is None:
            municipality = None
            mrc_row = self._mrcs.row_at(point)
            mrc = None if mrc_row is None else self._mrcs.place(mrc_row)
        else:
            municipality = self._municipalities.place(row)
            mrc = self._municipalities.place(row, "mrc_code", "mrc_name")
        return Location(municipality, mrc, self._nearest(longitude, latitude))

    def _nearest(self, longitude: float, latitude: float) -> NearestHousehold | None:
        """The closest household point, with the geodesic distance to it."""
        projected = _to_projected(np.array([longitude]), np.array([latitude]))
        if not len(self._rows) or not np.isfinite(projected).all():
            return None
        index = int(self._tree.query_nearest(shapely.points(projected[0])).min())
        lon, lat = self._lonlat[index]
        _, _, distance = _GEOD.inv(longitude, latitude, lon, lat)
        phh_id, down, up, technology = self._service.iloc[index].tolist()
        return NearestHousehold(
            row=int(self._rows[index]),
            phh_id=str(phh_id),
            distance_m=float(distance),
            longitude=float(lon),
            latitude=float(lat),
            down_mbps=float(down),
            up_mbps=float(up),
            technology=str(technology),
        )


def _to_projected(longitude: np.ndarray, latitude: np.ndarray) -> np.ndarray:
    """Longitudes and latitudes in Québec Lambert metres, as an (n, 2) array."""
    x, y = _transformer().transform(longitude, latitude)
    return np.column_stack([x, y])


@cache
def _transformer() -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(GEOGRAPHIC_CRS, PROJECTED_CRS, always_xy=True)
