"""Place search for the map pages' search box: ``GET /api/search?q=``."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from app.api.queries import known_query
from app.api.responses import CACHED, PROBLEM
from app.dependencies import CatalogDep, LangDep, TechnologyDep, ThresholdDep, get_lang
from app.i18n import translate
from app.maps.places import View
from app.maps.search import MAX_LIMIT, MAX_QUERY, Hit, search_index

router = APIRouter(
    prefix="/api",
    tags=["API"],
    dependencies=[Depends(get_lang), Depends(known_query)],
    responses={422: PROBLEM},
)


async def page_view(
    request: Request,
    threshold: ThresholdDep,
    technologies: TechnologyDep,
    theme: Annotated[
        Literal["service", "lte"], Query(description="Thème des pages liées / theme of the pages")
    ] = "service",
) -> View:
    """The view the linked pages show: that of the page the search box is on."""
    return View(threshold, technologies, theme, request.scope.get("root_path", ""))


class SearchHit(BaseModel):
    """A place found: an area (with its bounds) or a community point (with its position)."""

    kind: Literal["municipality", "mrc", "community", "place"]
    kind_label: str = Field(examples=["Municipalité"])
    code: str = Field(examples=["2404037"])
    name: str = Field(examples=["Sainte-Anne-des-Monts"])
    mrc: dict[str, str] = Field(examples=[{"code": "2404", "name": "La Haute-Gaspésie"}])
    bounds: list[float] | None = Field(description="west, south, east, north (areas)")
    point: list[float] | None = Field(
        description="longitude, latitude (points: communities, places)"
    )
    url: str = Field(description="The map page the hit opens (the municipality of a point)")


class SearchOut(BaseModel):
    """The hits of a query, best first."""

    query: str
    count: int
    hits: list[SearchHit]


@router.get(
    "/search",
    response_model=SearchOut,
    responses=CACHED,
    summary="Chercher un lieu / find a place",
)
def search(
    catalog: CatalogDep,
    view: Annotated[View, Depends(page_view)],
    lang: LangDep,
    q: Annotated[
        str,
        Query(
            description="Nom ou début de nom, accents facultatifs / name or its start, accents "
            f"optional (at most {MAX_QUERY} characters)",
            examples=["gaspe", "ste-anne"],
            # Documents what is accepted; the index refuses the rest, saying why, in words.
            json_schema_extra={"minLength": 1, "maxLength": MAX_QUERY, "pattern": "[0-9A-Za-z]"},
        ),
    ],
    limit: Annotated[
        int,
        Query(
            description=f"1 to {MAX_LIMIT}",
            json_schema_extra={"minimum": 1, "maximum": MAX_LIMIT},
        ),
    ] = 10,
) -> SearchOut:
    """Municipalities, MRCs, ISED community points and populated places matching, best first."""
    found = [_hit_out(hit, view, lang) for hit in search_index(catalog).search(q, limit)]
    return SearchOut(query=q, count=len(found), hits=found)


def _hit_out(hit: Hit, view: View, lang: str) -> SearchHit:
    """A hit as the API shows it; its page keeps the view (and the root path) of the request."""
    entry = hit.entry
    return SearchHit(
        kind=entry.kind,  # type: ignore[arg-type]
        kind_label=translate(f"maps.search.kind.{entry.kind}", lang),
        code=entry.code,
        name=hit.name(lang),
        mrc={"code": entry.mrc_code, "name": entry.mrc_name},
        bounds=list(entry.bounds) if entry.bounds else None,
        point=list(entry.point) if entry.point else None,
        url=hit.page(view, lang),
    )
