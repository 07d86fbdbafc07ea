"""Vector tiles from the PostGIS store: one ``ST_AsMVT`` query on the version's table per tile.

The figures come from the gap engine, as for the embedded store. A municipality's are joined in
from ``gim.tile_figures``, an unlogged table where each set of figures (a catalogue, view and
language) is written once, by the first process that needs it, and kept a day: sending them
with every tile would cost more than the tile (1,100 municipalities, 0.5 MB). A household's
class is joined by the engine's (services, LTE) key, sent as arrays (a few hundred keys,
however many households). Cells, which the engine derives from the households' classes, are
sent with their shapes (those of the tile, chosen by their STR-tree).
``ST_TileEnvelope`` gives the tile, ``ST_AsMVTGeom`` clips to its buffer and quantizes.
"""

from __future__ import annotations

import hashlib
import queue
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import orjson
import pandas as pd
import psycopg
import shapely
from psycopg import sql

from app.catalog import Catalog
from app.layers.kinds import Kind
from app.layers.pgstore import SCHEMA, PgStore, _table
from app.maps import tiles
from app.maps.places import View
from app.maps.tiles import BUFFER, EXTENT, TileAddress

# The tile, and its buffer in the table's coordinates (for the GiST index).
_AREA = """area AS (
    SELECT ST_TileEnvelope(%(z)s, %(x)s, %(y)s) AS tile,
           ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => %(margin)s), %(srid)s)
               AS wide
)"""
_ENCODE = "SELECT ST_AsMVT(t, %(layer)s, {extent}, 'geom', 'fid') FROM ({rows}) t"
_GEOM = "ST_AsMVTGeom({shape}, area.tile, {extent}, {buffer}, true) AS geom"
_SIMPLIFIED = "ST_SimplifyPreserveTopology(ST_Transform(m.geom, 3857), %(unit)s)"
_MUNICIPALITIES = f"""WITH {_AREA}
SELECT * FROM (
    SELECT m.fid, f.props, {_GEOM.format(shape=_SIMPLIFIED, extent=EXTENT, buffer=BUFFER)}
    FROM {{table}} m JOIN {SCHEMA}.tile_figures f
        ON f.figures = %(figures)s AND f.fid = m.fid, area
    WHERE m.geom && area.wide
) found WHERE geom IS NOT NULL"""
_HOUSEHOLDS = f"""WITH keys (services, lte, cls) AS (
    SELECT * FROM unnest(%(services)s::text[], %(lte)s::double precision[], %(classes)s::int[])
), {_AREA}
SELECT * FROM (
    SELECT h.fid, h.phh_id, k.cls, h.dwellings,
           {_GEOM.format(shape="ST_Transform(h.geom, 3857)", extent=EXTENT, buffer=BUFFER)}
    FROM {{table}} h JOIN keys k
        ON k.services = coalesce(h.services, '') AND k.lte = coalesce(h.lte, -1), area
    WHERE h.geom && area.wide
) found WHERE geom IS NOT NULL"""
_CELLS = f"""WITH cells (fid, cls, below, unserved_dwellings, underserved_dwellings, shape) AS (
    SELECT * FROM unnest(%(fids)s::bigint[], %(cls)s::bigint[], %(below)s::text[],
                         %(unserved)s::text[], %(underserved)s::text[], %(shapes)s::bytea[])
), {_AREA}
SELECT * FROM (
    SELECT c.fid, c.cls, c.below, c.unserved_dwellings, c.underserved_dwellings,
           {_GEOM.format(shape="ST_GeomFromWKB(c.shape, 3857)", extent=EXTENT, buffer=BUFFER)}
    FROM cells c, area
) found WHERE geom IS NOT NULL"""


FIGURES_DDL = f"""CREATE UNLOGGED TABLE IF NOT EXISTS {SCHEMA}.tile_figures (
    figures text NOT NULL,
    fid bigint NOT NULL,
    props jsonb NOT NULL,
    made timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (figures, fid)
)"""
FIGURES_LOCK = 0x67696D2D74696C65  # "gim-tile": one writer of figures at a time
KEPT = "1 day"  # sets of figures older than this are dropped when a new set is written


class Connections:
    """Connections to the store kept open between tiles (a few idle; a broken one closed).

    A new connection loads PostGIS and PROJ anew: about 20 ms, most of a tile's time.
    """

    def __init__(self, store: PgStore, keep: int = 8) -> None:
        self.store = store
        self.keep = keep
        self._idle: queue.SimpleQueue[psycopg.Connection[Any]] = queue.SimpleQueue()

    @contextmanager
    def borrowed(self) -> Iterator[psycopg.Connection[Any]]:
        """An open connection (autocommit), given back afterwards."""
        try:
            connection = self._idle.get_nowait()
        except queue.Empty:
            connection = self.store.connect(autocommit=True)
        try:
            yield connection
        except BaseException:
            connection.close()
            raise
        if connection.closed or self._idle.qsize() >= self.keep:
            connection.close()
        else:
            self._idle.put(connection)


def tile(
    catalog: Catalog, connections: Connections, tile: TileAddress, view: View, lang: str
) -> bytes:
    """The tile's bytes (empty when nothing lies there), encoded by the database."""
    with connections.borrowed() as connection:
        query, params = QUERIES[tile.layer](connection, catalog, tile, view, lang)
        params |= {"z": tile.z, "x": tile.x, "y": tile.y, "margin": BUFFER / EXTENT}
        params |= {"layer": tile.layer, "unit": tile.unit}
        row = connection.execute(query, params, binary=True).fetchone()
    return bytes(row[0]) if row and row[0] else b""


