"""Vector tiles (Mapbox Vector Tile 2.1) of the map layers, in Web Mercator, for any store.

Three layers: ``municipalities`` with the gap engine's figures in a view, ``cells`` (the
hexagons of ``app.maps.cells`` at the level of the tile's zoom) and ``households`` (points, from
zoom ``HOUSEHOLDS_MIN_ZOOM`` only: below it a tile would carry too many points to be useful, and
it is refused with a 404 that says so). A tile has extent ``EXTENT`` and holds what lies within
``BUFFER`` units around it, clipped there; polygons are simplified to one unit of the tile. A
tile where nothing lies is an empty body (200, zero bytes: a valid empty tile, cached like any).

The embedded store encodes in Python (``app.maps.mvt``), choosing features with an STR-tree
built once per catalogue; the PostGIS store asks the database (``app.maps.pgtiles``). Both give
the same features, ids and properties.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

from app.catalog import Catalog
from app.errors import NotFoundError
from app.layers.kinds import Kind
from app.maps import mvt, places
from app.maps.cells import household_cells
from app.maps.client import anchors
from app.maps.layers import cell_properties, municipality_properties
from app.maps.places import View
from app.maps.zoom import LEVELS, level_for_zoom, levels_for

LAYERS = ("municipalities", "cells", "households")
EXTENT = 4096
BUFFER = 64  # tile units kept around a tile, so strokes and points on its edge join up
MAX_TILE_ZOOM = 20
HOUSEHOLDS_MIN_ZOOM = 12
WORLD = 20_037_508.342_789_244  # half the Web Mercator world's width, metres
MERCATOR = "EPSG:3857"
MEDIA_TYPE = "application/vnd.mapbox-vector-tile"


@dataclass(frozen=True)
class TileAddress:
    """One tile of one layer: zoom and column/row from the top-left, as slippy maps count."""

    layer: str
    z: int
    x: int
    y: int

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """The tile in Web Mercator metres: (min x, min y, max x, max y)."""
        size = 2 * WORLD / 2**self.z
        left, top = -WORLD + self.x * size, WORLD - self.y * size
        return left, top - size, left + size, top

    @property
    def unit(self) -> float:
        """The length of one tile unit, in metres: what is finer cannot be drawn."""
        return 2 * WORLD / 2**self.z / EXTENT

    @property
    def buffered(self) -> tuple[float, float, float, float]:
        """The tile and its buffer, in Web Mercator metres."""
        margin = BUFFER * self.unit
        left, bottom, right, top = self.bounds
        return left - margin, bottom - margin, right + margin, top + margin


# The map pages' layers that can be drawn from tiles: page layer kind -> tile layer.
PAGE_LAYERS = {"areas": "municipalities", "cells": "cells"}


def tiled_layers(
    catalog: Catalog, view: View, above: int, above_vertices: int = 10**12
) -> frozenset[str]:
    """The page layers too large to send whole in ``view``.

    That is more than ``above`` features, or, for the municipalities, more than
    ``above_vertices`` border vertices.
    """
    cells = household_cells(catalog, LEVELS[-1], view.threshold, view.technologies)
    areas = catalog.layer(Kind.MUNICIPALITIES).frame
    vertices = catalog.derived(
        "border vertices", None, lambda: int(shapely.get_num_coordinates(areas.geometry).sum()), 1
    )
    heavy = {"areas": len(areas) > above or vertices > above_vertices}
    heavy["cells"] = len(cells.polygons) > above
    return frozenset(kind for kind, too_large in heavy.items() if too_large)


def tile_url(layer: str, view: View, lang: str) -> str:
    """The address template of a layer's tiles ({z}, {x}, {y} left for the map to fill)."""
    return f"{view.root}/tiles/{layer}/{{z}}/{{x}}/{{y}}.mvt" + places.query(view, lang)


def address(layer: str, z: int, x: int, y: int) -> TileAddress:
    """The tile asked for, or a not-found error saying which tiles exist."""
    if layer not in LAYERS:
        raise NotFoundError("tiles.layer_unknown", layer=layer, layers=", ".join(LAYERS))
    if not 0 <= z <= MAX_TILE_ZOOM:
        raise NotFoundError("tiles.zoom_unknown", z=z, last=MAX_TILE_ZOOM)
    if not (0 <= x < 2**z and 0 <= y < 2**z):
        raise NotFoundError("tiles.outside", z=z, x=x, y=y, last=2**z - 1)
    if layer == "households" and z < HOUSEHOLDS_MIN_ZOOM:
        raise NotFoundError("tiles.households_zoom", z=z, first=HOUSEHOLDS_MIN_ZOOM)
    return TileAddress(layer, z, x, y)


Properties = Callable[[np.ndarray], list[dict[str, Any]]]


@dataclass(frozen=True, eq=False)
class Shapes:
    """A layer's shapes in Web Mercator (simplified for one zoom) and their STR-tree."""

    shapes: np.ndarray
    tree: shapely.STRtree

    @classmethod
    def of(cls, shapes: np.ndarray) -> Shapes:
        """``shapes`` with their tree."""
        return cls(shapes, shapely.STRtree(shapes))

    def within(self, tile: TileAddress) -> np.ndarray:
        """Positions of the shapes touching the tile or its buffer (by the tree, not a scan)."""
        found = self.tree.query(shapely.box(*tile.buffered), predicate="intersects")
        return np.sort(found)


def tile(catalog: Catalog, source: object, tile: TileAddress, view: View, lang: str) -> bytes:
    """The tile's bytes (empty when nothing lies there), from the database or from memory.

    From the database when ``source`` is the PostGIS store's ``pgtiles.Connections``.
    """
    from app.maps import pgtiles

    if isinstance(source, pgtiles.Connections):
        return pgtiles.tile(catalog, source, tile, view, lang)
    return encode(tile, features(catalog, tile, view, lang))


