"""What a page's downloads hold: its tables as sheets, its sources, its municipalities as a layer.

The figures are the gap engine's report at the page's threshold and technology choice; this
module only chooses the columns and names them in the reader's language (``app.exports``
writes the bytes).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode
from xml.sax.saxutils import quoteattr

import geopandas as gpd
import pandas as pd

from app import exports
from app.catalog import Catalog
from app.errors import InvalidParameterError
from app.exports import Column, ColumnKind, CsvFormat, LayerStyle, Sheet
from app.gaps.engine import COUNT_COLUMNS, REGION_NAME, TECHNOLOGY_NAMES, GapReport
from app.gaps.threshold import Threshold
from app.i18n import translate
from app.layers.kinds import Kind
from app.maps import places, style, tables
from app.maps.places import Place, View
from app.naming import short_name
from app.vocabulary import TechnologyChoice, describe

FORMATS = ("csv", "xlsx", "geojson", "gpkg")
TABLES = ("mrcs", "municipalities", "technologies")
TEXT_FIELDS = ("code", "name", "type", "mrc_code", "mrc_name", "technology")
SHARE_FIELDS = ("served_share", "unknown_share", "no_lte_share")
SOURCE_LAYERS = (Kind.HOUSEHOLDS, Kind.MUNICIPALITIES, Kind.COMMUNITY_POINTS)
LAYER_NAME = "municipalities"
# The page's "share" column is the served share of the report.
_FIELD_OF = {"share": "served_share"}


def column(name: str, lang: str, header_key: str = "") -> Column:
    """A column of the gap tables, headed as the API's CSV heads it."""
    kind = ColumnKind.NUMBER
    if name in TEXT_FIELDS or name in ("threshold", "technologies", "demonstration", "sources"):
        kind = ColumnKind.TEXT
    elif name in SHARE_FIELDS:
        kind = ColumnKind.SHARE
    return Column(name, translate(header_key or f"api.column.{name}", lang), kind)


def threshold_text(threshold: Threshold, lang: str) -> str:
    """A threshold as a cell writes it, "50/10 Mbit/s": text that no spreadsheet reads as a date."""
    return translate("exports.threshold_value", lang, label=threshold.label)


def with_context(
    catalog: Catalog,
    frame: pd.DataFrame,
    columns: list[Column],
    threshold: Threshold,
    choice: TechnologyChoice,
    lang: str,
) -> tuple[pd.DataFrame, list[Column]]:
    """Rows that carry their threshold, services counted and sources, so a file stands alone."""
    layers = catalog.provenance(*SOURCE_LAYERS[:2])
    demonstration = "yes" if any(layer["demonstration"] for layer in layers) else "no"
    context = {
        "threshold": threshold_text(threshold, lang),
        "technologies": describe(choice, lang),
        "demonstration": translate(f"api.demonstration.{demonstration}", lang),
        "sources": "; ".join(
            f"{layer['layer']} v{layer['version']} ({layer['vintage']})" for layer in layers
        ),
    }
    extra = [column(name, lang) for name in context]
    return frame.assign(**context), columns + extra


def sheets(catalog: Catalog, place: Place, view: View, lang: str) -> list[Sheet]:
    """The tables of the page of ``place``, as sheets of raw figures."""
    report = catalog.report(view.threshold, view.technologies)
    if place.scope == places.MUNICIPALITY:
        return [
            _area_sheet(catalog, report, "municipalities", place, view, lang),
            _technology_sheet(catalog, report, place, view, lang),
        ]
    names = ("mrcs", "municipalities") if place.scope == places.REGION else ("municipalities",)
    return [_area_sheet(catalog, report, name, place, view, lang) for name in names]


def sheet(catalog: Catalog, place: Place, view: View, lang: str, table: str | None) -> Sheet:
    """One table of the page (its last, the most detailed, unless ``table`` names another)."""
    found = sheets(catalog, place, view, lang)
    if table is None:
        return found[-1]
    for candidate in found:
        if candidate.name == table:
            return candidate
    accepted = ", ".join(candidate.name for candidate in found)
    raise InvalidParameterError("exports.table_unknown", value=table[:40], accepted=accepted)


def _area_sheet(
    catalog: Catalog, report: GapReport, name: str, place: Place, view: View, lang: str
) -> Sheet:
    """MRCs or municipalities of the place, with the columns the page shows for its theme."""
    frame = report.mrcs if name == "mrcs" else report.municipalities
    if name == "municipalities" and place.scope == places.MRC:
        frame = frame[frame["mrc_code"] == place.code]
    elif place.scope == places.MUNICIPALITY:
        frame = frame.loc[[place.code]]
    labels = ["code", "name"] + (["mrc_code", "mrc_name"] if name == "municipalities" else [])
    shown = [_FIELD_OF.get(field, field) for field in tables.AREA_COLUMNS[view.theme]]
    columns = [column(field, lang) for field in labels + shown]
    rows, columns = with_context(
        catalog, frame.reset_index(), columns, view.threshold, view.technologies, lang
    )
    return Sheet(translate(f"exports.sheet.{name}", lang), tuple(columns), rows, name)


