"""What is at a point, for a replica: ``LookupIndex``'s two questions asked of PostGIS.

The municipality and MRC come from the gap index's own locator (polygons, small); the nearest
household is a KNN query on the table's index of homes in Québec Lambert metres, the households
around a point an ``ST_DWithin`` on the same index. The answers are ``app.gaps.lookup``'s
dataclasses, equal to ``LookupIndex``'s for the same layer (rows are the layer's positions).
"""

from __future__ import annotations

import numpy as np
import pyproj

from app.catalog import Catalog
from app.gaps.assign import OUTSIDE
from app.gaps.engine import GapIndex
from app.gaps.lookup import FamilyNearby, Location, LookupIndex, Nearby, NearestHousehold, Place
from app.layers.pghouseholds import PgHouseholds
from app.vocabulary import Kind, Service, parse_services

_GEOD = pyproj.Geod(ellps="WGS84")


class PgLookupIndex:
    """Point look-ups of one catalogue, the households read from the database."""

    def __init__(self, gaps: GapIndex, households: PgHouseholds) -> None:
        self._gaps = gaps
        self._municipalities = gaps.areas.municipalities
        self._households = households

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
        if not (np.isfinite(longitude) and np.isfinite(latitude)):
            return Nearby(float(radius_m), np.empty(0, np.intp), np.empty(0), ())
        homes = self._households.homes_within(longitude, latitude, radius_m)
        dwellings = homes["dwellings"].to_numpy(float)
        families: dict[str, list[tuple[float, Service]]] = {}
        for text, count in zip(homes["services"], dwellings, strict=True):
            for family, best in _best_by_family(str(text)).items():
                families.setdefault(family, []).append((float(count), best))
        summary = tuple(
            FamilyNearby(family, sum(h for h, _ in offers), max((s for _, s in offers), key=_speed))
            for family, offers in sorted(families.items())
        )
        rows = homes["row"].to_numpy(np.intp)
        return Nearby(float(radius_m), rows, dwellings, summary)

    def _nearest(self, longitude: float, latitude: float) -> NearestHousehold | None:
        """The closest household point, with the geodesic distance to it."""
        if not (np.isfinite(longitude) and np.isfinite(latitude)):
            return None
        found = self._households.nearest_home(longitude, latitude)
        if found is None:
            return None
        row, phh_id, lon, lat, services, lte = found
        _, _, distance = _GEOD.inv(longitude, latitude, lon, lat)
        return NearestHousehold(
            row=int(row),
            phh_id=str(phh_id),
            distance_m=float(distance),
            longitude=float(lon),
            latitude=float(lat),
            services=parse_services(str(services)),
            lte=int(lte),
        )


def lookup_index(catalog: Catalog) -> LookupIndex | PgLookupIndex:
    """The point look-up of a catalogue: in memory, or from the database for a replica."""
    layer = catalog.layer(Kind.HOUSEHOLDS)
    if layer.in_memory or not isinstance(layer.source, PgHouseholds):
        return LookupIndex(catalog.gaps, layer.frame)
    return PgLookupIndex(catalog.gaps, layer.source)


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
