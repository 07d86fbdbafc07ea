import numpy as np
import pytest
import shapely

from app.gaps.assign import OUTSIDE, Locator, point_coordinates
from app.gaps.assign import sweep as assign_points

SQUARES = np.array([shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1), shapely.box(0, 1, 1, 2)])


def test_points_go_to_the_first_covering_polygon():
    x = np.array([0.5, 1.5, 1.0, 1.0, 0.5, 2.0, 3.0, 0.0])
    y = np.array([0.5, 0.5, 0.5, 1.0, 1.0, 0.5, 3.0, 0.0])
    assert assign_points(x, y, SQUARES).tolist() == [0, 1, 0, 0, 0, 1, OUTSIDE, 0]
    reversed_order = assign_points(x, y, SQUARES[::-1])
    assert reversed_order.tolist() == [2, 1, 1, 0, 0, 1, OUTSIDE, 2]


def test_missing_coordinates_and_polygons_are_outside():
    x = np.array([np.nan, 0.5, 1.5])
    y = np.array([0.5, np.nan, 0.5])
    polygons = np.array([None, shapely.Polygon(), shapely.box(1, 0, 2, 1)], dtype=object)
    assert assign_points(x, y, polygons).tolist() == [OUTSIDE, OUTSIDE, 2]


def test_no_points_or_no_polygons():
    assert assign_points(np.array([]), np.array([]), SQUARES).tolist() == []
    empty = np.array([], dtype=object)
    assert assign_points(np.array([0.5]), np.array([0.5]), empty).tolist() == [OUTSIDE]


def test_point_coordinates_of_odd_geometries():
    geometries = np.array(
        [shapely.Point(1, 2), None, shapely.Point(), shapely.MultiPoint([(0, 0), (1, 1)])],
        dtype=object,
    )
    x, y = point_coordinates(geometries)
    assert x[0] == 1 and y[0] == 2
    assert np.isnan(x[1:]).all() and np.isnan(y[1:]).all()


def test_same_answer_as_a_tree_query_on_many_points():
    rng = np.random.default_rng(3)
    seeds = shapely.multipoints(rng.uniform(0, 100, (60, 2)))
    frame = shapely.box(0, 0, 100, 100)
    cells = shapely.intersection(
        shapely.get_parts(shapely.voronoi_polygons(seeds, extend_to=frame)), frame
    )
    xy = rng.uniform(-5, 105, (20_000, 2))
    assigned = assign_points(xy[:, 0], xy[:, 1], cells)
    points, polygons = shapely.STRtree(cells).query(shapely.points(xy), "intersects")
    first = np.full(len(xy), len(cells))
    np.minimum.at(first, points, polygons)
    expected = np.where(first == len(cells), OUTSIDE, first)
    assert (assigned == expected).all()


def lon_lat_shapes() -> np.ndarray:
    """Shapes near Chandler: neighbours sharing a border, a hole, two parts, empty and none."""
    with_hole = shapely.Polygon(
        [(-64.8, 48.3), (-64.7, 48.3), (-64.7, 48.4), (-64.8, 48.4)],
        holes=[[(-64.77, 48.33), (-64.73, 48.33), (-64.73, 48.37), (-64.77, 48.37)]],
    )
    neighbour = shapely.box(-64.7, 48.3, -64.6, 48.4)
    islands = shapely.MultiPolygon(
        [shapely.box(-64.55, 48.3, -64.54, 48.31), shapely.box(-64.52, 48.3, -64.51, 48.31)]
    )
    return np.array(
        [
            with_hole,
            None,
            neighbour,
            shapely.Polygon(),
            islands,
            shapely.box(-64.76, 48.34, -64.74, 48.36),
        ],
        dtype=object,
    )


def test_one_point_goes_where_the_bulk_rule_sends_it():
    locator = Locator(lon_lat_shapes(), snap_m=1000)
    rng = np.random.default_rng(7)
    x = np.concatenate([rng.uniform(-65.0, -64.3, 3000), [-64.7, -64.75, -64.6, np.nan, -73.6]])
    y = np.concatenate([rng.uniform(48.1, 48.6, 3000), [48.35, 48.35, 48.4, 48.3, 45.5]])
    bulk = locator.assign(x, y)
    _, distance = locator.nearest(x, y)
    kinds = set()
    for index in range(len(x)):
        one = locator.place(float(x[index]), float(y[index]))
        assert one.area == bulk.area[index]
        assert np.allclose(one.snapped_m, bulk.snapped_m[index], equal_nan=True, atol=1e-6)
        if one.area == OUTSIDE and np.isfinite(x[index]):
            assert one.outside_m == pytest.approx(distance[index], abs=1e-6)
        kinds.add("inside" if one.snapped_m == 0 else "snapped" if one.snapped_m > 0 else "out")
    assert kinds == {"inside", "snapped", "out"}  # every branch was taken


def test_one_point_without_any_polygon_is_outside_at_no_distance():
    place = Locator(np.array([None, shapely.Polygon()], dtype=object)).place(-64.7, 48.3)
    assert place.area == OUTSIDE and np.isnan(place.snapped_m) and np.isnan(place.outside_m)
