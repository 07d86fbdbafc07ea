"""Levels of detail: what the maps send for each range of zoom levels."""

from __future__ import annotations

import math
from dataclasses import dataclass

from app.errors import NotFoundError

MIN_ZOOM, MAX_ZOOM = 6, 13
# Web Mercator metres per pixel at zoom 0 (256-pixel tiles).
METRES_PER_PIXEL_Z0 = 156_543.033_92
# Coordinate decimals sent to browsers (about 10 cm). Fewer would be invisible too, but rounding
# to 1e-5 degrees or coarser folds a few tiny islets and crossings of simplified rings.
DECIMALS = 6
TILE_PIXELS = 256
FIT_PIXELS = 320  # a phone's width: the whole region fits it at the map's lowest zoom
CELL_DECIMALS = 4  # hexagons are independent shapes: 10 m is well under a pixel of theirs


@dataclass(frozen=True)
class Level:
    """The detail sent for zoom levels up to ``max_zoom``."""

    number: int
    max_zoom: int
    cell_radius_m: float  # household cells: hexagon centre-to-corner distance

    @property
    def tolerance(self) -> float:
        """Coverage simplification tolerance in Web Mercator metres: half a pixel."""
        return 0.5 * METRES_PER_PIXEL_Z0 / 2**self.max_zoom


LEVELS: tuple[Level, ...] = (
    Level(0, max_zoom=8, cell_radius_m=4000.0),
    Level(1, max_zoom=10, cell_radius_m=1500.0),
    Level(2, max_zoom=MAX_ZOOM, cell_radius_m=500.0),
)
# Below MIN_ZOOM: a province-sized region seen whole (only its maps zoom out that far), with
# household cells a few pixels wide there, their number bounded by the region's area.
OVERVIEW = Level(len(LEVELS), max_zoom=MIN_ZOOM - 1, cell_radius_m=25_000.0)


def level(number: int) -> Level:
    """The level numbered ``number``, or a not-found error naming the valid ones."""
    if 0 <= number < len(LEVELS):
        return LEVELS[number]
    if number == OVERVIEW.number:
        return OVERVIEW
    raise NotFoundError("maps.level_unknown", level=number, last=OVERVIEW.number)


def levels_for(bounds: tuple[float, float, float, float]) -> tuple[Level, ...]:
    """The levels a map of ``bounds`` uses, coarsest first: the overview if it zooms out so far."""
    return (OVERVIEW, *LEVELS) if min_zoom(bounds) < MIN_ZOOM else LEVELS


def level_for_zoom(zoom: float, levels: tuple[Level, ...] = LEVELS) -> Level:
    """The level of ``levels`` a map at ``zoom`` needs (the same rule as static/gim-map.js)."""
    return next((item for item in levels if zoom <= item.max_zoom), levels[-1])


def min_zoom(bounds: tuple[float, float, float, float]) -> int:
    """The lowest zoom a map of ``bounds`` (lon/lat) allows.

    That is MIN_ZOOM, or lower for an area (the province) too wide for a phone's screen there.
    """
    west, south, east, north = bounds
    width = (east - west) / 360 * TILE_PIXELS
    height = (_mercator_y(north) - _mercator_y(south)) / (2 * math.pi) * TILE_PIXELS
    fits = math.floor(math.log2(FIT_PIXELS / max(width, height, 1e-9)))
    return max(0, min(MIN_ZOOM, fits))


def _mercator_y(latitude: float) -> float:
    """Web Mercator's y of a latitude, in radians of the equator."""
    return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))
