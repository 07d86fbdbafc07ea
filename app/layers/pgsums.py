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

import hashlib
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
    index_seconds double precision NOT NULL DEFAULT 0,
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
CREATE TABLE {pieces} AS
SELECT code::text AS code, ST_Subdivide(ST_Transform(geom, 4326), {vertices}) AS geom
FROM {municipalities} WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom) AND ST_IsValid(geom)
UNION ALL
SELECT code::text, ST_Transform(geom, 4326)
FROM {municipalities} WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom) AND NOT ST_IsValid(geom)
"""
# The households as lon/lat points with a GiST index: the table itself when it is in lon/lat.
POINTS = """
CREATE TEMP TABLE gim_points ON COMMIT DROP AS
SELECT fid, ST_Transform(geom, 4326) AS geom FROM {households}
WHERE GeometryType(geom) = 'POINT' AND NOT ST_IsEmpty(geom)
"""
# The covering piece of smallest code of each point; joined from the pieces' side, so that a
# piece meets all its points in a row (PostGIS prepares it once, not once per point).
INSIDE = """
CREATE TEMP TABLE gim_inside ON COMMIT DROP AS
SELECT h.fid, min(p.code) AS code FROM {pieces} p JOIN {points} h ON ST_Intersects(p.geom, h.geom)
GROUP BY h.fid
"""
# Each household once: whether its point is usable, its municipality, its counts (a line or a
# polygon in the households table is no point: outside, as the engine reads it).
PLACED = """
CREATE TEMP TABLE gim_placed ON COMMIT DROP AS
SELECT fid, usable, CASE WHEN usable THEN code END AS code, snapped, services, lte, dwellings,
    population
FROM (
SELECT h.fid, coalesce(GeometryType(h.geom) = 'POINT' AND NOT ST_IsEmpty(h.geom), false)
    AS usable, i.code, false AS snapped, coalesce(h.services, '') AS services,
    coalesce(h.lte, -1) AS lte, coalesce(h.dwellings, 0) AS dwellings,
    coalesce(h.population, 0) AS population
FROM {households} h LEFT JOIN gim_inside i USING (fid)
) rows
"""
METRIC = """
CREATE TABLE {metric_pieces} AS
SELECT code, ST_Transform(geom, {metric}) AS geom FROM {pieces}
"""
# The rest to the nearest piece within the distance (smallest code on ties).
SNAP = """
UPDATE gim_placed h SET code = near.code, snapped = true FROM (
    SELECT DISTINCT ON (o.fid) o.fid, m.code
    FROM (SELECT p.fid, ST_Transform(ST_Transform(t.geom, 4326), {metric}) AS point
          FROM gim_placed p JOIN {households} t USING (fid)
          WHERE p.code IS NULL AND p.usable) o
    JOIN {metric_pieces} m ON ST_DWithin(m.geom, o.point, %(snap)s)
    ORDER BY o.fid, ST_Distance(m.geom, o.point), m.code
) near WHERE h.fid = near.fid
"""
FIRST_SRID = 910_000  # where the projections of distances are registered (see _metric_srid)
SRIDS = 80_000
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


def _indexed(connection: psycopg.Connection[Any], table: sql.Identifier) -> None:
    """A GiST index on a table's geometry, and its statistics."""
    connection.execute(sql.SQL("CREATE INDEX ON {} USING gist (geom)").format(table))
    connection.execute(sql.SQL("ANALYZE {}").format(table))


def _kept(
    connection: psycopg.Connection[Any], name: str, create: sql.Composed, params: Any = None
) -> sql.Identifier:
    """A store table made once by ``create`` (under the writer lock), indexed, then kept."""
    table = sql.Identifier(SCHEMA, name)
    row = connection.execute("SELECT to_regclass(%s)", [f"{SCHEMA}.{name}"]).fetchone()
    if row is None or row[0] is None:
        connection.execute(create, params)
        _indexed(connection, table)
    return table


