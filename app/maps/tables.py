"""The figures of a page as accessible tables: a caption, column headers, one header per row."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from app.gaps.engine import TECHNOLOGY_NAMES, GapReport
from app.i18n import translate
from app.maps import places
from app.maps.figures import formatted
from app.maps.formats import count, percent
from app.maps.places import Place, View
from app.vocabulary import describe

# Columns of the area tables, by theme: served first, in the order of the tooltips.
AREA_COLUMNS = {
    places.SERVICE: (
        "dwellings",
        "served_dwellings",
        "share",
        "underserved_dwellings",
        "unserved_dwellings",
        "unknown_dwellings",
        "satellite_only_dwellings",
        "population",
    ),
    places.LTE: (
        "dwellings",
        "no_lte_dwellings",
        "no_lte_share",
        "no_lte_population",
        "lte_unreported_dwellings",
        "population",
    ),
}
CLASS_COLUMNS = (
    "served_dwellings",
    "underserved_dwellings",
    "unserved_dwellings",
    "unknown_dwellings",
)
EXTRA_SUMMARY = ("satellite_only_dwellings", "no_lte_dwellings")


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
    view: View,
    lang: str,
    census_years: dict[str, int] | None = None,
) -> list[Table]:
    """The tables of a page: MRCs and municipalities, an MRC's municipalities, or technologies.

    ``census_years`` names the municipalities whose counts are from an older census.
    """
    if place.scope == places.MUNICIPALITY:
        return [technology_table(place, figures, view, lang)]
    towns = figures.municipalities
    years = census_years or {}
    if place.scope == places.MRC:
        towns = towns[towns["mrc_code"] == place.code]
        total = Row(place.name, _cells(figures.mrcs.loc[place.code], view, lang))
        return [municipality_table(place, towns, total, view, lang, years)]
    total = Row(place.name, _cells(figures.region, view, lang))
    return [
        mrc_table(place, figures.mrcs, total, view, lang),
        municipality_table(place, towns, total, view, lang, years),
    ]


def older_census_years(municipalities: pd.DataFrame) -> dict[str, int]:
    """Municipalities counted in an older census than the rest (Listuguj: 2016), by code."""
    years = municipalities["census_year"].to_numpy(dtype=int)
    codes = municipalities["code"].astype(str).to_numpy()
    older = years < years.max()  # arrays: a frame filtered here would copy every geometry
    return dict(zip(codes[older].tolist(), years[older].tolist(), strict=True))


def mrc_table(place: Place, mrcs: pd.DataFrame, total: Row, view: View, lang: str) -> Table:
    """One row per MRC, linked to its map, and the region in the footer."""
    rows = [
        Row(str(row["name"]), _cells(row, view, lang), _link(places.MRC, code, view, lang))
        for code, row in mrcs.iterrows()
    ]
    caption = _text(f"maps.table.mrcs.{view.theme}", lang, view, place=place.name)
    return _table("table-mrcs", caption, "maps.column.mrc", rows, total, view, lang, False)


def municipality_table(
    place: Place,
    towns: pd.DataFrame,
    total: Row,
    view: View,
    lang: str,
    census_years: dict[str, int],
) -> Table:
    """One row per municipality, linked to its map, with its MRC; the area's total below."""
    with_mrc = place.scope == places.REGION
    rows = [
        Row(
            _name_with_census(str(row["name"]), census_years.get(str(code)), lang),
            ([str(row["mrc_name"])] if with_mrc else []) + _cells(row, view, lang),
            _link(places.MUNICIPALITY, code, view, lang),
        )
        for code, row in towns.iterrows()
    ]
    if with_mrc:
        total = Row(total.header, ["", *total.cells])
    caption = _text(f"maps.table.municipalities.{view.theme}", lang, view, place=place.name)
    return _table(
        "table-municipalities",
        caption,
        "maps.column.municipality",
        rows,
        total,
        view,
        lang,
        with_mrc,
    )


def technology_table(place: Place, figures: GapReport, view: View, lang: str) -> Table:
    """Dwellings of a municipality with a service of each technology, and those it serves."""
    row = figures.municipalities.loc[place.code]
    rows = [
        Row(
            translate(f"maps.tech.{tech}", lang),
            [count(row[f"dwellings_{tech}"], lang), count(row[f"served_dwellings_{tech}"], lang)],
        )
        for tech in TECHNOLOGY_NAMES
    ]
    rows.append(
        Row(translate("maps.tech.none", lang), [count(row["no_service_dwellings"], lang), "—"])
    )
    total = Row(place.name, [count(row["dwellings"], lang), count(row["served_dwellings"], lang)])
    columns = [
        translate("maps.column.technology", lang),
        translate("maps.column.dwellings_reported", lang),
        _text("maps.column.served_at", lang, view),
    ]
    caption = _text("maps.table.technologies", lang, view, place=place.name)
    return Table("table-technologies", caption, columns, rows, total, [False, True, True])


def summary(row: pd.Series, lang: str) -> list[tuple[str, str, str]]:
    """The key figures of one area: (label, count, share of its dwellings)."""
    texts = formatted(row, lang)
    dwellings = float(row["dwellings"])
    lines = [(translate("maps.column.dwellings", lang), texts["dwellings"], "")]
    for column in (*CLASS_COLUMNS, *EXTRA_SUMMARY):
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
    view: View,
    lang: str,
    with_mrc: bool,
) -> Table:
    shown = AREA_COLUMNS[view.theme]
    columns = [translate(first, lang)]
    columns += [translate("maps.column.mrc", lang)] if with_mrc else []
    columns += [translate(f"maps.column.{column}", lang) for column in shown]
    numeric = [False] * (2 if with_mrc else 1) + [True] * len(shown)
    return Table(table_id, caption, columns, rows, total, numeric)


def _cells(row: pd.Series | dict, view: View, lang: str) -> list[str]:
    texts = formatted(row, lang)
    return [texts[column] for column in AREA_COLUMNS[view.theme]]


def _link(scope: str, code: str, view: View, lang: str) -> str:
    return places.page_url(scope, str(code), view, lang)


def _text(key: str, lang: str, view: View, **params: str) -> str:
    counted = describe(view.technologies, lang)
    return translate(key, lang, threshold=view.threshold.label, technologies=counted, **params)


def _name_with_census(name: str, year: int | None, lang: str) -> str:
    """The name, with the census year when its counts are from an older census."""
    return translate("maps.census_year_note", lang, name=name, year=year) if year else name
