"""Read a layer file of any accepted format into memory, refusing what cannot be read.

Vector files (GeoPackage, GeoJSON, Shapefile, GeoParquet) give a GeoDataFrame; tables (CSV,
Parquet without geometry) give an Arrow table, so that a province-wide file can be filtered
before anything is converted. CSV text may be UTF-8 (with or without a byte-order mark) or
cp1252 (decided on the whole text), separated by commas, semicolons or tabs. A zip must hold
exactly one layer; it is read in place, never extracted, after its directory was checked
against size, ratio and member-count limits. A GeoPackage layer must be a real table.
"""

from __future__ import annotations

import codecs
import csv
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pyogrio
import shapely
from shapely.errors import GEOSException

from app.errors import LayerValidationError

VECTOR_SUFFIXES = (".gpkg", ".geojson", ".json", ".shp", ".tab", ".kml", ".kmz")
TABLE_SUFFIXES = (".csv", ".tsv")
PARQUET_SUFFIXES = (".parquet", ".geoparquet")
LAYER_SUFFIXES = (*VECTOR_SUFFIXES, *TABLE_SUFFIXES, *PARQUET_SUFFIXES)
ACCEPTED = ", ".join((*LAYER_SUFFIXES, ".zip"))
DELIMITERS = (",", ";", "\t")
SNIFF_BYTES = 1 << 16  # where the header line (and so the separator) is looked for
UTF8, CP1252 = "utf-8", "cp1252"
MB = 1 << 20
CHUNK = MB
JSON_SUFFIXES = (".geojson", ".json")
NUL_ESCAPE = b"\\u0000"
SQLITE_MAGIC = b"SQLite format 3\0"
# Limits on archives, checked on the zip's directory before any byte is expanded. Real layer
# files compress 3-30 times; deflate cannot exceed ~1,030 times, which is what bombs of zeros
# reach. Members under ZIP_RATIO_FLOOR may compress as well as they like.
ZIP_MAX_MEMBERS = 1000
ZIP_MAX_BYTES = 2 << 30
ZIP_MAX_RATIO = 200
ZIP_RATIO_FLOOR = 16 * MB
# Québec's ISED PHH file has about 4 million points; ten times that is no real layer.
MAX_FEATURES = 40_000_000
EXCERPT, REASON, LISTED = 60, 160, 10
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def column_key(name: object) -> str:
    """A column name reduced to lower-case letters and digits, for tolerant matching."""
    return re.sub(r"[^0-9a-z]", "", str(name).lower())


def column_keys(name: object) -> set[str]:
    """The keys a column name answers to: the whole name and, if bilingual, each half."""
    text = str(name)
    halves = text.split("-") if "-" in text else []
    return {column_key(text)} | {column_key(half) for half in halves}


def find_column(columns: Iterable[object], *wanted: str) -> str | None:
    """The column standing for the first of ``wanted`` found (exact name, key, then half).

    ISED names are bilingual (``Wired_Max_Threshold-Filaire_Seuil_Max``): a column named after
    either half alone still matches.
    """
    columns = [str(column) for column in columns]
    for name in wanted:
        if name in columns:
            return name
        keys = column_keys(name)
        found = next((column for column in columns if column_key(column) in keys), None)
        found = found or next((column for column in columns if column_keys(column) & keys), None)
        if found is not None:
            return str(found)
    return None


def is_blank(values: pd.Series) -> pd.Series:
    """Whether each value is missing or only spaces."""
    if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        return values.isna()
    return values.isna() | values.astype("string").str.strip().eq("").fillna(True)


