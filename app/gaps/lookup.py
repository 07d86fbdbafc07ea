"""What is at a point: its municipality and MRC (by the assignment's own rule), nearby homes."""

from __future__ import annotations

import math
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pyproj
import shapely

from app.gaps.assign import OUTSIDE
from app.gaps.engine import GapIndex
from app.vocabulary import Service, parse_services, service_order

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


class AreaFinder:
    """The municipality and MRC of a point, by the gap index's own locator (polygons in memory)."""

    def __init__(self, gaps: GapIndex) -> None:
        self._locator = gaps.locator
        municipalities = gaps.areas.municipalities  # in the locator's order
        self._places = [
            (Place(str(code), str(name)), Place(str(mrc_code), str(mrc_name)))
            for code, name, mrc_code, mrc_name in zip(
                municipalities.index,
                municipalities["name"],
                municipalities["mrc_code"],
                municipalities["mrc_name"],
                strict=True,
            )
        ]

    def location(
        self, longitude: float, latitude: float, household: NearestHousehold | None
    ) -> Location:
        """Where the point falls (snapped, or how far outside), with its nearest household."""
        place = self._locator.place(longitude, latitude)
        if place.area == OUTSIDE:
            outside = place.outside_m if math.isfinite(place.outside_m) else None
            return Location(None, None, household, outside_m=outside)
        municipality, mrc = self._places[place.area]
        snapped = place.snapped_m if place.snapped_m > 0 else None
        return Location(municipality, mrc, household, snapped_m=snapped)


class LookupIndex:
    """Spatial indexes for point look-ups, built once per catalogue.

    A look-up must answer in well under a millisecond: the services of each distinct
    ``services`` text are parsed once here, and each household keeps only the number of its text.
    """

    def __init__(self, gaps: GapIndex, households: gpd.GeoDataFrame) -> None:
        self._areas = AreaFinder(gaps)
        geographic = households.geometry.to_crs(GEOGRAPHIC_CRS).to_numpy()
        # Only points that hold dwellings are households (ISED type 8 points hold none).
        holds = households["dwellings"].fillna(0).to_numpy(float) > 0
        rows = np.flatnonzero(
            holds & ~shapely.is_empty(geographic) & ~shapely.is_missing(geographic)
        )
        self._rows = rows
        self._lonlat = shapely.get_coordinates(geographic[rows])
        self._ids = households["phh_id"].astype(str).to_numpy()[rows]
        texts, self._text_of = np.unique(
            households["services"].fillna("").astype(str).to_numpy()[rows], return_inverse=True
        )
        self._services = [parse_services(text) for text in texts]
        self._families = _FamilyTable.of(self._services)
        self._lte = households["lte"].to_numpy()[rows]
        self._dwellings = households["dwellings"].to_numpy(float)[rows]
        self._to_metric = pyproj.Transformer.from_crs(GEOGRAPHIC_CRS, PROJECTED_CRS, always_xy=True)
        x, y = self._to_metric.transform(self._lonlat[:, 0], self._lonlat[:, 1])
        self._xy = np.column_stack([x, y]) if len(rows) else np.empty((0, 2))
        self._tree = shapely.STRtree(shapely.points(self._xy))

    def locate(self, longitude: float, latitude: float) -> Location:
        """The municipality and MRC holding the point, and its nearest household."""
        return self.look(longitude, latitude, 0.0)[0]

    def nearby(self, longitude: float, latitude: float, radius_m: float) -> Nearby:
        """The households within ``radius_m`` of the point, and their services by family."""
        return self.look(longitude, latitude, radius_m)[1]

    def look(self, longitude: float, latitude: float, radius_m: float) -> tuple[Location, Nearby]:
        """Both answers at once: the point is projected and searched around only once."""
        longitude, latitude = float(longitude), float(latitude)
        point = self._point(longitude, latitude)
        found = self._within(point, radius_m)
        around = self._summary(found, radius_m)
        household = self._nearest(longitude, latitude, point, found)
        return self._areas.location(longitude, latitude, household), around

    def _point(self, longitude: float, latitude: float) -> shapely.Geometry | None:
        """The point in Québec Lambert metres; None if unprojectable or there is no household."""
        x, y = self._to_metric.transform(longitude, latitude)
        usable = len(self._rows) and math.isfinite(x) and math.isfinite(y)
        return shapely.Point(x, y) if usable else None

    def _within(self, point: shapely.Geometry | None, radius_m: float) -> np.ndarray:
        """Positions (sorted) of the households within ``radius_m`` of the projected point."""
        if point is None or radius_m < 0:
            return np.empty(0, dtype=np.intp)
        return np.sort(self._tree.query(point, predicate="dwithin", distance=radius_m))

    def _summary(self, found: np.ndarray, radius_m: float) -> Nearby:
        """The households found: their dwellings, and by family the dwellings and best service."""
        dwellings = self._dwellings[found]
        if not len(found):
            return Nearby(float(radius_m), self._rows[found], dwellings, ())
        per_text = np.bincount(self._text_of[found], dwellings, minlength=len(self._services))
        return Nearby(
            float(radius_m), self._rows[found], dwellings, self._families.summary(per_text)
        )

    def _nearest(
        self,
        longitude: float,
        latitude: float,
        point: shapely.Geometry | None,
        found: np.ndarray,
    ) -> NearestHousehold | None:
        """The closest household point (the first on ties), with the geodesic distance to it."""
        if point is None:
            return None
        if len(found):  # the nearest lies within the radius: no second search
            offsets = self._xy[found] - (point.x, point.y)
            index = int(found[np.argmin(np.hypot(offsets[:, 0], offsets[:, 1]))])
        else:
            index = int(self._tree.query_nearest(point).min())
        lon, lat = self._lonlat[index]
        _, _, distance = _GEOD.inv(longitude, latitude, lon, lat)
        return NearestHousehold(
            row=int(self._rows[index]),
            phh_id=str(self._ids[index]),
            distance_m=float(distance),
            longitude=float(lon),
            latitude=float(lat),
            services=self._services[self._text_of[index]],
            lte=int(self._lte[index]),
        )