def _technology_sheet(
    catalog: Catalog, report: GapReport, place: Place, view: View, lang: str
) -> Sheet:
    """A municipality's dwellings with each technology, and those it serves at the threshold."""
    row = report.municipalities.loc[place.code]
    records = [
        {
            "technology": translate(f"maps.tech.{tech}", lang),
            "dwellings_reported": row[f"dwellings_{tech}"],
            "served_at": row[f"served_dwellings_{tech}"],
        }
        for tech in TECHNOLOGY_NAMES
    ]
    none = translate("maps.tech.none", lang)
    records.append(
        {"technology": none, "dwellings_reported": row["no_service_dwellings"], "served_at": None}
    )
    served_at = translate("maps.column.served_at", lang, threshold=view.threshold.label)
    columns = [
        column("technology", lang, "maps.column.technology"),
        column("dwellings_reported", lang, "maps.column.dwellings_reported"),
        Column("served_at", served_at, ColumnKind.NUMBER),
    ]
    rows, all_columns = with_context(
        catalog,
        pd.DataFrame.from_records(records),
        columns,
        view.threshold,
        view.technologies,
        lang,
    )
    title = translate("exports.sheet.technologies", lang)
    return Sheet(title, tuple(all_columns), rows, "technologies")


def sources(catalog: Catalog, view: View, lang: str) -> Sheet:
    """The layers behind the figures: source, vintage, version, attribution, demonstration."""
    layers = catalog.provenance(*SOURCE_LAYERS)
    yes_no = {True: "yes", False: "no"}
    frame = pd.DataFrame(
        {
            "layer": [translate(f"maps.kind.{layer['layer']}", lang) for layer in layers],
            "source": [layer["source"] for layer in layers],
            "vintage": [str(layer["vintage"]) for layer in layers],
            "version": [str(layer["version"]) for layer in layers],
            "attribution": [layer["attribution"] for layer in layers],
            "demonstration": [
                translate(f"api.demonstration.{yes_no[bool(layer['demonstration'])]}", lang)
                for layer in layers
            ],
            "threshold": threshold_text(view.threshold, lang),
            "technologies": describe(view.technologies, lang),
        }
    )
    names = ("layer", "source", "vintage", "version", "attribution")
    columns = [
        Column(name, translate(f"maps.provenance.{name}", lang), ColumnKind.TEXT) for name in names
    ]
    columns += [column(name, lang) for name in ("demonstration", "threshold", "technologies")]
    return Sheet(translate("exports.sheet.sources", lang), tuple(columns), frame)


def area_figures(
    report_table: pd.DataFrame, threshold: Threshold, choice: TechnologyChoice
) -> pd.DataFrame:
    """The figures an area's feature carries, with the threshold and technologies counted.

    The layer's own ``dwellings`` and ``population`` are the census's; the households' are
    renamed ``household_dwellings`` and ``household_population``.
    """
    figures = report_table[list(COUNT_COLUMNS)]
    totals = {"dwellings": "household_dwellings", "population": "household_population"}
    figures = figures.rename(columns=totals)
    return figures.assign(threshold=threshold.label, technologies=choice.label)


def municipalities_layer(catalog: Catalog, place: Place, view: View) -> gpd.GeoDataFrame:
    """The place's municipalities with their figures, and the class the map colours them by."""
    frame = catalog.layer(Kind.MUNICIPALITIES).frame
    if place.scope == places.MRC:
        frame = frame[frame["mrc_code"].astype(str) == place.code]
    elif place.scope == places.MUNICIPALITY:
        frame = frame[frame["code"].astype(str) == place.code]
    report = catalog.report(view.threshold, view.technologies)
    figures = area_figures(report.municipalities, view.threshold, view.technologies)
    joined = frame.join(figures, on="code")
    if view.theme == places.LTE:
        classes = style.lte_classes(joined["no_lte_share"].to_numpy())
    else:
        classes = style.share_classes(
            joined["served_share"].to_numpy(), joined["unknown_share"].to_numpy()
        )
    return joined.assign(map_class=classes.astype(int)).reset_index(drop=True)


