"""The layer store in PostgreSQL/PostGIS: what ``LayerStore`` does with files, in one database.

Layout (schema ``gim``)::

    gim.versions     (kind, version, meta, columns, checksum, table_name)   every version
    gim.current      (kind, version)                                         the pointer
    gim.<kind>_<NNNN>(fid, <fields>, geom geometry(Geometry, 4326))          one per version

A version is written in one transaction: the table loaded by ``COPY``, its GiST index built,
its checksum computed by the server, its row in ``gim.versions`` and, last, the pointer moved;
a writer killed at any moment leaves nothing behind and the previous version current. Writers
are serialised by a transaction-scoped advisory lock; readers never wait. Every switch is
announced on the ``gim_layers`` channel (``LISTEN/NOTIFY``) when its transaction commits.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import psycopg
import pyarrow as pa
import pyarrow.csv as pacsv
import shapely
from psycopg import sql
from psycopg.types.json import Jsonb

from app.errors import GimError, LayerUnavailableError, NotFoundError
from app.layers import pgsums
from app.layers.kinds import Kind
from app.layers.store import LayerMeta, Notice, read_or_fall_back

logger = logging.getLogger(__name__)
SCHEMA = "gim"
CHANNEL = "gim_layers"
# One number names the store's writer lock for every process on the database.
WRITER_LOCK = 0x67696D2D6C617965  # "gim-laye"
WAKE_S = 0.5  # how often a listener looks whether it was asked to stop
RECONNECT_S = 1.0
DDL = f"""
CREATE SCHEMA IF NOT EXISTS {SCHEMA};
CREATE TABLE IF NOT EXISTS {SCHEMA}.versions (
    kind text NOT NULL,
    version integer NOT NULL CHECK (version > 0),
    meta text NOT NULL,
    columns jsonb NOT NULL,
    checksum text NOT NULL,
    table_name text NOT NULL,
    edited boolean NOT NULL DEFAULT false,
    PRIMARY KEY (kind, version)
);
CREATE OR REPLACE FUNCTION {SCHEMA}.mark_edited() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {SCHEMA}.versions SET edited = true WHERE table_name = TG_TABLE_NAME;
    RETURN NULL;
