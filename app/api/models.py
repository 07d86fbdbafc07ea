"""The API's answers and bodies: what handlers return, and what ``/docs`` shows.

Handlers return these models and FastAPI serialises them (pydantic's JSON, validated on the way
out); only the OGC feature pages, too large for that, are pre-serialised bytes documented by
the GeoJSON models at the end. GeoJSON bodies are read by ``geojson-pydantic``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import geojson_pydantic
from pydantic import BaseModel, ConfigDict, Field

from app.i18n import translate

# The engine's words (app.gaps.engine CLASSES, TECHNOLOGY_NAMES; a test keeps them equal).
FamilyName = Literal["wired", "fixed_wireless", "satellite"]
TechnologyName = Literal["fibre", "cable", "dsl", "wired", "fixed_wireless", "satellite"]
ClassName = Literal["served", "underserved", "unserved", "unknown"]


def _both(key: str) -> str:
    """A description in French then English."""
    return f"{translate(key, 'fr')} / {translate(key, 'en')}"


def figure(column: str) -> Any:
    """A figure's field, described by its column heading in both languages."""
    return Field(description=_both(f"api.column.{column}"))


class AreaFigures(BaseModel):
    """Household-weighted figures at the threshold, with the counts behind every share."""

    dwellings: float = figure("dwellings")
    population: float = figure("population")
    served_dwellings: float = figure("served_dwellings")
    underserved_dwellings: float = figure("underserved_dwellings")
    unserved_dwellings: float = figure("unserved_dwellings")
    unknown_dwellings: float = figure("unknown_dwellings")
    served_population: float = figure("served_population")
    underserved_population: float = figure("underserved_population")
    unserved_population: float = figure("unserved_population")
    unknown_population: float = figure("unknown_population")
    served_share: float | None = figure("served_share")
    unknown_share: float | None = figure("unknown_share")
    dwellings_fibre: float = figure("dwellings_fibre")
    dwellings_cable: float = figure("dwellings_cable")
    dwellings_dsl: float = figure("dwellings_dsl")
    dwellings_wired: float = figure("dwellings_wired")
    dwellings_fixed_wireless: float = figure("dwellings_fixed_wireless")
    dwellings_satellite: float = figure("dwellings_satellite")


class HouseholdFigures(AreaFigures):
    """The figures of households in an area: classes, LTE, satellite only, snapped, by family."""

    no_lte_share: float | None = figure("no_lte_share")
    satellite_only_dwellings: float = figure("satellite_only_dwellings")
    satellite_only_population: float = figure("satellite_only_population")
    no_lte_dwellings: float = figure("no_lte_dwellings")
    no_lte_population: float = figure("no_lte_population")
    lte_unreported_dwellings: float = figure("lte_unreported_dwellings")
    snapped_households: float = figure("snapped_households")
    snapped_dwellings: float = figure("snapped_dwellings")
    no_service_dwellings: float = figure("no_service_dwellings")
    served_dwellings_fibre: float = figure("served_dwellings_fibre")
    served_dwellings_cable: float = figure("served_dwellings_cable")
    served_dwellings_dsl: float = figure("served_dwellings_dsl")
    served_dwellings_wired: float = figure("served_dwellings_wired")
    served_dwellings_fixed_wireless: float = figure("served_dwellings_fixed_wireless")
    served_dwellings_satellite: float = figure("served_dwellings_satellite")


class CensusCounts(BaseModel):
    """The census's own counts of an area, beside its households'."""

    census_dwellings: float = figure("census_dwellings")
    census_population: float = figure("census_population")


class Figures(HouseholdFigures, CensusCounts):
    """An area's figures at the threshold: census counts, then its households' figures."""


class UnassignedFigures(HouseholdFigures):
    """Households outside every municipality: they count in the region only."""

    households: int = Field(description="Points holding dwellings / points with dwellings")
    points: int = Field(description="Points / points")


