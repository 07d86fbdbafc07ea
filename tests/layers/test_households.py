"""The households read by queries on PostGIS are the rows of the frame in memory, row for row."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely

from app.layers.households import FrameHouseholds
from app.layers.kinds import Kind
from app.layers.pghouseholds import PgHouseholds
from app.layers.pgstore import PgStore

BOXES = [None, (-64.75, 48.3, -64.6, 48.4), (-61.95, 47.3, -61.8, 47.45), (0.0, 0.0, 1.0, 1.0)]
AREAS = [
    shapely.box(-64.75, 48.3, -64.6, 48.4),
    shapely.Polygon([(-66, 48), (-64, 49.2), (-64.2, 48.0), (-66, 48)]),
    shapely.MultiPolygon([shapely.box(-62, 47.2, -61.8, 47.4), shapely.box(-65, 48, -64.9, 48.1)]),
]


@pytest.fixture(scope="module")
def sources(postgis, embedded_template):
    store = PgStore(postgis.database(embedded_template))
    version = store.current()[Kind.HOUSEHOLDS]
    frame, _meta = store.read(Kind.HOUSEHOLDS)
    return FrameHouseholds(frame), PgHouseholds(store, version)


@pytest.mark.parametrize("bbox", BOXES)
@pytest.mark.parametrize(("offset", "limit"), [(0, 10), (25, 1000), (10_000, 5)])
def test_pages_of_rows_are_the_same(sources, bbox, offset, limit):
    (matched, ours), (counted, theirs) = (s.page(bbox, offset, limit) for s in sources)
    assert matched == counted
    pd.testing.assert_frame_equal(theirs, ours)


def test_a_row_by_id_and_no_row_for_an_unknown_id(sources):
    memory, database = sources
    for phh_id in ("24020280005", "24010230001", "nothing"):
        pd.testing.assert_frame_equal(database.by_id(phh_id), memory.by_id(phh_id))
    pd.testing.assert_frame_equal(database.template(), memory.template())


@pytest.mark.parametrize("area", AREAS)
def test_the_rows_in_a_drawn_area_are_the_same(sources, area):
    memory, database = sources
    ours, theirs = memory.in_area(area), database.in_area(area)
    assert len(ours) > 0
    pd.testing.assert_frame_equal(theirs, ours)
    rows = ours.index.to_numpy()[::-3]
    pd.testing.assert_frame_equal(database.attributes(rows), memory.attributes(rows))


@pytest.mark.parametrize("radius_m", [4000.0, 1500.0, 500.0, 37.5])
def test_every_home_falls_in_the_same_hexagonal_cell(sources, radius_m):
    memory, database = sources
    ours, theirs = memory.cell_sums(radius_m), database.cell_sums(radius_m)
    pd.testing.assert_frame_equal(theirs, ours, check_dtype=False)
    assert ours["dwellings"].sum() == memory.frame()["dwellings"].sum()


def test_the_bounds_are_the_same(sources):
    memory, database = sources
    assert np.allclose(database.bounds(), memory.bounds(), rtol=0, atol=1e-12)
