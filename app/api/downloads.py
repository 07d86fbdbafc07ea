"""Downloads of every map page: its tables as CSV and XLSX, its municipalities as GIS layers.

Routes only wire the page's place and view into ``app.maps.downloads``; answers are cached and
tagged by ``app.api.caching`` like the rest of /api.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from app.api.pages import ViewDep
from app.api.queries import known_query
from app.api.responses import CACHED_OR_UNKNOWN, PROBLEM
from app.dependencies import CatalogDep, LangDep, get_lang
from app.exports import CsvFormat
from app.maps import downloads, places
from app.maps.places import Place

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
    "gpkg": "application/geopackage+sqlite3",
}
Format = Literal["csv", "xlsx", "geojson", "gpkg"]
router = APIRouter(
    prefix="/api/downloads",
    tags=["Téléchargements / downloads"],
    dependencies=[Depends(get_lang), Depends(known_query)],
    responses={422: PROBLEM, **CACHED_OR_UNKNOWN},
)
# Each level's path, and the scope of the place it names.
PATHS = {
    "/region.{format}": places.REGION,
    "/mrc/{code}.{format}": places.MRC,
    "/municipality/{code}.{format}": places.MUNICIPALITY,
}
SUMMARIES = {
    places.REGION: "Téléchargements de la région / downloads of the region",
    places.MRC: "Téléchargements d'une MRC / downloads of an MRC",
    places.MUNICIPALITY: "Téléchargements d'une municipalité / downloads of a municipality",
}
_SCOPE_OF = {router.prefix + path: scope for path, scope in PATHS.items()}


def get_place(request: Request, catalog: CatalogDep) -> Place:
    """The region, or the MRC or municipality the path's code names (404 when none)."""
    scope = _SCOPE_OF[request.scope["route"].path]
    return places.find(catalog, scope, str(request.path_params.get("code", "")))


def download(
    place: Annotated[Place, Depends(get_place)],
    catalog: CatalogDep,
    view: ViewDep,
    lang: LangDep,
    format: Format,
    sep: Annotated[
        str | None,
        Query(
            description="CSV: séparateur / separator , ; | tab (défaut / default: ; in French, "
            ", in English)"
        ),
    ] = None,
    decimal: Annotated[
        str | None,
        Query(
            description="CSV: marque décimale / decimal mark . or , (défaut / default: , in "
            "French, . in English)"
        ),
    ] = None,
    table: Annotated[
        Literal["mrcs", "municipalities", "technologies"] | None,
        Query(
            description="CSV: le tableau de la page / the page's table (défaut / default: its last)"
        ),
    ] = None,
) -> Response:
    """The page's figures as CSV or XLSX, or its municipalities as GeoJSON or GeoPackage.

    CSV follows the language: in French, fields separated by semicolons with decimal commas
    (as Excel reads them in a French locale); in English, commas and decimal points. Shares
    are percentages. XLSX has one sheet per table and a sheet of sources. The layers carry
    each municipality's figures at the threshold and technology choice, and the GeoPackage
    a QGIS style with the map's colours.
    """
    form = CsvFormat.of(lang, sep, decimal)
    body = downloads.encode(catalog, place, view, lang, format, form=form, table=table)
    name = downloads.filename(place, view, lang, format, table or "")
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type=MEDIA_TYPES[format], headers=headers)


for path, scope in PATHS.items():
    router.add_api_route(
        path,
        download,
        methods=["GET"],
        response_class=Response,
        responses={200: {"content": {media: {} for media in MEDIA_TYPES.values()}}},
        summary=SUMMARIES[scope],
    )
