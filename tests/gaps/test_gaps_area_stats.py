"""Drawn-area figures: parsing GeoJSON areas and summing the households inside them."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from app.errors import InvalidParameterError
from app.gaps.area_stats import area_stats, parse_area
from app.gaps.engine import SERVED, UNDERSERVED, UNSERVED

SQUARE = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]


def households() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "dwellings": [2.0, 1.0, 4.0, 8.0],
            "population": [5.0, 2.0, 9.0, 20.0],
            "services": ["fibre 1000/500", "dsl 10/1", "", "fibre 1000/500"],
        },
        geometry=shapely.points([(0.5, 0.5), (0.2, 0.8), (0.9, 0.1), (5.0, 5.0)]),
        crs="EPSG:4326",
    )


CLASSES = np.array([SERVED, UNDERSERVED, UNSERVED, SERVED], dtype=np.int8)
# Per household: fibre, cable, dsl, wired, fixed wireless, satellite reported.
TECHNOLOGY = np.zeros((4, 6), dtype=bool)
TECHNOLOGY[[0, 3], 0] = True
TECHNOLOGY[1, 2] = True


def test_figures_count_only_the_households_inside_by_class_and_technology():
    stats = area_stats(
        households(), CLASSES, TECHNOLOGY, parse_area({"type": "Polygon", "coordinates": [SQUARE]})
    )
    figures = stats.figures
    assert stats.household_points == 3
    assert figures["dwellings"] == 7 and figures["population"] == 16
    assert (figures["served_dwellings"], figures["underserved_dwellings"]) == (2, 1)
    assert (figures["unserved_dwellings"], figures["unserved_population"]) == (4, 9)
    assert figures["served_share"] == pytest.approx(2 / 7)
    assert (figures["dwellings_fibre"], figures["dwellings_dsl"]) == (2, 1)
    assert figures["unknown_dwellings"] == 0 and figures["unknown_share"] == 0
    assert stats.area_km2 == pytest.approx(12_308, rel=0.01)  # 1° × 1° at the equator


def test_an_area_without_households_has_no_share():
    far = [[10.0, 10.0], [11.0, 10.0], [11.0, 11.0], [10.0, 10.0]]
    area = parse_area({"type": "Polygon", "coordinates": [far]})
    stats = area_stats(households(), CLASSES, TECHNOLOGY, area)
    assert stats.household_points == 0
    assert stats.figures["served_share"] is None


def test_a_feature_and_a_multipolygon_are_read_like_the_polygon():
    polygon = parse_area({"type": "Polygon", "coordinates": [SQUARE]})
    feature = {
        "type": "Feature",
        "properties": None,
        "geometry": {"type": "Polygon", "coordinates": [SQUARE]},
    }
    assert parse_area(feature).equals(polygon)
    assert parse_area({"type": "MultiPolygon", "coordinates": [[SQUARE]]}).equals(polygon)


def test_a_self_intersecting_ring_is_repaired():
    bow_tie = [[0.0, 0.0], [1.0, 1.0], [1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]
    area = parse_area({"type": "Polygon", "coordinates": [bow_tie]})
    assert area.is_valid and area.area == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("geojson", "key"),
    [
        ({"type": "LineString", "coordinates": [[0, 0], [1, 1]]}, "api.stats.not_polygon"),
        ("not even a dict", "api.stats.not_polygon"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 1]]]}, "api.stats.geometry_malformed"),
        ({"type": "Polygon", "coordinates": "nonsense"}, "api.stats.geometry_malformed"),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [0, 0], [0, 0], [0, 0]]]},
            "api.stats.geometry_empty",
        ),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [0, 95], [1, 0], [0, 0]]]},
            "api.stats.out_of_range",
        ),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [float("nan"), 1], [1, 0], [0, 0]]]},
            "api.stats.not_finite",
        ),
    ],
)
def test_unusable_areas_raise_a_parameter_error_with_its_key(geojson, key):
    with pytest.raises(InvalidParameterError) as raised:
        parse_area(geojson)
    assert raised.value.key == key
