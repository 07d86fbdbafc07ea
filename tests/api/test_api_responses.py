"""CSV exports are safe to open in a spreadsheet (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io

from app.api.responses import csv_response


def cells(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.body.decode("utf-8-sig"))))


def test_text_cells_that_a_spreadsheet_would_run_are_made_inert():
    hostile = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"]
    rows = cells(csv_response(["name"], [[value] for value in hostile], "x.csv"))
    assert [row[0] for row in rows[1:]] == ["'" + value for value in hostile]


def test_numbers_stay_numbers_and_plain_text_is_untouched():
    rows = cells(csv_response(["=a", "b", "c"], [[-3, -1.5, "Gaspé"]], "x.csv"))
    assert rows == [["'=a", "b", "c"], ["-3", "-1.5", "Gaspé"]]
