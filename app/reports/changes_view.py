"""The change-over-time view: a diverging choropleth, tables and rows for JSON and CSV.

The map reuses the gap maps' pieces (``GapMap`` with local assets, layers that
static/gim-map.js fetches for the zoom, the same simplified borders); only the classes differ:
a diverging scale centred on "no change".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import folium
import jinja2
import numpy as np
import pandas as pd
from markupsafe import Markup

from app.catalog import Catalog
from app.i18n import LANGUAGES, translate
from app.maps import places, style
from app.maps.borders import borders
from app.maps.builders import base_map, render_parts
from app.maps.elements import GapMap, RemoteLayer
from app.maps.formats import count, percent
from app.maps.layers import feature_collection
from app.maps.zoom import LEVELS, Level
from app.reports.card import points, signed
from app.reports.changes import COLUMNS, Changes
from app.vocabulary import describe

MEASURES = ("served_share", "served_dwellings")
# Diverging classes (ColorBrewer RdBu): losses red, gains blue, "about the same" white.
BREAKS = {
    "served_share": (-0.05, -0.005, 0.005, 0.05, 0.15),
    "served_dwellings": (-50, -1, 1, 50, 250),
}
PALETTE = ("#b2182b", "#ef8a62", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac", "#8c8c8c")
NO_DATA = len(PALETTE) - 1
SHOWN = tuple(
    column for column in COLUMNS if not column.endswith("_dwellings") or "served" in column
)
_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader(str(__package__), "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def classes(values: np.ndarray, measure: str) -> np.ndarray:
    """The diverging class of each change; NaN (no dwellings) is no data."""
    values = np.asarray(values, dtype=float)
    found = np.digitize(np.nan_to_num(values), BREAKS[measure])
    return np.where(np.isnan(values), NO_DATA, found)


def legend(measure: str, lang: str) -> list[tuple[str, str]]:
    """(colour, label) of each class of ``measure``."""
    write = points if measure == "served_share" else signed
    edges = [write(edge, lang) for edge in BREAKS[measure]]
    labels = [translate("changes.legend.below", lang, value=edges[0])]
    labels += [
        translate("changes.legend.between", lang, low=low, high=high)
        for low, high in zip(edges, edges[1:], strict=False)
    ]
    labels.append(translate("changes.legend.above", lang, value=edges[-1]))
    labels.append(translate("maps.legend.no_data", lang))
    return list(zip(PALETTE, labels, strict=True))


def texts(row: pd.Series, lang: str) -> dict[str, str]:
    """Every column of a change row as the reader writes it."""
    written = {}
    for column in COLUMNS:
        value = float(row[column])
        if column.endswith("share"):
            written[column] = (
                points(value, lang) if column.startswith("change") else percent(value, lang)
            )
        else:
            written[column] = (
                signed(value, lang) if column.startswith("change") else count(value, lang)
            )
    return written


def features(
    catalog: Catalog, found: Changes, level: Level, measure: str, lang: str, root: str
) -> bytes:
    """Municipality polygons of ``level`` with their change of ``measure`` as class and text."""
    shapes = borders(catalog, level)
    table = found.municipalities.loc[shapes.codes]
    found_classes = classes(table[f"change_{measure}"].to_numpy(float), measure)
    properties = [
        {
            "code": str(code),
            "name": str(row["name"]),
            "mrc": str(row["mrc_name"]),
            "cls": int(cls),
            "url": root + f"/reports/municipality/{code}" + _lang(lang),
            **texts(row, lang),
        }
        for (code, row), cls in zip(table.iterrows(), found_classes, strict=True)
    ]
    return feature_collection(shapes.municipalities, properties)


@dataclass(frozen=True)
class ChangesPage:
    """What the page needs besides the comparison: the language, links, the base path."""

    lang: str
    root: str
    query: dict[str, str]  # threshold, technology, from, to as given


def render_page(catalog: Catalog, found: Changes, page: ChangesPage) -> str:
    """The changes page: map, legend, warnings, sortable tables, CSV link."""
    lang = page.lang
    head, body, script = (Markup(part) for part in render_parts(_map(catalog, found, page)))
    counted = describe(found.technologies, lang)

    def t(key: str, **params: Any) -> str:
        return translate(key, lang, region=catalog.gaps.region_name, **params)

    return _ENV.get_template("change_view.html").render(
        lang=lang,
        t=t,
        root=page.root,
        found=found,
        counted=counted,
        map_head=head,
        map_body=body,
        map_script=script,
        legends={measure: legend(measure, lang) for measure in MEASURES},
        mrcs=_rows(found.mrcs, lang),
        municipalities=_rows(found.municipalities, lang),
        region=texts(found.region, lang),
        # The demonstration banner already says what "changes.demonstration" would.
        warnings=[
            translate(key, lang, **params)
            for key, params in found.warnings
            if key != "changes.demonstration"
        ],
        csv_url=page.root + "/api/changes" + _query(page.query | {"format": "csv", "lang": lang}),
        languages=[
            (other, translate("maps.lang.name", other), _query(page.query | {"lang": other}))
            for other in LANGUAGES
            if other != lang
        ],
        query=page.query,
        columns=SHOWN,
        demonstration=catalog.demonstration or found.before.demonstration,
    )


def _rows(table: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    """Rows of a table: code, name, MRC name, written cells and the raw values to sort by."""
    rows = []
    for code, row in table.iterrows():
        mrc = str(row.get("mrc_name", ""))
        raw = {column: _sortable(row[column]) for column in COLUMNS}
        rows.append(
            {"code": str(code), "name": str(row["name"]), "mrc": mrc}
            | {"texts": texts(row, lang), "raw": raw}
        )
    return rows


def _sortable(value: Any) -> str:
    number = float(value)
    return "" if math.isnan(number) else f"{number:.6f}"


def _map(catalog: Catalog, found: Changes, page: ChangesPage) -> GapMap:
    """A map of the region with two diverging layers (share and dwellings), one shown."""
    gap_map = base_map(places.region(catalog).bounds, page.root, page.lang)
    levels = [level.max_zoom for level in LEVELS]
    for measure in MEASURES:
        rows = [
            [f"before_{measure}", translate("reports.change.before", page.lang)],
            [f"after_{measure}", translate("reports.change.after", page.lang)],
            [f"change_{measure}", translate("reports.change.difference", page.lang)],
        ]
        options = {
            "url": page.root
            + "/maps/changes/data/{level}.geojson"
            + _query(page.query | {"measure": measure, "lang": page.lang}),
            "kind": "areas",
            "palette": list(PALETTE),
            "focus": None,
            "link": "url",
            "levels": levels,
            "tooltip": {
                "title": "name",
                "subtitle": "mrc",
                "rows": rows,
            },
        }
        name = translate(f"changes.layer.{measure}", page.lang)
        RemoteLayer(name, options, show=measure == MEASURES[0]).add_to(gap_map)
    outlines = {
        "url": page.root + "/maps/data/mrcs/{level}.geojson",
        "kind": "outlines",
        "colour": style.OUTLINE_COLOUR,
        "levels": levels,
    }
    RemoteLayer(translate("maps.layer.mrcs", page.lang), outlines).add_to(gap_map)
    folium.LayerControl(collapsed=False).add_to(gap_map)
    return gap_map


def _lang(lang: str) -> str:
    return f"?lang={lang}"


def _query(params: dict[str, str]) -> str:
    given = {name: value for name, value in params.items() if value}
    return "?" + urlencode(given, safe="/,") if given else ""


def table_rows(found: Changes, region_name: str) -> list[dict[str, Any]]:
    """Every area's changes as plain rows (JSON and CSV): region, MRCs, municipalities."""
    region = {"level": "region", "code": "", "name": region_name, "mrc_code": ""}
    rows = [region | _plain(found.region)]
    rows += [
        {"level": "mrc", "code": str(code), "name": str(row["name"]), "mrc_code": str(code)}
        | _plain(row)
        for code, row in found.mrcs.iterrows()
    ]
    rows += [
        {"level": "municipality", "code": str(code), "name": str(row["name"])}
        | {"mrc_code": str(row["mrc_code"])}
        | _plain(row)
        for code, row in found.municipalities.iterrows()
    ]
    return rows


def _plain(row: pd.Series) -> dict[str, float | None]:
    values = {column: float(row[column]) for column in COLUMNS}
    return {column: None if math.isnan(value) else value for column, value in values.items()}
