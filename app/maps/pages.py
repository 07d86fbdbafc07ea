"""Whole HTML pages: the chrome (controls, legend, provenance) around a map or its tables."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jinja2
import pandas as pd
from markupsafe import Markup

from app.catalog import Catalog
from app.gaps.engine import GapReport
from app.gaps.threshold import PRESETS
from app.i18n import LANGUAGES, translate
from app.layers.kinds import Kind
from app.maps import downloads, places, style, tables
from app.maps.builders import build_map, render_parts
from app.maps.client import SPARSE_DWELLINGS, circle_scale, client_config
from app.maps.places import Place, View
from app.maps.sources import provenance_in
from app.reports.charts import Chart, served_chart
from app.vocabulary import CHOICES, describe

SHOWN_LAYERS = (Kind.MUNICIPALITIES, Kind.HOUSEHOLDS, Kind.COMMUNITY_POINTS)
# Warnings of a load that every page repeats in a banner (the rest are in the provenance).
LOUD_WARNINGS = ("layers.speeds_coverage_low", "layers.municipalities_empty")
_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("app.maps", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass(frozen=True)
class Tiles:
    """Optional base-map tiles: an empty URL means a plain background."""

    url: str = ""
    attribution: str = ""


def render_page(
    catalog: Catalog,
    place: Place,
    view: View,
    lang: str,
    tiles: Tiles = Tiles(),
    *,
    with_map: bool = True,
    tiled: frozenset[str] = frozenset(),
) -> str:
    """The map page of ``place`` (or, without the map, its table view); ``tiled``: see build_map."""
    context = chrome(catalog, place, view, lang, with_map=with_map)
    context |= report_links(place, view, lang)
    context["chart"] = share_chart(place, catalog.report(view.threshold, view.technologies), lang)
    context["client"] = client_config(view, lang)
    context |= {"sparse_dwellings": SPARSE_DWELLINGS, "circle_scale": circle_scale()}
    context |= downloads.page_context(place, view, lang)
    if with_map:
        gap_map = build_map(place, view, lang, tiles.url, tiles.attribution, tiled)
        head, body, script = (Markup(part) for part in render_parts(gap_map))
        context |= {
            "map_head": head,
            "map_body": body,
            "map_script": script,
        }
    return _ENV.get_template("page.html").render(context)


def chrome(
    catalog: Catalog, place: Place, view: View, lang: str, *, with_map: bool
) -> dict[str, Any]:
    """Everything a page shows besides the map itself."""
    figures = catalog.report(view.threshold, view.technologies)
    counted = describe(view.technologies, lang)

    def t(key: str, **params: Any) -> str:
        return translate(
            key,
            lang,
            threshold=view.threshold.label,
            technologies=counted,
            place=place.name,
            **params,
        )

    def here(at: View = view, language: str = lang, table: bool = not with_map) -> str:
        return places.page_url(place.scope, place.code, at, language, table=table)

    provenance = provenance_in(catalog, lang, *SHOWN_LAYERS)
    census_years = tables.older_census_years(catalog.layer(Kind.MUNICIPALITIES).frame)
    reported = catalog.families_reported()
    return {
        "lang": lang,
        "root": view.root,
        "t": t,
        "place": place,
        "with_map": with_map,
        "threshold": view.threshold.label,
        "theme": view.theme,
        "technology": view.technologies.label,
        "choices": [
            (choice.label, describe(choice, lang))
            for choice in dict.fromkeys([*CHOICES, view.technologies])  # the URL's own, too
        ],
        "themes": [(theme, translate(f"maps.theme.{theme}", lang)) for theme in places.THEMES],
        "home": places.page_url(places.REGION, "", view, lang),
        "path": here().partition("?")[0],
        "presets": [
            (preset.label, here(at=view.but(threshold=preset)), preset == view.threshold)
            for preset in PRESETS
        ],
        "mrcs": [(str(code), str(name)) for code, name in figures.mrcs["name"].items()],
        "languages": [
            (other, translate("maps.lang.name", other), here(language=other))
            for other in LANGUAGES
            if other != lang
        ],
        "other_view": here(table=with_map),
        "trail": _trail(place, view, lang),
        "summary": tables.summary(_figures_of(place, figures), lang),
        "tables": tables.area_tables(place, figures, view, lang, census_years),
        "census_year": census_years.get(place.code) if place.scope == places.MUNICIPALITY else None,
        "legend": _legend(view, lang),
        "provenance": provenance,
        "demonstration": any(layer["demonstration"] for layer in provenance),
        "warnings": [
            translate(key, lang, **params)
            for kind in SHOWN_LAYERS
            for key, params in catalog.warnings(kind)
            if key in LOUD_WARNINGS
        ],
        "not_reported": [
            translate(f"maps.family.{family}", lang)
            for family in view.technologies.ordered
            if str(family) not in reported
        ],
        "unassigned": figures.unassigned if place.scope == places.REGION else None,
        "snapped": catalog.gaps.snapped if place.scope == places.REGION else None,
    }


def report_links(place: Place, view: View, lang: str) -> dict[str, str]:
    """The links of a page to its place's report card and to the changes view."""
    path = f"{view.root}/reports/{place.scope}" + (f"/{place.code}" if place.code else "")
    query = places.query(view.but(theme=places.SERVICE), lang)
    return {"report_url": f"{path}.pdf{query}", "changes_url": f"{view.root}/maps/changes{query}"}


def share_chart(place: Place, figures: GapReport, lang: str) -> Chart | None:
    """A bar chart of served share by MRC (region page) or by municipality (MRC page)."""
    if place.scope == places.MUNICIPALITY:
        return None
    if place.scope == places.MRC:
        rows = figures.municipalities[figures.municipalities["mrc_code"] == place.code]
    else:
        rows = figures.mrcs
    bars = [(str(row["name"]), row, False) for _code, row in rows.iterrows()]
    total = translate("maps.nav.region", lang) if place.scope == places.REGION else place.name
    bars.append((total, _figures_of(place, figures), True))
    title = translate(
        f"maps.chart.{place.scope}", lang, place=place.name, threshold=figures.threshold.label
    )
    return served_chart("chart-served", title, bars, lang)


def _figures_of(place: Place, figures: GapReport) -> pd.Series:
    """The report row of ``place``."""
    if place.scope == places.MUNICIPALITY:
        return figures.municipalities.loc[place.code]
    if place.scope == places.MRC:
        return figures.mrcs.loc[place.code]
    return figures.region


def _trail(place: Place, view: View, lang: str) -> list[tuple[str, str]]:
    """Breadcrumbs from the region down to ``place``: (name, link; empty for the current)."""
    trail = [(places.REGION, "", translate("maps.nav.region", lang))]
    if place.scope == places.MUNICIPALITY:
        trail.append((places.MRC, place.mrc_code, place.mrc_name))
    if place.scope != places.REGION:
        trail.append((place.scope, place.code, place.name))
    links = [places.page_url(scope, code, view, lang) for scope, code, _ in trail[:-1]]
    return [(name, link) for (_, _, name), link in zip(trail, [*links, ""], strict=True)]


def _legend(view: View, lang: str) -> dict[str, list[tuple[str, str]]]:
    """(colour, label) of each class of each layer."""

    def entries(swatches: tuple[style.Swatch, ...]) -> list[tuple[str, str]]:
        return [(swatch.colour, translate(swatch.label, lang)) for swatch in swatches]

    areas = style.LTE_CLASSES if view.theme == places.LTE else style.SHARE_CLASSES
    return {
        "areas": entries(areas),
        "cells": entries(style.CELL_CLASSES),
        "points": entries(style.POINT_CLASSES),
    }
