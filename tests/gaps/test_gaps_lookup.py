"""Point look-up: municipality, MRC, nearest household, on hand-made layers near Chandler."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely

from app.gaps.engine import GapIndex
from app.gaps.lookup import LookupIndex, Place
from app.vocabulary import parse_services

# Two municipalities side by side (0.1° wide) in MRC 2402.
WEST = shapely.box(-64.8, 48.3, -64.7, 48.4)
EAST = shapely.box(-64.7, 48.3, -64.6, 48.4)


def layers():
    municipalities = gpd.GeoDataFrame(
        {
            "code": ["2402028", "2402015"],
            "name": ["Chandler", "Grande-Rivière"],
            "mrc_code": ["2402", "2402"],
            "mrc_name": ["Le Rocher-Percé", "Le Rocher-Percé"],
            "dwellings": [10, 10],
            "population": [20, 20],
        },
        geometry=[WEST, EAST],
        crs="EPSG:4326",
    )
    mrcs = gpd.GeoDataFrame(
        {"code": ["2402"], "name": ["Le Rocher-Percé"]},
        geometry=[shapely.box(-64.8, 48.3, -64.5, 48.4)],
        crs="EPSG:4326",
    )
    households = gpd.GeoDataFrame(
        {
            "phh_id": ["a", "b", "null-point", "c"],
            "dwellings": [2.0, 1.0, 0.0, 3.0],
            "population": [4.0, 2.0, 0.0, 6.0],
            "services": ["fibre 1000/500; satellite 50/10+", "dsl 10/1", "fibre 1000/500", ""],
            "lte": [1, 0, -1, -1],
        },
        geometry=shapely.points(
            [(-64.75, 48.35), (-64.65, 48.35), (-64.70, 48.35), (-64.55, 48.35)]
        ),
        crs="EPSG:4326",
    )
    return municipalities, mrcs, households


def lookup_of(municipalities, households) -> LookupIndex:
    return LookupIndex(GapIndex.build(households, municipalities), households)


@pytest.fixture(scope="module")
def index() -> LookupIndex:
    municipalities, _mrcs, households = layers()
    return lookup_of(municipalities, households)


def test_a_point_inside_a_municipality_gets_it_and_its_mrc(index):
    found = index.locate(-64.74, 48.35)
    assert found.municipality == Place("2402028", "Chandler")
    assert found.mrc == Place("2402", "Le Rocher-Percé")


def test_on_a_shared_border_the_smaller_code_wins_like_the_gap_engine(index):
    assert index.locate(-64.7, 48.35).municipality == Place("2402015", "Grande-Rivière")


def test_a_point_just_off_the_polygons_is_snapped_and_says_how_far(index):
    found = index.locate(-64.594, 48.35)  # about 440 m east of Grande-Rivière
    assert found.municipality == Place("2402015", "Grande-Rivière")
    assert found.mrc == Place("2402", "Le Rocher-Percé")
    assert found.snapped_m == pytest.approx(444, rel=0.02)
    assert index.locate(-64.65, 48.35).snapped_m is None


def test_outside_the_region_says_how_far_the_nearest_municipality_is(index):
    found = index.locate(-64.55, 48.35)  # 3.7 km east: beyond the snapping distance
    assert found.municipality is None and found.mrc is None
    assert found.outside_m == pytest.approx(3700, rel=0.02)
    montreal = index.locate(-73.57, 45.50)
    assert montreal.municipality is None and montreal.outside_m > 500_000


def test_the_nearest_household_skips_points_without_dwellings(index):
    nearest = index.locate(-64.701, 48.35).household  # right next to the null point
    assert nearest.phh_id in {"a", "b"}
    assert nearest.row in {0, 1}


def test_the_distance_is_geodesic_metres(index):
    nearest = index.locate(-64.75, 48.36).household  # 0.01° of latitude north of "a"
    assert nearest.phh_id == "a"
    assert nearest.distance_m == pytest.approx(1112, rel=0.01)
    assert nearest.services == parse_services("fibre 1000/500; satellite 50/10+")
    assert nearest.lte == 1


def test_an_index_without_households_finds_none():
    municipalities, _mrcs, households = layers()
    empty = lookup_of(municipalities, households.iloc[0:0])
    assert empty.locate(-64.75, 48.35).household is None
