"""Figures to take away: CSV for a spreadsheet in either locale, XLSX, GeoJSON and GeoPackage.

No HTTP here: each encoder takes a ``Sheet`` (or a GeoDataFrame), the language's choices and
returns bytes. CSV follows the reader's locale, because Excel reads a CSV with the separators
of the computer's regional settings: French (fr-CA) uses ``;`` between fields and a decimal
comma, English ``,`` and a decimal point.
"""

from __future__ import annotations

import csv
import io
import math
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import orjson
import pandas as pd
import pyogrio
import shapely
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from app.errors import InvalidParameterError

# A spreadsheet runs a cell starting with one of these as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with a byte-order mark
SEPARATORS = {",": ",", ";": ";", "tab": "\t", "|": "|"}
DECIMALS = (".", ",")
# The same, as types: a web framework can document and check them.
Separator = Literal[",", ";", "tab", "|"]
Decimal = Literal[".", ","]
LOCALE_CSV = {"fr": (";", ","), "en": (",", ".")}
SHARE_PLACES = 4  # a share of 0.927312 is written 92.7312 (%): the JSON's six places of a fraction
NUMBER_PLACES = 6
COUNT_FORMAT = "#,##0"
NUMBER_FORMAT = "#,##0.##"
PERCENT_FORMAT = "0.0%"
MAX_WIDTH = 48


class ColumnKind(StrEnum):
    """How a column is written: text stays text, numbers are numbers, shares percentages."""

    TEXT = "text"
    NUMBER = "number"
    SHARE = "share"  # a fraction of 1, written as a percentage


@dataclass(frozen=True)
class Column:
    """One column of a sheet: the frame's field, its header in the reader's language, its kind."""

    field: str
    header: str
    kind: ColumnKind = ColumnKind.NUMBER


@dataclass(frozen=True)
class Sheet:
    """A table to take away: named columns over the rows of a frame."""

    title: str
    columns: tuple[Column, ...]
    frame: pd.DataFrame
    name: str = ""  # the table's id, e.g. "municipalities"

    def rows(self) -> Iterable[list[Any]]:
        """The values of each row, in column order (numpy scalars made plain)."""
        fields = [column.field for column in self.columns]
        for values in self.frame[fields].itertuples(index=False, name=None):
            yield [_plain(value) for value in values]


@dataclass(frozen=True)
class CsvFormat:
    """The field separator and decimal mark of a CSV."""

    sep: str = ","
    decimal: str = "."

    @classmethod
    def of(cls, lang: str, sep: str | None = None, decimal: str | None = None) -> CsvFormat:
        """The language's format, with ``sep`` and ``decimal`` overriding it when given.

        ``sep`` is one of ``,`` ``;`` ``|`` or ``tab``; ``decimal`` is ``.`` or ``,``. A decimal
        comma asked for alone brings the semicolon with it, so that the two never collide.
        """
        default_sep, default_decimal = LOCALE_CSV.get(lang, LOCALE_CSV["fr"])
        if sep is not None and sep not in SEPARATORS:
            raise InvalidParameterError(
                "exports.sep_unknown", value=sep[:20], accepted=" ".join(SEPARATORS)
            )
        if decimal is not None and decimal not in DECIMALS:
            raise InvalidParameterError(
                "exports.decimal_unknown", value=decimal[:20], accepted=" ".join(DECIMALS)
            )
        chosen_decimal = decimal or default_decimal
        if sep is None:
            chosen_sep = ";" if chosen_decimal == "," else default_sep
        else:
            chosen_sep = SEPARATORS[sep]
        if chosen_sep == chosen_decimal:
            raise InvalidParameterError("exports.sep_is_decimal", value=chosen_sep)
        return cls(chosen_sep, chosen_decimal)


def neutralised(value: str) -> str:
    """Text a spreadsheet would run as a formula, made inert (shown as text by Excel)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


DEFAULT_CSV = CsvFormat()


def to_csv(sheet: Sheet, form: CsvFormat = DEFAULT_CSV) -> bytes:
    """The sheet as CSV in UTF-8 with a byte-order mark, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=form.sep, lineterminator="\r\n")
    writer.writerow([neutralised(csv_header(column)) for column in sheet.columns])
    kinds = [column.kind for column in sheet.columns]
    for values in sheet.rows():
        writer.writerow(
            _csv_cell(value, kind, form.decimal) for value, kind in zip(values, kinds, strict=True)
        )
    return (BOM + buffer.getvalue()).encode("utf-8")


def csv_header(column: Column) -> str:
    """A column's CSV header; a share's says its values are percentages."""
    return f"{column.header} (%)" if column.kind is ColumnKind.SHARE else column.header


def _csv_cell(value: Any, kind: ColumnKind, decimal: str) -> str:
    """One CSV field: empty when missing, numbers with the decimal mark, text made inert."""
    if _missing(value):
        return ""
    if kind is ColumnKind.TEXT or not isinstance(value, int | float):
        return neutralised(str(value))
    if kind is ColumnKind.SHARE:
        return decimal_text(value * 100, SHARE_PLACES, decimal)
    return decimal_text(value, NUMBER_PLACES, decimal)


