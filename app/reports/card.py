"""The data of a report card: one place's figures at a threshold, ready to print.

Every figure comes from the gap engine's report (``catalog.report``); a card only picks the
place's row, its MRC's and the region's, ranks the place, and writes numbers as the reader's
locale does (counts behind every percentage).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import pandas as pd
from babel.dates import format_date
from babel.numbers import format_decimal
from markupsafe import Markup

from app.catalog import Catalog
from app.errors import GimError
from app.gaps.engine import CLASSES, TECHNOLOGY_NAMES, GapReport
from app.gaps.threshold import Threshold
from app.i18n import locale, translate
from app.layers.kinds import Kind
from app.layers.store import LayerStore
from app.maps import places, style, tables
from app.maps.formats import count, percent
from app.maps.places import Place
from app.reports import changes
from app.reports.charts import Bar, Chart, ratio, served_chart, share_text
from app.reports.sketch import place_map
from app.vocabulary import TechnologyChoice, describe

SHOWN_LAYERS = (Kind.MUNICIPALITIES, Kind.HOUSEHOLDS, Kind.COMMUNITY_POINTS)
EXTRA = ("satellite_only", "no_lte")  # figures that are not classes but belong on the card
# A region of more MRCs (the province) compares the least and the best served halves of this.
CHART_MRCS = 10


@dataclass(frozen=True)
class Line:
    """One key figure: dwellings and population, each with its share of the place's total."""

    label: str
    dwellings: str
    dwellings_share: str
    population: str
    population_share: str


@dataclass(frozen=True)
class Change:
    """One measure before and after, and the difference."""

    label: str
    before: str
    after: str
    change: str


@dataclass(frozen=True, eq=False)
class Card:
    """Everything a report card shows, in its language."""

    lang: str
    place: Place
    kind: str  # "Municipality of the MRC of …", "MRC", "Region"
    threshold: Threshold
    choice: TechnologyChoice
    technologies: str  # the choice in words
    date: str
    row: pd.Series  # the engine's figures for the place
    lines: list[Line]
    rank: str
    charts: list[Chart]
    map_svg: Markup
    legend: list[tuple[str, str]]
    cell_legend: list[tuple[str, str]]
    provenance: list[dict[str, Any]]
    demonstration: bool
    notes: list[str]
    region: str  # the region's name, as titles give it
    changes: list[Change] = field(default_factory=list)
    change_title: str = ""
    change_warnings: list[str] = field(default_factory=list)


def build_card(
    catalog: Catalog,
    place: Place,
    threshold: Threshold,
    technologies: TechnologyChoice,
    lang: str,
    store: LayerStore | None = None,
    today: date | None = None,
) -> Card:
    """The report card of ``place``; with a ``store``, its change since the previous version."""
    report = catalog.report(threshold, technologies)
    row = figures_of(report, place)
    counted = describe(technologies, lang)
    provenance = catalog.provenance(*SHOWN_LAYERS)
    title = translate("reports.map.title", lang, place=place.name, threshold=threshold.label)
    card = Card(
        lang=lang,
        place=place,
        kind=_kind(catalog, place, lang),
        threshold=threshold,
        choice=technologies,
        technologies=counted,
        date=format_date(today or date.today(), format="long", locale=locale(lang)),
        row=row,
        lines=key_figures(row, lang),
        rank=rank_text(report, place, lang),
        charts=[technology_chart(row, place, lang), comparison_chart(report, place, lang)],
        map_svg=place_map(catalog, place, threshold, technologies, title),
        legend=_legend(style.SHARE_CLASSES, lang),
        cell_legend=_legend(style.CELL_CLASSES, lang),
        provenance=provenance,
        demonstration=any(layer["demonstration"] for layer in provenance),
        notes=_census_notes(catalog, place, lang),
        region=catalog.gaps.region_name,
    )
    return _with_changes(card, store, catalog, lang) if store is not None else card


