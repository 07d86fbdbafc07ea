"""Classes and colours of the map layers; every class has a text label for the legend."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Swatch:
    """One class of a layer: its colour and the message key of its label."""

    colour: str
    label: str


# Served share of dwellings (ColorBrewer RdYlBu, colour-blind safe): red where homes lack service.
SHARE_BREAKS = (0.5, 0.8, 0.9, 1.0)
SHARE_CLASSES = (
    Swatch("#d73027", "maps.legend.share_0"),
    Swatch("#fc8d59", "maps.legend.share_1"),
    Swatch("#fee090", "maps.legend.share_2"),
    Swatch("#91bfdb", "maps.legend.share_3"),
    Swatch("#4575b4", "maps.legend.share_4"),
    Swatch("#b8a9c9", "maps.legend.unknown"),  # most dwellings unknown: the source cannot tell
    Swatch("#8c8c8c", "maps.legend.no_data"),  # no dwellings (TNO) or no households
)
NO_DATA = len(SHARE_CLASSES) - 1
UNKNOWN = NO_DATA - 1
UNKNOWN_MOST = 0.5  # an area whose dwellings are mostly "unknown" is drawn as unknown

# Share of dwellings without LTE mobile (ColorBrewer Oranges): dark where phones fail.
LTE_BREAKS = (0.01, 0.1, 0.25, 0.5)
LTE_CLASSES = (
    Swatch("#feedde", "maps.legend.lte_0"),
    Swatch("#fdbe85", "maps.legend.lte_1"),
    Swatch("#fd8d3c", "maps.legend.lte_2"),
    Swatch("#e6550d", "maps.legend.lte_3"),
    Swatch("#a63603", "maps.legend.lte_4"),
    Swatch("#8c8c8c", "maps.legend.no_data"),
)

# Dwellings below the threshold in a household cell (ColorBrewer Purples).
CELL_BREAKS = (10, 50, 200)
CELL_CLASSES = (
    Swatch("#cbc9e2", "maps.legend.cells_0"),
    Swatch("#9e9ac8", "maps.legend.cells_1"),
    Swatch("#6a51a3", "maps.legend.cells_2"),
    Swatch("#3f007d", "maps.legend.cells_3"),
)

# Community points, by their most limiting backbone flag.
POINT_CLASSES = (
    Swatch("#b2182b", "maps.legend.point_satellite"),
    Swatch("#ef8a62", "maps.legend.point_no_fibre"),
    Swatch("#2166ac", "maps.legend.point_cti"),
    Swatch("#ffffff", "maps.legend.point_other"),
)
POINT_FLAGS = ("satellite_dependent", "no_fibre_backbone", "cti_backbone")

OUTLINE_COLOUR = "#1a1a1a"


def share_classes(shares: np.ndarray, unknown: np.ndarray | None = None) -> np.ndarray:
    """The class of each served share; mostly unknown gets ``UNKNOWN``, NaN ``NO_DATA``."""
    shares = np.asarray(shares, dtype=float)
    classes = np.digitize(np.nan_to_num(shares), SHARE_BREAKS)
    if unknown is not None:
        classes = np.where(np.nan_to_num(unknown) >= UNKNOWN_MOST, UNKNOWN, classes)
    return np.where(np.isnan(shares), NO_DATA, classes)


def lte_classes(shares: np.ndarray) -> np.ndarray:
    """The class of each share of dwellings without LTE; NaN (no dwellings) gets no data."""
    shares = np.asarray(shares, dtype=float)
    classes = np.digitize(np.nan_to_num(shares), LTE_BREAKS)
    return np.where(np.isnan(shares), len(LTE_CLASSES) - 1, classes)


def cell_classes(dwellings: np.ndarray) -> np.ndarray:
    """The class of each cell by its dwellings below the threshold."""
    return np.digitize(np.asarray(dwellings, dtype=float), CELL_BREAKS)


def point_classes(flags: np.ndarray) -> np.ndarray:
    """The class of each point: its first true flag in ``POINT_FLAGS``, else the last class."""
    flags = np.asarray(flags, dtype=bool).reshape(-1, len(POINT_FLAGS))
    first = np.argmax(flags, axis=1)
    return np.where(flags.any(axis=1), first, len(POINT_FLAGS))


def colours(swatches: tuple[Swatch, ...]) -> list[str]:
    """The colours of a layer's classes, in class order (for the browser)."""
    return [swatch.colour for swatch in swatches]