@dataclass(frozen=True, eq=False)
class Source:
    """A file read into memory: a vector frame, or an Arrow table of rows."""

    name: str
    frame: pd.DataFrame | None = None
    table: pa.Table | None = None
    encoding: str = ""

    @property
    def columns(self) -> list[str]:
        """The attribute columns, in file order (no geometry)."""
        if self.table is not None:
            return list(self.table.column_names)
        assert self.frame is not None
        geometry = self.frame.geometry.name if isinstance(self.frame, gpd.GeoDataFrame) else None
        return [str(column) for column in self.frame.columns if column != geometry]

    @property
    def rows(self) -> int:
        """How many features or rows the file holds."""
        if self.table is not None:
            return self.table.num_rows
        assert self.frame is not None
        return len(self.frame)

    def find(self, *names: str) -> str | None:
        """The first column matching any of ``names`` (ignoring case and punctuation)."""
        return find_column(self.columns, *names)

    def column(self, name: str) -> pa.ChunkedArray:
        """The column standing for ``name``, as Arrow data; a refusal when there is none."""
        found = self.find(name)
        if found is None:
            raise LayerValidationError(
                "layers.column_missing", column=name, present=", ".join(self.columns)
            )
        if self.table is not None:
            return self.table.column(found)
        assert self.frame is not None
        return pa.chunked_array([pa.array(self.frame[found])])

    def numbers(self, name: str) -> np.ndarray:
        """A column as floats: NaN for blanks and for text that is not a number."""
        return to_numbers(self.column(name).to_pandas()).to_numpy(float)

    def as_table(self) -> Source:
        """The same rows as an Arrow table (the geometry of a vector file is dropped)."""
        if self.table is not None:
            return self
        assert self.frame is not None
        attributes = pd.DataFrame(self.frame[self.columns])
        return Source(self.name, table=pa.Table.from_pandas(attributes, preserve_index=False))

    def to_pandas(self, mask: np.ndarray | None = None) -> pd.DataFrame:
        """The rows (all, or those where ``mask`` is true) as a pandas frame."""
        if self.table is None:
            assert self.frame is not None
            return self.frame if mask is None else self.frame[mask]
        table = self.table if mask is None else self.table.filter(pa.array(mask))
        return table.to_pandas()


def to_numbers(values: pd.Series) -> pd.Series:
    """Numbers from numbers or text ("48.8", "48,8" with a decimal comma, " 12 "); NaN if not."""
    if pd.api.types.is_bool_dtype(values) or pd.api.types.is_numeric_dtype(values):
        return values.astype(float)
    text = values.astype("string").str.strip().str.replace(",", ".", regex=False)
    return pd.to_numeric(text, errors="coerce").astype(float)


def read(
    path: Path,
    *,
    layer: str | None = None,
    text_columns: Collection[str] = (),
    prefer: Sequence[str] = (),
) -> Source:
    """Read ``path``; ``text_columns`` (column keys) stay text, so codes keep leading zeros.

    ``prefer`` (regular expressions) picks the member of a zip holding several layers when
    ``layer`` does not: the first pattern that exactly one member matches wins.
    """
    path = Path(path)
    if not path.is_file():
        raise LayerValidationError("layers.file_missing")
    suffix = path.suffix.lower()
    if suffix == ".zip":
        source = _read_zip(path, layer, text_columns, prefer)
    elif suffix not in LAYER_SUFFIXES:
        raise LayerValidationError(
            "layers.format_unknown", suffix=excerpt(suffix), accepted=ACCEPTED
        )
    else:
        source = _read_member(path, path.name, layer, text_columns)
    _check_columns(source.columns)
    return source


def excerpt(value: object, limit: int = EXCERPT) -> str:
    """A short, printable quotation of a value for a message (control characters escaped)."""
    text = CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def listed(names: Collection[object], limit: int = LISTED) -> str:
    """Names for a message: the first few, each quoted short, and how many in all."""
    shown = ", ".join(excerpt(name) for name in list(names)[:limit])
    return shown if len(names) <= limit else f"{shown}, … ({len(names)})"


def _check_columns(columns: list[str]) -> None:
    """Two columns of the same name make every look-up ambiguous: refuse them."""
    repeated = [column for column, count in Counter(columns).items() if count > 1]
    if repeated:
        raise LayerValidationError("layers.columns_duplicated", columns=listed(sorted(repeated)))


def _read_member(path: Path, name: str, layer: str | None, text: Collection[str]) -> Source:
    suffix = path.suffix.lower()
    if path.stat().st_size == 0:
        raise LayerValidationError("layers.empty")
    if suffix in TABLE_SUFFIXES:
        return _read_csv(lambda: path.open("rb"), name, set(text))
    if suffix in PARQUET_SUFFIXES:
        return _read_parquet(str(path), name)
    table = path.with_suffix(".dbf")
    if suffix == ".shp" and table.is_file():
        _check_dbf(lambda: table.open("rb"))
    return _read_vector(str(path), name, layer, _head(lambda: path.open("rb"), suffix))