def features(
    catalog: Catalog, tile: TileAddress, view: View, lang: str
) -> list[tuple[int, Any, dict[str, Any]]]:
    """The features of the tile: id, shape clipped to the buffer in tile units (y down), props.

    A feature's id is its position in the layer (the PostGIS table's ``fid``) or, for cells,
    in the cells of that level.
    """
    shapes, properties = SOURCES[tile.layer](catalog, tile, view, lang)
    found = shapes.within(tile)
    clipped = shapely.clip_by_rect(shapes.shapes[found], *tile.buffered)
    left, _bottom, _right, top = tile.bounds
    scale = np.array([1.0, -1.0]) / tile.unit
    # Quantized here, all coordinates at once.
    quantized = shapely.transform(clipped, lambda xy: np.round((xy - (left, top)) * scale))
    return [
        (int(i), shape, props)
        for i, shape, props in zip(found, quantized, properties(found), strict=True)
        if not shape.is_empty
    ]


def encode(tile: TileAddress, found: list[tuple[int, Any, dict[str, Any]]]) -> bytes:
    """The MVT bytes of one layer of features; nothing at all when none shows."""
    return mvt.encode(tile.layer, EXTENT, found)


def _mercator(geometries: np.ndarray, crs: Any) -> np.ndarray:
    """Geometries of a layer in ``crs`` (longitude/latitude when none), in Web Mercator."""
    series = gpd.GeoSeries(geometries, crs=crs or "EPSG:4326")
    return series.to_crs(MERCATOR).to_numpy()


def simplified(shapes: np.ndarray, unit: float) -> np.ndarray:
    """Polygons simplified to ``unit`` metres, rings kept valid (as PostGIS's PreserveTopology)."""
    return shapely.simplify(shapes, unit, preserve_topology=True)


def _picked(every: list[dict[str, Any]]) -> Properties:
    """Properties of the positions asked, from a list of them all."""
    return lambda found: [every[i] for i in found]


def _municipalities(
    catalog: Catalog, tile: TileAddress, view: View, lang: str
) -> tuple[Shapes, Properties]:
    layer = catalog.layer(Kind.MUNICIPALITIES).frame

    def projected() -> np.ndarray:
        return _mercator(layer.geometry.to_numpy(), layer.crs)

    def at_zoom() -> Shapes:
        shapes = catalog.derived("tile shapes", "municipalities", projected, 1)
        return Shapes.of(simplified(shapes, tile.unit))

    def figures() -> list[dict[str, Any]]:
        codes = layer["code"].astype(str).to_numpy()
        properties = municipality_properties(catalog, codes, view, lang)
        # Where the page's emphasis circle goes: a tile carries numbers, not lists.
        lonlat = layer.geometry.to_crs("EPSG:4326") if layer.crs else layer.geometry
        for props, (lon, lat) in zip(properties, anchors(lonlat.to_numpy()), strict=True):
            props |= {"anchor_lon": lon, "anchor_lat": lat}
        return properties

    shapes = catalog.derived("tile zooms", ("municipalities", tile.z), at_zoom, 32)
    every = catalog.derived("tile properties", ("municipalities", view, lang), figures, 64)
    return shapes, _picked(every)


def _cells(catalog: Catalog, tile: TileAddress, view: View, lang: str) -> tuple[Shapes, Properties]:
    # The region's own levels: a province seen whole gets the overview's cells, as its page does.
    level = level_for_zoom(tile.z, levels_for(places.region(catalog).bounds))

    def build() -> tuple[Shapes, list[dict[str, Any]]]:
        found = household_cells(catalog, level, view.threshold, view.technologies)
        return Shapes.of(_mercator(found.polygons, None)), cell_properties(found, lang)

    key = ("cells", level.number, view.threshold, view.technologies, lang)
    shapes, every = catalog.derived("tile properties", key, build, 64)
    return shapes, _picked(every)


def household_properties(catalog: Catalog, view: View) -> Properties:
    """Per household asked for: its id, class in ``view`` (index in ``CLASSES``), dwellings."""
    frame = catalog.layer(Kind.HOUSEHOLDS).frame

    def columns() -> tuple[np.ndarray, np.ndarray]:
        ids = frame["phh_id"].astype(str).to_numpy(dtype=object)
        return ids, frame["dwellings"].to_numpy(np.float64, na_value=np.nan)

    # Millions of Arrow strings made Python objects once per catalogue, not once per tile.
    ids, dwellings = catalog.derived("tile household columns", None, columns, 1)
    classes = catalog.household_classes(view.threshold, view.technologies)

    def properties(found: np.ndarray) -> list[dict[str, Any]]:
        return [
            {"phh_id": str(ids[i]), "cls": int(classes[i])}
            | ({} if np.isnan(dwellings[i]) else {"dwellings": float(dwellings[i])})
            for i in found
        ]

    return properties


def _households(
    catalog: Catalog, tile: TileAddress, view: View, lang: str
) -> tuple[Shapes, Properties]:
    frame = catalog.layer(Kind.HOUSEHOLDS).frame

    def points() -> Shapes:
        return Shapes.of(_mercator(frame.geometry.to_numpy(), frame.crs))

    shapes = catalog.derived("tile zooms", "households", points, 32)
    return shapes, household_properties(catalog, view)


Source = Callable[[Catalog, TileAddress, View, str], tuple[Shapes, Properties]]
SOURCES: dict[str, Source] = {
    "municipalities": _municipalities,
    "cells": _cells,
    "households": _households,
}
