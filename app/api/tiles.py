"""``GET /tiles/{layer}/{z}/{x}/{y}.mvt``: the map layers as vector tiles.

The handler only wires dependencies into ``app.maps.tiles``; the HTTP cache
(``app.api.caching``) keeps each tile per catalogue, view and language, with its ETag.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import State

from app.api.pages import ViewDep
from app.dependencies import CatalogDep, LangDep
from app.layers.pgstore import PgStore
from app.maps import tiles
from app.maps.pgtiles import Connections

# For map clients; the documented API is /api and /ogc.
router = APIRouter(include_in_schema=False)


def tile_source(state: State) -> object:
    """The PostGIS store's connections kept for tiles (made on first use), else the store."""
    store = state.store
    if not isinstance(store, PgStore):
        return store
    kept = getattr(state, "tile_connections", None)
    if kept is None or kept.store is not store:
        kept = state.tile_connections = Connections(store)
    return kept


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
    body = tiles.tile(catalog, tile_source(request.app.state), asked, view, lang)
    return Response(body, media_type=tiles.MEDIA_TYPE)