def _read_zip(
    path: Path, layer: str | None, text_columns: Collection[str], prefer: Sequence[str] = ()
) -> Source:
    """The one layer of a zip, read in place: nothing is extracted to disk."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _check_archive(infos)
            member = _zip_layer([info.filename for info in infos], layer, prefer)
            return _read_zipped(path, archive, archive.getinfo(member), set(text_columns))
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
        raise LayerValidationError("layers.unreadable", reason=_reason(error)) from None


def _check_archive(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse, before reading anything, a zip too big once expanded or suspiciously dense."""
    if len(infos) > ZIP_MAX_MEMBERS:
        raise LayerValidationError("layers.zip_members", count=len(infos), limit=ZIP_MAX_MEMBERS)
    unsafe = [info.filename for info in infos if _escapes(info.filename)]
    if unsafe:
        raise LayerValidationError("layers.zip_unsafe", member=excerpt(unsafe[0]))
    expanded = sum(info.file_size for info in infos)
    if expanded > ZIP_MAX_BYTES:
        raise LayerValidationError(
            "layers.zip_too_large", size=expanded // MB, limit=ZIP_MAX_BYTES // MB
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > ZIP_RATIO_FLOOR and ratio > ZIP_MAX_RATIO:
            raise LayerValidationError(
                "layers.zip_ratio",
                member=excerpt(info.filename),
                ratio=int(ratio),
                limit=ZIP_MAX_RATIO,
            )


def _read_zipped(
    path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, text: set[str]
) -> Source:
    """A member of a checked zip: CSV streamed, Parquet in memory, vectors through /vsizip/."""
    name = f"{path.name}/{info.filename}"
    suffix = PurePosixPath(info.filename).suffix.lower()
    if info.file_size == 0:
        raise LayerValidationError("layers.empty")
    if suffix in TABLE_SUFFIXES:
        return _read_csv(lambda: archive.open(info), name, text)
    if suffix in PARQUET_SUFFIXES:
        with archive.open(info) as handle:
            return _read_parquet(pa.BufferReader(handle.read(ZIP_MAX_BYTES + 1)), name)
    head = _head(lambda: archive.open(info), suffix)
    if suffix == ".shp":
        table = str(PurePosixPath(info.filename).with_suffix(".dbf"))
        if table in archive.namelist():
            _check_dbf(lambda: archive.open(table))
    return _read_vector(f"/vsizip/{path.resolve()}/{info.filename}", name, None, head)


def _head(open_: Opener, suffix: str) -> bytes:
    """The first bytes of a vector file, after checking that a JSON text holds no NUL."""
    with open_() as handle:
        head = handle.read(16)
    if suffix in JSON_SUFFIXES:
        _check_no_nul(open_)
    return head


def _check_no_nul(open_: Opener) -> None:
    """GDAL cuts text at a NUL character (Ga-NUL-spé would become Ga): refuse it instead."""
    offset, tail = 0, b""
    with open_() as handle:
        while chunk := handle.read(CHUNK):
            window = tail + chunk
            found = _nul_at(window)
            if found >= 0:
                raise LayerValidationError("layers.text_nul", offset=offset - len(tail) + found)
            offset += len(chunk)
            tail = window[-len(NUL_ESCAPE) :]


def _nul_at(data: bytes) -> int:
    """Where the first NUL byte or JSON NUL escape is in ``data`` (-1 if nowhere)."""
    found = [i for i in (data.find(b"\0"), data.lower().find(NUL_ESCAPE)) if i >= 0]
    return min(found, default=-1)


def _escapes(member: str) -> bool:
    """Whether a zip member's path is absolute or climbs out of the extraction folder."""
    normal = member.replace("\\", "/")
    return normal.startswith("/") or ".." in PurePosixPath(normal).parts or ":" in normal


def _zip_layer(members: list[str], layer: str | None, prefer: Sequence[str] = ()) -> str:
    """The single layer file among a zip's members (chosen by ``layer`` or ``prefer``)."""
    layers = [
        member
        for member in members
        if PurePosixPath(member).suffix.lower() in LAYER_SUFFIXES
        and not any(part.startswith((".", "__MACOSX")) for part in PurePosixPath(member).parts)
    ]
    if layer:
        layers = [member for member in layers if PurePosixPath(member).stem == layer]
    if not layers:
        raise LayerValidationError("layers.zip_no_layer", accepted=", ".join(LAYER_SUFFIXES))
    for pattern in prefer if len(layers) > 1 else ():
        chosen = [member for member in layers if re.search(pattern, member, re.IGNORECASE)]
        if len(chosen) == 1:
            return chosen[0]
    if len(layers) > 1:
        raise LayerValidationError("layers.zip_several", layers=", ".join(layers[:20]))
    return layers[0]


def _read_vector(path: str, name: str, layer: str | None, head: bytes) -> Source:
    """A GeoPackage, GeoJSON or Shapefile layer (the named one when the file has several)."""
    try:
        names = [str(entry) for entry in pyogrio.list_layers(path)[:, 0]]
        if layer is None and len(names) > 1:
            raise LayerValidationError("layers.several_layers", layers=listed(names))
        if layer is not None and layer not in names:
            raise LayerValidationError(
                "layers.layer_unknown", layer=excerpt(layer), layers=listed(names)
            )
        chosen = layer or names[0]
        if head.startswith(SQLITE_MAGIC):
            _check_sqlite_layer(path, chosen)
        frame = pyogrio.read_dataframe(path, layer=chosen, use_arrow=True)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as error:
        reason = _reason(error).replace(path, name)
        raise LayerValidationError("layers.unreadable", reason=reason) from None
    _check_coordinates(frame)
    return Source(name, frame=frame)


def _check_sqlite_layer(path: str, layer: str) -> None:
    """A GeoPackage layer must be a real table of bounded size (a view may never end)."""
    quoted = layer.replace("'", "''")
    found = pyogrio.read_dataframe(
        path,
        sql=f"SELECT type FROM sqlite_master WHERE name = '{quoted}'",
        read_geometry=False,
    )
    if found.empty or found["type"].iloc[0] != "table":
        raise LayerValidationError("layers.not_a_table", layer=excerpt(layer))
    info = pyogrio.read_info(path, layer=layer)
    if info["features"] > MAX_FEATURES:
        raise LayerValidationError(
            "layers.too_many_rows", count=info["features"], limit=MAX_FEATURES
        )
    _check_sqlite_nul(path, quoted, info)


def _check_sqlite_nul(path: str, quoted: str, info: dict) -> None:
    """SQLite text may hold a NUL that GDAL would silently cut the text at: refuse it."""
    fields = zip(info["fields"], info["dtypes"], strict=True)
    text = [field for field, dtype in fields if dtype == "object"]
    if not text:
        return
    tests = " OR ".join(f"instr(CAST({_quoted(field)} AS BLOB), x'00') > 0" for field in text)
    table = _quoted(quoted.replace("''", "'"))
    found = pyogrio.read_dataframe(
        path, sql=f"SELECT count(*) AS cut FROM {table} WHERE {tests}", read_geometry=False
    )
    if len(found) and int(found["cut"].iloc[0]):
        count = int(found["cut"].iloc[0])
        raise LayerValidationError("layers.text_nul_features", count=count)


def _check_dbf(opened: Callable[[], IO[bytes]]) -> None:
    """Refuse a NUL before more text in a shapefile's text field (GDAL would cut it there).

    NUL padding at the end of a field loses nothing and is accepted.
    """
    with opened() as handle:
        data = handle.read()
    if len(data) < 33:
        return
    start, width = int.from_bytes(data[8:10], "little"), int.from_bytes(data[10:12], "little")
    fields, offset = [], 1  # each record begins with its deletion flag
    for at in range(32, start - 31, 32):
        if data[at] == 0x0D:
            break
        length = data[at + 16]
        if data[at + 11 : at + 12] == b"C":
            fields.append((offset, length))
        offset += length
    records = data[start:]
    cut = 0
    for at in range(0, len(records) - width + 1, width) if width > 0 else ():
        texts = (records[at + begin : at + begin + length] for begin, length in fields)
        cut += any(b"\x00" in text.rstrip(b"\x00 ") for text in texts)
    if cut:
        raise LayerValidationError("layers.text_nul_features", count=cut)


def _quoted(identifier: str) -> str:
    """An SQL identifier, quoted."""
    return '"' + identifier.replace('"', '""') + '"'


def _check_coordinates(frame: pd.DataFrame) -> None:
    """Infinite or NaN coordinates cannot be placed anywhere: refuse them."""
    if not isinstance(frame, gpd.GeoDataFrame) or frame.empty:
        return
    shapes = frame.geometry.to_numpy()
    present = ~(shapely.is_missing(shapes) | shapely.is_empty(shapes))
    with np.errstate(invalid="ignore"):
        bounds = shapely.bounds(shapes[present])
    bad = ~np.isfinite(bounds).all(axis=1)
    if bad.any():
        raise LayerValidationError("layers.coordinates_not_finite", count=int(bad.sum()))


def _read_parquet(source: str | pa.BufferReader, name: str) -> Source:
    """GeoParquet as a vector frame; plain Parquet as a table of rows."""
    try:
        schema = pq.read_schema(source)
        if schema.metadata and b"geo" in schema.metadata:
            if isinstance(source, pa.BufferReader):
                source.seek(0)
            frame = gpd.read_parquet(source)
            _check_coordinates(frame)
            return Source(name, frame=frame)
        if isinstance(source, pa.BufferReader):
            source.seek(0)
        return Source(name, table=pq.read_table(source))
    except LayerValidationError:
        raise
    except (pa.ArrowException, OSError, ValueError, TypeError, KeyError, GEOSException) as error:
        raise LayerValidationError("layers.unreadable", reason=_reason(error)) from None


Opener = Callable[[], IO[bytes]]


def _read_csv(open_: Opener, name: str, text_keys: set[str]) -> Source:
    """A CSV table in UTF-8 or cp1252 (decided on the whole text), with its header's separator."""
    encoding = _encoding(open_)
    with open_() as handle:
        head = handle.read(SNIFF_BYTES)
    with open_() as handle:
        table = _parse_csv(handle, head, encoding, text_keys)
    return Source(name, table=table, encoding=encoding)


def _parse_csv(handle: IO[bytes], head: bytes, encoding: str, text_keys: set[str]) -> pa.Table:
    first_line = head.decode(encoding, errors="replace").lstrip("\ufeff").splitlines()[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    header = next(csv.reader([first_line], delimiter=delimiter))
    _check_columns(header)
    types = {column: pa.string() for column in header if column_key(column) in text_keys}
    try:
        return pacsv.read_csv(
            handle,
            read_options=pacsv.ReadOptions(encoding=encoding),
            parse_options=pacsv.ParseOptions(delimiter=delimiter),
            convert_options=pacsv.ConvertOptions(column_types=types, strings_can_be_null=True),
        )
    except pa.ArrowInvalid as error:
        raise LayerValidationError("layers.unreadable", reason=_reason(error)) from None


def _encoding(open_: Opener) -> str:
    """UTF-8 if the whole text decodes as such, else cp1252; refused if it is not text."""
    offset = _undecodable(open_, UTF8)
    if offset is None:
        return UTF8
    if _undecodable(open_, CP1252) is not None:
        raise LayerValidationError("layers.not_encoded", offset=offset)
    return CP1252


def _undecodable(open_: Opener, encoding: str) -> int | None:
    """The offset of the first byte ``encoding`` cannot decode (None if all can)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    offset, blank = 0, True
    with open_() as handle:
        while chunk := handle.read(CHUNK):
            if b"\0" in chunk:
                raise LayerValidationError("layers.not_text", offset=offset + chunk.index(b"\0"))
            blank = blank and not chunk.strip()
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                return offset + error.start
            offset += len(chunk)
    if blank:
        raise LayerValidationError("layers.empty")
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return offset
    return None


def _reason(error: Exception) -> str:
    """The first line of a library's error, short enough for a one-line message."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return excerpt(text, REASON)
