"""Households below a threshold, counted in hexagonal cells sized for the zoom.

Pages never carry household points: a map shows, per hexagon, how many dwellings are unserved
and underserved. Hexagons are laid out in Québec Lambert (EPSG:32198, metres) from a fixed
origin (``app.layers.hexgrid``), so a cell is the same at every threshold and every reload.
The dwellings per (cell, services key) come once per level from the households source (summed
by PostGIS for a replica); a threshold then only classifies the keys.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyproj
import shapely

from app.catalog import Catalog
from app.gaps.engine import UNDERSERVED, UNSERVED
from app.gaps.threshold import Threshold
from app.layers.hexgrid import LAMBERT
from app.maps.zoom import CELL_DECIMALS, Level
from app.vocabulary import DEFAULT_CHOICE, TechnologyChoice

_TO_LONLAT = pyproj.Transformer.from_crs(LAMBERT, "EPSG:4326", always_xy=True)
_SQRT3 = np.sqrt(3.0)
_CORNER_ANGLES = np.radians(30.0 + 60.0 * np.arange(7))  # pointy-top hexagon, ring closed


@dataclass(frozen=True, eq=False)
class Cells:
    """Hexagons holding dwellings below a threshold, with their counts."""

    polygons: np.ndarray  # longitude/latitude
    unserved: np.ndarray  # dwellings
    underserved: np.ndarray

    @property
    def below(self) -> np.ndarray:
        """Dwellings below the threshold: unserved plus underserved."""
        return self.unserved + self.underserved


def household_cells(
    catalog: Catalog,
    level: Level,
    threshold: Threshold,
    technologies: TechnologyChoice = DEFAULT_CHOICE,
) -> Cells:
    """The cells of ``level`` where some dwellings are below ``threshold``."""
    key = (level.number, threshold, technologies)
    return catalog.derived(
        "cells", key, lambda: _count(catalog, level, threshold, technologies), size=64
    )


def hexagon_corners(q: np.ndarray, r: np.ndarray, radius: float) -> np.ndarray:
    """The closed ring of corners of each hexagon, shape (n, 7, 2), in the grid's metres."""
    centre_x = radius * _SQRT3 * (q + r / 2.0)
    centre_y = radius * 1.5 * r
    x = centre_x[:, None] + radius * np.cos(_CORNER_ANGLES)[None, :]
    y = centre_y[:, None] + radius * np.sin(_CORNER_ANGLES)[None, :]
    return np.stack([x, y], axis=-1)


def _count(
    catalog: Catalog, level: Level, threshold: Threshold, technologies: TechnologyChoice
) -> Cells:
    sums = catalog.derived(
        "household cell sums",
        level.number,
        lambda: catalog.households.cell_sums(level.cell_radius_m),
        size=8,
    )
    classes = catalog.gaps.key_classes(threshold, technologies)[catalog.gaps.keys_of(sums)]
    below = np.isin(classes, (UNSERVED, UNDERSERVED))
    q, r = sums["q"].to_numpy()[below], sums["r"].to_numpy()[below]
    cells, cell_of = np.unique(np.column_stack([q, r]), axis=0, return_inverse=True)
    cell_of = cell_of.ravel()
    dwellings = sums["dwellings"].to_numpy(float)[below]
    unserved = classes[below] == UNSERVED

    def total(weights: np.ndarray) -> np.ndarray:
        return np.bincount(cell_of, weights, minlength=len(cells))

    corners = hexagon_corners(cells[:, 0], cells[:, 1], level.cell_radius_m)
    return Cells(
        polygons=_polygons_lonlat(corners, CELL_DECIMALS),
        unserved=total(np.where(unserved, dwellings, 0.0)),
        underserved=total(np.where(unserved, 0.0, dwellings)),
    )


def _polygons_lonlat(corners: np.ndarray, decimals: int) -> np.ndarray:
    """Polygons from rings of Lambert corners, in rounded longitude/latitude."""
    flat = corners.reshape(-1, 2)
    lon, lat = _TO_LONLAT.transform(flat[:, 0], flat[:, 1])
    rings = np.round(np.column_stack([lon, lat]), decimals).reshape(corners.shape)
    return shapely.polygons(rings) if len(rings) else np.empty(0, dtype=object)
