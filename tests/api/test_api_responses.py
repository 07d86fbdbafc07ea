"""CSV exports are safe to open in a spreadsheet (OWASP CSV injection), through the one writer."""

from __future__ import annotations

import csv
import io

import pandas as pd

from app.api.responses import csv_response
from app.exports import Column, ColumnKind, CsvFormat, Sheet, to_csv


def cells(response, sep: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.body.decode("utf-8-sig")), delimiter=sep))


def sheet(header: list[tuple[str, ColumnKind]], rows: list[list[object]]) -> Sheet:
    columns = tuple(Column(f"c{i}", name, kind) for i, (name, kind) in enumerate(header))
    frame = pd.DataFrame(rows, columns=[column.field for column in columns])
    return Sheet("x", columns, frame)


def test_text_cells_that_a_spreadsheet_would_run_are_made_inert():
    hostile = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"]
    table = sheet([("name", ColumnKind.TEXT)], [[value] for value in hostile])
    rows = cells(csv_response(to_csv(table), "x.csv"))
    assert [row[0] for row in rows[1:]] == ["'" + value for value in hostile]


def test_numbers_stay_numbers_and_plain_text_is_untouched():
    header = [("=a", ColumnKind.NUMBER), ("b", ColumnKind.NUMBER), ("c", ColumnKind.TEXT)]
    table = sheet(header, [[-3, -1.5, "Gaspé"]])
    assert cells(csv_response(to_csv(table), "x.csv")) == [
        ["'=a", "b", "c"],
        ["-3", "-1.5", "Gaspé"],
    ]
    french = csv_response(to_csv(table, CsvFormat.of("fr")), "x.csv")
    assert cells(french, ";") == [["'=a", "b", "c"], ["-3", "-1,5", "Gaspé"]]
