"""The encoders of app/exports.py: CSV in either locale, XLSX, GeoPackage (no HTTP)."""

from __future__ import annotations

import csv
import io
import sqlite3

import geopandas as gpd
import openpyxl
import pandas as pd
import pyogrio
import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidParameterError
from app.exports import (
    Column,
    ColumnKind,
    CsvFormat,
    LayerStyle,
    Sheet,
    decimal_text,
    to_csv,
    to_geopackage,
    to_xlsx,
)

COLUMNS = (
    Column("name", "Nom", ColumnKind.TEXT),
    Column("threshold", "Seuil", ColumnKind.TEXT),
    Column("dwellings", "Logements"),
    Column("share", "Part", ColumnKind.SHARE),
)
FRAME = pd.DataFrame(
    {
        "name": ["Gaspé", "=cmd", "Rivière-Saint-Jean"],
        "threshold": ["50/10 Mbit/s"] * 3,
        "dwellings": [7352.0, 12.5, 0.0],
        "share": [0.927312, 1.0, float("nan")],
    }
)
SHEET = Sheet("Municipalités", COLUMNS, FRAME)


def read(body: bytes, form: CsvFormat) -> list[list[str]]:
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=form.sep))


@pytest.mark.parametrize(
    ("lang", "sep", "decimal"), [("fr", ";", ","), ("en", ",", "."), ("de", ";", ",")]
)
def test_csv_follows_the_language(lang, sep, decimal):
    form = CsvFormat.of(lang)
    assert (form.sep, form.decimal) == (sep, decimal)
    rows = read(to_csv(SHEET, form), form)
    assert rows[0] == ["Nom", "Seuil", "Logements", "Part (%)"]
    assert rows[1] == ["Gaspé", "50/10 Mbit/s", "7352", f"92{decimal}7312"]
    assert rows[2] == ["'=cmd", "50/10 Mbit/s", f"12{decimal}5", "100"]
    assert rows[3][3] == ""  # a share of no dwellings is missing, not zero


@pytest.mark.parametrize(
    ("sep", "decimal", "expected"),
    [
        ("tab", None, ("\t", ".")),
        (";", ".", (";", ".")),
        (None, ",", (";", ",")),  # a decimal comma alone brings the semicolon
        ("|", ",", ("|", ",")),
    ],
)
def test_separator_and_decimal_overrides(sep, decimal, expected):
    form = CsvFormat.of("en", sep, decimal)
    assert (form.sep, form.decimal) == expected
    frame = pd.read_csv(
        io.BytesIO(to_csv(SHEET, form)), sep=form.sep, decimal=form.decimal, encoding="utf-8-sig"
    )
    assert frame["Logements"].tolist() == [7352, 12.5, 0]
    assert frame["Part (%)"].iloc[0] == pytest.approx(92.7312)


@pytest.mark.parametrize(
    ("sep", "decimal", "key"),
    [("x", None, "sep_unknown"), (None, ";", "decimal_unknown"), (",", ",", "sep_is_decimal")],
)
def test_bad_overrides_are_refused_saying_why(sep, decimal, key):
    with pytest.raises(InvalidParameterError) as refused:
        CsvFormat.of("fr", sep, decimal)
    assert refused.value.key == f"exports.{key}"


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.sampled_from(".,"))
def test_decimal_text_reads_back_as_the_number_it_writes(value, mark):
    text = decimal_text(value, 6, mark)
    assert " " not in text and not text.endswith(mark)
    assert float(text.replace(",", ".")) == pytest.approx(round(value, 6), abs=1e-6)


def test_xlsx_keeps_numbers_as_numbers_and_shares_as_percentages(tmp_path):
    sources = Sheet(
        "Sources", (Column("layer", "Couche", ColumnKind.TEXT),), pd.DataFrame({"layer": ["x"]})
    )
    path = tmp_path / "figures.xlsx"
    path.write_bytes(to_xlsx([SHEET], sources))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Municipalités", "Sources"]
    sheet = book["Municipalités"]
    assert [cell.value for cell in sheet[1]] == ["Nom", "Seuil", "Logements", "Part"]
    assert sheet.freeze_panes == "A2"
    gaspe = sheet[2]
    assert gaspe[0].value == "Gaspé" and gaspe[1].value == "50/10 Mbit/s"
    assert gaspe[1].data_type == "s"
    assert gaspe[2].value == 7352 and gaspe[2].number_format == "#,##0"
    assert gaspe[3].value == pytest.approx(0.927312) and gaspe[3].number_format == "0.0%"
    assert sheet[3][0].value == "=cmd" and sheet[3][0].data_type == "s"  # text, never a formula
    assert sheet[4][3].value is None


def test_geopackage_carries_the_frame_and_its_qgis_style(tmp_path):
    frame = gpd.GeoDataFrame(
        {"code": ["1", "2"], "served_share": [0.5, 0.95]},
        geometry=[shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)],
        crs=4326,
    )
    path = tmp_path / "layer.gpkg"
    path.write_bytes(to_geopackage(frame, "areas", LayerStyle("Part", "<qgis/>", "ma note")))
    layers = {name for name, _ in pyogrio.list_layers(path)}
    assert layers == {"areas", "layer_styles"}
    back = pyogrio.read_dataframe(path, layer="areas")
    assert back["served_share"].tolist() == [0.5, 0.95]
    with sqlite3.connect(path) as connection:
        row = connection.execute(
            "SELECT f_table_name, f_geometry_column, styleQML, useAsDefault FROM layer_styles"
        ).fetchone()
    assert row == ("areas", "geometry", "<qgis/>", 1)
