"""Routes of the map pages, their table views and the GeoJSON layers the maps fetch.

Handlers only wire dependencies into ``app.maps``. The HTTP cache (``app.api.caching``) keeps
their answers per catalogue and request, compressed once, with an ETag.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response

from app.dependencies import CatalogDep, LangDep, SettingsDep, TechnologyDep, ThresholdDep
from app.maps import layers, places
from app.maps.pages import Tiles, render_page
from app.maps.places import Place, View
from app.maps.tiles import tiled_layers
from app.maps.zoom import level


async def get_view(
    request: Request,
    threshold: ThresholdDep,
    technologies: TechnologyDep,
    theme: Annotated[str, Query(description="service | lte")] = places.SERVICE,
) -> View:
    """What a page shows: threshold, technologies counted, theme, and the prefix it is under."""
    return View(threshold, technologies, theme, request.scope.get("root_path", ""))


ViewDep = Annotated[View, Depends(get_view)]
# Pages are for browsers; the documented API is /api and /ogc.
router = APIRouter(include_in_schema=False)
HTML = "text/html; charset=utf-8"
GEOJSON = "application/geo+json"


def send(media_type: str, body: bytes) -> Response:
    """An answer; the HTTP cache (``app.api.caching``) keeps it, compressed, with its ETag."""
    return Response(body, media_type=media_type)


@router.get("/maps/mrc")
def choose_mrc(
    catalog: CatalogDep,
    show: ViewDep,
    lang: LangDep,
    code: str = "",
    view: Annotated[str, Query(pattern="^(map|table)$")] = "map",
) -> RedirectResponse:
    """Target of the MRC selector: the chosen MRC's page (the region's when none)."""
    place = places.mrc(catalog, code) if code else places.region(catalog)
    target = places.page_url(place.scope, place.code, show, lang, table=view == "table")
    return RedirectResponse(target, status_code=303)


# The pages of each level: (map path, table path, scope); the scope names the place.
LEVEL_PAGES = (
    ("/", "/maps/table", places.REGION),
    ("/maps/mrc/{code}", "/maps/mrc/{code}/table", places.MRC),
    ("/maps/municipality/{code}", "/maps/municipality/{code}/table", places.MUNICIPALITY),
)
# Route path -> (scope, with the map or as tables).
_PAGE_OF = {
    path: (scope, with_map)
    for map_path, table_path, scope in LEVEL_PAGES
    for path, with_map in ((map_path, True), (table_path, False))
}


@dataclass(frozen=True)
class PlacePage:
    """What a page route asks for: a place, with its map or as tables."""

    place: Place
    with_map: bool


async def get_place_page(request: Request, catalog: CatalogDep) -> PlacePage:
    """The place a page route names (the region, or the MRC or municipality of its code; 404)."""
    scope, with_map = _PAGE_OF[request.scope["route"].path]
    code = str(request.path_params.get("code", ""))
    return PlacePage(places.find(catalog, scope, code), with_map)


def place_page(
    asked: Annotated[PlacePage, Depends(get_place_page)],
    catalog: CatalogDep,
    settings: SettingsDep,
    view: ViewDep,
    lang: LangDep,
) -> Response:
    """The map of a place with its figures, or its figures as tables without the map."""
    tiles = Tiles(settings.tiles_url, settings.tiles_attribution)
    above = (settings.tiles_above_features, settings.tiles_above_vertices)
    tiled = tiled_layers(catalog, view, *above) if asked.with_map else None
    body = render_page(
        catalog, asked.place, view, lang, tiles, with_map=asked.with_map, tiled=tiled or frozenset()
    )
    return send(HTML, body.encode())


for path in _PAGE_OF:
    router.add_api_route(path, place_page, methods=["GET"])


@router.get("/maps/data/mrcs/{number}.geojson")
def mrcs_layer(number: int, catalog: CatalogDep) -> Response:
    """MRC outlines for one level of detail."""
    return send(GEOJSON, layers.mrcs(catalog, level(number)))


# Layers whose properties are figures at a threshold (declared after the MRC route it shadows).
FIGURE_LAYERS = {"municipalities": layers.municipalities, "cells": layers.cells}


@router.get("/maps/data/{name}/{number}.geojson")
def figures_layer(
    name: Literal["municipalities", "cells"],
    number: int,
    catalog: CatalogDep,
    view: ViewDep,
    lang: LangDep,
) -> Response:
    """Municipality polygons, or hexagons counting dwellings below the threshold, at one level."""
    return send(GEOJSON, FIGURE_LAYERS[name](catalog, level(number), view, lang))


@router.get("/maps/data/community_points.geojson")
def community_points_layer(catalog: CatalogDep, lang: LangDep) -> Response:
    """ISED community points with their backbone flags."""
    return send(GEOJSON, layers.community_points(catalog, lang))