@dataclass(frozen=True)
class _FamilyTable:
    """For each distinct ``services`` text, the fastest service of each family it names."""

    families: tuple[str, ...]
    best: tuple[tuple[Service | None, ...], ...]  # [family][text]
    rank: np.ndarray  # (family, text): the best's place in speed order, -1 without the family

    @classmethod
    def of(cls, services: list[tuple[Service, ...]]) -> _FamilyTable:
        """The table of the parsed texts."""
        by_text = [_best_by_family(offered) for offered in services]
        families = tuple(sorted({family for best in by_text for family in best}))
        best = tuple(tuple(found.get(family) for found in by_text) for family in families)
        ordered = sorted({s for row in best for s in row if s is not None}, key=_speed_then_order)
        place = {service: number for number, service in enumerate(ordered)}
        rank = np.array(
            [[-1 if s is None else place[s] for s in row] for row in best], dtype=np.int64
        ).reshape(len(families), len(services))
        return cls(families, best, rank)

    def summary(self, dwellings_per_text: np.ndarray) -> tuple[FamilyNearby, ...]:
        """Each family's dwellings and best service, given the dwellings found per text."""
        if not len(dwellings_per_text):
            return ()
        present = dwellings_per_text > 0
        summary = []
        for number, family in enumerate(self.families):
            holding = present & (self.rank[number] >= 0)
            ranks = np.where(holding, self.rank[number], -1)
            best = self.best[number][int(np.argmax(ranks))] if holding.any() else None
            if best is not None:
                dwellings = float(dwellings_per_text[holding].sum())
                summary.append(FamilyNearby(family, dwellings, best))
        return tuple(summary)


def families_of(texts: np.ndarray, dwellings: np.ndarray) -> tuple[FamilyNearby, ...]:
    """Dwellings by family and the best service, of households given by ``services`` texts."""
    distinct, text_of = np.unique(np.asarray(texts, dtype=str), return_inverse=True)
    table = _FamilyTable.of([parse_services(text) for text in distinct])
    return table.summary(np.bincount(text_of, np.asarray(dwellings, float), len(distinct)))


def _speed(service: Service) -> tuple[float, float]:
    return service.down, service.up


def _speed_then_order(service: Service) -> tuple[tuple[float, float], tuple]:
    """Fastest last; equal speeds in the vocabulary's fixed order, so the best is one service."""
    return _speed(service), service_order(service)


def _best_by_family(services: tuple[Service, ...]) -> dict[str, Service]:
    """The fastest service of each family (the vocabulary's last of equal speeds)."""
    best: dict[str, Service] = {}
    for service in services:
        family = str(service.family)
        if family not in best or _speed_then_order(service) > _speed_then_order(best[family]):
            best[family] = service
    return best
