"""Routes of the map pages, their table views and the GeoJSON layers the maps fetch.

Handlers only wire dependencies into ``app.maps``. Responses are cached per catalogue token and
request state, compressed once, and carry an ETag, so a warm page costs a dictionary look-up.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
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
    threshold: ThresholdDep,
    technologies: TechnologyDep,
    theme: Annotated[str, Query(description="service | lte")] = places.SERVICE,
) -> View:
    """What a page shows: threshold, technologies counted, theme."""
    return View(threshold, technologies, theme)


ViewDep = Annotated[View, Depends(get_view)]
# Pages are for browsers; the documented API is /api and /ogc.
router = APIRouter(include_in_schema=False)
HTML = "text/html; charset=utf-8"
GEOJSON = "application/geo+json"


@dataclass(frozen=True, eq=False)
class Payload:
    """A response body, compressed once, with its entity tag."""

    body: bytes
    gzipped: bytes
    etag: str

    @classmethod
    def of(cls, body: bytes) -> Payload:
        """Wrap ``body``."""
        digest = hashlib.blake2b(body, digest_size=12).hexdigest()
        return cls(body, gzip.compress(body, compresslevel=6, mtime=0), f'"{digest}"')


def send(
    request: Request,
    catalog: Catalog,
    settings: Settings,
    key: tuple[object, ...],
    media_type: str,
    produce: Callable[[], bytes],
) -> Response:
    """The cached body for ``key`` (made by ``produce`` once per catalogue), or 304."""
    payload = catalog.derived(
        "responses", (media_type, *key), lambda: Payload.of(produce()), size=128
    )
    headers = {
        "ETag": payload.etag,
        "Cache-Control": f"public, max-age={settings.cache_max_age_s}",
        "Vary": "Accept-Encoding, Accept-Language",
    }
    if payload.etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
        return Response(payload.gzipped, media_type=media_type, headers=headers)
    return Response(payload.body, media_type=media_type, headers=headers)


def page(
    request: Request,
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
    root = str(request.scope.get("root_path", ""))
    key = (place.scope, place.code, view, lang, with_map, tiles, root)

    def produce() -> bytes:
        page = render_page(catalog, place, view, lang, tiles, with_map=with_map, root=root)
        return page.encode()

    return send(request, catalog, settings, key, HTML, produce)


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
    request: Request,
    place: PlaceDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    view: ViewDep,
    lang: LangDep,
) -> Response:
    """The map of the place, with its figures."""
    return page(request, catalog, settings, place, view, lang)


def table_page(
    request: Request,
    place: PlaceDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    view: ViewDep,
    lang: LangDep,
) -> Response:
    """The place's figures as tables, without the map."""
    return page(request, catalog, settings, place, view, lang, with_map=False)


for map_path, table_path, _scope in LEVEL_PAGES:
    router.add_api_route(map_path, map_page, methods=["GET"])
    router.add_api_route(table_path, table_page, methods=["GET"])


@router.get("/maps/data/mrcs/{number}.geojson")
def mrcs_layer(
    request: Request, number: int, catalog: CatalogDep, settings: SettingsDep
) -> Response:
    """MRC outlines for one level of detail."""
    detail = level(number)
    return send(
        request, catalog, settings, ("mrcs", number), GEOJSON, lambda: layers.mrcs(catalog, detail)
    )


# Layers whose properties are figures at a threshold (declared after the MRC route it shadows).
FIGURE_LAYERS = {"municipalities": layers.municipalities, "cells": layers.cells}


@router.get("/maps/data/{name}/{number}.geojson")
def figures_layer(
    request: Request,
    name: Literal["municipalities", "cells"],
    number: int,
    catalog: CatalogDep,
    settings: SettingsDep,
    view: ViewDep,
    lang: LangDep,
) -> Response:
    """Municipality polygons, or hexagons counting dwellings below the threshold, at one level."""
    detail = level(number)
    build = FIGURE_LAYERS[name]
    key = (name, number, view, lang)
    return send(
        request, catalog, settings, key, GEOJSON, lambda: build(catalog, detail, view, lang)
    )


@router.get("/maps/data/community_points.geojson")
def community_points_layer(
    request: Request, catalog: CatalogDep, settings: SettingsDep, lang: LangDep
) -> Response:
    """ISED community points with their backbone flags."""
    return send(
        request,
        catalog,
        settings,
        ("community_points", lang),
        GEOJSON,
        lambda: layers.community_points(catalog, lang),
    )