END $$;
CREATE TABLE IF NOT EXISTS {SCHEMA}.current (
    kind text PRIMARY KEY,
    version integer NOT NULL,
    FOREIGN KEY (kind, version) REFERENCES {SCHEMA}.versions (kind, version)
)
"""
# Column types by pandas dtype kind; anything else is kept as text.
SQL_TYPES = {"b": "boolean", "i": "bigint", "u": "bigint", "f": "double precision"}
ARROW_TYPES = {"b": pa.bool_(), "i": pa.int64(), "u": pa.int64(), "f": pa.float64()}
COPY_ROWS = 200_000  # rows per block of CSV sent


class PgStore:
    """Versions of every layer kind in one PostGIS database (same interface as LayerStore)."""

    def __init__(self, url: str, staging_root: Path | str | None = None) -> None:
        self.url = url
        # Files in transit (uploads) stay on this host: ``root`` is where they are staged.
        self.root = Path(staging_root or tempfile.gettempdir())
        self.pointer_notice: Notice | None = None
        self._ready = False
        # The last version of each kind read and verified: read again only if its table was
        # edited since (a trigger records any change) or another version is asked for.
        self._verified: dict[Kind, tuple[int, str, gpd.GeoDataFrame]] = {}

    def connect(self, **options: Any) -> psycopg.Connection[Any]:
        """A new connection to the store's database (the schema created on first use)."""
        try:
            connection = psycopg.connect(self.url, **options)
        except psycopg.OperationalError as error:
            reason = str(error).strip()
            raise LayerUnavailableError("stores.database_failed", reason=reason) from None
        if not self._ready:
            self._ready = _prepared(connection)
        return connection

    def current(self) -> dict[Kind, int]:
        """The current version of each kind."""
        with self.connect() as connection:
            rows = connection.execute(f"SELECT kind, version FROM {SCHEMA}.current").fetchall()
        self.pointer_notice = None
        return {Kind(kind): version for kind, version in sorted(rows) if kind in set(Kind)}

    def repair(self) -> Notice | None:
        """Nothing to repair: the pointer cannot name a version that is not complete."""
        return None

    def state(self) -> str:
        """A token that changes whenever the pointer moves or a current version is replaced."""
        query = (
            f"SELECT coalesce(string_agg(c.kind || ':' || c.version || ':' || v.checksum || "
            f"':' || v.edited, '|' "
            f"ORDER BY c.kind), '') FROM {SCHEMA}.current c JOIN {SCHEMA}.versions v USING "
            "(kind, version)"
        )
        with self.connect() as connection:
            row = connection.execute(query).fetchone()
        return str(row[0]) if row else ""

    def versions(self, kind: Kind) -> list[int]:
        """Every stored version of ``kind``, oldest first."""
        query = f"SELECT version FROM {SCHEMA}.versions WHERE kind = %s ORDER BY version"
        with self.connect() as connection:
            return [row[0] for row in connection.execute(query, [str(kind)])]

    def meta(self, kind: Kind, version: int | None = None) -> LayerMeta:
        """Metadata of a version (the current one by default)."""
        version = self._resolve(kind, version)
        query = f"SELECT meta FROM {SCHEMA}.versions WHERE kind = %s AND version = %s"
        with self.connect() as connection:
            row = connection.execute(query, [str(kind), version]).fetchone()
        if row is None:
            raise NotFoundError("layer.version_unknown", kind=str(kind), version=version)
        return _parsed(row[0], kind, version)

    def history(self, kind: Kind) -> list[LayerMeta]:
        """Metadata of every stored version of ``kind``, oldest first."""
        return [self.meta(kind, version) for version in self.versions(kind)]

    def read(self, kind: Kind, version: int | None = None) -> tuple[gpd.GeoDataFrame, LayerMeta]:
        """A version's features and metadata (current by default), its checksum verified."""
        query = (
            f"SELECT v.version, v.meta, v.columns, v.table_name, v.edited FROM {SCHEMA}.versions v "
            f"LEFT JOIN {SCHEMA}.current c USING (kind) WHERE v.kind = %s "
            "AND v.version = coalesce(%s, c.version)"
        )
        with self.connect() as connection, connection.transaction():
            connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            row = connection.execute(query, [str(kind), version]).fetchone()
            if row is None:
                self._resolve(kind, version)  # no current version: say so
                raise NotFoundError("layer.version_unknown", kind=str(kind), version=version)
            version, text, columns, table, edited = row
            meta = _parsed(text, kind, version)
            file = f"{SCHEMA}.{table}"
            seen = self._verified.get(kind)
            if seen is not None and not edited and seen[:2] == (version, meta.checksum):
                return seen[2].copy(deep=False), meta  # untouched since it verified
            try:
                frame, checksum = _fetch(connection, table, columns)
            except psycopg.errors.UndefinedTable:
                raise LayerUnavailableError("layer.unreadable", kind=str(kind), file=file) from None
        if meta.checksum and checksum != meta.checksum:
            params = {"kind": str(kind), "version": version, "file": file}
            raise LayerUnavailableError("layer.checksum_mismatch", **params)
        self._verified[kind] = (version, meta.checksum, frame)
        return frame.copy(deep=False), meta

    def household_sums(
        self, versions: tuple[int, int], proj4: str, snap_m: float
    ) -> tuple[pd.DataFrame, float]:
        """The households version's sums on the municipalities version (see ``app.layers.pgsums``).

        Computed once, by the first replica that asks, under the writer lock; the others read
        them. Also the seconds that computation took (0 when they were already there).
        """
        rule = pgsums.rule_of(proj4, snap_m)
        with self.connect() as connection:
            tables = _unedited_tables(connection, versions)
            found = pgsums.read_sums(connection, versions, rule)
        if found is not None:
            return found, 0.0
        with self.connect() as connection, connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", [WRITER_LOCK])
            pgsums.prepare(connection)
            found = pgsums.read_sums(connection, versions, rule)
            seconds = 0.0
            if found is None:
                seconds = pgsums.compute_sums(connection, tables, versions, proj4, snap_m)
                found = pgsums.read_sums(connection, versions, rule)
        assert found is not None
        return found, seconds

    def read_verified(
        self, kind: Kind, version: int | None = None
    ) -> tuple[gpd.GeoDataFrame, LayerMeta, Notice | None]:
        """A version of ``kind`` (current by default), or else the newest earlier that verifies."""
        return read_or_fall_back(self, kind, version, lambda v: _table(kind, v))

    def write(
        self,
        kind: Kind,
        frame: gpd.GeoDataFrame,
        meta: LayerMeta,
        *,
        version: int | None = None,
        make_current: bool = True,
    ) -> LayerMeta:
        """Store ``frame`` as a new version (next number unless given); return its metadata."""
        with self.connect() as connection, connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", [WRITER_LOCK])
            if version is None:
                query = (
                    f"SELECT coalesce(max(version), 0) + 1 FROM {SCHEMA}.versions WHERE kind = %s"
                )
                row = connection.execute(query, [str(kind)]).fetchone()
                version = int(row[0]) if row else 1
            table = _table(kind, version)
            columns = _load(connection, table, frame)
            meta = replace(
                meta,
                kind=str(kind),
                version=version,
                feature_count=len(frame),
                checksum=_checksum(connection, table),
            )
            connection.execute(
                f"INSERT INTO {SCHEMA}.versions VALUES (%s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (kind, version) DO UPDATE SET meta = excluded.meta, "
                "columns = excluded.columns, checksum = excluded.checksum, "
                "table_name = excluded.table_name, edited = false",
                [
                    str(kind),
                    version,
                    meta.to_json(),
                    Jsonb(columns),
                    meta.checksum,
                    table,
                ],
            )
            if make_current:
                _point(connection, kind, version)
        return meta

    def set_current(self, kind: Kind, version: int) -> None:
        """Make ``version`` the current one of ``kind``, in one transaction."""
        with self.connect() as connection, connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", [WRITER_LOCK])
            if version not in _versions(connection, kind):
                raise NotFoundError("layer.version_unknown", kind=str(kind), version=version)
            _point(connection, kind, version)

    def rollback(self, kind: Kind) -> int:
        """Make the version before the current one current again; return its number."""
        with self.connect() as connection, connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", [WRITER_LOCK])
            query = f"SELECT version FROM {SCHEMA}.current WHERE kind = %s"
            row = connection.execute(query, [str(kind)]).fetchone()
            if row is None:
                raise LayerUnavailableError("layer.missing", kind=str(kind))
            earlier = [v for v in _versions(connection, kind) if v < row[0]]
            if not earlier:
                raise NotFoundError("layers.rollback_none", kind=str(kind), version=row[0])
            _point(connection, kind, earlier[-1])
            return earlier[-1]

    @contextmanager
    def staging(self) -> Iterator[Path]:
        """A private folder on this host for files in transit, removed afterwards."""
        self.root.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix="gim-staging-", dir=self.root))
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the store's writer lock (an advisory lock: it excludes every other process)."""
        with self.connect(autocommit=True) as connection:
            connection.execute("SELECT pg_advisory_lock(%s)", [WRITER_LOCK])
            try:
                yield
            finally:
                connection.execute("SELECT pg_advisory_unlock(%s)", [WRITER_LOCK])

    def watch(self, stop: threading.Event, changed: Callable[[], object]) -> None:
        """Call ``changed`` at every announced switch (and on each reconnection) until ``stop``.

        The connection LISTENs on the store's channel; no query runs between announcements.
        A lost connection is opened again after a pause, then ``changed`` runs once in case
        an announcement was missed meanwhile.
        """
        while not stop.is_set():
            try:
                with self.connect(autocommit=True) as connection:
                    connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(CHANNEL)))
                    changed()
                    while not stop.is_set():
                        if any(True for _ in connection.notifies(timeout=WAKE_S, stop_after=1)):
                            _drain(connection)
                            changed()
            except (GimError, psycopg.Error) as error:
                logger.error("lost the database's announcements, listening again: %s", error)
                stop.wait(RECONNECT_S)

    def _resolve(self, kind: Kind, version: int | None) -> int:
        if version is not None:
            return version
        try:
            return self.current()[kind]
        except KeyError:
            raise LayerUnavailableError("layer.missing", kind=str(kind)) from None