def figures_of(report: GapReport, place: Place) -> pd.Series:
    """The report row of ``place``."""
    if place.scope == places.MUNICIPALITY:
        return report.municipalities.loc[place.code]
    if place.scope == places.MRC:
        return report.mrcs.loc[place.code]
    return report.region


def key_figures(row: pd.Series, lang: str) -> list[Line]:
    """The four classes, satellite only and without LTE: counts and shares of each."""
    dwellings, population = float(row["dwellings"]), float(row["population"])
    whole = ratio(dwellings, dwellings), ratio(population, population)  # 100 %, or — for none
    lines = [_line("reports.total", dwellings, population, *whole, lang)]
    for name in (*CLASSES, *EXTRA):
        homes, people = float(row[f"{name}_dwellings"]), float(row[f"{name}_population"])
        lines.append(
            _line(
                f"reports.figure.{name}",
                homes,
                people,
                ratio(homes, dwellings),
                ratio(people, population),
                lang,
            )
        )
    return lines


def _line(
    key: str, homes: float, people: float, home_share: float, people_share: float, lang: str
) -> Line:
    return Line(
        translate(key, lang),
        count(float(homes), lang),
        percent(home_share, lang),
        count(float(people), lang),
        percent(people_share, lang),
    )


def rank_text(report: GapReport, place: Place, lang: str) -> str:
    """Where the place stands by served share among its peers (1 = best served)."""
    if place.scope == places.REGION:
        return ""
    if not float(figures_of(report, place)["dwellings"]) > 0:
        return translate("reports.rank.none", lang)
    if place.scope == places.MUNICIPALITY:
        peers = report.municipalities[report.municipalities["mrc_code"] == place.mrc_code]
        key = "reports.rank.municipality"
    else:
        peers, key = report.mrcs, "reports.rank.mrc"
    ordered = peers.assign(_share=peers["served_share"].fillna(-1.0)).reset_index()
    ordered = ordered.sort_values(["_share", "code"], ascending=[False, True], kind="stable")
    rank = list(ordered["code"]).index(place.code) + 1
    return translate(key, lang, rank=rank, total=len(peers), mrc=place.mrc_name)


def technology_chart(row: pd.Series, place: Place, lang: str) -> Chart:
    """Dwellings reporting each technology (a home may report several)."""
    total = float(row["dwellings"])
    shown = [t for t in TECHNOLOGY_NAMES if t != "wired" or float(row["dwellings_wired"]) > 0]
    bars = [
        Bar(
            translate(f"maps.tech.{tech}", lang),
            ratio(float(row[f"dwellings_{tech}"]), total),
            share_text(float(row[f"dwellings_{tech}"]), total, lang),
        )
        for tech in shown
    ]
    return Chart(
        id="chart-technologies",
        title=translate("reports.chart.technologies", lang, place=place.name),
        description=translate("reports.chart.technologies_desc", lang),
        bars=tuple(bars),
        columns=(translate("maps.column.technology", lang), translate("reports.column", lang)),
    )


