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


def zigzag(values: np.ndarray) -> np.ndarray:
    """Signed integers as the unsigned ones the format stores (0, -1, 1, -2 -> 0, 1, 2, 3)."""
    values = values.astype(np.int64)
    return (values << 1) ^ (values >> 63)


def _ring(xy: np.ndarray, cursor: np.ndarray, exterior: bool) -> tuple[list[int], np.ndarray]:
    """Commands of one closed ring (y down), wound as the format asks; none if it collapsed."""
    xy = xy[:-1]  # the closing point is implied by ClosePath
    keep = np.ones(len(xy), dtype=bool)
    keep[1:] = np.any(xy[1:] != xy[:-1], axis=1)
    xy = xy[keep]
    if len(xy) > 1 and np.array_equal(xy[0], xy[-1]):
        xy = xy[:-1]
    area = np.sum(xy[:, 0] * np.roll(xy[:, 1], -1) - np.roll(xy[:, 0], -1) * xy[:, 1])
    if len(xy) < 3 or area == 0:
        return [], cursor
    if (area > 0) != exterior:  # exterior rings positive, holes negative (y down)
        xy = xy[::-1]
    deltas = zigzag(np.diff(np.vstack([cursor, xy]), axis=0)).ravel().tolist()
    commands = [command(MOVE_TO, 1), *deltas[:2], command(LINE_TO, len(xy) - 1), *deltas[2:]]
    return [*commands, command(CLOSE_PATH, 1)], xy[-1]


def geometry(shape: Any) -> tuple[int, list[int]]:
    """The type and command integers of a shape in tile units, y down (empty when it collapsed)."""
    if shape.geom_type in ("Point", "MultiPoint"):
        xy = shapely.get_coordinates(shape).astype(np.int64)
        deltas = zigzag(np.diff(np.vstack([[0, 0], xy]), axis=0)).ravel().tolist()
        return POINT, [command(MOVE_TO, len(xy)), *deltas]
    commands: list[int] = []
    cursor = np.zeros(2, dtype=np.int64)
    for polygon in shapely.get_parts(shape):
        if polygon.geom_type != "Polygon":
            continue  # what clipping left of a polygon as lines or points is not drawn
        shell, cursor = _ring(_rounded(polygon.exterior), cursor, exterior=True)
        if not shell:
            continue
        commands += shell
        for hole in polygon.interiors:
            ring, cursor = _ring(_rounded(hole), cursor, exterior=False)
            commands += ring
    return POLYGON, commands


def _rounded(ring: Any) -> np.ndarray:
    return np.asarray(ring.coords, dtype=np.float64)[:, :2].round().astype(np.int64)


def encode(name: str, extent: int, features: list[tuple[int, Any, dict[str, Any]]]) -> bytes:
    """One layer of (id, shape in tile units y down, properties); empty bytes when none shows."""
    tile = vector_tile_pb2.tile()
    layer = tile.layers.add()
    layer.name, layer.version, layer.extent = name, 2, extent
    keys: dict[str, int] = {}
    values: dict[tuple[type, Any], int] = {}
    for fid, shape, properties in features:
        kind, commands = geometry(shape)
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
