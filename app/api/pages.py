"""Routes of the map pages, their table views and the GeoJSON layers the maps fetch.

Handlers only wire dependencies into ``app.maps``. The HTTP cache (``app.api.caching``) keeps
their answers per catalogue and request, compressed once, with an ETag.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response

from app.catalog import Catalog
from app.dependencies import CatalogDep, LangDep, SettingsDep, TechnologyDep, ThresholdDep
from app.maps import layers, places
from app.maps.pages import Tiles, render_page
from app.maps.places import Place, View
from app.maps.zoom import level
from app.settings import Settings


def get_view(
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


def page(
    catalog: Catalog,
    settings: Settings,
    place: Place,
    view: View,
    lang: str,
    *,
    with_map: bool = True,
) -> Response:
    """A map page or table view of ``place``."""
    tiles = Tiles(settings.tiles_url, settings.tiles_attribution)
    return send(HTML, render_page(catalog, place, view, lang, tiles, with_map=with_map).encode())


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
_SCOPE_OF = {path: scope for *paths, scope in LEVEL_PAGES for path in paths}


def get_place(request: Request, catalog: CatalogDep) -> Place:
    """The place a page route names: the region, or the MRC or municipality of its code (404)."""
    scope = _SCOPE_OF[request.scope["route"].path]
    return places.find(catalog, scope, str(request.path_params.get("code", "")))


PlaceDep = Annotated[Place, Depends(get_place)]


def map_page(
    place: PlaceDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    view: ViewDep,
    lang: LangDep,
) -> Response:
    """The map of the place, with its figures."""
    return page(catalog, settings, place, view, lang)


def table_page(
    place: PlaceDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    view: ViewDep,
    lang: LangDep,
) -> Response:
    """The place's figures as tables, without the map."""
    return page(catalog, settings, place, view, lang, with_map=False)


for map_path, table_path, _scope in LEVEL_PAGES:
    router.add_api_route(map_path, map_page, methods=["GET"])
    router.add_api_route(table_path, table_page, methods=["GET"])


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
