"""OGC API – Features, Part 1 (core, GeoJSON, OpenAPI 3.0), for QGIS, ArcGIS and GDAL.

Choices the standard leaves open: ``limit`` above 10,000 is clamped to 10,000 (the standard
permits it); geometries are at full resolution unless the client asks for ``simplify=<metres>``;
features have no time, so ``datetime`` is checked but selects every feature.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

import numpy as np
import pandas as pd
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from app.api.features import (
    AREA_TITLES,
    LayerFeatures,
    attribute_types,
    bounds,
    queryables_schema,
    rows_features,
    rows_in_bbox,
    serialise,
)
from app.api.models import (
    Collection,
    Collections,
    Conformance,
    Extent,
    Feature,
    FeatureCollection,
    LandingPage,
    LayerProvenance,
    Link,
    SpatialExtent,
)
from app.api.openapi30 import ogc_definition
from app.api.responses import (
    CACHED,
    CACHED_OR_UNKNOWN,
    GEOJSON,
    OPENAPI_30,
    PROBLEM,
    GeoJsonBytes,
    OpenApi30,
    dumps,
)
from app.catalog import Catalog, Layer
from app.dependencies import CatalogDep, LangDep, TechnologyDep, ThresholdDep, get_lang
from app.errors import BadQueryError, NotFoundError
from app.gaps.threshold import DEFAULT_THRESHOLD, Threshold
from app.i18n import translate
from app.maps.downloads import area_figures
from app.naming import short_name
from app.vocabulary import DEFAULT_CHOICE, Kind, TechnologyChoice

PREFIX = "/ogc"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
]
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
OPENAPI_31 = "application/vnd.oai.openapi+json;version=3.1"
JSON = "application/json"
SCHEMA_JSON = "application/schema+json"
DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000
MAX_SIMPLIFY_M = 100_000
ITEMS_PARAMETERS = (
    "bbox",
    "limit",
    "offset",
    "datetime",
    "simplify",
    "lang",
    "threshold",
    "technology",
)
# Collections whose features carry the gap figures of their area (at ?threshold, ?technology).
WITH_FIGURES = {Kind.MUNICIPALITIES: "municipalities", Kind.MRCS: "mrcs"}
_NUMBER = r"-?[0-9]+(\.[0-9]+)?"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2}))?")

router = APIRouter(
    prefix=PREFIX,
    tags=["OGC API – Features"],
    dependencies=[Depends(get_lang)],
    responses={400: PROBLEM},
)


def get_layer(
    collection_id: Annotated[
        str, Path(description="municipalities, mrcs, households, community_points")
    ],
    catalog: CatalogDep,
) -> Layer:
    """The layer a collection id names, or 404."""
    for kind, layer in catalog.layers.items():
        if kind == collection_id:
            return layer
    accepted = ", ".join(str(kind) for kind in catalog.layers)
    raise NotFoundError("ogc.collection_unknown", collection=collection_id, accepted=accepted)


def known_parameters(request: Request) -> None:
    """Refuse query parameters the items operations do not define (400, as the standard says)."""
    for name in request.query_params:
        if name not in ITEMS_PARAMETERS:
            raise BadQueryError(
                "ogc.parameter_unknown", name=name[:40], accepted=", ".join(ITEMS_PARAMETERS)
            )


LayerDep = Annotated[Layer, Depends(get_layer)]
Simplify = Annotated[
    float | None,
    Query(
        ge=0,
        le=MAX_SIMPLIFY_M,
        description="Extension: simplify geometries to this tolerance in metres (e.g. 100 for "
        "a regional map). Absent: full resolution.",
    ),
]


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/") + PREFIX


def _link(href: str, rel: str, media_type: str, title_key: str, lang: str) -> Link:
    return Link(href=href, rel=rel, type=media_type, title=translate(title_key, lang))


@router.get("", response_model=LandingPage, responses=CACHED, summary="Landing page")
@router.get("/", response_model=LandingPage, include_in_schema=False)  # {root}/ of the standard
def landing_page(request: Request, lang: LangDep, catalog: CatalogDep) -> LandingPage:
    """Title, description and links to the API definition, conformance and collections."""
    base = _base(request)
    root = str(request.base_url).rstrip("/")
    targets = (
        (base, "self", JSON, "ogc.link.self"),
        (f"{base}/api", "service-desc", OPENAPI_30, "ogc.link.service_desc"),
        (f"{root}/openapi.json", "service-desc", OPENAPI_31, "ogc.link.service_desc_full"),
        (f"{root}/docs", "service-doc", "text/html", "ogc.link.service_doc"),
        (f"{base}/conformance", "conformance", JSON, "ogc.link.conformance"),
        (f"{base}/collections", "data", JSON, "ogc.link.data"),
    )
    links = [_link(href, rel, kind, title, lang) for href, rel, kind, title in targets]
    region = catalog.gaps.region_name
    title = translate("ogc.title", lang, region=short_name(region))
    description = translate("ogc.description", lang, region=region)
    return LandingPage(title=title, description=description, links=links)


@router.get("/conformance", response_model=Conformance, responses=CACHED, summary="Conformance")
def conformance() -> Conformance:
    """The conformance classes: core, GeoJSON and OpenAPI 3.0."""
    return Conformance(conformsTo=CONFORMANCE)


@router.get(
    "/api",
    response_class=OpenApi30,
    responses={200: {"content": {OPENAPI_30: {}}}, **CACHED},
    summary="API definition (OpenAPI 3.0)",
)
def api_definition(request: Request) -> Response:
    """This OGC API's definition in OpenAPI 3.0 (the whole service's is /openapi.json, 3.1)."""
    return OpenApi30(ogc_definition(request.app.openapi(), PREFIX, _base(request)))


@router.get("/collections", response_model=Collections, responses=CACHED, summary="Collections")
def collections(request: Request, catalog: CatalogDep, lang: LangDep) -> Collections:
    """Every layer as a collection, with its extent and provenance."""
    base = _base(request)
    listed = [_collection(base, layer, lang) for layer in catalog.layers.values()]
    links = [_link(f"{base}/collections", "self", JSON, "ogc.link.self", lang)]
    return Collections(links=links, collections=listed)


@router.get(
    "/collections/{collection_id}",
    response_model=Collection,
    responses=CACHED_OR_UNKNOWN,
    summary="Collection",
)
def collection(request: Request, layer: LayerDep, lang: LangDep) -> Collection:
    """One collection: title, description, extent, links to its items."""
    return _collection(_base(request), layer, lang)


def _collection(base: str, layer: Layer, lang: str) -> Collection:
    """The description of a layer as an OGC collection."""
    meta = layer.meta
    href = f"{base}/collections/{layer.kind}"
    demonstration = translate("ogc.collection.demonstration", lang) if meta.demonstration else ""
    description = translate(
        "ogc.collection.description",
        lang,
        source=meta.source,
        vintage=meta.vintage,
        version=meta.version,
        demonstration=demonstration,
    )
    title = translate(f"ogc.collection.{layer.kind}", lang)
    if meta.demonstration:
        title = translate("ogc.collection.demonstration_title", lang, title=title)
    return Collection(
        id=str(layer.kind),
        title=title,
        description=description,
        links=[
            _link(href, "self", JSON, "ogc.link.self", lang),
            _link(f"{href}/items", "items", GEOJSON, "ogc.link.items", lang),
        ],
        extent=Extent(spatial=SpatialExtent(bbox=[bounds(layer)], crs=CRS84)),
        itemType="feature",
        crs=[CRS84],
        provenance=LayerProvenance.model_validate(layer.provenance()),
    )


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    """West, south, east, north from "w,s,e,n" (or the 6-number 3D form), in CRS84."""
    if text is None:
        return None
    try:
        numbers = [float(part) for part in text.split(",")]
    except ValueError:
        raise BadQueryError("ogc.bbox_malformed", value=text[:60]) from None
    if len(numbers) not in (4, 6):
        raise BadQueryError("ogc.bbox_malformed", value=text[:60])
    west, south, east, north = numbers[:2] + numbers[-3:-1] if len(numbers) == 6 else numbers
    inside = all(abs(x) <= 180 for x in (west, east)) and all(abs(y) <= 90 for y in (south, north))
    if not inside or south > north or west > east:
        raise BadQueryError("ogc.bbox_out_of_range", value=text[:60])
    return west, south, east, north


def check_datetime(text: str | None) -> None:
    """Refuse a malformed ``datetime`` (an instant, or an interval with ``..`` for open ends)."""
    if text is None:
        return
    parts = text.split("/")
    valid = len(parts) in (1, 2) and all(
        (len(parts) == 2 and part in ("", "..")) or _DATE.fullmatch(part) for part in parts
    )
    if not valid:
        raise BadQueryError("ogc.datetime_malformed", value=text[:60])


def layer_features(
    catalog: Catalog,
    layer: Layer,
    simplify: float | None,
    view: tuple[Threshold, TechnologyChoice] = (DEFAULT_THRESHOLD, DEFAULT_CHOICE),
) -> LayerFeatures:
    """The layer serialised once per catalogue, tolerance and (for areas) figures' view."""
    tolerance = float(simplify or 0.0)
    table = WITH_FIGURES.get(layer.kind)
    key = (layer.kind, tolerance, view if table else None)
    return catalog.derived(
        "features", key, lambda: serialise(layer, tolerance, _figures(catalog, table, view))
    )


