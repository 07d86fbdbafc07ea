"""Household rows read from their PostGIS table on demand: what a replica asks instead of a frame.

Every query reads one version's table (immutable once current), through its GiST index on
``geom`` or the partial one in Québec Lambert metres on homes (built with the sums, see
``app.layers.pgsums.prepare_lookup``), and gives rows in ``fid`` order, the layer's own order.
"""

from __future__ import annotations

import threading
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import psycopg
import shapely
from psycopg import sql

from app.errors import NotFoundError
from app.layers.hexgrid import HEXAGON_SQL, LAMBERT_SRID
from app.layers.households import ATTRIBUTES, CELL_FIELDS, Box
from app.layers.kinds import Kind
from app.layers.pgstore import SCHEMA, PgStore
from app.layers.pgsums import HOME

_LAMBERT = sql.SQL("ST_Transform(geom, {})").format(sql.Literal(LAMBERT_SRID))
_POINT = sql.SQL("ST_Transform(ST_SetSRID(ST_MakePoint(%(x)s, %(y)s), 4326), {})").format(
    sql.Literal(LAMBERT_SRID)
)
# The distance of the nearest home by the KNN index, then the smallest row at that distance.
NEAREST = (
    "WITH nearest AS (SELECT ST_Distance({lambert}, {point}) AS metres FROM {table} "
    "WHERE {home} ORDER BY {lambert} <-> {point} LIMIT 1) "
    "SELECT fid, phh_id, ST_X(ST_Transform(geom, 4326)), ST_Y(ST_Transform(geom, 4326)), "
    "coalesce(services, ''), lte FROM {table}, nearest WHERE {home} "
    "AND ST_DWithin({lambert}, {point}, nearest.metres) "
    "AND ST_Distance({lambert}, {point}) = nearest.metres ORDER BY fid LIMIT 1"
)
WITHIN = (
    "SELECT fid, dwellings, coalesce(services, '') FROM {table} WHERE {home} "
    "AND ST_DWithin({lambert}, {point}, %(metres)s) ORDER BY fid"
)