class ThresholdOut(BaseModel):
    """The speed threshold every figure of the answer is computed at."""

    label: str = Field(examples=["50/10"])
    down_mbps: float = Field(examples=[50])
    up_mbps: float = Field(examples=[10])


class TechnologiesOut(BaseModel):
    """The families of service every figure of the answer counts."""

    choice: str = Field(examples=["terrestrial"], description="as given in ?technology=")
    families: list[FamilyName]
    label: dict[str, str] = Field(description="in French (fr) and English (en)")
    not_reported: list[str] = Field(
        description="Families counted that the households layer cannot report (e.g. satellite "
        "in older ISED files): their figures are missing, not zero."
    )


class LayerWarning(BaseModel):
    """A warning recorded when the layer was loaded, in French and English."""

    fr: str
    en: str


class LayerProvenance(BaseModel):
    """One layer an answer is built on."""

    layer: str = Field(examples=["households"])
    version: int = Field(examples=[1])
    source: str
    vintage: str = Field(examples=["2021"])
    loaded_at: str
    demonstration: bool
    attribution: str
    warnings: list[LayerWarning] = []


class Provenance(BaseModel):
    """Where the figures come from; ``demonstration`` is true when any layer is synthetic."""

    demonstration: bool
    layers: list[LayerProvenance]


class AreaRef(BaseModel):
    """A municipality or an MRC."""

    code: str = Field(examples=["2402028"])
    name: str = Field(examples=["Chandler"])


class MunicipalitySummary(BaseModel):
    """A municipality (census subdivision) and its census counts."""

    code: str = Field(examples=["2402028"])
    name: str = Field(examples=["Chandler"])
    type: str = Field(examples=["V"], description="Statistics Canada CSD type")
    mrc_code: str = Field(examples=["2402"])
    mrc_name: str = Field(examples=["Le Rocher-Percé"])
    population: int = Field(examples=[7546])
    dwellings: int = Field(examples=[4227])
    census_year: int = Field(examples=[2021])
    land_area_km2: float | None = Field(examples=[419.4])


class MunicipalityList(BaseModel):
    """Every municipality of the region."""

    count: int = Field(examples=[54])
    municipalities: list[MunicipalitySummary]
    provenance: Provenance


class MunicipalityGaps(MunicipalitySummary):
    """A municipality, its census counts and its gap figures at the threshold."""

    threshold: ThresholdOut
    technologies: TechnologiesOut
    figures: Figures
    provenance: Provenance


class MrcSummary(BaseModel):
    """An MRC (census division) and the census counts of its municipalities."""

    code: str = Field(examples=["2402"])
    name: str = Field(examples=["Le Rocher-Percé"])
    population: int = Field(examples=[16919])
    dwellings: int = Field(examples=[9300])
    municipalities: int = Field(examples=[6])


class MrcList(BaseModel):
    """Every MRC of the region."""

    count: int = Field(examples=[6])
    mrcs: list[MrcSummary]
    provenance: Provenance


class MrcGaps(BaseModel):
    """An MRC, its municipalities and its gap figures at the threshold."""

    code: str = Field(examples=["2402"])
    name: str = Field(examples=["Le Rocher-Percé"])
    municipalities: list[AreaRef]
    threshold: ThresholdOut
    technologies: TechnologiesOut
    figures: Figures
    provenance: Provenance


class SnappedOut(BaseModel):
    """Households outside every municipality but near one, counted in the nearest."""

    households: int
    points: int
    dwellings: float


class RegionGaps(BaseModel):
    """The whole region at the threshold (municipalities plus unassigned households)."""

    name: str = Field(description="The region's name, as configured (GIM_REGION_NAME).")
    threshold: ThresholdOut
    technologies: TechnologiesOut
    figures: Figures
    snapped: SnappedOut
    unassigned: UnassignedFigures
    provenance: Provenance


class RankedArea(BaseModel):
    """An area's place in a ranking; MRC fields only at the municipality level."""

    rank: int = Field(examples=[1])
    code: str = Field(examples=["2402028"])
    name: str = Field(examples=["Chandler"])
    mrc_code: str | None = Field(default=None, examples=["2402"])
    mrc_name: str | None = Field(default=None, examples=["Le Rocher-Percé"])