def _page(
    catalog: Catalog,
    layer: Layer,
    bbox: tuple[float, float, float, float] | None,
    offset: int,
    limit: int,
    simplify: float | None,
    view: tuple[Threshold, TechnologyChoice],
) -> tuple[int, int, bytes]:
    """Features matched, returned, and the page's (a replica's households: from the database)."""
    if layer.in_memory or layer.source is None:
        rows = rows_in_bbox(layer, bbox)
        page = rows[offset : offset + limit]
        return len(rows), len(page), layer_features(catalog, layer, simplify, view).page(page)
    matched, frame = layer.source.page(bbox, offset, limit)
    return matched, len(frame), rows_features(layer, frame, simplify).page(np.arange(len(frame)))


def _feature(
    catalog: Catalog,
    layer: Layer,
    feature_id: str,
    simplify: float | None,
    view: tuple[Threshold, TechnologyChoice],
) -> bytes | None:
    """One feature by id, or None (a replica's households: from the database)."""
    if layer.in_memory or layer.source is None:
        features = layer_features(catalog, layer, simplify, view)
        row = features.row_of.get(feature_id)
        return None if row is None else features.features[row]
    found = rows_features(layer, layer.source.by_id(feature_id), simplify).features
    return found[0] if found else None


def _figures(
    catalog: Catalog, table: str | None, view: tuple[Threshold, TechnologyChoice]
) -> pd.DataFrame | None:
    """The figures each area's feature carries, with the threshold and technologies counted."""
    if table is None:
        return None
    threshold, choice = view
    return area_figures(getattr(catalog.report(threshold, choice), table), threshold, choice)


