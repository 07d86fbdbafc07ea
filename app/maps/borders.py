"""Municipality borders simplified for a zoom level, with shared borders kept identical.

The polygons are projected to Web Mercator, where a pixel is the same length everywhere at one
zoom, cleaned into a valid coverage once per catalogue (the source polygons overlap by a few
metres in places), then simplified as a coverage: neighbours keep one common border, so no
sliver or gap opens between them. MRC outlines are the union of their simplified municipalities,
so they follow the same lines and enclose exactly the areas whose figures the maps show.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyproj
import shapely

from app.catalog import Catalog
from app.layers.kinds import Kind
from app.maps.zoom import DECIMALS, Level

MERCATOR, LONLAT = "EPSG:3857", "EPSG:4326"
_TO_LONLAT = pyproj.Transformer.from_crs(MERCATOR, LONLAT, always_xy=True)


@dataclass(frozen=True, eq=False)
class Coverage:
    """Municipality polygons in Web Mercator, forming a valid coverage, in layer order."""

    codes: np.ndarray
    mrc_codes: np.ndarray
    polygons: np.ndarray


@dataclass(frozen=True, eq=False)
class Borders:
    """Simplified municipality polygons and MRC outlines, in longitude/latitude."""

    codes: np.ndarray
    mrc_codes: np.ndarray
    municipalities: np.ndarray
    mrcs: np.ndarray  # outlines of ``mrc_list``, same order
    mrc_list: np.ndarray


def coverage(catalog: Catalog) -> Coverage:
    """The cleaned coverage of the catalogue's municipalities (built once per catalogue)."""
    return catalog.derived("coverage", None, lambda: _clean(catalog), size=1)


def borders(catalog: Catalog, level: Level) -> Borders:
    """Municipality polygons and MRC outlines at the detail of ``level``."""
    return catalog.derived("borders", level.number, lambda: simplify(coverage(catalog), level))


def _clean(catalog: Catalog) -> Coverage:
    frame = catalog.layer(Kind.MUNICIPALITIES).frame
    projected = frame.geometry.to_crs(MERCATOR).to_numpy()
    return Coverage(
        codes=frame["code"].astype(str).to_numpy(),
        mrc_codes=frame["mrc_code"].astype(str).to_numpy(),
        polygons=shapely.coverage_clean(projected),
    )


def simplify(cover: Coverage, level: Level) -> Borders:
    """Simplify a coverage for ``level`` and dissolve it into MRC outlines."""
    polygons = shapely.coverage_simplify(cover.polygons, level.tolerance)
    mrc_list = np.unique(cover.mrc_codes)
    outlines = np.array(
        [shapely.coverage_union_all(polygons[cover.mrc_codes == code]) for code in mrc_list],
        dtype=object,
    )
    return Borders(
        codes=cover.codes,
        mrc_codes=cover.mrc_codes,
        municipalities=to_lonlat(polygons, DECIMALS),
        mrcs=to_lonlat(outlines, DECIMALS),
        mrc_list=mrc_list,
    )


def to_lonlat(geometries: np.ndarray, decimals: int) -> np.ndarray:
    """Web Mercator geometries in longitude/latitude, rounded to ``decimals``.

    Rounding is per vertex, so a vertex shared by two polygons stays shared.
    """

    def project(coordinates: np.ndarray) -> np.ndarray:
        lon, lat = _TO_LONLAT.transform(coordinates[:, 0], coordinates[:, 1])
        return np.round(np.column_stack([lon, lat]), decimals)

    return shapely.transform(geometries, project)
