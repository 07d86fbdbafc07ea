"""Point look-up: municipality, MRC, nearest household, on hand-made layers near Chandler."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely

from app.gaps.lookup import LookupIndex, Place

# Two municipalities side by side (0.1° wide) in MRC 2402, and a separate MRC polygon that
# also covers a strip east of them where no municipality is.
WEST = shapely.box(-64.8, 48.3, -64.7, 48.4)
EAST = shapely.box(-64.7, 48.3, -64.6, 48.4)


def layers():
    municipalities = gpd.GeoDataFrame(
        {
            "code": ["2402028", "2402015"],
            "name": ["Chandler", "Grande-Rivière"],
            "mrc_code": ["2402", "2402"],
            "mrc_name": ["Le Rocher-Percé", "Le Rocher-Percé"],
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
            "down_mbps": [1000.0, 10.0, 1000.0, 50.0],
            "up_mbps": [500.0, 1.0, 500.0, 10.0],
            "technology": ["fibre", "dsl", "fibre", "fixed_wireless"],
        },
        geometry=shapely.points(
            [(-64.75, 48.35), (-64.65, 48.35), (-64.70, 48.35), (-64.55, 48.35)]
        ),
        crs="EPSG:4326",
    )
    return municipalities, mrcs, households


@pytest.fixture(scope="module")
def index() -> LookupIndex:
    return LookupIndex(*layers())


def test_a_point_inside_a_municipality_gets_it_and_its_mrc(index):
    found = index.locate(-64.74, 48.35)
    assert found.municipality == Place("2402028", "Chandler")
    assert found.mrc == Place("2402", "Le Rocher-Percé")


def test_on_a_shared_border_the_smaller_code_wins_like_the_gap_engine(index):
    assert index.locate(-64.7, 48.35).municipality == Place("2402015", "Grande-Rivière")


def test_outside_every_municipality_the_mrc_comes_from_the_mrc_layer(index):
    found = index.locate(-64.55, 48.35)
    assert found.municipality is None
    assert found.mrc == Place("2402", "Le Rocher-Percé")
    assert index.locate(-70.0, 45.0).mrc is None


def test_the_nearest_household_skips_points_without_dwellings(index):
    nearest = index.locate(-64.701, 48.35).household  # right next to the null point
    assert nearest.phh_id in {"a", "b"}
    assert nearest.row in {0, 1}


def test_the_distance_is_geodesic_metres(index):
    nearest = index.locate(-64.75, 48.36).household  # 0.01° of latitude north of "a"
    assert nearest.phh_id == "a"
    assert nearest.distance_m == pytest.approx(1112, rel=0.01)
    assert (nearest.down_mbps, nearest.up_mbps, nearest.technology) == (1000, 500, "fibre")


def test_an_index_without_households_finds_none():
    municipalities, mrcs, households = layers()
    empty = LookupIndex(municipalities, mrcs, households.iloc[0:0])
    assert empty.locate(-64.75, 48.35).household is None
