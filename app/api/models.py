"""Shapes of the API's answers and bodies, for the OpenAPI page (``/docs``) and its examples.

Handlers return pre-serialised bytes; these models document them, and the contract tests check
that the bytes match them.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from app.gaps.engine import CLASSES, COUNT_COLUMNS, SHARES, TECHNOLOGY_NAMES
from app.i18n import translate

CENSUS_COLUMNS = ("census_dwellings", "census_population")


def _both(key: str) -> str:
    """A description in French then English."""
    return f"{translate(key, 'fr')} / {translate(key, 'en')}"


def _figure_fields(columns: tuple[str, ...]) -> dict[str, Any]:
    """One field per figure column: a count, or the served share (null without dwellings)."""
    fields: dict[str, Any] = {}
    for column in columns:
        kind = float | None if column in SHARES else float
        fields[column] = (kind, Field(description=_both(f"api.column.{column}")))
    return fields


AREA_COLUMNS = (
    "dwellings",
    "population",
    *(f"{name}_dwellings" for name in CLASSES),
    *(f"{name}_population" for name in CLASSES),
    "served_share",
    "unknown_share",
    *(f"dwellings_{name}" for name in TECHNOLOGY_NAMES),
)
Figures = create_model(
    "Figures",
    __doc__="Household-weighted figures at the threshold, with the counts behind every share.",
    **_figure_fields(COUNT_COLUMNS),
)
AreaFigures = create_model(
    "AreaFigures",
    __doc__="Household-weighted figures of a drawn area at the threshold.",
    **_figure_fields(AREA_COLUMNS),
)
UnassignedFigures = create_model(
    "UnassignedFigures",
    __doc__="Households outside every municipality: they count in the region only.",
    households=(int, Field(description="Points holding dwellings / points with dwellings")),
    points=(int, Field(description="Points / points")),
    **_figure_fields(tuple(c for c in COUNT_COLUMNS if c not in CENSUS_COLUMNS)),
)


class ThresholdOut(BaseModel):
    """The speed threshold every figure of the answer is computed at."""

    label: str = Field(examples=["50/10"])
    down_mbps: float = Field(examples=[50])
    up_mbps: float = Field(examples=[10])


class TechnologiesOut(BaseModel):
    """The families of service every figure of the answer counts."""

    choice: str = Field(examples=["terrestrial"], description="as given in ?technology=")
    families: list[Literal["wired", "fixed_wireless", "satellite"]]
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
    figures: Figures  # type: ignore[valid-type]
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
    figures: Figures  # type: ignore[valid-type]
    provenance: Provenance


class SnappedOut(BaseModel):
    """Households outside every municipality but near one, counted in the nearest."""

    households: int
    points: int
    dwellings: float


class RegionGaps(BaseModel):
    """The whole region at the threshold (municipalities plus unassigned households)."""

    name: str = Field(examples=["Gaspésie–Îles-de-la-Madeleine"])
    threshold: ThresholdOut
    technologies: TechnologiesOut
    figures: Figures  # type: ignore[valid-type]
    snapped: SnappedOut
    unassigned: UnassignedFigures  # type: ignore[valid-type]
    provenance: Provenance


GapRow = create_model(
    "GapRow",
    __doc__="One ranked area; MRC fields only at the municipality level.",
    rank=(int, Field(examples=[1])),
    code=(str, Field(examples=["2402028"])),
    name=(str, Field(examples=["Chandler"])),
    mrc_code=(str | None, Field(default=None, examples=["2402"])),
    mrc_name=(str | None, Field(default=None, examples=["Le Rocher-Percé"])),
    **_figure_fields(COUNT_COLUMNS),
)


class GapRanking(BaseModel):
    """Areas worst first at the threshold, by unserved dwellings or by served share."""

    threshold: ThresholdOut
    technologies: TechnologiesOut
    level: Literal["municipality", "mrc"]
    sort: Literal["unserved", "served_share"]
    mrc: str | None = Field(default=None, description="The MRC the ranking is limited to")
    count: int
    rows: list[GapRow]  # type: ignore[valid-type]
    unassigned: UnassignedFigures  # type: ignore[valid-type]
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

    technology: Literal[TECHNOLOGY_NAMES]  # type: ignore[valid-type]
    family: Literal["wired", "fixed_wireless", "satellite"]
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
    service_class: Literal[CLASSES] = Field(  # type: ignore[valid-type]
        examples=["served"],
        description="served / underserved / unserved / unknown at the threshold",
    )
    service_class_label: str = Field(examples=["desservi"])


class OutsideOut(BaseModel):
    """The point is outside the region: how far its nearest municipality is."""

    distance_m: float | None


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
    provenance: Provenance


class AreaStatsOut(BaseModel):
    """Household-weighted figures for a drawn area."""

    threshold: ThresholdOut
    technologies: TechnologiesOut
    area_km2: float = Field(examples=[12.5], description="Geodesic area, km²")
    household_points: int = Field(examples=[310])
    figures: AreaFigures  # type: ignore[valid-type]
    provenance: Provenance


Coordinate = Annotated[float, Field(allow_inf_nan=False)]
Position = Annotated[list[Coordinate], Field(min_length=2, max_length=3)]
Ring = Annotated[list[Position], Field(min_length=4)]
Rings = Annotated[list[Ring], Field(min_length=1)]
_RING_EXAMPLE: Any = [[-64.75, 48.3], [-64.6, 48.3], [-64.6, 48.4], [-64.75, 48.4], [-64.75, 48.3]]


class PolygonIn(BaseModel):
    """A GeoJSON Polygon in longitude/latitude (WGS 84)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"type": "Polygon", "coordinates": [_RING_EXAMPLE]}]}
    )

    type: Literal["Polygon"]
    coordinates: Rings


class MultiPolygonIn(BaseModel):
    """A GeoJSON MultiPolygon in longitude/latitude (WGS 84)."""

    type: Literal["MultiPolygon"]
    coordinates: Annotated[list[Rings], Field(min_length=1)]


GeometryIn = Annotated[PolygonIn | MultiPolygonIn, Field(discriminator="type")]


class FeatureIn(BaseModel):
    """A GeoJSON Feature holding a Polygon or MultiPolygon (what map drawing tools give)."""

    type: Literal["Feature"]
    geometry: GeometryIn
    properties: dict[str, Any] | None = None


AreaIn = Annotated[PolygonIn | MultiPolygonIn | FeatureIn, Field(discriminator="type")]


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


class Feature(BaseModel):
    """A GeoJSON Feature; ``id`` is the layer's canonical id (code, phh_id, id)."""

    type: Literal["Feature"]
    id: str
    geometry: dict[str, Any] | None
    properties: dict[str, Any]
    links: list[Link] | None = None


class FeatureCollection(BaseModel):
    """A page of features."""

    type: Literal["FeatureCollection"]
    numberMatched: int  # noqa: N815 - the OGC name
    numberReturned: int  # noqa: N815 - the OGC name
    timeStamp: str  # noqa: N815 - the OGC name
    links: list[Link]
    features: list[Feature]
    provenance: LayerProvenance
