"""REST API for MRC officials: municipalities, MRCs, region, rankings, look-ups, drawn areas.

Handlers return the models of ``app.api.models`` (FastAPI serialises them). Answers depend
only on the layer versions and the query: ``app.api.caching`` keeps them, with an ETag.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pandas as pd
from fastapi import APIRouter, Body, Depends, Path, Query
from fastapi.responses import Response

from app.api import payloads
from app.api.models import (
    AreaIn,
    AreaStatsOut,
    GapRanking,
    HexagonEstimate,
    Lookup,
    MrcGaps,
    MrcList,
    MunicipalityGaps,
    MunicipalityList,
    RegionGaps,
)
from app.api.queries import known_query
from app.api.responses import (
    CACHED,
    CACHED_OR_UNKNOWN,
    CSV,
    PROBLEM,
    csv_response,
)
from app.catalog import Catalog
from app.dependencies import CatalogDep, LangDep, TechnologyDep, ThresholdDep, get_lang
from app.exports import CsvFormat, Decimal, Separator, Sheet, to_csv
from app.gaps.area_stats import parse_area
from app.gaps.engine import COUNT_COLUMNS
from app.gaps.threshold import Threshold
from app.i18n import translate
from app.maps import downloads
from app.vocabulary import TechnologyChoice

router = APIRouter(
    prefix="/api",
    tags=["API"],
    dependencies=[Depends(get_lang), Depends(known_query)],
    responses={422: PROBLEM},
)


@router.get(
    "/municipalities",
    response_model=MunicipalityList,
    responses=CACHED,
    summary="Municipalités / municipalities",
)
def list_municipalities(catalog: CatalogDep) -> MunicipalityList:
    """Every municipality: code, name, MRC, population and dwellings (census)."""
    return payloads.municipalities(catalog)


@router.get(
    "/municipalities/{code}",
    response_model=MunicipalityGaps,
    responses=CACHED_OR_UNKNOWN,
    summary="Une municipalité et ses écarts / one municipality and its gaps",
)
def get_municipality(
    code: Annotated[str, Path(description="CSDUID, e.g. 2402028", examples=["2402028"])],
    catalog: CatalogDep,
    threshold: ThresholdDep,
    technologies: TechnologyDep,
) -> MunicipalityGaps:
    """A municipality's census counts and its served, underserved, unserved, unknown homes."""
    return payloads.municipality(catalog, code, threshold, technologies)


@router.get(
    "/mrcs",
    response_model=MrcList,
    responses=CACHED,
    summary="MRC / regional county municipalities",
)
def list_mrcs(catalog: CatalogDep) -> MrcList:
    """Every MRC with the census counts of its municipalities."""
    return payloads.mrcs(catalog)


@router.get(
    "/mrcs/{code}",
    response_model=MrcGaps,
    responses=CACHED_OR_UNKNOWN,
    summary="Une MRC et ses écarts / one MRC and its gaps",
)
def get_mrc(
    code: Annotated[str, Path(description="Census division, 4 digits", examples=["2402"])],
    catalog: CatalogDep,
    threshold: ThresholdDep,
    technologies: TechnologyDep,
) -> MrcGaps:
    """An MRC's municipalities and its gap figures."""
    return payloads.mrc(catalog, code, threshold, technologies)


@router.get(
    "/region", response_model=RegionGaps, responses=CACHED, summary="La région / the region"
)
def get_region(
    catalog: CatalogDep, threshold: ThresholdDep, technologies: TechnologyDep
) -> RegionGaps:
    """The whole region's gap figures, including households outside every municipality."""
    return payloads.region(catalog, threshold, technologies)


@router.get(
    "/gaps",
    response_model=GapRanking,
    response_model_exclude_unset=True,  # no MRC fields in the rows of MRCs
    responses={200: {"content": {CSV: {"schema": {"type": "string"}}}}, **CACHED_OR_UNKNOWN},
    summary="Classement des écarts / gap ranking",
)
def get_gaps(
    catalog: CatalogDep,
    threshold: ThresholdDep,
    technologies: TechnologyDep,
    lang: LangDep,
    level: Annotated[
        Literal["municipality", "mrc"], Query(description="municipality | mrc")
    ] = "municipality",
    sort: Annotated[
        Literal["unserved", "served_share"],
        Query(description="unserved: most unserved dwellings first; served_share: lowest first"),
    ] = "unserved",
    format: Annotated[
        Literal["json", "csv"],
        Query(description="csv: UTF-8 with BOM, headers in the request's language"),
    ] = "json",
    mrc: Annotated[
        str | None,
        Query(
            description="Seulement cette MRC (code à 4 chiffres) / only this MRC: its "
            "municipalities, ranked among themselves",
            examples=["2403"],
        ),
    ] = None,
    sep: Annotated[
        Separator | None,
        Query(description="CSV: séparateur / separator , ; | tab (défaut / default: ; fr, , en)"),
    ] = None,
    decimal: Annotated[
        Decimal | None,
        Query(
            description="CSV: marque décimale / decimal mark . or , (défaut / default: , fr, . en)"
        ),
    ] = None,
) -> GapRanking | Response:
    """Areas worst first at the threshold; ``format=csv`` gives the same table for Excel.

    The CSV follows the language: semicolons and decimal commas in French, commas and decimal
    points in English (``sep`` and ``decimal`` override); shares are percentages.
    """
    form = CsvFormat.of(lang, sep, decimal)
    ranking = payloads.ranking(catalog, threshold, technologies, level, sort, mrc or None)
    if format == "csv":
        rows = ranking.model_dump(exclude_unset=True)
        return _ranking_csv(catalog, rows, threshold, technologies, lang, form)
    return ranking