@router.get(
    "/collections/{collection_id}/queryables",
    response_class=Response,
    responses={200: {"content": {SCHEMA_JSON: {}}}, **CACHED_OR_UNKNOWN},
    summary="Queryables",
)
def queryables(
    request: Request,
    catalog: CatalogDep,
    layer: LayerDep,
    lang: LangDep,
    threshold: ThresholdDep = DEFAULT_THRESHOLD,
    technologies: TechnologyDep = DEFAULT_CHOICE,
) -> Response:
    """The properties of the collection's features, the gap figures of areas included."""
    frame = attribute_types(layer)
    figures = _figures(catalog, WITH_FIGURES.get(layer.kind), (threshold, technologies))
    titles = {}
    if figures is not None:
        frame = pd.concat([frame.head(0), figures.head(0)], axis=1)
        titles = AREA_TITLES
    href = f"{_base(request)}/collections/{layer.kind}/queryables"
    title = translate(f"ogc.collection.{layer.kind}", lang)
    body = queryables_schema(frame, href, title, lang, titles)
    return Response(dumps(body), media_type=SCHEMA_JSON)


@router.get(
    "/collections/{collection_id}/items",
    response_class=GeoJsonBytes,
    response_model=FeatureCollection,
    responses=CACHED_OR_UNKNOWN,
    dependencies=[Depends(known_parameters)],
    summary="Features",
)
def items(
    request: Request,
    catalog: CatalogDep,
    layer: LayerDep,
    lang: LangDep,
    bbox: Annotated[
        str | None,
        Query(
            description="west,south,east,north in degrees (CRS84)",
            examples=["-65.5,48.0,-64.2,48.6"],
            # Documents the form (4 or 6 numbers); parse_bbox says what is wrong in words.
            json_schema_extra={"pattern": rf"^{_NUMBER}(,{_NUMBER}){{3}}(,{_NUMBER},{_NUMBER})?$"},
        ),
    ] = None,
    limit: Annotated[
        int, Query(ge=1, description=f"Page size; above {MAX_LIMIT:,} counts as {MAX_LIMIT:,}")
    ] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, description="Features to skip")] = 0,
    datetime: Annotated[
        str | None,
        Query(
            description="Accepted; features have no time, so all match",
            json_schema_extra={
                "pattern": rf"^({_DATE.pattern}|({_DATE.pattern}|\.\.)?/"
                rf"({_DATE.pattern}|\.\.)?)$"
            },
        ),
    ] = None,
    simplify: Simplify = None,
    threshold: ThresholdDep = DEFAULT_THRESHOLD,
    technologies: TechnologyDep = DEFAULT_CHOICE,
) -> Response:
    """A page of features, with numberMatched, numberReturned and next/prev links.

    Municipalities and MRCs carry their gap figures at ``threshold``, counting ``technology``.
    """
    check_datetime(datetime)
    limit = min(limit, MAX_LIMIT)
    view = (threshold, technologies)
    matched, returned, features = _page(
        catalog, layer, parse_bbox(bbox), offset, limit, simplify, view
    )
    links = _page_links(request, lang, matched, limit, offset)
    head = {
        "type": "FeatureCollection",
        "numberMatched": matched,
        "numberReturned": returned,
        "timeStamp": _now(),
        "links": links,
        "provenance": layer.provenance(),
    }
    return GeoJsonBytes(dumps(head)[:-1] + b',"features":[' + features + b"]}")


