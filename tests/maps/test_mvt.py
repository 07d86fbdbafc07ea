"""The MVT encoder: what it writes, a reference decoder (mapbox-vector-tile) reads back."""

from __future__ import annotations

import mapbox_vector_tile
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from app.maps import mvt

coordinate = st.integers(min_value=-64, max_value=4096 + 64)
text = st.text(max_size=12)
properties = st.dictionaries(
    st.sampled_from(["cls", "name", "share", "sparse"]),
    st.one_of(st.integers(-1000, 10**6), st.booleans(), text, st.floats(-1e6, 1e6)),
)


def decoded(body: bytes) -> list[dict]:
    """The features of the one layer, y down as written."""
    tile = mapbox_vector_tile.decode(body, default_options={"y_coord_down": True})
    return tile["layer"]["features"]


# Timing is not what these check: a loaded machine must not fail them.
@settings(deadline=None)
@given(st.lists(st.tuples(coordinate, coordinate, properties), min_size=1, max_size=30))
def test_points_ids_and_properties_read_back(points) -> None:
    features = [(i, shapely.Point(x, y), props) for i, (x, y, props) in enumerate(points)]
    read = decoded(mvt.encode("layer", 4096, features))
    assert [f["id"] for f in read] == list(range(len(points)))
    for feature, (x, y, props) in zip(read, points, strict=True):
        assert feature["geometry"] == {"type": "Point", "coordinates": [x, y]}
        assert feature["properties"] == props


# Timing is not what these check: a loaded machine must not fail them.
@settings(deadline=None)
@given(st.lists(st.tuples(coordinate, coordinate, st.integers(1, 500), st.integers(1, 500))))
def test_rectangles_with_holes_read_back_with_their_area(boxes) -> None:
    shapes = [
        shapely.box(x, y, x + w, y + h).difference(
            shapely.box(x + w / 4, y + h / 4, x + w / 2, y + h / 2)
        )
        for x, y, w, h in boxes
    ]
    quantized = [shapely.set_precision(shape, 1.0) for shape in shapes]
    features = [(i, shape, {}) for i, shape in enumerate(quantized)]
    body = mvt.encode("layer", 4096, features)
    read = decoded(body) if body else []
    kept = [i for i, shape in enumerate(quantized) if shape.area > 0]
    assert [f["id"] for f in read] == kept
    for feature in read:
        shape = shapely.geometry.shape(feature["geometry"])
        assert shape.is_valid
        assert shape.area == quantized[feature["id"]].area


def test_nothing_to_show_is_no_bytes() -> None:
    line_like = shapely.Polygon([(0, 0), (10, 0), (20, 0)])
    assert mvt.encode("layer", 4096, []) == b""
    assert mvt.encode("layer", 4096, [(0, line_like, {"cls": 1})]) == b""
