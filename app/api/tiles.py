"""``GET /tiles/{layer}/{z}/{x}/{y}.mvt``: the map layers as vector tiles.

The handler only wires dependencies into ``app.maps.tiles``; the HTTP cache
(``app.api.caching``) keeps each tile per catalogue, view and language, with its ETag.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.api.pages import ViewDep
from app.dependencies import CatalogDep, LangDep
from app.maps import tiles

# For map clients; the documented API is /api and /ogc.
router = APIRouter(include_in_schema=False)


@router.get("/tiles/{layer}/{z}/{x}/{y}.mvt")
def vector_tile(
    layer: str,
    z: int,
    x: int,
    y: int,
    request: Request,
    catalog: CatalogDep,
    view: ViewDep,
    lang: LangDep,
) -> Response:
    """One tile of a layer (municipalities with their figures, cells, households from z 12)."""
    asked = tiles.address(layer, z, x, y)
    body = tiles.tile(catalog, request.app.state.store, asked, view, lang)
    return Response(body, media_type=tiles.MEDIA_TYPE)