def _parsed(text: str, kind: Kind, version: int) -> LayerMeta:
    """The metadata recorded with a version."""
    try:
        return LayerMeta.from_json(text)
    except (ValueError, TypeError):
        file = f"{SCHEMA}.versions ({kind} {version})"
        raise LayerUnavailableError("layer.meta_unreadable", kind=str(kind), file=file) from None


def _drain(connection: psycopg.Connection[Any]) -> None:
    """Consume announcements already arrived: one reload covers them all."""
    for _notify in connection.notifies(timeout=0):
        pass


def _prepared(connection: psycopg.Connection[Any]) -> bool:
    """Create the store's tables if they are missing (readers of a ready store never wait)."""
    with connection.transaction():
        row = connection.execute("SELECT to_regclass(%s)", [f"{SCHEMA}.current"]).fetchone()
        if row is None or row[0] is None:
            connection.execute("SELECT pg_advisory_xact_lock(%s)", [WRITER_LOCK])
            connection.execute(DDL)
    return True


def _table(kind: Kind | str, version: int) -> str:
    return f"{kind}_{version:04d}"


def _unedited_tables(
    connection: psycopg.Connection[Any], versions: tuple[int, int]
) -> tuple[str, str]:
    """The tables of a households and a municipalities version; refused if edited since."""
    tables = []
    for kind, version in zip((Kind.HOUSEHOLDS, Kind.MUNICIPALITIES), versions, strict=True):
        query = f"SELECT table_name, edited FROM {SCHEMA}.versions WHERE kind = %s AND version = %s"
        row = connection.execute(query, [str(kind), version]).fetchone()
        if row is None:
            raise NotFoundError("layer.version_unknown", kind=str(kind), version=version)
        if row[1]:  # changed behind the store's back: its checksum no longer holds
            params = {"kind": str(kind), "version": version, "file": f"{SCHEMA}.{row[0]}"}
            raise LayerUnavailableError("layer.checksum_mismatch", **params)
        tables.append(str(row[0]))
    return tables[0], tables[1]