def _ranking_csv(
    catalog: Catalog,
    ranking: dict[str, Any],
    threshold: Threshold,
    choice: TechnologyChoice,
    lang: str,
    form: CsvFormat,
) -> Response:
    """The ranking as CSV, each row carrying its threshold and sources."""
    rows = pd.DataFrame.from_records(ranking["rows"], columns=_ranking_columns(ranking))
    columns = [downloads.column(name, lang) for name in rows.columns]
    rows, columns = downloads.with_context(catalog, rows, columns, threshold, choice, lang)
    filename = translate(
        "api.csv_filename",
        lang,
        level="-".join(
            [translate(f"api.level.{ranking['level']}", lang)] + [ranking["mrc"] or ""]
        ).rstrip("-"),
        threshold=ranking["threshold"]["label"].replace("/", "-"),
        technologies=ranking["technologies"]["choice"].replace(",", "-"),
    )
    body = to_csv(Sheet(filename, tuple(columns), rows), form)
    return csv_response(body, filename)


def _ranking_columns(ranking: dict[str, Any]) -> list[str]:
    """The columns of the ranking's rows (those of an empty ranking too)."""
    if ranking["rows"]:
        return list(ranking["rows"][0])
    labels = ["rank", "code", "name"] + (
        ["mrc_code", "mrc_name"] if ranking["level"] == "municipality" else []
    )
    return labels + list(COUNT_COLUMNS)


@router.get(
    "/hexagons",
    response_model=HexagonEstimate,
    responses=CACHED_OR_UNKNOWN,
    summary="Estimation approximative par hexagones ISDE / approximate ISED hexagon estimate",
)
def get_hexagon_estimate(
    catalog: CatalogDep,
    level: Annotated[
        Literal["municipality", "mrc"], Query(description="municipality | mrc")
    ] = "municipality",
) -> HexagonEstimate:
    """Dwellings served at 50/10 apportioned by area from ISED hexagons (low, mid, high).

    Approximate: a hexagon publishes only a class of share (e.g. ">50% - 75%") and is split
    between municipalities by area. 404 until a hexagons layer is loaded.
    """
    return payloads.hexagon_estimate(catalog, level)


@router.get(
    "/lookup",
    response_model=Lookup,
    summary="Qu'y a-t-il ici ? / what is here?",
)
async def get_lookup(
    catalog: CatalogDep,
    threshold: ThresholdDep,
    technologies: TechnologyDep,
    lang: LangDep,
    lat: Annotated[float, Query(ge=-90, le=90, description="Latitude (WGS 84)", examples=[48.35])],
    lon: Annotated[
        float, Query(ge=-180, le=180, description="Longitude (WGS 84)", examples=[-64.68])
    ],
    radius_m: Annotated[
        float, Query(ge=0, le=5000, description="Rayon / radius of `nearby`, metres")
    ] = 1000,
) -> Lookup:
    """The municipality and MRC at a point, its nearest household, the households around it."""
    # On the event loop: a look-up takes a fraction of a millisecond, less than the hop to a
    # worker thread would cost.
    return payloads.lookup(catalog, lon, lat, threshold, technologies, lang, radius_m)


@router.post(
    "/stats",
    response_model=AreaStatsOut,
    responses={400: PROBLEM},
    summary="Statistiques d'une zone dessinée / statistics of a drawn area",
)
def post_stats(
    area: Annotated[AreaIn, Body(description="GeoJSON Polygon, MultiPolygon or Feature")],
    catalog: CatalogDep,
    threshold: ThresholdDep,
    technologies: TechnologyDep,
) -> AreaStatsOut:
    """Household-weighted figures for any drawn area (longitude/latitude)."""
    shape = parse_area(area.model_dump())
    stats = catalog.area_stats(shape, threshold, technologies)
    return payloads.area_stats(catalog, stats, threshold, technologies)