class GapRow(Figures, RankedArea):
    """One ranked area and its figures."""


class GapRanking(BaseModel):
    """Areas worst first at the threshold, by unserved dwellings or by served share."""

    threshold: ThresholdOut
    technologies: TechnologiesOut
    level: Literal["municipality", "mrc"]
    sort: Literal["unserved", "served_share"]
    mrc: str | None = Field(default=None, description="The MRC the ranking is limited to")
    count: int
    rows: list[GapRow]
    unassigned: UnassignedFigures
    provenance: Provenance


class SpeedsOut(BaseModel):
    """Speeds in Mbps."""

    down: float
    up: float


class ServiceOut(BaseModel):
    """One service a source reports: at least ``down_mbps``/``up_mbps``.

    ISED's tiers are intervals: ``below_mbps`` is the next tier, not reached; null for exact
    speeds and for ISED's top tier ("50/10 or more").
    """

    technology: TechnologyName
    family: FamilyName
    down_mbps: float = Field(examples=[50])
    up_mbps: float = Field(examples=[10])
    exact: bool
    below_mbps: SpeedsOut | None
    text: str = Field(examples=["wired 50/10+", "fibre 1000/500", "wired 25/5-50/10"])


class NearestHouseholdOut(BaseModel):
    """The household point nearest the location and the services its source reports."""

    phh_id: str = Field(examples=["10012345"])
    distance_m: float = Field(examples=[182.4], description="Geodesic distance, metres")
    longitude: float = Field(examples=[-64.68])
    latitude: float = Field(examples=[48.35])
    services: list[ServiceOut]
    lte: bool | None = Field(description="LTE mobile reported (null: not reported)")
    service_class: ClassName = Field(
        examples=["served"],
        description="served / underserved / unserved / unknown at the threshold",
    )
    service_class_label: str = Field(examples=["desservi"])


class OutsideOut(BaseModel):
    """The point is outside the region: how far its nearest municipality is."""

    distance_m: float | None


class FamilyNearbyOut(BaseModel):
    """Dwellings near the point with a service of one family, and the fastest one reported."""

    family: Literal["wired", "fixed_wireless", "satellite"]
    dwellings: float
    best: ServiceOut


class NearbyOut(BaseModel):
    """The household points within ``radius_m`` of the point."""

    radius_m: float = Field(examples=[1000])
    households: int
    dwellings: float
    dwellings_by_class: dict[str, float] = Field(
        description="served, underserved, unserved, unknown at the threshold"
    )
    families: list[FamilyNearbyOut]


class Lookup(BaseModel):
    """Which municipality and MRC hold a point, and the services of its nearest household."""

    longitude: float = Field(examples=[-64.68])
    latitude: float = Field(examples=[48.35])
    threshold: ThresholdOut
    technologies: TechnologiesOut
    municipality: AreaRef | None
    mrc: AreaRef | None
    snapped_m: float | None = Field(
        description="The point lies outside every municipality but this close to this one "
        "(coastal rule); null when inside"
    )
    outside_region: OutsideOut | None
    nearest_household: NearestHouseholdOut | None
    nearby: NearbyOut
    provenance: Provenance


class AreaStatsOut(BaseModel):
    """Household-weighted figures for a drawn area."""

    threshold: ThresholdOut
    technologies: TechnologiesOut
    area_km2: float = Field(examples=[12.5], description="Geodesic area, km²")
    household_points: int = Field(examples=[310])
    figures: AreaFigures
    provenance: Provenance


_RING_EXAMPLE: Any = [[-64.75, 48.3], [-64.6, 48.3], [-64.6, 48.4], [-64.75, 48.4], [-64.75, 48.3]]


# Bodies are read strictly: JSON numbers only (``false`` is not a coordinate), ISO GeoJSON.
STRICT = ConfigDict(strict=True)


