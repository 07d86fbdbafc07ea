"""Routes of the report cards (HTML and PDF) and of the change-over-time view and API.

Handlers only wire dependencies into ``app.reports``; the HTTP cache (``app.api.caching``) keeps
their answers per catalogue and request, like the map pages'.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pandas as pd
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from app.api.changes_models import ChangesOut
from app.api.pages import HTML, send
from app.api.queries import known_query
from app.api.responses import CACHED_OR_UNKNOWN, CSV, PROBLEM, csv_response
from app.catalog import Catalog
from app.dependencies import CatalogDep, LangDep, TechnologyDep, ThresholdDep
from app.exports import Column, ColumnKind, CsvFormat, Sheet, to_csv
from app.gaps.threshold import Threshold
from app.i18n import LANGUAGES, translate
from app.layers.store import LayerMeta, LayerStore
from app.maps import places
from app.maps.places import Place
from app.maps.zoom import level
from app.reports import changes, changes_view
from app.reports.card import build_card
from app.reports.render import render_html, render_pdf
from app.vocabulary import TechnologyChoice

# Pages are for browsers (left out of the schema); /api/changes is documented.
router = APIRouter()
PAGE: dict[str, Any] = {"methods": ["GET"], "include_in_schema": False}
PDF = "application/pdf"
GEOJSON = "application/geo+json"


def get_store(request: Request) -> LayerStore:
    """The layer store the catalogue was read from (its versions are compared)."""
    return request.app.state.store


StoreDep = Annotated[LayerStore, Depends(get_store)]
VersionQuery = Annotated[int | None, Query(ge=1, le=99999, description="households version")]


def root_of(request: Request) -> str:
    """The path the service is mounted at (empty at the root)."""
    return str(request.scope.get("root_path", ""))


def get_place(request: Request, catalog: CatalogDep) -> Place:
    """The place a report route names: the region, an MRC or a municipality (404)."""
    path = str(request.scope["route"].path)
    scope = next((s for s in (places.MRC, places.MUNICIPALITY) if f"/{s}/" in path), places.REGION)
    return places.find(catalog, scope, str(request.path_params.get("code", "")))


PlaceDep = Annotated[Place, Depends(get_place)]


def card_links(request: Request, place: Place, lang: str) -> dict[str, object]:
    """Links shown on a card's HTML page: its PDF, its map, the changes, other languages."""
    root, query = root_of(request), request.url.query
    path = f"{root}/reports/{place.scope}" + (f"/{place.code}" if place.code else "")
    others = [
        (other, translate("maps.lang.name", other), f"{path}?{_with_lang(query, other)}")
        for other in LANGUAGES
        if other != lang
    ]
    map_path = places.page_url(place.scope, place.code, places.View(), lang).partition("?")[0]
    return {
        "pdf": f"{path}.pdf?{query}" if query else f"{path}.pdf",
        "map": f"{root}{map_path}?{_with_lang(query, lang)}",
        "changes": f"{root}/maps/changes?lang={lang}",
        "languages": others,
    }


def _with_lang(query: str, lang: str) -> str:
    """The query string with ``lang`` set."""
    kept = [part for part in query.split("&") if part and not part.startswith("lang=")]
    return "&".join([*kept, f"lang={lang}"])


def card_html(
    request: Request,
    place: PlaceDep,
    catalog: CatalogDep,
    store: StoreDep,
    threshold: ThresholdDep,
    technologies: TechnologyDep,
    lang: LangDep,
) -> Response:
    """The report card of a place, as a print-ready HTML page."""
    card = build_card(catalog, place, threshold, technologies, lang, store)
    return send(HTML, render_html(card, card_links(request, place, lang)).encode())


def card_pdf(
    place: PlaceDep,
    catalog: CatalogDep,
    store: StoreDep,
    threshold: ThresholdDep,
    technologies: TechnologyDep,
    lang: LangDep,
) -> Response:
    """The report card of a place, as a one-page PDF."""
    response = send(
        PDF, render_pdf(build_card(catalog, place, threshold, technologies, lang, store))
    )
    name = place.code or "region"
    response.headers["Content-Disposition"] = f'inline; filename="gim-{name}-{lang}.pdf"'
    return response


# PDF routes first: "{code}" would otherwise take "2402028.pdf".
for suffix, handler in ((".pdf", card_pdf), ("", card_html)):
    router.add_api_route(f"/reports/region{suffix}", handler, **PAGE)
    router.add_api_route(f"/reports/mrc/{{code}}{suffix}", handler, **PAGE)
    router.add_api_route(f"/reports/municipality/{{code}}{suffix}", handler, **PAGE)


