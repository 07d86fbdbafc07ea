"""Vector tiles from the PostGIS store: one ``ST_AsMVT`` query on the version's table per tile.

The figures come from the gap engine, as for the embedded store: they are joined in as arrays
(``unnest``) keyed by the row's ``fid`` (municipalities), by the (services, LTE) key of the
engine (households: a few hundred rows, however many households), or carried with the shapes
(cells, which the engine derives from the households' classes, chosen by their STR-tree).
``ST_TileEnvelope`` gives the tile, ``ST_AsMVTGeom`` clips to its buffer and quantizes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import orjson
import pandas as pd
import shapely
from psycopg import sql
from psycopg.types.json import Jsonb

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
_MUNICIPALITIES = f"""WITH figures (fid, props) AS (
    SELECT * FROM unnest(%(fids)s::bigint[], %(props)s::jsonb[])
), {_AREA}
SELECT * FROM (
    SELECT m.fid, f.props, {
    _GEOM.format(
        shape="ST_SimplifyPreserveTopology(ST_Transform(m.geom, 3857), %(unit)s)",
        extent=EXTENT,
        buffer=BUFFER,
    )
}
    FROM {{table}} m JOIN figures f USING (fid), area
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
_CELLS = f"""WITH cells (fid, props, shape) AS (
    SELECT * FROM unnest(%(fids)s::bigint[], %(props)s::jsonb[], %(shapes)s::bytea[])
), {_AREA}
SELECT * FROM (
    SELECT c.fid, c.props,
           {_GEOM.format(shape="ST_GeomFromWKB(c.shape, 3857)", extent=EXTENT, buffer=BUFFER)}
    FROM cells c, area
) found WHERE geom IS NOT NULL"""


def tile(catalog: Catalog, store: PgStore, tile: TileAddress, view: View, lang: str) -> bytes:
    """The tile's bytes (empty when nothing lies there), encoded by the database."""
    query, params = QUERIES[tile.layer](catalog, tile, view, lang)
    params |= {"z": tile.z, "x": tile.x, "y": tile.y, "margin": BUFFER / EXTENT}
    params |= {"layer": tile.layer, "unit": tile.unit}
    with store.connect() as connection:
        row = connection.execute(query, params).fetchone()
    return bytes(row[0]) if row and row[0] else b""


def _query(kind: Kind, catalog: Catalog, rows: str) -> tuple[sql.SQL, dict[str, Any]]:
    """The encoding query over ``rows`` on the catalogue's version of ``kind``."""
    layer = catalog.layer(kind)
    table = sql.Identifier(SCHEMA, _table(kind, layer.meta.version)).as_string()
    srid = layer.frame.crs.to_epsg() if layer.frame.crs is not None else 4326
    text = _ENCODE.format(extent=EXTENT, rows=rows.format(table=table))
    return sql.SQL(text), {"srid": srid or 4326}  # type: ignore[arg-type]


def _municipalities(
    catalog: Catalog, tile: TileAddress, view: View, lang: str
) -> tuple[sql.SQL, dict[str, Any]]:
    def figures() -> list[Jsonb]:
        every = tiles.SOURCES["municipalities"](catalog, tile, view, lang)[1]
        count = len(catalog.layer(Kind.MUNICIPALITIES).frame)
        return [Jsonb(props, dumps=_dumps) for props in every(np.arange(count))]

    props = catalog.derived("pg tile figures", ("municipalities", view, lang), figures, 64)
    query, params = _query(Kind.MUNICIPALITIES, catalog, _MUNICIPALITIES)
    return query, params | {"fids": list(range(len(props))), "props": props}


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
    catalog: Catalog, tile: TileAddress, view: View, lang: str
) -> tuple[sql.SQL, dict[str, Any]]:
    keys = key_classes(catalog, view)
    query, params = _query(Kind.HOUSEHOLDS, catalog, _HOUSEHOLDS)
    return query, params | {
        "services": keys["services"].tolist(),
        "lte": keys["lte"].tolist(),
        "classes": keys["cls"].astype(int).tolist(),
    }


def _cells(
    catalog: Catalog, tile: TileAddress, view: View, lang: str
) -> tuple[sql.SQL, dict[str, Any]]:
    shapes, properties = tiles.SOURCES["cells"](catalog, tile, view, lang)
    found = shapes.within(tile)
    text = _CELLS.replace("{table}", "")
    return sql.SQL(_ENCODE.format(extent=EXTENT, rows=text)), {  # type: ignore[arg-type]
        "srid": 3857,
        "fids": found.tolist(),
        "props": [Jsonb(props, dumps=_dumps) for props in properties(found)],
        "shapes": list(shapely.to_wkb(shapes.shapes[found])),
    }


def _dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


QUERIES = {"municipalities": _municipalities, "cells": _cells, "households": _households}
