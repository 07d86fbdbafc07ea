"""The figures of a page as accessible tables: a caption, column headers, one header per row."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from app.gaps.engine import TECHNOLOGIES, GapReport
from app.gaps.threshold import Threshold
from app.i18n import translate
from app.maps import places
from app.maps.figures import formatted
from app.maps.formats import count, percent
from app.maps.places import Place

AREA_COLUMNS = (
    "dwellings",
    "served_dwellings",
    "share",
    "underserved_dwellings",
    "unserved_dwellings",
    "population",
)
CLASS_COLUMNS = ("served_dwellings", "underserved_dwellings", "unserved_dwellings")


@dataclass(frozen=True)
class Row:
    """A table row: its header (a name, linked when ``link``) and its cells."""

    header: str
    cells: list[str]
    link: str = ""


@dataclass(frozen=True)
class Table:
    """A data table; ``total`` is the footer row summing the others, if any."""

    id: str
    caption: str
    columns: list[str]  # the header of the first column comes first
    rows: list[Row]
    total: Row | None = None
    numeric: list[bool] = field(default_factory=list)


def area_tables(
    place: Place,
    figures: GapReport,
    threshold: Threshold,
    lang: str,
    census_years: dict[str, int] | None = None,
) -> list[Table]:
    """The tables of a page: MRCs and municipalities, an MRC's municipalities, or technologies.

    ``census_years`` names the municipalities whose counts are from an older census.
    """
    if place.scope == places.MUNICIPALITY:
        return [technology_table(place, figures, threshold, lang)]
    towns = figures.municipalities
    years = census_years or {}
    if place.scope == places.MRC:
        towns = towns[towns["mrc_code"] == place.code]
        total = Row(place.name, _cells(figures.mrcs.loc[place.code], lang))
        return [municipality_table(place, towns, total, threshold, lang, years)]
    total = Row(place.name, _cells(figures.region, lang))
    return [
        mrc_table(place, figures.mrcs, total, threshold, lang),
        municipality_table(place, towns, total, threshold, lang, years),
    ]


def older_census_years(municipalities: pd.DataFrame) -> dict[str, int]:
    """Municipalities counted in an older census than the rest (Listuguj: 2016), by code."""
    newest = municipalities["census_year"].max()
    older = municipalities[municipalities["census_year"] < newest]
    return dict(zip(older["code"].astype(str), older["census_year"].astype(int), strict=True))


def mrc_table(
    place: Place, mrcs: pd.DataFrame, total: Row, threshold: Threshold, lang: str
) -> Table:
    """One row per MRC, linked to its map, and the region in the footer."""
    rows = [
        Row(str(row["name"]), _cells(row, lang), _link(places.MRC, code, threshold, lang))
        for code, row in mrcs.iterrows()
    ]
    caption = _text("maps.table.mrcs", lang, threshold, place=place.name)
    return _table("table-mrcs", caption, "maps.column.mrc", rows, total, lang, with_mrc=False)


def municipality_table(
    place: Place,
    towns: pd.DataFrame,
    total: Row,
    threshold: Threshold,
    lang: str,
    census_years: dict[str, int],
) -> Table:
    """One row per municipality, linked to its map, with its MRC; the area's total below."""
    with_mrc = place.scope == places.REGION
    rows = [
        Row(
            _name_with_census(str(row["name"]), census_years.get(str(code)), lang),
            ([str(row["mrc_name"])] if with_mrc else []) + _cells(row, lang),
            _link(places.MUNICIPALITY, code, threshold, lang),
        )
        for code, row in towns.iterrows()
    ]
    if with_mrc:
        total = Row(total.header, ["", *total.cells])
    caption = _text("maps.table.municipalities", lang, threshold, place=place.name)
    return _table(
        "table-municipalities", caption, "maps.column.municipality", rows, total, lang, with_mrc
    )


def technology_table(place: Place, figures: GapReport, threshold: Threshold, lang: str) -> Table:
    """Dwellings of a municipality by best technology available, and those served."""
    row = figures.municipalities.loc[place.code]
    rows = [
        Row(
            translate(f"maps.tech.{tech}", lang),
            [count(row[f"dwellings_{tech}"], lang), count(row[f"served_dwellings_{tech}"], lang)],
        )
        for tech in TECHNOLOGIES
    ]
    total = Row(place.name, [count(row["dwellings"], lang), count(row["served_dwellings"], lang)])
    columns = [
        translate("maps.column.technology", lang),
        translate("maps.column.dwellings", lang),
        _text("maps.column.served_at", lang, threshold),
    ]
    caption = _text("maps.table.technologies", lang, threshold, place=place.name)
    return Table("table-technologies", caption, columns, rows, total, [False, True, True])


def summary(row: pd.Series, lang: str) -> list[tuple[str, str, str]]:
    """The key figures of one area: (label, count, share of its dwellings)."""
    texts = formatted(row, lang)
    dwellings = float(row["dwellings"])
    lines = [(translate("maps.column.dwellings", lang), texts["dwellings"], "")]
    for column in CLASS_COLUMNS:
        share = float(row[column]) / dwellings if dwellings > 0 else np.nan
        lines.append(
            (translate(f"maps.column.{column}", lang), texts[column], percent(share, lang))
        )
    lines.append((translate("maps.column.population", lang), texts["population"], ""))
    lines.append((translate("maps.column.census_dwellings", lang), texts["census_dwellings"], ""))
    return lines


def _table(
    table_id: str,
    caption: str,
    first: str,
    rows: list[Row],
    total: Row,
    lang: str,
    with_mrc: bool,
) -> Table:
    columns = [translate(first, lang)]
    columns += [translate("maps.column.mrc", lang)] if with_mrc else []
    columns += [translate(f"maps.column.{column}", lang) for column in AREA_COLUMNS]
    numeric = [False] * (2 if with_mrc else 1) + [True] * len(AREA_COLUMNS)
    return Table(table_id, caption, columns, rows, total, numeric)


def _cells(row: pd.Series | dict, lang: str) -> list[str]:
    texts = formatted(row, lang)
    return [texts[column] for column in AREA_COLUMNS]


def _link(scope: str, code: str, threshold: Threshold, lang: str) -> str:
    return places.page_url(scope, str(code), threshold, lang)


def _text(key: str, lang: str, threshold: Threshold, **params: str) -> str:
    return translate(key, lang, threshold=threshold.label, **params)


def _name_with_census(name: str, year: int | None, lang: str) -> str:
    """The name, with the census year when its counts are from an older census."""
    return translate("maps.census_year_note", lang, name=name, year=year) if year else name