def figures_table(
    connection: psycopg.Connection[Any], name: str, rows: Callable[[], list[dict[str, Any]]]
) -> None:
    """Make sure ``gim.tile_figures`` holds the set ``name`` (row ``fid`` -> ``rows()[fid]``)."""
    query = f"SELECT EXISTS (SELECT 1 FROM {SCHEMA}.tile_figures WHERE figures = %s)"
    with connection.transaction():
        connection.execute("SELECT pg_advisory_xact_lock_shared(%s)", [FIGURES_LOCK])
        exists = connection.execute(
            "SELECT to_regclass(%s) IS NOT NULL", [f"{SCHEMA}.tile_figures"]
        )
        row = exists.fetchone()
        if row and row[0] and (found := connection.execute(query, [name]).fetchone()) and found[0]:
            return
    with connection.transaction():
        connection.execute("SELECT pg_advisory_xact_lock(%s)", [FIGURES_LOCK])
        connection.execute(FIGURES_DDL)
        found = connection.execute(query, [name]).fetchone()
        if found and found[0]:
            return  # another process wrote it meanwhile
        connection.execute(
            f"DELETE FROM {SCHEMA}.tile_figures WHERE made < now() - interval '{KEPT}'"
        )
        copy_in = f"COPY {SCHEMA}.tile_figures (figures, fid, props) FROM STDIN"
        with connection.cursor().copy(copy_in) as copy:
            for fid, props in enumerate(rows()):
                copy.write_row((name, fid, _dumps(props)))


def _query(kind: Kind, catalog: Catalog, rows: str) -> tuple[sql.SQL, dict[str, Any]]:
    """The encoding query over ``rows`` on the catalogue's version of ``kind``."""
    layer = catalog.layer(kind)
    table = sql.Identifier(SCHEMA, _table(kind, layer.meta.version)).as_string()
    crs = layer.frame.crs
    # pyproj takes milliseconds to name a CRS's EPSG code: once per catalogue.
    srid = catalog.derived("srid", kind, lambda: crs.to_epsg() if crs is not None else 4326, 8)
    text = _ENCODE.format(extent=EXTENT, rows=rows.format(table=table))
    return sql.SQL(text), {"srid": srid or 4326}  # type: ignore[arg-type]


def _municipalities(
    connection: psycopg.Connection[Any],
    catalog: Catalog,
    tile: TileAddress,
    view: View,
    lang: str,
) -> tuple[sql.SQL, dict[str, Any]]:
    def figures() -> list[dict[str, Any]]:
        every = tiles.SOURCES["municipalities"](catalog, tile, view, lang)[1]
        return every(np.arange(len(catalog.layer(Kind.MUNICIPALITIES).frame)))

    words = "|".join([catalog.token, "municipalities", repr(view), lang])
    name = hashlib.blake2b(words.encode(), digest_size=12).hexdigest()
    figures_table(connection, name, figures)
    query, params = _query(Kind.MUNICIPALITIES, catalog, _MUNICIPALITIES)
    return query, params | {"figures": name}


def key_classes(catalog: Catalog, view: View) -> pd.DataFrame:
    """The engine's class of each (services, LTE) key in ``view``: a few hundred rows."""
    frame = catalog.layer(Kind.HOUSEHOLDS).frame

    def distinct() -> pd.DataFrame:
        keys = pd.DataFrame(
            {
                "services": frame["services"].fillna("").astype(str).to_numpy(),
                "lte": pd.to_numeric(frame["lte"], errors="coerce").fillna(-1).to_numpy(float),
                "cls": catalog.household_classes(view.threshold, view.technologies),
            }
        )
        return keys.drop_duplicates(["services", "lte"])

    return catalog.derived("household keys", (view.threshold, view.technologies), distinct, 64)


def _households(
    connection: psycopg.Connection[Any], catalog: Catalog, tile: TileAddress, view: View, lang: str
) -> tuple[sql.SQL, dict[str, Any]]:
    keys = key_classes(catalog, view)
    query, params = _query(Kind.HOUSEHOLDS, catalog, _HOUSEHOLDS)
    return query, params | {
        "services": keys["services"].tolist(),
        "lte": keys["lte"].tolist(),
        "classes": keys["cls"].astype(int).tolist(),
    }


def _cells(
    connection: psycopg.Connection[Any], catalog: Catalog, tile: TileAddress, view: View, lang: str
) -> tuple[sql.SQL, dict[str, Any]]:
    shapes, properties = tiles.SOURCES["cells"](catalog, tile, view, lang)
    found = shapes.within(tile)
    rows = properties(found)
    text = _CELLS.replace("{table}", "")
    columns = {name: [row[name] for row in rows] for name in CELL_COLUMNS}
    return sql.SQL(_ENCODE.format(extent=EXTENT, rows=text)), {  # type: ignore[arg-type]
        "srid": 3857,
        "fids": found.tolist(),
        "cls": columns["cls"],
        "below": columns["below"],
        "unserved": columns["unserved_dwellings"],
        "underserved": columns["underserved_dwellings"],
        "shapes": list(shapely.to_wkb(shapes.shapes[found])),
    }


CELL_COLUMNS = ("cls", "below", "unserved_dwellings", "underserved_dwellings")


def _dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


QUERIES = {"municipalities": _municipalities, "cells": _cells, "households": _households}
