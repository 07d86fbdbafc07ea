"""Household cells: each point in its hexagon, and the counts add up to the engine's."""

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from app.gaps.threshold import PRESETS, Threshold
from app.layers.hexgrid import hexagon_of
from app.maps.cells import _polygons_lonlat, hexagon_corners, household_cells
from app.maps.layers import feature_collection
from app.maps.zoom import LEVELS

coordinates = st.floats(-2e6, 2e6, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(x=coordinates, y=coordinates, radius=st.sampled_from([350.0, 1500.0, 4000.0]))
def test_every_point_falls_in_the_hexagon_it_is_counted_in(x, y, radius):
    q, r = hexagon_of(np.array([x]), np.array([y]), radius)
    hexagon = shapely.Polygon(hexagon_corners(q, r, radius)[0])
    assert shapely.distance(hexagon, shapely.Point(x, y)) < 1e-6 * radius


def test_neighbouring_hexagons_tile_the_plane():
    q, r = np.meshgrid(np.arange(-2, 3), np.arange(-2, 3))
    corners = hexagon_corners(q.ravel(), r.ravel(), 1000.0)
    hexagons = shapely.polygons(corners)
    union = shapely.union_all(hexagons)
    assert shapely.area(union) == pytest.approx(shapely.area(hexagons).sum(), rel=1e-9)
    assert shapely.get_num_interior_rings(shapely.buffer(union, 1e-6)) == 0


@pytest.mark.parametrize("threshold", [PRESETS[0], PRESETS[3], PRESETS[-1]], ids=str)
def test_cells_count_every_dwelling_below_the_threshold(catalog, threshold):
    region = catalog.report(threshold).region
    expected = region["unserved_dwellings"] + region["underserved_dwellings"]
    for detail in LEVELS:
        cells = household_cells(catalog, detail, threshold)
        assert cells.unserved.sum() == pytest.approx(region["unserved_dwellings"])
        assert cells.below.sum() == pytest.approx(expected)
        assert (cells.below > 0).all()
        assert len(cells.polygons) == len(cells.below)


def test_finer_levels_have_more_smaller_cells(catalog):
    counts = [len(household_cells(catalog, detail, PRESETS[-1]).polygons) for detail in LEVELS]
    assert counts == sorted(counts)
    assert counts[0] < 1000  # a region page never carries thousands of cells


def test_at_a_threshold_every_service_meets_only_the_unserved_remain(catalog):
    cells = household_cells(catalog, LEVELS[0], Threshold(5, 1))
    region = catalog.report(Threshold(5, 1)).region
    assert cells.below.sum() == pytest.approx(region["unserved_dwellings"])


def test_no_household_below_gives_an_empty_layer():
    polygons = _polygons_lonlat(np.empty((0, 7, 2)), 4)
    assert len(polygons) == 0
    assert feature_collection(polygons, []) == b'{"type":"FeatureCollection","features":[]}'