class PgHouseholds:
    """One households version in the PostGIS store, read by queries."""

    in_memory = False

    def __init__(self, store: PgStore, version: int) -> None:
        self.store = store
        self.version = version
        query = (
            f"SELECT table_name, columns FROM {SCHEMA}.versions WHERE kind = %s AND version = %s"
        )
        with store.connect() as connection:
            row = connection.execute(query, [str(Kind.HOUSEHOLDS), version]).fetchone()
            if row is None:
                raise NotFoundError("layer.version_unknown", kind="households", version=version)
            self.table, columns = str(row[0]), row[1]
            srid = connection.execute(
                "SELECT Find_SRID(%s, %s, 'geom')", [SCHEMA, self.table]
            ).fetchone()
        self.columns = [(str(name), str(dtype)) for name, dtype in columns]
        self.srid = int(srid[0]) if srid and srid[0] else 4326
        self._identifier = sql.Identifier(SCHEMA, self.table)
        self._bounds: list[float] | None = None
        self._local = threading.local()  # one open connection per thread: no connect per query

    def frame(self) -> gpd.GeoDataFrame:
        """Every row, read and verified as the store reads any version."""
        frame, _meta = self.store.read(Kind.HOUSEHOLDS, self.version)
        return frame

    def bounds(self) -> list[float]:
        """West, south, east, north in longitude/latitude (of every point: read once)."""
        if self._bounds is None:
            query = sql.SQL(
                "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
                "(SELECT ST_Extent(ST_Transform(geom, 4326)) AS e FROM {}) extent"
            ).format(self._identifier)
            row = self._one(query, [])
            self._bounds = [float("nan") if value is None else float(value) for value in row]
        return list(self._bounds)

    def template(self) -> gpd.GeoDataFrame:
        """No row, but every column with the layer's dtypes."""
        return self._features(sql.SQL("false"), [], sql.SQL(""), [])

    def page(self, bbox: Box | None, offset: int, limit: int) -> tuple[int, gpd.GeoDataFrame]:
        """How many rows meet ``bbox`` (lon/lat), and those from ``offset`` (index: row)."""
        where, params = self._in_box(bbox)
        count = sql.SQL("SELECT count(*) FROM {} WHERE {}").format(self._identifier, where)
        matched = int(self._one(count, params)[0])
        rows = self._features(where, params, sql.SQL("OFFSET %s LIMIT %s"), [offset, limit])
        return matched, rows

    def by_id(self, phh_id: str) -> gpd.GeoDataFrame:
        """The first row of that id (none if unknown), indexed by its row."""
        where = sql.SQL("phh_id = %s")
        return self._features(where, [phh_id], sql.SQL("LIMIT 1"), [])

    def in_area(self, area: shapely.Geometry) -> pd.DataFrame:
        """The rows whose point meets ``area`` (lon/lat): ``ATTRIBUTES``, indexed by row."""
        shape = sql.SQL("ST_Transform(ST_GeomFromWKB(%s, 4326), {})").format(sql.Literal(self.srid))
        query = sql.SQL(
            "SELECT fid, dwellings, population, services, lte FROM {} "
            "WHERE geom && {shape} AND ST_Intersects(geom, {shape}) ORDER BY fid"
        ).format(self._identifier, shape=shape)
        wkb = shapely.to_wkb(area)
        rows = self._all(query, [wkb, wkb])
        return self._typed(rows, ["fid", *ATTRIBUTES]).set_index("fid").rename_axis(None)

    def attributes(self, rows: np.ndarray) -> pd.DataFrame:
        """``ATTRIBUTES`` of these rows, indexed by row, in the order given."""
        wanted = np.asarray(rows, dtype=np.int64)
        query = sql.SQL(
            "SELECT fid, dwellings, population, services, lte FROM {} WHERE fid = ANY(%s)"
        ).format(self._identifier)
        found = self._typed(self._all(query, [wanted.tolist()]), ["fid", *ATTRIBUTES])
        return found.set_index("fid").rename_axis(None).reindex(wanted)

    def cell_sums(self, radius_m: float) -> pd.DataFrame:
        """Dwellings of the homes per (hexagonal cell of ``radius_m``, services, LTE)."""
        points = sql.SQL(
            "WITH points AS (SELECT ST_X(p) AS x, ST_Y(p) AS y, services, lte, dwellings FROM ("
            "SELECT ST_Transform(geom, {}) AS p, coalesce(services, '') AS services, "
            "coalesce(lte, -1) AS lte, dwellings FROM {} WHERE {}) projected) "
        ).format(sql.Literal(LAMBERT_SRID), self._identifier, sql.SQL(HOME))
        cells = points + sql.SQL(HEXAGON_SQL.replace("WITH fractional", ", fractional"))
        rows = self._all(cells, {"radius": float(radius_m)})
        frame = pd.DataFrame(rows, columns=list(CELL_FIELDS))
        return frame.astype({"q": np.int64, "r": np.int64, "lte": np.int64, "dwellings": float})

    def nearest_home(self, longitude: float, latitude: float) -> tuple[Any, ...] | None:
        """The home nearest the point in Lambert metres (smallest row on ties), by KNN.

        Row, id, longitude, latitude, services text and LTE of the home.
        """
        found = self._all(self._near(NEAREST), {"x": longitude, "y": latitude})
        return tuple(found[0]) if found else None

    def homes_within(self, longitude: float, latitude: float, radius_m: float) -> pd.DataFrame:
        """The homes within ``radius_m`` Lambert metres of the point: row, dwellings, services."""
        params = {"x": longitude, "y": latitude, "metres": float(radius_m)}
        rows = self._all(self._near(WITHIN), params)
        return pd.DataFrame(rows, columns=["row", "dwellings", "services"]).astype(
            {"row": np.int64, "dwellings": float}
        )

    def _near(self, query: str) -> sql.Composed:
        """A query around a point of this table's homes, in Lambert metres."""
        return sql.SQL(query).format(
            table=self._identifier, lambert=_LAMBERT, point=_POINT, home=sql.SQL(HOME)
        )

    def _in_box(self, bbox: Box | None) -> tuple[sql.Composable, list[Any]]:
        """The condition of rows meeting ``bbox`` (every row without one)."""
        if bbox is None:
            return sql.SQL("true"), []
        box = sql.SQL("ST_Transform(ST_MakeEnvelope(%s, %s, %s, %s, 4326), {})").format(
            sql.Literal(self.srid)
        )
        where = sql.SQL("geom && {box} AND ST_Intersects(geom, {box})").format(box=box)
        return where, [*bbox, *bbox]

    def _features(
        self, where: sql.Composable, params: list[Any], tail: sql.Composable, more: list[Any]
    ) -> gpd.GeoDataFrame:
        """The rows meeting ``where``, in row order, with the layer's dtypes (index: row)."""
        names = [name for name, _dtype in self.columns]
        query = sql.SQL("SELECT fid, {}, ST_AsEWKB(geom) FROM {} WHERE {} ORDER BY fid {}").format(
            sql.SQL(", ").join(map(sql.Identifier, names)), self._identifier, where, tail
        )
        rows = self._all(query, [*params, *more])
        attributes = self._typed([row[:-1] for row in rows], ["fid", *names])
        geometry = shapely.from_wkb([bytes(row[-1]) if row[-1] else None for row in rows])
        geometry = shapely.set_srid(np.asarray(geometry, dtype=object), 0)
        frame = gpd.GeoDataFrame(
            attributes.drop(columns="fid"),
            geometry=gpd.GeoSeries(geometry, index=attributes.index),
            crs=f"EPSG:{self.srid}",
        )
        return frame.set_axis(pd.Index(attributes["fid"].to_numpy(np.int64)))

    def _typed(self, rows: list[Any], names: list[str]) -> pd.DataFrame:
        """Rows as columns with the dtypes the layer was written with."""
        dtypes = dict(self.columns) | {"fid": "int64"}
        columns: list[Any] = list(zip(*rows, strict=True)) if rows else [[] for _ in names]
        return pd.DataFrame(
            {
                name: pd.Series(list(values), dtype=dtypes.get(name, "object"))
                for name, values in zip(names, columns, strict=True)
            }
        )

    def _one(self, query: sql.Composed, params: Any) -> tuple[Any, ...]:
        found = self._all(query, params)
        return tuple(found[0])

    def _all(self, query: sql.Composed, params: Any) -> list[Any]:
        connection = getattr(self._local, "connection", None)
        if connection is None or connection.closed:
            connection = self._local.connection = self.store.connect(autocommit=True)
        try:
            return connection.execute(query, params).fetchall()
        except psycopg.OperationalError:  # the server went away: once more on a new connection
            connection.close()
            self._local.connection = self.store.connect(autocommit=True)
            return self._local.connection.execute(query, params).fetchall()
