"""What is at a point, for a replica: ``LookupIndex``'s questions asked of PostGIS.

The municipality and MRC come from the gap index's own locator (``Locator.place``, polygons in
memory); the nearest household is a KNN query on the table's index of homes in Québec Lambert
metres, the households around a point an ``ST_DWithin`` on the same index. The answers are
``app.gaps.lookup``'s dataclasses, equal to ``LookupIndex``'s for the same layer (rows are the
layer's positions, the smallest first on ties).
"""

from __future__ import annotations

import math

import numpy as np
import pyproj

from app.catalog import Catalog
from app.gaps.engine import GapIndex
from app.gaps.lookup import (
    AreaFinder,
    Location,
    LookupIndex,
    Nearby,
    NearestHousehold,
    families_of,
)
from app.layers.pghouseholds import PgHouseholds
from app.vocabulary import Kind, parse_services

_GEOD = pyproj.Geod(ellps="WGS84")


class PgLookupIndex:
    """Point look-ups of one catalogue, the households read from the database."""

    def __init__(self, gaps: GapIndex, households: PgHouseholds) -> None:
        self._areas = AreaFinder(gaps)
        self._households = households

    def locate(self, longitude: float, latitude: float) -> Location:
        """The municipality and MRC holding the point, and its nearest household."""
        return self.look(longitude, latitude, -1.0)[0]

    def nearby(self, longitude: float, latitude: float, radius_m: float) -> Nearby:
        """The households within ``radius_m`` of the point, and their services by family."""
        return self.look(longitude, latitude, radius_m)[1]

    def look(self, longitude: float, latitude: float, radius_m: float) -> tuple[Location, Nearby]:
        """Both answers (a negative radius: no search around)."""
        longitude, latitude = float(longitude), float(latitude)
        usable = math.isfinite(longitude) and math.isfinite(latitude)
        household = self._nearest(longitude, latitude) if usable else None
        around = Nearby(max(float(radius_m), 0.0), np.empty(0, np.intp), np.empty(0), ())
        if usable and radius_m >= 0:
            around = self._around(longitude, latitude, float(radius_m))
        return self._areas.location(longitude, latitude, household), around

    def _around(self, longitude: float, latitude: float, radius_m: float) -> Nearby:
        """The homes within the radius: rows, dwellings and the services by family."""
        homes = self._households.homes_within(longitude, latitude, radius_m)
        dwellings = homes["dwellings"].to_numpy(float)
        texts = homes["services"].to_numpy(dtype=object).astype(str)
        families = families_of(texts, dwellings) if len(homes) else ()
        return Nearby(radius_m, homes["row"].to_numpy(np.intp), dwellings, families)

    def _nearest(self, longitude: float, latitude: float) -> NearestHousehold | None:
        """The closest household point, with the geodesic distance to it."""
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
