"""What is at a point: its municipality and MRC (by the assignment's own rule), nearby homes."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pyproj
import shapely

from app.gaps.assign import OUTSIDE
from app.gaps.engine import GapIndex
from app.vocabulary import Service, parse_services

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
    """The household point closest to a location, and the services its source reports."""

    row: int  # position in the households layer, to look its class up at any threshold
    phh_id: str
    distance_m: float
    longitude: float
    latitude: float
    services: tuple[Service, ...]
    lte: int


@dataclass(frozen=True)
class Location:
    """Where a point falls, how far it was snapped or lies outside, and its nearest home."""

    municipality: Place | None
    mrc: Place | None
    household: NearestHousehold | None
    snapped_m: float | None = None  # moved to a municipality this far away (coastal rule)
    outside_m: float | None = None  # outside the region: distance to its nearest municipality


@dataclass(frozen=True)
class FamilyNearby:
    """Dwellings near a point with a service of one family, and the best one reported."""

    family: str
    dwellings: float
    best: Service


@dataclass(frozen=True)
class Nearby:
    """The households within a radius of a point: positions in the layer, dwellings, services."""

    radius_m: float
    rows: np.ndarray  # positions in the households layer
    dwellings: np.ndarray
    families: tuple[FamilyNearby, ...]


class LookupIndex:
    """Spatial indexes for point look-ups, built once per catalogue."""

    def __init__(self, gaps: GapIndex, households: gpd.GeoDataFrame) -> None:
        self._gaps = gaps
        self._municipalities = gaps.areas.municipalities
        geographic = households.geometry.to_crs(GEOGRAPHIC_CRS).to_numpy()
        # Only points that hold dwellings are households (ISED type 8 points hold none).
        holds = households["dwellings"].fillna(0).to_numpy(float) > 0
        rows = np.flatnonzero(
            holds & ~shapely.is_empty(geographic) & ~shapely.is_missing(geographic)
        )
        self._rows = rows
        self._lonlat = shapely.get_coordinates(geographic[rows])
        self._ids = households["phh_id"].astype(str).to_numpy()[rows]
        self._services = households["services"].fillna("").astype(str).to_numpy()[rows]
        self._lte = households["lte"].to_numpy()[rows]
        self._dwellings = households["dwellings"].to_numpy(float)[rows]
        self._to_metric = pyproj.Transformer.from_crs(GEOGRAPHIC_CRS, PROJECTED_CRS, always_xy=True)
        projected = self._projected(self._lonlat[:, 0], self._lonlat[:, 1])
        self._tree = shapely.STRtree(shapely.points(projected))

    def locate(self, longitude: float, latitude: float) -> Location:
        """The municipality and MRC holding the point, and its nearest household."""
        x, y = np.array([longitude]), np.array([latitude])
        assignment = self._gaps.locator.assign(x, y)
        household = self._nearest(longitude, latitude)
        area = int(assignment.area[0])
        if area == OUTSIDE:
            _, distance = self._gaps.locator.nearest(x, y)
            outside = float(distance[0]) if np.isfinite(distance[0]) else None
            return Location(None, None, household, outside_m=outside)
        row = self._municipalities.iloc[area]
        snapped = float(assignment.snapped_m[0])
        return Location(
            Place(str(self._municipalities.index[area]), str(row["name"])),
            Place(str(row["mrc_code"]), str(row["mrc_name"])),
            household,
            snapped_m=snapped if snapped > 0 else None,
        )

    def nearby(self, longitude: float, latitude: float, radius_m: float) -> Nearby:
        """The households within ``radius_m`` of the point, and their services by family."""
        projected = self._projected(np.array([longitude]), np.array([latitude]))
        found = np.empty(0, dtype=np.intp)
        if len(self._rows) and np.isfinite(projected).all():
            point = shapely.points(projected[0])
            found = np.sort(self._tree.query(point, predicate="dwithin", distance=radius_m))
        dwellings = self._dwellings[found]
        families: dict[str, list[tuple[float, Service]]] = {}
        for index, homes in zip(found, dwellings, strict=True):
            for family, best in _best_by_family(str(self._services[index])).items():
                families.setdefault(family, []).append((float(homes), best))
        summary = tuple(
            FamilyNearby(family, sum(h for h, _ in offers), max((s for _, s in offers), key=_speed))
            for family, offers in sorted(families.items())
        )
        return Nearby(float(radius_m), self._rows[found], dwellings, summary)

    def _nearest(self, longitude: float, latitude: float) -> NearestHousehold | None:
        """The closest household point, with the geodesic distance to it."""
        projected = self._projected(np.array([longitude]), np.array([latitude]))
        if not len(self._rows) or not np.isfinite(projected).all():
            return None
        index = int(self._tree.query_nearest(shapely.points(projected[0])).min())
        lon, lat = self._lonlat[index]
        _, _, distance = _GEOD.inv(longitude, latitude, lon, lat)
        return NearestHousehold(
            row=int(self._rows[index]),
            phh_id=str(self._ids[index]),
            distance_m=float(distance),
            longitude=float(lon),
            latitude=float(lat),
            services=parse_services(str(self._services[index])),
            lte=int(self._lte[index]),
        )

    def _projected(self, longitude: np.ndarray, latitude: np.ndarray) -> np.ndarray:
        """Longitudes and latitudes in Québec Lambert metres, as an (n, 2) array."""
        x, y = self._to_metric.transform(longitude, latitude)
        return np.column_stack([x, y])


def _speed(service: Service) -> tuple[float, float]:
    return service.down, service.up


def _best_by_family(text: str) -> dict[str, Service]:
    """The fastest service of each family a ``services`` text names."""
    best: dict[str, Service] = {}
    for service in parse_services(text):
        family = str(service.family)
        if family not in best or _speed(service) > _speed(best[family]):
            best[family] = service
    return best
