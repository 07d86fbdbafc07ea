"""The households' sums per (municipality, services key), computed by PostGIS, kept in the store.

The rule is the gap engine's (``app.gaps.assign``), in SQL: a point belongs to the municipality
of smallest code whose polygon covers it (boundary included); outside every polygon, to the
nearest within ``snap_m`` metres, measured in the given projection (ties: smallest code); else
it is unassigned (code ""). Missing, empty and non-point geometries are unassigned, never
snapped. The sums are computed once per (households version, municipalities version, snapping
rule), under the store's writer lock, and kept in ``gim.household_sums``: every replica then
reads a few thousand rows instead of millions of households.
"""

from __future__ import annotations

import time
from typing import Any

import pandas as pd
import psycopg
from psycopg import sql

from app.layers.hexgrid import LAMBERT_SRID
from app.vocabulary import SUM_FIELDS

SCHEMA = "gim"
# A usable home: a point holding dwellings (ISED type 8 points hold none).
HOME = "coalesce(dwellings, 0) > 0 AND GeometryType(geom) = 'POINT' AND NOT ST_IsEmpty(geom)"
SUBDIVIDE = 64  # vertices per piece of a municipality: a point test stays cheap on long coasts
DDL = f"""
CREATE TABLE IF NOT EXISTS {SCHEMA}.household_sums_done (
    households integer NOT NULL,
    municipalities integer NOT NULL,
    rule text NOT NULL,
    seconds double precision NOT NULL,
    PRIMARY KEY (households, municipalities, rule)
);
CREATE TABLE IF NOT EXISTS {SCHEMA}.household_sums (
    households integer NOT NULL,
    municipalities integer NOT NULL,
    rule text NOT NULL,
    code text NOT NULL,
    services text NOT NULL,
    lte integer NOT NULL,
    snapped boolean NOT NULL,
    points bigint NOT NULL,
    homes bigint NOT NULL,
    dwellings double precision NOT NULL,
    population double precision NOT NULL,
    FOREIGN KEY (households, municipalities, rule)
        REFERENCES {SCHEMA}.household_sums_done ON DELETE CASCADE
)
"""
# The municipalities cut into small pieces (invalid ones kept whole: GEOS cannot cut them).
PIECES = """
CREATE TEMP TABLE gim_pieces ON COMMIT DROP AS
SELECT code::text AS code, ST_Subdivide(ST_Transform(geom, 4326), {vertices}) AS geom
FROM {municipalities} WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom) AND ST_IsValid(geom)
UNION ALL
SELECT code::text, ST_Transform(geom, 4326)
FROM {municipalities} WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom) AND NOT ST_IsValid(geom)
"""
# Each household once: its usable lon/lat point (NULL otherwise), its municipality, its counts.
PLACED = """
CREATE TEMP TABLE gim_placed ON COMMIT DROP AS
SELECT fid, point, services, lte, dwellings, population, false AS snapped,
    (SELECT min(p.code) FROM gim_pieces p
     WHERE rows.point IS NOT NULL AND ST_Intersects(p.geom, rows.point)) AS code
FROM (
    SELECT h.fid,
        CASE WHEN GeometryType(h.geom) = 'POINT' AND NOT ST_IsEmpty(h.geom)
            THEN ST_Transform(h.geom, 4326) END AS point,
        coalesce(h.services, '') AS services, coalesce(h.lte, -1) AS lte,
        coalesce(h.dwellings, 0) AS dwellings, coalesce(h.population, 0) AS population
    FROM {households} h
) rows
"""
METRIC = """
CREATE TEMP TABLE gim_metric ON COMMIT DROP AS
SELECT code, ST_Transform(geom, %(proj)s) AS geom FROM gim_pieces
"""
SNAP = """
UPDATE gim_placed h SET code = near.code, snapped = true FROM (
    SELECT DISTINCT ON (o.fid) o.fid, m.code
    FROM (SELECT fid, ST_Transform(point, %(proj)s) AS point FROM gim_placed
          WHERE code IS NULL AND point IS NOT NULL) o
    JOIN gim_metric m ON ST_DWithin(m.geom, o.point, %(snap)s)
    ORDER BY o.fid, ST_Distance(m.geom, o.point), m.code
) near WHERE h.fid = near.fid
"""
SUMMED = f"""
INSERT INTO {SCHEMA}.household_sums
SELECT %(households)s, %(municipalities)s, %(rule)s, coalesce(code, ''), services, lte,
    snapped, count(*), count(*) FILTER (WHERE dwellings > 0), sum(dwellings), sum(population)
FROM gim_placed GROUP BY 4, 5, 6, 7
"""