class PolygonIn(geojson_pydantic.Polygon):
    """A GeoJSON Polygon in longitude/latitude (WGS 84); rings closed, four positions or more."""

    model_config = ConfigDict(
        strict=True,
        json_schema_extra={"examples": [{"type": "Polygon", "coordinates": [_RING_EXAMPLE]}]},
    )


class MultiPolygonIn(geojson_pydantic.MultiPolygon):
    """A GeoJSON MultiPolygon in longitude/latitude (WGS 84)."""

    model_config = STRICT


AreaGeometry = Annotated[PolygonIn | MultiPolygonIn, Field(discriminator="type")]


class FeatureIn(geojson_pydantic.Feature[AreaGeometry, dict[str, Any]]):
    """A GeoJSON Feature holding a Polygon or MultiPolygon (what map drawing tools give)."""

    model_config = STRICT


AreaIn = Annotated[PolygonIn | MultiPolygonIn | FeatureIn, Field(discriminator="type")]


class HexagonFigures(BaseModel):
    """Dwellings served at 50/10 apportioned from ISED hexagons: low, mid and high estimates."""

    dwellings: float = figure("dwellings")
    population: float = figure("population")
    served_dwellings_low: float = figure("served_dwellings_low")
    served_dwellings_mid: float = figure("served_dwellings_mid")
    served_dwellings_high: float = figure("served_dwellings_high")
    served_share_low: float | None = figure("served_share_low")
    served_share_mid: float | None = figure("served_share_mid")
    served_share_high: float | None = figure("served_share_high")


class HexagonRow(HexagonFigures):
    """One municipality or MRC of the hexagon estimate."""

    code: str = Field(examples=["2402028"])
    name: str = Field(examples=["Chandler"])
    mrc_code: str | None = None
    mrc_name: str | None = None


class UnassignedHexagons(HexagonFigures):
    """The part of hexagons outside every municipality."""

    hexagons: int


class HexagonEstimate(BaseModel):
    """The approximate hexagon estimate: always flagged ``approximate``."""

    threshold: ThresholdOut
    level: Literal["municipality", "mrc"]
    approximate: Literal[True]
    rows: list[HexagonRow]
    region: HexagonFigures
    unassigned: UnassignedHexagons
    provenance: Provenance


class Link(BaseModel):
    """A link of the OGC API."""

    href: str
    rel: str
    type: str | None = None
    title: str | None = None


class LandingPage(BaseModel):
    """The OGC API landing page."""

    title: str
    description: str
    links: list[Link]


class Conformance(BaseModel):
    """The OGC conformance classes this API implements."""

    conformsTo: list[str]  # noqa: N815 - the OGC name


class SpatialExtent(BaseModel):
    """Bounding box of a collection, west, south, east, north in CRS84."""

    bbox: list[list[float]]
    crs: str


class Extent(BaseModel):
    """Extent of a collection."""

    spatial: SpatialExtent


class Collection(BaseModel):
    """One layer, as an OGC collection."""

    id: str
    title: str
    description: str
    links: list[Link]
    extent: Extent
    itemType: str  # noqa: N815 - the OGC name
    crs: list[str]
    provenance: LayerProvenance


class Collections(BaseModel):
    """Every collection."""

    links: list[Link]
    collections: list[Collection]


class Feature(geojson_pydantic.Feature[geojson_pydantic.geometries.Geometry, dict[str, Any]]):
    """A GeoJSON Feature; ``id`` is the layer's canonical id (code, phh_id, id)."""

    id: str  # type: ignore[assignment] # always given, always text
    links: list[Link] | None = None


class FeatureCollection(geojson_pydantic.FeatureCollection[Feature]):
    """A page of features."""

    numberMatched: int  # noqa: N815 - the OGC name
    numberReturned: int  # noqa: N815 - the OGC name
    timeStamp: str  # noqa: N815 - the OGC name
    links: list[Link]
    provenance: LayerProvenance