def decimal_text(value: float, places: int, decimal: str = ".") -> str:
    """A number with at most ``places`` decimals, no trailing zeros, no thousands separator."""
    text = f"{float(value):.{places}f}".rstrip("0").rstrip(".")
    text = "0" if text in ("-0", "") else text
    return text.replace(".", decimal)


def to_xlsx(sheets: Sequence[Sheet], sources: Sheet) -> bytes:
    """A workbook: one worksheet per sheet, then the sources; headers bold and frozen."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for sheet in (*sheets, sources):
        _worksheet(book, sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _worksheet(book: Workbook, sheet: Sheet) -> None:
    """Write ``sheet`` as a worksheet: typed cells, number formats, a filter on the header."""
    page = book.create_sheet(_sheet_title(sheet.title))
    page.append([column.header for column in sheet.columns])
    for cell in page[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
    formats = [_number_format(column.kind) for column in sheet.columns]
    for values in sheet.rows():
        page.append(
            [
                _xlsx_value(value, column.kind)
                for value, column in zip(values, sheet.columns, strict=True)
            ]
        )
        for cell, number_format in zip(page[page.max_row], formats, strict=True):
            if number_format and isinstance(cell.value, int | float):
                cell.number_format = number_format
            elif cell.data_type == "f":
                cell.data_type = "s"  # openpyxl takes "=..." for a formula: text stays text
    page.freeze_panes = "A2"
    last = get_column_letter(len(sheet.columns))
    page.auto_filter.ref = f"A1:{last}{page.max_row}"
    for index, column in enumerate(sheet.columns, start=1):
        page.column_dimensions[get_column_letter(index)].width = _width(sheet, column)


def _xlsx_value(value: Any, kind: ColumnKind) -> Any:
    """A cell's value: None when missing, text for text columns, numbers kept as numbers."""
    if _missing(value):
        return None
    if kind is ColumnKind.TEXT:
        return str(value)  # a string cell: Excel never reads "50/10" as a date there
    return value


def _number_format(kind: ColumnKind) -> str:
    return {ColumnKind.NUMBER: COUNT_FORMAT, ColumnKind.SHARE: PERCENT_FORMAT}.get(kind, "")


def _width(sheet: Sheet, column: Column) -> float:
    """A column wide enough for its header or its longest text, within reason."""
    longest = max([len(str(value)) for value in sheet.frame[column.field]] or [0])
    return min(MAX_WIDTH, max(len(column.header), longest, 8) + 2)


def _sheet_title(title: str) -> str:
    """A valid worksheet title: at most 31 characters, none of the brackets, colon, etc."""
    for character in "[]:*?/\\":
        title = title.replace(character, "-")
    return title[:31]


def to_geojson(frame: gpd.GeoDataFrame) -> bytes:
    """Features in longitude/latitude (RFC 7946), their properties as in the frame (NaN: null)."""
    geometries = shapely.to_geojson(frame.to_crs(4326).geometry.to_numpy())
    properties = frame.drop(columns=frame.geometry.name).to_dict("records")
    features = b",".join(
        b'{"type":"Feature","properties":%b,"geometry":%b}'
        % (orjson.dumps(attributes, option=orjson.OPT_SERIALIZE_NUMPY), geometry.encode())
        for attributes, geometry in zip(properties, geometries, strict=True)
    )
    return b'{"type":"FeatureCollection","features":[' + features + b"]}"


@dataclass(frozen=True)
class LayerStyle:
    """A QGIS style (QML) stored in the GeoPackage, applied when QGIS opens the layer."""

    name: str
    qml: str
    description: str = ""


def to_geopackage(frame: gpd.GeoDataFrame, layer: str, style: LayerStyle | None = None) -> bytes:
    """A GeoPackage of one layer (written by GDAL through pyogrio), with its style if any."""
    with tempfile.TemporaryDirectory(prefix="gim-export-") as folder:
        path = Path(folder) / f"{layer}.gpkg"
        pyogrio.write_dataframe(frame, path, layer=layer, driver="GPKG")
        if style is not None:
            _add_style(path, layer, frame.geometry.name, style)
        return path.read_bytes()


def _add_style(path: Path, layer: str, geometry: str, style: LayerStyle) -> None:
    """QGIS's ``layer_styles`` table, with ``style`` as the layer's default."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute(_STYLES_TABLE)
            connection.execute(
                "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
                "f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, "
                "owner, ui) VALUES ('', '', ?, ?, ?, ?, '', 1, ?, '', '')",
                (layer, geometry, style.name, style.qml, style.description),
            )
            # Registered as an attributes table, so that the file stays a valid GeoPackage.
            connection.execute(
                "INSERT INTO gpkg_contents (table_name, data_type, identifier) "
                "VALUES ('layer_styles', 'attributes', 'layer_styles')"
            )
    finally:
        connection.close()


_STYLES_TABLE = """
CREATE TABLE layer_styles (
    id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), f_table_schema TEXT(256),
    f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT,
    styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30),
    update_time DATETIME DEFAULT CURRENT_TIMESTAMP
)
"""


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python value it holds."""
    return value.item() if isinstance(value, np.generic) else value


def _missing(value: Any) -> bool:
    """None, NaN and pandas' missing values."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
