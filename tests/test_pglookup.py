"""A replica's point look-up, by KNN in PostGIS, answers as the in-memory LookupIndex."""

from __future__ import annotations

import numpy as np
import pytest

from app.catalog import load_catalog
from app.gaps.lookup import LookupIndex
from app.gaps.threshold import Threshold
from app.layers.kinds import Kind
from app.layers.pgstore import PgStore
from app.pglookup import PgLookupIndex, lookup_index
from app.vocabulary import TechnologyChoice

VIEWS = (
    (Threshold(50, 10), TechnologyChoice()),
    (Threshold(100, 20), TechnologyChoice.parse("all")),
)


@pytest.fixture(scope="module")
def catalogs(postgis, embedded_template):
    store = PgStore(postgis.database(embedded_template))
    return load_catalog(store), load_catalog(store, households_in_memory=False)


def points(catalog, count=150):
    """Random points over the region and beyond, and some exactly on households."""
    rng = np.random.default_rng(14)
    west, south, east, north = catalog.layer(Kind.MUNICIPALITIES).frame.total_bounds
    lon = rng.uniform(west - 0.3, east + 0.3, count)
    lat = rng.uniform(south - 0.3, north + 0.3, count)
    homes = catalog.layer(Kind.HOUSEHOLDS).frame.geometry.sample(30, random_state=1)
    return [*zip(lon, lat, strict=True), *zip(homes.x, homes.y, strict=True)]


def test_a_replica_locates_and_lists_nearby_homes_as_memory_does(catalogs):
    memory, replica = catalogs
    ours = LookupIndex(memory.gaps, memory.layer(Kind.HOUSEHOLDS).frame)
    theirs = lookup_index(replica)
    assert isinstance(theirs, PgLookupIndex)
    for lon, lat in points(memory):
        assert theirs.locate(lon, lat) == ours.locate(lon, lat)
        for radius in (0, 250, 2500):
            expected, found = ours.nearby(lon, lat, radius), theirs.nearby(lon, lat, radius)
            assert found.families == expected.families
            assert found.rows.tolist() == expected.rows.tolist()
            assert found.dwellings.tolist() == expected.dwellings.tolist()
            place, around = theirs.look(lon, lat, radius)
            assert place == ours.look(lon, lat, radius)[0] and around.families == found.families
    assert not replica.layer(Kind.HOUSEHOLDS).in_memory


def test_the_classes_of_some_rows_come_from_those_rows_alone(catalogs):
    memory, replica = catalogs
    rows = np.array([5, 0, 9000, 17, 5])
    for view in VIEWS:
        assert replica.row_classes(rows, *view).tolist() == memory.row_classes(rows, *view).tolist()
    assert not replica.layer(Kind.HOUSEHOLDS).in_memory
