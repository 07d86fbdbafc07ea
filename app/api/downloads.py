"""Downloads of every map page: its tables as CSV and XLSX, its municipalities as GIS layers.

Routes only wire the page's place and view into ``app.maps.downloads``; answers are cached and
tagged by ``app.api.caching`` like the rest of /api.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from app.api.queries import known_query
from app.api.responses import CACHED_OR_UNKNOWN, PROBLEM
from app.catalog import Catalog
from app.dependencies import CatalogDep, LangDep, TechnologyDep, ThresholdDep, get_lang
from app.exports import CsvFormat, Decimal, Separator
from app.maps import downloads, places
from app.maps.places import Place, View

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


def get_region(catalog: CatalogDep) -> Place:
    """The region."""
    return places.region(catalog)


def get_area(
    request: Request,
    catalog: CatalogDep,
    code: Annotated[str, Path(description="Code MRC ou CSDUID / MRC code or CSDUID")],
) -> Place:
    """The MRC or municipality the path's code names (404 when none)."""
    return places.find(catalog, _SCOPE_OF[request.scope["route"].path], code)


def get_view(
    threshold: ThresholdDep,
    technologies: TechnologyDep,
    theme: Annotated[
        Literal["service", "lte"],
        Query(description="Thème de la page / the page's theme: service | lte"),
    ] = "service",
) -> View:
    """The page's view: its threshold, the services counted and its theme."""
    return View(threshold, technologies, theme)


@dataclass(frozen=True)
class Wanted:
    """What a download request asks for: its format, the page's view, the CSV's choices."""

    format: str
    view: View
    lang: str
    form: CsvFormat
    table: str | None


def get_wanted(
    format: Format,
    view: Annotated[View, Depends(get_view)],
    lang: LangDep,
    sep: Annotated[
        Separator | None,
        Query(
            description="CSV: séparateur / separator , ; | tab (défaut / default: ; in French, "
            ", in English)"
        ),
    ] = None,
    decimal: Annotated[
        Decimal | None,
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
) -> Wanted:
    """The format and options of a download."""
    return Wanted(format, view, lang, CsvFormat.of(lang, sep, decimal), table)


WantedDep = Annotated[Wanted, Depends(get_wanted)]


def region_download(
    place: Annotated[Place, Depends(get_region)], catalog: CatalogDep, wanted: WantedDep
) -> Response:
    """The region page's figures as CSV or XLSX, or its municipalities as GIS layers."""
    return _download(catalog, place, wanted)


def area_download(
    place: Annotated[Place, Depends(get_area)], catalog: CatalogDep, wanted: WantedDep
) -> Response:
    """An MRC's or municipality's page figures as CSV or XLSX, or as GIS layers."""
    return _download(catalog, place, wanted)


def _download(catalog: Catalog, place: Place, wanted: Wanted) -> Response:
    """The bytes of the download, named for what they hold."""
    view, lang = wanted.view, wanted.lang
    body = downloads.encode(
        catalog, place, view, lang, wanted.format, form=wanted.form, table=wanted.table
    )
    name = downloads.filename(place, view, lang, wanted.format, wanted.table or "")
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type=MEDIA_TYPES[wanted.format], headers=headers)


for path, scope in PATHS.items():
    router.add_api_route(
        path,
        region_download if scope == places.REGION else area_download,
        methods=["GET"],
        response_class=Response,
        responses={200: {"content": {media: {} for media in MEDIA_TYPES.values()}}},
        summary=SUMMARIES[scope],
    )