def _compare(
    store: LayerStore,
    catalog: Catalog,
    threshold: Threshold,
    technologies: TechnologyChoice,
    before: int | None,
    after: int | None,
) -> changes.Changes:
    return changes.compare(store, catalog, threshold, technologies, before, after)


@router.get("/maps/changes", include_in_schema=False)
def changes_page(
    request: Request,
    catalog: CatalogDep,
    store: StoreDep,
    threshold: ThresholdDep,
    technologies: TechnologyDep,
    lang: LangDep,
    before: Annotated[VersionQuery, Query(alias="from")] = None,
    after: Annotated[VersionQuery, Query(alias="to")] = None,
) -> Response:
    """Change over time: a diverging map, tables and a CSV of two households versions."""
    found = _compare(store, catalog, threshold, technologies, before, after)
    query = {"threshold": threshold.label, "technology": technologies.label}
    query |= {"from": str(found.before.version), "to": str(found.after.version)}
    page = changes_view.ChangesPage(lang, root_of(request), query)
    return send(HTML, changes_view.render_page(catalog, found, page).encode())


@router.get("/maps/changes/data/{number}.geojson", include_in_schema=False)
def changes_layer(
    request: Request,
    number: int,
    catalog: CatalogDep,
    store: StoreDep,
    threshold: ThresholdDep,
    technologies: TechnologyDep,
    lang: LangDep,
    measure: Literal["served_share", "served_dwellings"] = "served_share",
    before: Annotated[VersionQuery, Query(alias="from")] = None,
    after: Annotated[VersionQuery, Query(alias="to")] = None,
) -> Response:
    """Municipality polygons with their change of one measure, for one level of detail."""
    detail = level(number)
    found = _compare(store, catalog, threshold, technologies, before, after)
    body = changes_view.features(catalog, found, detail, measure, lang, root_of(request))
    return send(GEOJSON, body)


@router.get(
    "/api/changes",
    tags=["API"],
    dependencies=[Depends(known_query)],
    response_model=ChangesOut,
    responses={
        200: {"content": {CSV: {"schema": {"type": "string"}}}},
        **CACHED_OR_UNKNOWN,
        422: PROBLEM,
    },
    summary="Évolution entre deux versions / change between two versions",
)
def get_changes(
    catalog: CatalogDep,
    store: StoreDep,
    threshold: ThresholdDep,
    technologies: TechnologyDep,
    lang: LangDep,
    before: Annotated[VersionQuery, Query(alias="from")] = None,
    after: Annotated[VersionQuery, Query(alias="to")] = None,
    format: Annotated[Literal["json", "csv"], Query(description="json | csv")] = "json",
) -> ChangesOut | Response:
    """Served share and dwellings before, after and their difference, for every area."""
    found = _compare(store, catalog, threshold, technologies, before, after)
    rows = changes_view.table_rows(found, catalog.gaps.region_name)
    warnings = [
        {"key": key, "message": translate(key, lang, **params)} for key, params in found.warnings
    ]
    if format == "csv":
        return _changes_csv(found, rows, lang)
    return ChangesOut.model_validate(
        {
            "from": _meta(found.before),
            "to": _meta(found.after),
            "threshold": threshold.label,
            "technologies": technologies.label,
            "warnings": warnings,
            "unassigned": found.unassigned,
            "rows": rows,
        }
    )


def _meta(meta: LayerMeta) -> dict[str, object]:
    """What names a households version: number, vintage, source, load time, demonstration."""
    fields = ("version", "vintage", "source", "loaded_at", "demonstration")
    return {name: getattr(meta, name) for name in fields}


def _changes_csv(found: changes.Changes, rows: list[dict[str, object]], lang: str) -> Response:
    """The changes as CSV for Excel, in the request's language and its locale's separators."""
    frame = pd.DataFrame.from_records(rows)
    columns = tuple(
        Column(name, translate(f"changes.column.{name}", lang), _kind(name))
        for name in frame.columns
    )
    filename = translate(
        "changes.csv_filename",
        lang,
        before=found.before.version,
        after=found.after.version,
        threshold=found.threshold.label.replace("/", "-"),
    )
    body = to_csv(Sheet(filename, columns, frame), CsvFormat.of(lang))
    return csv_response(body, filename)


def _kind(column: str) -> ColumnKind:
    """Names and codes are text, shares percentages, the rest counts."""
    if column in ("level", "code", "name", "mrc_code"):
        return ColumnKind.TEXT
    return ColumnKind.SHARE if column.endswith("_share") else ColumnKind.NUMBER
