"""Folium maps of the gaps: the region, an MRC or a municipality, with layers fetched by URL."""

from __future__ import annotations

import html
from typing import Any

import folium
from branca.element import Element, Figure

from app.i18n import translate
from app.maps import places, style
from app.maps.elements import FitArea, GapMap, MetricScale, RemoteLayer, external_assets
from app.maps.places import Place, View
from app.maps.tiles import PAGE_LAYERS, tile_url
from app.maps.zoom import LEVELS, MAX_ZOOM, MIN_ZOOM
from app.vocabulary import describe

FOCUS_FIELD = {places.MRC: "mrc_code", places.MUNICIPALITY: "code"}
AREAS_TITLE = {False: "maps.layer.areas", True: "maps.layer.lte"}
BELOW = ("underserved_dwellings", "unserved_dwellings")
# The tooltip of a municipality: in the order of the tables (served, under, un, unknown).
AREA_ROWS = (
    "dwellings",
    "served_dwellings",
    "share",
    "underserved_dwellings",
    "unserved_dwellings",
    "unknown_dwellings",
)


def build_map(
    place: Place,
    view: View,
    lang: str,
    tiles_url: str = "",
    tiles_attribution: str = "",
    tiled: frozenset[str] = frozenset(),
) -> GapMap:
    """The map of ``place`` in ``view``: choropleth, household cells, outlines, points.

    The layers named in ``tiled`` (``areas``, ``cells``) are drawn from vector tiles.
    """
    gap_map = base_map(place.bounds, view.root, lang, tiles_url, tiles_attribution)
    if tiled:
        gap_map.use_tiles()
    for layer in layers(place, view, lang):
        kind = layer.options["kind"]
        if kind in tiled:
            layer.options |= {"tiles": tile_url(PAGE_LAYERS[kind], view, lang)}
            layer.options |= {"tileLayer": PAGE_LAYERS[kind]}
        layer.add_to(gap_map)
    folium.LayerControl(collapsed=False).add_to(gap_map)
    return gap_map


def base_map(
    bounds: tuple[float, float, float, float],
    root: str,
    lang: str,
    tiles_url: str = "",
    tiles_attribution: str = "",
) -> GapMap:
    """An empty map fitted to ``bounds`` (lon/lat), with a metric scale and optional tiles."""
    west, south, east, north = bounds
    gap_map = GapMap(
        root=root,
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=8,
        tiles=None,
        minZoom=MIN_ZOOM,
        maxZoom=MAX_ZOOM,
        zoomSnap=0.25,
        zoomDelta=0.5,
    )
    if tiles_url:
        folium.TileLayer(
            tiles=tiles_url,
            attr=html.escape(tiles_attribution),
            name=translate("maps.layer.tiles", lang),
            max_zoom=MAX_ZOOM,
        ).add_to(gap_map)
    MetricScale().add_to(gap_map)
    FitArea(bounds).add_to(gap_map)
    return gap_map


def layers(place: Place, view: View, lang: str) -> list[RemoteLayer]:
    """The four data layers, bottom to top."""
    counted = describe(view.technologies, lang)

    def text(key: str) -> str:
        return translate(key, lang, threshold=view.threshold.label, technologies=counted)

    lte = view.theme == places.LTE
    area_rows = ("dwellings", "no_lte_share", "no_lte_dwellings") if lte else AREA_ROWS

    levels = [level.max_zoom for level in LEVELS]
    focus = {"field": FOCUS_FIELD[place.scope], "value": place.code} if place.code else None
    areas = {
        "url": places.data_url("municipalities", view.root, view=view, lang=lang),
        "kind": "areas",
        "palette": style.colours(style.LTE_CLASSES if lte else style.SHARE_CLASSES),
        "focus": focus,
        # Leaflet shows attributions as HTML: only our own, escaped, text goes in.
        "attribution": f'<a href="#provenance">{html.escape(text("maps.provenance.title"))}</a>',
        "tooltip": _tooltip("name", "mrc", text, *area_rows),
    }
    cells = {
        "url": places.data_url("cells", view.root, view=view, lang=lang),
        "kind": "cells",
        "palette": style.colours(style.CELL_CLASSES),
        "tooltip": _tooltip("", "", text, "below", *BELOW),
    }
    outlines = {
        "url": places.data_url("mrcs", view.root),
        "kind": "outlines",
        "colour": style.OUTLINE_COLOUR,
    }
    points = {
        "url": places.data_url("community_points", view.root, lang=lang, by_level=False),
        "kind": "points",
        "palette": style.colours(style.POINT_CLASSES),
        "tooltip": _tooltip("name", "flags", text),
    }
    return [
        RemoteLayer(text(AREAS_TITLE[lte]), {**areas, "levels": levels}),
        RemoteLayer(text("maps.layer.cells"), {**cells, "levels": levels}),
        RemoteLayer(text("maps.layer.mrcs"), {**outlines, "levels": levels}),
        RemoteLayer(text("maps.layer.points"), {**points, "levels": [MAX_ZOOM]}),
    ]


def _tooltip(title: str, subtitle: str, text: Any, *rows: str) -> dict[str, Any]:
    """Which feature properties a tooltip shows: a title, a subtitle, then labelled rows."""
    labelled = [[name, text(f"maps.tooltip.{name}")] for name in rows]
    return {"title": title, "subtitle": subtitle, "rows": labelled}


def render_parts(gap_map: GapMap) -> tuple[str, str, str]:
    """The map's head, body and script HTML, for a page to place; all assets are local."""
    figure = gap_map.get_root()
    assert isinstance(figure, Figure)
    figure.render()
    external = external_assets(figure, gap_map.root)
    if external:
        raise RuntimeError(f"map assets must come from /static, not {external}")
    parts = figure.header.render(), figure.html.render(), figure.script.render()
    head, body, script = _numbered(parts, _element_ids(figure))
    return head, body, script


# Branca names every element with 32 random hex digits: numbered instead, a page is the same
# bytes each time it is rendered (stable ETags, script hashes and tests).
def _element_ids(element: Element) -> list[str]:
    """The ids of an element and of everything below it, in tree order."""
    ids = [element._id]
    for child in element._children.values():
        ids += _element_ids(child)
    return ids


def _numbered(parts: tuple[str, ...], ids: list[str]) -> list[str]:
    """``parts`` with each element id replaced by its number in tree order."""
    numbered = list(parts)
    for number, element_id in enumerate(dict.fromkeys(ids)):
        numbered = [part.replace(element_id, f"{number:x}") for part in numbered]
    return numbered