def _page_links(request: Request, lang: str, matched: int, limit: int, offset: int) -> list[Link]:
    """Self, collection, and next/prev when there are features after/before this page."""
    url = request.url
    collection_url = str(url.replace(query="")).rsplit("/items", 1)[0]
    links = [
        _link(str(url), "self", GEOJSON, "ogc.link.self", lang),
        _link(collection_url, "collection", JSON, "ogc.link.collection", lang),
    ]
    if offset + limit < matched:
        after = url.include_query_params(offset=offset + limit, limit=limit)
        links.append(_link(str(after), "next", GEOJSON, "ogc.link.next", lang))
    if offset > 0:
        before = url.include_query_params(offset=max(offset - limit, 0), limit=limit)
        links.append(_link(str(before), "prev", GEOJSON, "ogc.link.prev", lang))
    return links


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@router.get(
    "/collections/{collection_id}/items/{feature_id}",
    response_class=GeoJsonBytes,
    response_model=Feature,
    responses=CACHED_OR_UNKNOWN,
    summary="Feature",
)
def item(
    request: Request,
    catalog: CatalogDep,
    layer: LayerDep,
    lang: LangDep,
    feature_id: Annotated[str, Path(description="code, phh_id or id, as in the layer")],
    simplify: Simplify = None,
    threshold: ThresholdDep = DEFAULT_THRESHOLD,
    technologies: TechnologyDep = DEFAULT_CHOICE,
) -> Response:
    """One feature by its canonical id, with links to itself and its collection."""
    feature = _feature(catalog, layer, feature_id, simplify, (threshold, technologies))
    if feature is None:
        raise NotFoundError("ogc.feature_unknown", feature=feature_id[:60], collection=layer.kind)
    url = request.url
    links = [
        _link(str(url), "self", GEOJSON, "ogc.link.self", lang),
        _link(
            str(url).rsplit("/items/", 1)[0],
            "collection",
            JSON,
            "ogc.link.collection",
            lang,
        ),
    ]
    return GeoJsonBytes(feature[:-1] + b',"links":' + dumps(links) + b"}")
