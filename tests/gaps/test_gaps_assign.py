import numpy as np
import shapely

from app.gaps.assign import OUTSIDE, point_coordinates
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