def _versions(connection: psycopg.Connection[Any], kind: Kind) -> list[int]:
    query = f"SELECT version FROM {SCHEMA}.versions WHERE kind = %s ORDER BY version"
    return [row[0] for row in connection.execute(query, [str(kind)])]


def _point(connection: psycopg.Connection[Any], kind: Kind, version: int) -> None:
    """Move the pointer of ``kind`` and announce it (delivered when the transaction commits)."""
    connection.execute(
        f"INSERT INTO {SCHEMA}.current VALUES (%s, %s) "
        "ON CONFLICT (kind) DO UPDATE SET version = excluded.version",
        [str(kind), version],
    )
    connection.execute("SELECT pg_notify(%s, %s)", [CHANNEL, f"{kind}:{version}"])


def _load(connection: psycopg.Connection[Any], table: str, frame: gpd.GeoDataFrame) -> list[Any]:
    """Create ``table``, fill it by COPY, index its geometry; the columns and their dtypes."""
    attributes = [name for name in frame.columns if name != frame.geometry.name]
    columns = [[str(name), str(frame[name].dtype)] for name in attributes]
    srid = frame.crs.to_epsg() if frame.crs is not None else 4326
    identifier = sql.Identifier(SCHEMA, table)
    definitions = [
        sql.SQL("{} {}").format(sql.Identifier(name), sql.SQL(_sql_type(frame[name])))
        for name in attributes
    ]
    connection.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(identifier))
    connection.execute(
        sql.SQL("CREATE TABLE {} (fid bigint PRIMARY KEY, {}, geom geometry(Geometry, {}))").format(
            identifier, sql.SQL(", ").join(definitions), sql.Literal(srid or 4326)
        )
    )
    names = sql.SQL(", ").join([sql.Identifier(name) for name in ["fid", *attributes, "geom"]])
    copy_in = sql.SQL("COPY {} ({}) FROM STDIN WITH (FORMAT csv)").format(identifier, names)
    with connection.cursor().copy(copy_in) as copy:
        for block in _csv_blocks(frame, attributes):
            copy.write(block)
    index = sql.Identifier(f"{table}_geom")
    connection.execute(sql.SQL("CREATE INDEX {} ON {} USING gist (geom)").format(index, identifier))
    connection.execute(sql.SQL("ANALYZE {}").format(identifier))
    connection.execute(
        sql.SQL(
            "CREATE TRIGGER edited AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {} "
            "FOR EACH STATEMENT EXECUTE FUNCTION {}.mark_edited()"
        ).format(identifier, sql.Identifier(SCHEMA))
    )
    return columns