def comparison_chart(report: GapReport, place: Place, lang: str) -> Chart:
    """The place's served share against its MRC and the region (an MRC: against every MRC)."""
    rows: list[tuple[str, pd.Series, bool]] = []
    if place.scope == places.MUNICIPALITY:
        rows.append((place.name, report.municipalities.loc[place.code], True))
        rows.append((place.mrc_name, report.mrcs.loc[place.mrc_code], False))
    else:
        compared = _compared_mrcs(report.mrcs, place)
        rows += [(str(r["name"]), r, code == place.code) for code, r in compared.iterrows()]
    rows.append((translate("maps.nav.region", lang), report.region, place.scope == places.REGION))
    some = place.scope != places.MUNICIPALITY and len(report.mrcs) > CHART_MRCS
    key = "reports.chart.comparison_some" if some else "reports.chart.comparison"
    title = translate(key, lang, threshold=report.threshold.label, each=CHART_MRCS // 2)
    return served_chart("chart-comparison", title, rows, lang)


def _compared_mrcs(mrcs: pd.DataFrame, place: Place) -> pd.DataFrame:
    """Every MRC, or in a province-sized region the least and best served (and the place's)."""
    if len(mrcs) <= CHART_MRCS:
        return mrcs
    ranked = mrcs["served_share"].dropna().sort_values(kind="stable").index
    each = CHART_MRCS // 2
    kept = {*ranked[:each], *ranked[-each:], place.code}
    return mrcs[mrcs.index.isin(kept)]


def _kind(catalog: Catalog, place: Place, lang: str) -> str:
    """What the place is, in words (the region: how many MRCs and municipalities it has)."""
    if place.scope == places.MUNICIPALITY:
        return translate("reports.kind.municipality", lang, mrc=place.mrc_name)
    frame = catalog.layer(Kind.MUNICIPALITIES).frame
    counts = {"mrcs": frame["mrc_code"].nunique(), "count": len(frame)}
    return translate(f"reports.kind.{place.scope}", lang, **counts)


def _legend(swatches: tuple[style.Swatch, ...], lang: str) -> list[tuple[str, str]]:
    return [(swatch.colour, translate(swatch.label, lang)) for swatch in swatches]


def _census_notes(catalog: Catalog, place: Place, lang: str) -> list[str]:
    """Municipalities of the place counted in an older census (Listuguj: 2016)."""
    frame = catalog.layer(Kind.MUNICIPALITIES).frame
    older = tables.older_census_years(frame)
    names = dict(zip(frame["code"].astype(str), frame["name"].astype(str), strict=True))
    mrc_of = dict(zip(frame["code"].astype(str), frame["mrc_code"].astype(str), strict=True))
    wanted = {
        places.MUNICIPALITY: lambda code: code == place.code,
        places.MRC: lambda code: mrc_of[code] == place.code,
        places.REGION: lambda code: True,
    }[place.scope]
    return [
        translate("reports.census_note", lang, name=names[code], year=year)
        for code, year in sorted(older.items())
        if wanted(code)
    ]


def _with_changes(card: Card, store: LayerStore, catalog: Catalog, lang: str) -> Card:
    """The card with its change since the previous households version, when there is one."""
    try:
        found = changes.compare(store, catalog, card.threshold, card.choice)
    except GimError:
        return card
    row = _change_row(found, card.place)
    lines = [
        Change(
            translate("reports.change.served_share", lang),
            percent(row["before_served_share"], lang),
            percent(row["after_served_share"], lang),
            points(row["change_served_share"], lang),
        ),
        Change(
            translate("reports.change.served_dwellings", lang),
            count(row["before_served_dwellings"], lang),
            count(row["after_served_dwellings"], lang),
            signed(row["change_served_dwellings"], lang),
        ),
    ]
    title = translate(
        "reports.change.title", lang, before=found.before.vintage, after=found.after.vintage
    )
    notes = [translate(key, lang, **params) for key, params in found.warnings]
    return replace(card, changes=lines, change_title=title, change_warnings=notes)


def _change_row(found: changes.Changes, place: Place) -> pd.Series:
    if place.scope == places.MUNICIPALITY:
        return found.municipalities.loc[place.code]
    if place.scope == places.MRC:
        return found.mrcs.loc[place.code]
    return found.region


def points(change: float, lang: str) -> str:
    """A change of share in percentage points, signed: "+3,2 points"."""
    if not math.isfinite(change):
        return "—"
    return translate("reports.points", lang, value=_signed_decimal(change * 100, "0.0", lang))


def signed(change: float, lang: str) -> str:
    """A signed count: "+1 234", "−56", "0"."""
    if not math.isfinite(change):
        return "—"
    return _signed_decimal(round(change), "0", lang)


def _signed_decimal(value: float, decimals: str, lang: str) -> str:
    pattern = f"+#,##{decimals};−#,##{decimals}"
    return "0" if value == 0 else format_decimal(value, pattern, locale=locale(lang))
