"""Vector tiles as domain objects: addresses, their law, which page layers go to tiles."""

from __future__ import annotations

import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from app.errors import NotFoundError
from app.gaps.threshold import Threshold
from app.layers.kinds import Kind
from app.maps import places
from app.maps.builders import build_map, render_parts
from app.maps.elements import RemoteLayer
from app.maps.places import View
from app.maps.tiles import (
    HOUSEHOLDS_MIN_ZOOM,
    MAX_TILE_ZOOM,
    WORLD,
    TileAddress,
    address,
    features,
    tile_url,
    tiled_layers,
)


@st.composite
def tiles(draw: st.DrawFn) -> TileAddress:
    z = draw(st.integers(0, MAX_TILE_ZOOM))
    return TileAddress("cells", z, draw(st.integers(0, 2**z - 1)), draw(st.integers(0, 2**z - 1)))


# Timing is not what these check: a loaded machine must not fail them.
@settings(deadline=None)
@given(tiles())
def test_a_tile_is_its_four_children_put_together(tile: TileAddress) -> None:
    """Each tile is split exactly by the four of the next zoom (the slippy-map law)."""
    if tile.z == MAX_TILE_ZOOM:
        return
    left, bottom, right, top = tile.bounds
    children = [
        TileAddress("cells", tile.z + 1, 2 * tile.x + dx, 2 * tile.y + dy)
        for dx in (0, 1)
        for dy in (0, 1)
    ]
    assert min(c.bounds[0] for c in children) == pytest.approx(left, abs=1e-6)
    assert max(c.bounds[2] for c in children) == pytest.approx(right, abs=1e-6)
    assert min(c.bounds[1] for c in children) == pytest.approx(bottom, abs=1e-6)
    assert max(c.bounds[3] for c in children) == pytest.approx(top, abs=1e-6)
    assert -WORLD - 1e-6 <= left < right <= WORLD + 1e-6


def test_addresses_outside_the_scheme_are_refused_with_their_reason() -> None:
    for asked, key in [
        (("roads", 5, 0, 0), "tiles.layer_unknown"),
        (("cells", MAX_TILE_ZOOM + 1, 0, 0), "tiles.zoom_unknown"),
        (("cells", -1, 0, 0), "tiles.zoom_unknown"),
        (("cells", 2, 4, 0), "tiles.outside"),
        (("households", HOUSEHOLDS_MIN_ZOOM - 1, 0, 0), "tiles.households_zoom"),
    ]:
        with pytest.raises(NotFoundError) as refused:
            address(*asked)
        assert refused.value.key == key
    assert address("households", HOUSEHOLDS_MIN_ZOOM, 0, 0).z == HOUSEHOLDS_MIN_ZOOM


def test_a_tile_takes_only_what_touches_it(catalog) -> None:
    """Gaspé's tile at z 10 holds Gaspé and its neighbours, not the Îles-de-la-Madeleine."""
    tile = TileAddress("municipalities", 10, 328, 351)
    found = features(catalog, tile, View(), "en")
    names = {props["name"] for _i, _shape, props in found}
    assert "Gaspé" in names and "Les Îles-de-la-Madeleine" not in names
    assert len(found) < len(catalog.layer(Kind.MUNICIPALITIES).frame)


def test_gim_pages_send_their_layers_whole_and_a_small_setting_tiles_them(catalog) -> None:
    view = View(Threshold(1000, 500))
    assert tiled_layers(catalog, view, 10_000) == frozenset()
    assert tiled_layers(catalog, view, 50) == {"areas", "cells"}
    assert tiled_layers(catalog, view, 100) == {"cells"}
    borders = catalog.layer(Kind.MUNICIPALITIES).frame.geometry
    vertices = int(shapely.get_num_coordinates(borders.to_numpy()).sum())
    assert tiled_layers(catalog, view, 10_000, vertices) == frozenset()
    assert tiled_layers(catalog, view, 10_000, vertices - 1) == {"areas"}  # heavy borders


def test_tiled_layers_on_the_map_keep_the_root_path_and_the_view() -> None:
    view = View(Threshold(25, 5), root="/carte")
    assert tile_url("cells", view, "en") == (
        "/carte/tiles/cells/{z}/{x}/{y}.mvt?threshold=25/5&lang=en"
    )


def test_a_tiled_map_loads_the_tile_scripts_and_only_then(catalog) -> None:
    region = places.region(catalog)
    view = View(root="/carte")
    plain = build_map(region, view, "fr")
    tiled = build_map(region, view, "fr", tiled=frozenset({"cells"}))
    layers = {
        layer.options["kind"]: layer.options
        for layer in tiled._children.values()
        if isinstance(layer, RemoteLayer)
    }
    assert layers["cells"]["tiles"].startswith("/carte/tiles/cells/{z}/{x}/{y}.mvt?")
    assert "tiles" not in layers["areas"]
    head_plain, head_tiled = render_parts(plain)[0], render_parts(tiled)[0]
    assert "leaflet.vectorgrid.js" not in head_plain
    assert "/carte/static/leaflet.vectorgrid.js" in head_tiled
    assert "/carte/static/gim-tiles.js" in head_tiled