def _sql_type(series: pd.Series) -> str:
    return SQL_TYPES.get(series.dtype.kind, "text")


def _csv_blocks(frame: gpd.GeoDataFrame, attributes: list[str]) -> Iterator[bytes]:
    """The rows as CSV (row number, attributes, hex EWKB), written by Arrow a slice at a time."""
    for start in range(0, len(frame), COPY_ROWS):
        part = frame.iloc[start : start + COPY_ROWS]
        geometry = shapely.to_wkb(
            part.geometry.array, hex=True, include_srid=True, flavor="extended"
        )
        arrays = [pa.array(np.arange(start, start + len(part)))]
        arrays += [_arrow(part[name]) for name in attributes]
        arrays.append(pa.array(geometry, pa.string()))
        table = pa.table(arrays, names=[f"c{i}" for i in range(len(arrays))])
        sink = pa.BufferOutputStream()
        options = pacsv.WriteOptions(include_header=False, quoting_style="needed")
        pacsv.write_csv(table, sink, options)
        yield sink.getvalue().to_pybytes()


def _arrow(series: pd.Series) -> pa.Array:
    """One column for Arrow: numbers and booleans as they are, anything else as text."""
    if series.dtype.kind in SQL_TYPES:
        return pa.array(series.to_numpy())
    text = [None if pd.isna(value) else str(value) for value in series.tolist()]
    return pa.array(text, pa.string())


def _checksum(connection: psycopg.Connection[Any], table: str) -> str:
    """The digest of a version's rows as the server writes them out, in row order."""
    return _copy_out(connection, table, None)[1]


def _copy_out(
    connection: psycopg.Connection[Any], table: str, names: list[str] | None
) -> tuple[bytearray, str]:
    """The rows as CSV (kept only when ``names`` are asked for), and the digest of them all."""
    query = sql.SQL("COPY (SELECT * FROM {} ORDER BY fid) TO STDOUT WITH (FORMAT csv)").format(
        sql.Identifier(SCHEMA, table)
    )
    connection.execute("SET LOCAL extra_float_digits = 1")
    digest = hashlib.sha256()
    rows = bytearray()
    with connection.cursor().copy(query) as copy:
        for block in copy:
            digest.update(block)
            if names is not None:
                rows += block
    return rows, digest.hexdigest()


def _fetch(
    connection: psycopg.Connection[Any], table: str, columns: list[Any]
) -> tuple[gpd.GeoDataFrame, str]:
    """A version's rows, in order, with their dtypes; and the digest ``_checksum`` gives."""
    names = [name for name, _dtype in columns]
    data, digest = _copy_out(connection, table, names)
    types = {name: _arrow_type(dtype) for name, dtype in columns}
    read = pacsv.ReadOptions(column_names=["fid", *names, "geom"], block_size=1 << 24)
    convert = pacsv.ConvertOptions(
        column_types=types | {"fid": pa.int64(), "geom": pa.string()},
        strings_can_be_null=True,
        quoted_strings_can_be_null=False,
        true_values=["t"],
        false_values=["f"],
    )
    rows = pacsv.read_csv(pa.BufferReader(data), read, convert_options=convert) if data else None
    del data  # the text is parsed: free it before the frame is built
    frame = {
        name: pd.Series(rows.column(name).to_pandas() if rows else [], dtype=dtype)
        for name, dtype in columns
    }
    parts = rows.column("geom").chunks if rows else []
    # A block at a time: the hex text of every point at once would double the memory needed.
    geometry = np.concatenate(
        [shapely.from_wkb(part.to_numpy(zero_copy_only=False)) for part in parts] or [[]]
    ).astype(object)
    srid = shapely.get_srid(geometry[0]) if len(geometry) else 4326
    geometry = shapely.set_srid(geometry, 0)  # the CRS is the frame's, as a GeoPackage reads
    layer = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geometry), crs=f"EPSG:{srid or 4326}")
    return layer, digest


def _arrow_type(dtype: str) -> pa.DataType:
    """How to read back a column written from a pandas dtype."""
    try:
        kind = np.dtype(dtype).kind
    except TypeError:  # pandas' own dtypes (str, string, category): text
        return pa.string()
    return ARROW_TYPES.get(kind, pa.string())