def layer_style(lang: str, theme: str = places.SERVICE, region: str = REGION_NAME) -> LayerStyle:
    """The map's colours as a QGIS categorized style on ``map_class``, labelled for the legend."""
    categories, symbols = [], []
    swatches = style.LTE_CLASSES if theme == places.LTE else style.SHARE_CLASSES
    for index, swatch in enumerate(swatches):
        label = quoteattr(translate(swatch.label, lang))
        categories.append(
            f'<category value="{index}" symbol="{index}" label={label} render="true"/>'
        )
        symbols.append(_fill_symbol(index, swatch.colour))
    qml = (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
        '<qgis version="3.28" styleCategories="Symbology">\n'
        '<renderer-v2 type="categorizedSymbol" attr="map_class" symbollevels="0" '
        'enableorderby="0" forceraster="0">\n'
        f"<categories>{''.join(categories)}</categories>\n"
        f"<symbols>{''.join(symbols)}</symbols>\n"
        "</renderer-v2>\n</qgis>\n"
    )
    name = translate(f"exports.style_name.{theme}", lang)
    description = translate(f"exports.style_description.{theme}", lang, region=short_name(region))
    return LayerStyle(name, qml, description)


def _fill_symbol(name: int, colour: str) -> str:
    """A QGIS fill symbol of ``colour`` with the map's dark outline."""
    fill = ",".join(str(int(colour[i : i + 2], 16)) for i in (1, 3, 5)) + ",255"
    outline = ",".join(str(int(style.OUTLINE_COLOUR[i : i + 2], 16)) for i in (1, 3, 5)) + ",255"
    props = {
        "color": fill,
        "outline_color": outline,
        "outline_width": "0.26",
        "style": "solid",
        "outline_style": "solid",
        "joinstyle": "bevel",
    }
    options = "".join(f'<prop k="{key}" v="{value}"/>' for key, value in props.items())
    return (
        f'<symbol type="fill" name="{name}" alpha="0.8" clip_to_extent="1" force_rhr="0">'
        f'<layer class="SimpleFill" enabled="1" pass="0" locked="0">{options}</layer></symbol>'
    )


def filename(place: Place, view: View, lang: str, extension: str, table: str = "") -> str:
    """A file name saying what the file holds: "ecarts-chandler-50-10-terrestrial.csv"."""
    name = place.code or translate("exports.region_slug", lang)
    parts = [translate("exports.file_prefix", lang), name]
    parts += [table] if table else []
    parts += [view.threshold.label.replace("/", "-"), view.technologies.label.replace(",", "-")]
    if view.theme != places.SERVICE:
        parts.append(view.theme)
    return "-".join(parts) + f".{extension}"


def page_context(place: Place, view: View, lang: str) -> dict[str, Any]:
    """What the page template needs for its downloads and sortable tables (under its root)."""
    return {
        "downloads": links(place, view, lang, view.root),
        "table_downloads": {
            f"table-{name}": table_link(place, view, lang, name, view.root)
            for name in _tables_of(place)
        },
        "tables_text": {
            "sort": translate("tables.sort", lang, column="{column}"),
            "ascending": translate("tables.sorted_ascending", lang, column="{column}"),
            "descending": translate("tables.sorted_descending", lang, column="{column}"),
            "filter": translate("tables.filter_label", lang),
            "all": translate("tables.filter_all", lang),
            "shown": translate("tables.filter_shown", lang, shown="{shown}", total="{total}"),
            "help": translate("tables.help", lang),
        },
    }


def _tables_of(place: Place) -> tuple[str, ...]:
    """The tables the page of ``place`` shows, as the downloads name them."""
    if place.scope == places.MUNICIPALITY:
        return ("technologies",)
    return ("mrcs", "municipalities") if place.scope == places.REGION else ("municipalities",)


def _base(place: Place, root: str) -> str:
    """The address of the place's downloads, without the format."""
    where = "region" if place.scope == places.REGION else f"{place.scope}/{place.code}"
    return f"{root}/api/downloads/{where}"


def links(place: Place, view: View, lang: str, root: str = "") -> list[dict[str, str]]:
    """The page's downloads: the table as CSV, the workbook, the municipalities as layers."""
    state = places.query(view, lang)
    what = translate(f"exports.what.{place.scope}", lang)
    return [
        {
            "format": fmt,
            "href": f"{_base(place, root)}.{fmt}{state}",
            "label": translate(f"exports.link.{fmt}", lang, what=what),
        }
        for fmt in FORMATS
    ]


def table_link(place: Place, view: View, lang: str, table: str, root: str = "") -> str:
    """The CSV of one table of the page."""
    return f"{_base(place, root)}.csv{places.query(view, lang)}&{urlencode({'table': table})}"


def encode(
    catalog: Catalog,
    place: Place,
    view: View,
    lang: str,
    fmt: str,
    *,
    form: CsvFormat = exports.DEFAULT_CSV,
    table: str | None = None,
) -> bytes:
    """The bytes of one download of the page of ``place``."""
    if fmt == "csv":
        return exports.to_csv(sheet(catalog, place, view, lang, table), form)
    if fmt == "xlsx":
        return exports.to_xlsx(sheets(catalog, place, view, lang), sources(catalog, view, lang))
    layer = municipalities_layer(catalog, place, view)
    if fmt == "geojson":
        return exports.to_geojson(layer)
    return exports.to_geopackage(
        layer, LAYER_NAME, layer_style(lang, view.theme, catalog.gaps.region_name)
    )
