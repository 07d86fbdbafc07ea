"""Read a layer file of any accepted format into memory, refusing what cannot be read.

Vector files (GeoPackage, GeoJSON, Shapefile, GeoParquet) give a GeoDataFrame; tables (CSV,
Parquet without geometry) give an Arrow table, so that a province-wide file can be filtered
before anything is converted. CSV text may be UTF-8 (with or without a byte-order mark) or
cp1252, separated by commas, semicolons or tabs. A zip must hold exactly one layer.
"""

from __future__ import annotations

import csv
import re
import tempfile
import zipfile
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pyogrio

from app.errors import LayerValidationError

VECTOR_SUFFIXES = (".gpkg", ".geojson", ".json", ".shp", ".tab", ".kml", ".kmz")
TABLE_SUFFIXES = (".csv", ".tsv")
PARQUET_SUFFIXES = (".parquet", ".geoparquet")
LAYER_SUFFIXES = (*VECTOR_SUFFIXES, *TABLE_SUFFIXES, *PARQUET_SUFFIXES)
ACCEPTED = ", ".join((*LAYER_SUFFIXES, ".zip"))
DELIMITERS = (",", ";", "\t")
SNIFF_BYTES = 1 << 16
UTF8, CP1252 = "utf-8", "cp1252"


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
        return _read_zip(path, layer, text_columns, prefer)
    if suffix not in LAYER_SUFFIXES:
        raise LayerValidationError("layers.format_unknown", suffix=suffix or "—", accepted=ACCEPTED)
    return _read_member(path, path.name, layer, text_columns)


def _read_member(path: Path, name: str, layer: str | None, text: Collection[str]) -> Source:
    suffix = path.suffix.lower()
    if path.stat().st_size == 0:
        raise LayerValidationError("layers.empty")
    if suffix in TABLE_SUFFIXES:
        return _read_csv(path, name, set(text))
    if suffix in PARQUET_SUFFIXES:
        return _read_parquet(path, name)
    return _read_vector(path, name, layer)


def _read_zip(
    path: Path, layer: str | None, text_columns: Collection[str], prefer: Sequence[str]
) -> Source:
    """The one layer of a zip, after checking that no member escapes the folder."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.namelist()
            unsafe = [member for member in members if _escapes(member)]
            if unsafe:
                raise LayerValidationError("layers.zip_unsafe", member=unsafe[0])
            member = _zip_layer(members, layer, prefer)
            with tempfile.TemporaryDirectory(prefix="gim-zip-") as folder:
                archive.extractall(folder)
                inner = Path(folder, member)
                return _read_member(inner, f"{path.name}/{member}", None, text_columns)
    except zipfile.BadZipFile as error:
        raise LayerValidationError("layers.unreadable", reason=str(error)) from None


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


def _read_vector(path: Path, name: str, layer: str | None) -> Source:
    """A GeoPackage, GeoJSON or Shapefile layer (the named one when the file has several)."""
    try:
        names = [str(entry) for entry in pyogrio.list_layers(path)[:, 0]]
        if layer is None and len(names) > 1:
            raise LayerValidationError("layers.several_layers", layers=", ".join(names))
        if layer is not None and layer not in names:
            raise LayerValidationError("layers.layer_unknown", layer=layer, layers=", ".join(names))
        frame = pyogrio.read_dataframe(path, layer=layer or names[0], use_arrow=True)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as error:
        reason = _reason(error).replace(str(path), name)
        raise LayerValidationError("layers.unreadable", reason=reason) from None
    return Source(name, frame=frame)


def _read_parquet(path: Path, name: str) -> Source:
    """GeoParquet as a vector frame; plain Parquet as a table of rows."""
    try:
        schema = pq.read_schema(path)
        if schema.metadata and b"geo" in schema.metadata:
            return Source(name, frame=gpd.read_parquet(path))
        return Source(name, table=pq.read_table(path))
    except (pa.ArrowException, OSError, ValueError) as error:
        raise LayerValidationError("layers.unreadable", reason=_reason(error)) from None


def _read_csv(path: Path, name: str, text_keys: set[str]) -> Source:
    """A CSV table in UTF-8 or cp1252, with the separator its header line uses."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if not head.strip():
        raise LayerValidationError("layers.empty")
    encoding = UTF8 if _is_utf8(head) else CP1252
    table = _parse_csv(path, head, encoding, text_keys)
    if encoding == UTF8 and any(pa.types.is_binary(field.type) for field in table.schema):
        # Bytes that are not UTF-8 further down the file: it is cp1252 after all.
        encoding = CP1252
        table = _parse_csv(path, head, encoding, text_keys)
    return Source(name, table=table, encoding=encoding)


def _parse_csv(path: Path, head: bytes, encoding: str, text_keys: set[str]) -> pa.Table:
    first_line = head.decode(encoding, errors="replace").lstrip("\ufeff").splitlines()[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    header = next(csv.reader([first_line], delimiter=delimiter))
    types = {column: pa.string() for column in header if column_key(column) in text_keys}
    try:
        return pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(encoding=encoding),
            parse_options=pacsv.ParseOptions(delimiter=delimiter),
            convert_options=pacsv.ConvertOptions(column_types=types, strings_can_be_null=True),
        )
    except pa.ArrowInvalid as error:
        raise LayerValidationError("layers.unreadable", reason=_reason(error)) from None


def _is_utf8(head: bytes) -> bool:
    """Whether the start of a file decodes as UTF-8 (a character cut at the end is fine)."""
    try:
        head.decode(UTF8)
    except UnicodeDecodeError as error:
        return error.start >= len(head) - 3
    return True


def _reason(error: Exception) -> str:
    """The first line of a library's error, short enough for a one-line message."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text if len(text) <= 160 else text[:159] + "…"