def prepare(connection: psycopg.Connection[Any]) -> None:
    """Create the sums tables if they are missing (the caller holds the writer lock)."""
    row = connection.execute("SELECT to_regclass(%s)", [f"{SCHEMA}.household_sums"]).fetchone()
    if row is None or row[0] is None:
        connection.execute(DDL)


def prepare_lookup(connection: psycopg.Connection[Any], table: str) -> None:
    """A households table's indexes for replicas: homes in Lambert metres (KNN), ids."""
    identifier = sql.Identifier(SCHEMA, table)
    connection.execute(
        sql.SQL(
            "CREATE INDEX IF NOT EXISTS {} ON {} USING gist (ST_Transform(geom, {})) WHERE {}"
        ).format(
            sql.Identifier(f"{table}_homes_lambert"),
            identifier,
            sql.Literal(LAMBERT_SRID),
            sql.SQL(HOME),
        )
    )
    connection.execute(
        sql.SQL("CREATE INDEX IF NOT EXISTS {} ON {} (phh_id)").format(
            sql.Identifier(f"{table}_phh_id"), identifier
        )
    )


def rule_of(proj4: str, snap_m: float) -> str:
    """The name of an assignment rule: where distances are measured, and how far homes snap."""
    return f"{proj4} snap={float(snap_m):g}"


def read_sums(
    connection: psycopg.Connection[Any], versions: tuple[int, int], rule: str
) -> pd.DataFrame | None:
    """The sums kept for (households, municipalities) versions under ``rule``; None if none."""
    row = connection.execute("SELECT to_regclass(%s)", [f"{SCHEMA}.household_sums"]).fetchone()
    if row is None or row[0] is None:
        return None
    where = "WHERE (households, municipalities, rule) = (%s, %s, %s)"
    query = f"SELECT 1 FROM {SCHEMA}.household_sums_done {where}"
    if connection.execute(query, [*versions, rule]).fetchone() is None:
        return None
    rows = connection.execute(
        f"SELECT code, services, lte, snapped, points, homes, dwellings, population "
        f"FROM {SCHEMA}.household_sums {where} ORDER BY code, services, lte, snapped",
        [*versions, rule],
    ).fetchall()
    frame = pd.DataFrame(rows, columns=list(SUM_FIELDS))
    return frame.astype({"lte": "int64", "snapped": bool, "points": "int64", "households": "int64"})


def compute_sums(
    connection: psycopg.Connection[Any],
    tables: tuple[str, str],
    versions: tuple[int, int],
    proj4: str,
    snap_m: float,
) -> float:
    """Assign and sum the households of ``tables`` (households, municipalities); the seconds."""
    started = time.perf_counter()
    households, municipalities = (sql.Identifier(SCHEMA, table) for table in tables)
    connection.execute(
        sql.SQL(PIECES).format(municipalities=municipalities, vertices=sql.Literal(SUBDIVIDE))
    )
    connection.execute("CREATE INDEX ON gim_pieces USING gist (geom)")
    connection.execute("ANALYZE gim_pieces")
    connection.execute(sql.SQL(PLACED).format(households=households))
    if snap_m > 0:
        connection.execute(METRIC, {"proj": proj4})
        connection.execute("CREATE INDEX ON gim_metric USING gist (geom)")
        connection.execute("ANALYZE gim_metric")
        connection.execute(SNAP, {"proj": proj4, "snap": float(snap_m)})
    prepare_lookup(connection, tables[0])
    rule = rule_of(proj4, snap_m)
    key = {"households": versions[0], "municipalities": versions[1], "rule": rule}
    done = f"INSERT INTO {SCHEMA}.household_sums_done VALUES (%(households)s, "
    connection.execute(done + "%(municipalities)s, %(rule)s, 0)", key)
    connection.execute(SUMMED, key)
    seconds = time.perf_counter() - started
    connection.execute(
        f"UPDATE {SCHEMA}.household_sums_done SET seconds = %(seconds)s WHERE households = "
        "%(households)s AND municipalities = %(municipalities)s AND rule = %(rule)s",
        key | {"seconds": seconds},
    )
    return seconds
