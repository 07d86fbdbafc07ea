"""Where the household rows of the current version are read: a frame in memory, or PostGIS.

A view that needs households, not their sums, asks a ``HouseholdSource``: the points in a drawn
area, a page of features, the dwellings per hexagonal cell, the nearest homes. ``FrameHouseholds``
answers from the layer in memory; ``PgHouseholds`` (``app.layers.pghouseholds``) by queries on the
version's table, so a replica never holds the households. Both answer the same, row for row:
rows are the positions in the layer (the table's ``fid``), always in that order.
"""

from __future__ import annotations

from typing import Protocol

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from app.layers.hexgrid import LAMBERT, hexagon_of

GEOGRAPHIC_CRS = "EPSG:4326"
ATTRIBUTES = ("dwellings", "population", "services", "lte")
CELL_FIELDS = ("q", "r", "services", "lte", "dwellings")
Box = tuple[float, float, float, float]


class HouseholdSource(Protocol):
    """The household rows of one layer version, wherever they are kept."""

    in_memory: bool

    def frame(self) -> gpd.GeoDataFrame:
        """Every row: a replica reads the whole table for this (the views try not to ask)."""
        ...

    def bounds(self) -> list[float]:
        """West, south, east, north in longitude/latitude."""
        ...

    def template(self) -> gpd.GeoDataFrame:
        """No row, but every column with the layer's dtypes."""
        ...

    def page(self, bbox: Box | None, offset: int, limit: int) -> tuple[int, gpd.GeoDataFrame]:
        """How many rows meet ``bbox`` (lon/lat), and those from ``offset`` (index: row)."""
        ...

    def by_id(self, phh_id: str) -> gpd.GeoDataFrame:
        """The first row of that id (none if unknown), indexed by its row."""
        ...

    def in_area(self, area: shapely.Geometry) -> pd.DataFrame:
        """The rows whose point meets ``area`` (lon/lat): ``ATTRIBUTES``, indexed by row."""
        ...

    def attributes(self, rows: np.ndarray) -> pd.DataFrame:
        """``ATTRIBUTES`` of these rows, indexed by row, in the order given."""
        ...

    def cell_sums(self, radius_m: float) -> pd.DataFrame:
        """Dwellings of the homes per (hexagonal cell of ``radius_m``, services, LTE)."""
        ...


class FrameHouseholds:
    """The households layer in memory."""

    in_memory = True

    def __init__(self, frame: gpd.GeoDataFrame) -> None:
        self._frame = frame

    def frame(self) -> gpd.GeoDataFrame:
        """The layer itself."""
        return self._frame

    def bounds(self) -> list[float]:
        """West, south, east, north in longitude/latitude."""
        return [float(value) for value in _lonlat(self._frame).total_bounds]

    def template(self) -> gpd.GeoDataFrame:
        """No row, but every column with the layer's dtypes."""
        return self._frame.head(0)

    def page(self, bbox: Box | None, offset: int, limit: int) -> tuple[int, gpd.GeoDataFrame]:
        """How many rows meet ``bbox``, and those from ``offset`` (index: row)."""
        if bbox is None:
            rows = np.arange(len(self._frame))
        else:
            found = self._frame.sindex.query(shapely.box(*bbox), predicate="intersects")
            rows = np.sort(found)
        return len(rows), self._rows(rows[offset : offset + limit])

    def by_id(self, phh_id: str) -> gpd.GeoDataFrame:
        """The first row of that id (none if unknown), indexed by its row."""
        rows = np.flatnonzero(self._frame["phh_id"].astype(str).to_numpy() == phh_id)
        return self._rows(rows[:1])

    def in_area(self, area: shapely.Geometry) -> pd.DataFrame:
        """The rows whose point meets ``area``: ``ATTRIBUTES``, indexed by row."""
        rows = np.sort(self._frame.sindex.query(area, predicate="intersects"))
        return pd.DataFrame(self._rows(rows)[list(ATTRIBUTES)])

    def attributes(self, rows: np.ndarray) -> pd.DataFrame:
        """``ATTRIBUTES`` of these rows, indexed by row, in the order given."""
        return pd.DataFrame(self._rows(np.asarray(rows, dtype=np.int64))[list(ATTRIBUTES)])

    def cell_sums(self, radius_m: float) -> pd.DataFrame:
        """Dwellings of the homes per (hexagonal cell of ``radius_m``, services, LTE)."""
        frame = self._frame
        points = frame.geometry.to_crs(LAMBERT).to_numpy()
        x, y = shapely.get_x(points), shapely.get_y(points)
        dwellings = np.nan_to_num(frame["dwellings"].to_numpy(np.float64, na_value=0.0))
        homes = (dwellings > 0) & np.isfinite(x) & np.isfinite(y)
        q, r = hexagon_of(x[homes], y[homes], radius_m)
        cells = pd.DataFrame(
            {
                "q": q,
                "r": r,
                "services": frame["services"].fillna("").astype(str).to_numpy(object)[homes],
                "lte": pd.to_numeric(frame["lte"], errors="coerce").fillna(-1).to_numpy()[homes],
                "dwellings": dwellings[homes],
            }
        )
        summed = cells.groupby(list(CELL_FIELDS[:4]), sort=True, as_index=False)["dwellings"]
        return summed.sum()

    def _rows(self, rows: np.ndarray) -> gpd.GeoDataFrame:
        """The rows at these positions, indexed by them."""
        return self._frame.iloc[rows].set_axis(pd.Index(rows, dtype=np.int64))


def _lonlat(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return frame if frame.crs is None else frame.to_crs(GEOGRAPHIC_CRS)
