"""A Mapbox Vector Tile 2.1 layer encoder for points and polygons already in tile units.

``mapbox-vector-tile`` calls Python once per coordinate (quantizing, orienting, encoding): a
tile of a few hundred hexagons took over 100 ms. Here the coordinates of every ring are
delta- and zigzag-encoded with numpy; its protocol buffer classes write the tile.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from mapbox_vector_tile.Mapbox import vector_tile_pb2

MOVE_TO, LINE_TO, CLOSE_PATH = 1, 2, 7
POINT, POLYGON = 1, 3  # the format's GeomType


def command(verb: int, count: int) -> int:
    """A command integer: what to do, and how many times."""
    return (count << 3) | verb


def zigzag(value: int) -> int:
    """A signed integer as the unsigned one the format stores (0, -1, 1, -2 -> 0, 1, 2, 3)."""
    return (value << 1) ^ (value >> 63)


def _deltas(points: list[list[int]], cursor: tuple[int, int]) -> tuple[list[int], tuple[int, int]]:
    """Zigzagged moves from the cursor through ``points``, and where the cursor ends."""
    moves: list[int] = []
    x0, y0 = cursor
    for x, y in points:
        moves += [zigzag(x - x0), zigzag(y - y0)]
        x0, y0 = x, y
    return moves, (x0, y0)


def _ring(
    points: list[list[int]], cursor: tuple[int, int], exterior: bool
) -> tuple[list[int], tuple[int, int]]:
    """Commands of one closed ring (y down), wound as the format asks; none if it collapsed.

    Plain Python: rings are short (a hexagon has 7 points) and numpy's overhead per call would
    cost more than the arithmetic.
    """
    kept = points[:1]
    for point in points[1:-1]:  # the closing point is implied by ClosePath
        if point != kept[-1]:
            kept.append(point)
    if len(kept) > 1 and kept[0] == kept[-1]:
        kept.pop()
    following = kept[1:] + kept[:1]
    area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(kept, following, strict=True))
    if len(kept) < 3 or area == 0:
        return [], cursor
    if (area > 0) != exterior:  # exterior rings positive, holes negative (y down)
        kept.reverse()
    moves, cursor = _deltas(kept, cursor)
    line = command(LINE_TO, len(kept) - 1)
    return [command(MOVE_TO, 1), *moves[:2], line, *moves[2:], command(CLOSE_PATH, 1)], cursor


def _integers(coordinates: np.ndarray) -> list[list[int]]:
    return coordinates.round().astype(np.int64).tolist()


def _simple_rings(shapes: np.ndarray) -> dict[int, list[list[int]]]:
    """The one ring of each polygon without holes, by position: one call to shapely for all."""
    simple = np.flatnonzero(
        (shapely.get_type_id(shapes) == 3) & (shapely.get_num_interior_rings(shapes) == 0)
    )
    coordinates, owner = shapely.get_coordinates(shapes[simple], return_index=True)
    starts = np.searchsorted(owner, np.arange(len(simple) + 1))
    points = _integers(coordinates)
    return {int(i): points[starts[k] : starts[k + 1]] for k, i in enumerate(simple)}


def geometry(shape: Any, ring: list[list[int]] | None = None) -> tuple[int, list[int]]:
    """The type and command integers of a shape in tile units, y down (empty when it collapsed).

    ``ring``: the shape's coordinates when it is a polygon without holes, if already known.
    """
    if ring is not None:
        return POLYGON, _ring(ring, (0, 0), True)[0]
    if shape.geom_type in ("Point", "MultiPoint"):
        points = _integers(shapely.get_coordinates(shape))
        moves, _cursor = _deltas(points, (0, 0))
        return POINT, [command(MOVE_TO, len(points)), *moves]
    commands: list[int] = []
    cursor = (0, 0)
    for polygon in shapely.get_parts(shape):
        if polygon.geom_type != "Polygon" or polygon.is_empty:
            continue  # what clipping left of a polygon as lines or points is not drawn
        rings = shapely.get_rings(polygon)
        shell, cursor = _ring(_integers(shapely.get_coordinates(rings[0])), cursor, True)
        if not shell:
            continue
        commands += shell
        for hole in rings[1:]:
            inner, cursor = _ring(_integers(shapely.get_coordinates(hole)), cursor, False)
            commands += inner
    return POLYGON, commands


def encode(name: str, extent: int, features: list[tuple[int, Any, dict[str, Any]]]) -> bytes:
    """One layer of (id, shape in tile units y down, properties); empty bytes when none shows."""
    tile = vector_tile_pb2.tile()
    layer = tile.layers.add()
    layer.name, layer.version, layer.extent = name, 2, extent
    keys: dict[str, int] = {}
    values: dict[tuple[type, Any], int] = {}
    rings = _simple_rings(np.array([shape for _fid, shape, _props in features], dtype=object))
    for position, (fid, shape, properties) in enumerate(features):
        kind, commands = geometry(shape, rings.get(position))
        if not commands:
            continue
        feature = layer.features.add()
        feature.id, feature.type = fid, kind
        feature.geometry.extend(commands)
        tags = []
        for key, value in properties.items():
            if value is None:
                continue
            tags += [keys.setdefault(key, len(keys)), _value(layer, values, value)]
        feature.tags.extend(tags)
    if not layer.features:
        return b""
    layer.keys.extend(keys)
    return bytes(tile.SerializeToString())


def _value(layer: Any, seen: dict[tuple[type, Any], int], value: Any) -> int:
    """The index of ``value`` in the layer's values, added the first time it is seen."""
    key = (type(value), value)
    if key not in seen:
        seen[key] = len(seen)
        entry = layer.values.add()
        if isinstance(value, bool):
            entry.bool_value = value
        elif isinstance(value, int):
            entry.sint_value = value
        elif isinstance(value, float):
            entry.double_value = value
        else:
            entry.string_value = str(value)
    return seen[key]