def _points(connection: psycopg.Connection[Any], table: str) -> sql.Composable:
    """The households' points in lon/lat with an index: the table, or a copy in lon/lat."""
    row = connection.execute("SELECT Find_SRID(%s, %s, 'geom')", [SCHEMA, table]).fetchone()
    if row is not None and row[0] == 4326:
        return sql.Identifier(SCHEMA, table)
    connection.execute(sql.SQL(POINTS).format(households=sql.Identifier(SCHEMA, table)))
    _indexed(connection, sql.Identifier("gim_points"))
    return sql.Identifier("gim_points")


def _metric_srid(connection: psycopg.Connection[Any], proj4: str) -> sql.Composable:
    """The projection distances are measured in, as PostGIS transforms fastest to it.

    Registered in ``spatial_ref_sys`` under an SRID of its own (PostGIS then builds it once
    per connection, not once per geometry); as a PROJ string when the role may not register.
    """
    digest = int(hashlib.sha256(proj4.encode()).hexdigest(), 16)
    for attempt in range(8):
        srid = FIRST_SRID + (digest + attempt) % SRIDS
        query = "SELECT proj4text FROM spatial_ref_sys WHERE srid = %s"
        row = connection.execute(query, [srid]).fetchone()
        if row is not None and row[0] == proj4:
            return sql.Literal(srid)
        if row is None:
            try:
                with connection.transaction():
                    connection.execute(
                        "INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, proj4text) "
                        "VALUES (%s, 'gim', %s, %s)",
                        [srid, srid, proj4],
                    )
            except psycopg.errors.InsufficientPrivilege:
                break
            return sql.Literal(srid)
    return sql.SQL("%(proj)s")


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
    connection.execute("SET LOCAL jit = off")  # compiling costs more than it saves here
    households, municipalities = (sql.Identifier(SCHEMA, table) for table in tables)
    # The municipalities' pieces depend on their version alone: kept for the next households.
    name = f"{tables[1]}_pieces"
    pieces = sql.Identifier(SCHEMA, name)
    create = sql.SQL(PIECES).format(
        pieces=pieces, municipalities=municipalities, vertices=sql.Literal(SUBDIVIDE)
    )
    _kept(connection, name, create)
    inside = sql.SQL(INSIDE).format(pieces=pieces, points=_points(connection, tables[0]))
    connection.execute(inside)
    connection.execute(sql.SQL(PLACED).format(households=households))
    if snap_m > 0:
        metric = _metric_srid(connection, proj4)
        digest = hashlib.sha256(proj4.encode()).hexdigest()[:12]
        metric_name = f"{name}_{digest}"
        metric_pieces = sql.Identifier(SCHEMA, metric_name)
        create = sql.SQL(METRIC).format(metric_pieces=metric_pieces, metric=metric, pieces=pieces)
        _kept(connection, metric_name, create, {"proj": proj4})
        snap = sql.SQL(SNAP).format(
            metric_pieces=metric_pieces, metric=metric, households=households
        )
        connection.execute(snap, {"proj": proj4, "snap": float(snap_m)})
    rule = rule_of(proj4, snap_m)
    key = {"households": versions[0], "municipalities": versions[1], "rule": rule}
    done = f"INSERT INTO {SCHEMA}.household_sums_done VALUES (%(households)s, "
    connection.execute(done + "%(municipalities)s, %(rule)s, 0)", key)
    connection.execute(SUMMED, key)
    seconds = time.perf_counter() - started
    prepare_lookup(connection, tables[0])  # not the sums' own time: the replicas' look-ups
    timing = key | {"seconds": seconds, "index": time.perf_counter() - started - seconds}
    connection.execute(
        f"UPDATE {SCHEMA}.household_sums_done SET seconds = %(seconds)s, index_seconds = "
        "%(index)s WHERE households = %(households)s AND municipalities = %(municipalities)s "
        "AND rule = %(rule)s",
        timing,
    )
    return seconds
