"""Simplified borders: a valid coverage at every level, fewer vertices, cached per catalogue."""

import dataclasses

import numpy as np
import pytest
import shapely

from app.errors import NotFoundError
from app.maps import borders
from app.maps.zoom import LEVELS, MAX_ZOOM, OVERVIEW, level, level_for_zoom


def test_levels_cover_every_zoom_with_half_a_pixel_of_tolerance():
    assert [level_for_zoom(zoom).number for zoom in (6, 8, 8.25, 10, 11, MAX_ZOOM, 18)] == [
        0,
        0,
        1,
        1,
        2,
        2,
        2,
    ]
    tolerances = [item.tolerance for item in LEVELS]
    assert tolerances == sorted(tolerances, reverse=True)
    assert LEVELS[0].tolerance == pytest.approx(0.5 * 156_543.03 / 2**8, rel=1e-6)
    with pytest.raises(NotFoundError):
        level(len(LEVELS) + 1)  # len(LEVELS) is the overview of a province-sized map


@pytest.mark.parametrize("detail", [*LEVELS, OVERVIEW], ids=lambda item: f"level{item.number}")
def test_every_level_is_a_valid_coverage_without_slivers_or_gaps(catalog, detail):
    shapes = borders.borders(catalog, detail)
    polygons = shapes.municipalities
    assert len(polygons) == 54
    assert shapely.is_valid(polygons).all()
    assert shapely.coverage_is_valid(polygons)
    # No gap opened between neighbours: the union has no more holes than the source's.
    source = catalog.layer("municipalities").frame.geometry.to_numpy()
    union = shapely.coverage_union_all(polygons)
    assert shapely.get_num_interior_rings(union) <= shapely.get_num_interior_rings(
        shapely.union_all(source)
    )
    assert shapely.area(union) == pytest.approx(shapely.area(shapely.union_all(source)), rel=5e-3)


def test_coarser_levels_send_fewer_vertices_and_keep_every_municipality(catalog):
    counts = [
        shapely.get_num_coordinates(borders.borders(catalog, item).municipalities).sum()
        for item in (OVERVIEW, *LEVELS)
    ]
    full = shapely.get_num_coordinates(catalog.layer("municipalities").frame.geometry).sum()
    assert counts == sorted(counts)
    assert counts[-1] < full
    coarse = borders.borders(catalog, LEVELS[0]).municipalities
    assert not shapely.is_empty(coarse).any()


def test_mrc_outlines_are_the_union_of_their_simplified_municipalities(catalog):
    shapes = borders.borders(catalog, LEVELS[0])
    assert list(shapes.mrc_list) == ["2401", "2402", "2403", "2404", "2405", "2406"]
    for code, outline in zip(shapes.mrc_list, shapes.mrcs, strict=True):
        members = shapes.municipalities[shapes.mrc_codes == code]
        assert shapely.equals(outline, shapely.coverage_union_all(members))


def test_shared_borders_stay_shared_in_a_projected_coverage():
    # Two 10 km squares (Web Mercator metres) split by a wiggly border of 200 vertices.
    x = np.linspace(0, 10_000, 200)
    wiggle = np.column_stack([5_000 + 300 * np.sin(x / 500), x])
    west = shapely.Polygon([(0, 0), *wiggle, (0, 10_000)])
    east = shapely.Polygon([(10_000, 0), (10_000, 10_000), *wiggle[::-1], (5_000, 0)])
    cover = borders.Coverage(
        np.array(["a", "b"]), np.array(["m", "m"]), np.array([west, east], dtype=object)
    )
    shapes = borders.simplify(cover, LEVELS[0])
    west_s, east_s = shapes.municipalities
    assert shapely.area(shapely.intersection(west_s, east_s)) == pytest.approx(0, abs=1e-12)
    assert shapely.coverage_is_valid(shapes.municipalities)
    assert shapely.get_num_coordinates(west_s) < shapely.get_num_coordinates(west)


def test_borders_are_cached_per_catalogue(catalog):
    first = borders.borders(catalog, LEVELS[1])
    assert borders.borders(catalog, LEVELS[1]) is first
    reloaded = dataclasses.replace(catalog, token="another-version")
    assert borders.borders(reloaded, LEVELS[1]) is not first
