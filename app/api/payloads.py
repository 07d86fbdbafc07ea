"""The REST API's answers (``app.api.models``), built from the catalogue and gap reports."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from app.api import models
from app.catalog import Catalog
from app.errors import NotFoundError
from app.gaps.area_stats import AreaStats
from app.gaps.engine import CLASSES, COUNT_COLUMNS, GapReport
from app.gaps.hexagons import FIGURES
from app.gaps.lookup import Location, LookupIndex, Nearby
from app.gaps.threshold import Threshold
from app.i18n import LANGUAGES, translate
from app.layers.kinds import Kind
from app.pglookup import PgLookupIndex
from app.pglookup import lookup_index as build_lookup_index
from app.vocabulary import OPEN, Service, TechnologyChoice, describe

MUNICIPALITY_FIELDS = (
    "code",
    "name",
    "type",
    "mrc_code",
    "mrc_name",
    "population",
    "dwellings",
    "census_year",
    "land_area_km2",
)
GAP_LAYERS = (Kind.HOUSEHOLDS, Kind.MUNICIPALITIES)


def lookup_index(catalog: Catalog) -> LookupIndex | PgLookupIndex:
    """The point look-up of the catalogue (in memory, or the database's for a replica), once."""
    return catalog.derived("lookup", None, lambda: build_lookup_index(catalog), size=1)


def technologies_out(catalog: Catalog, choice: TechnologyChoice) -> models.TechnologiesOut:
    """The families of service the figures count, and any the households layer cannot report."""

    def build() -> models.TechnologiesOut:
        reported = catalog.families_reported()
        return models.TechnologiesOut(
            choice=choice.label,
            families=[str(family) for family in choice.ordered],  # type: ignore[misc]
            label={lang: describe(choice, lang) for lang in LANGUAGES},
            not_reported=[str(f) for f in choice.ordered if str(f) not in reported],
        )

    return catalog.derived("technologies_out", choice, build)


def layer_provenance(catalog: Catalog, layer: dict[str, Any]) -> models.LayerProvenance:
    """One layer an answer is built on, with the warnings of its load in both languages."""
    warnings = [
        models.LayerWarning(**{lang: translate(key, lang, **params) for lang in LANGUAGES})
        for key, params in catalog.warnings(Kind(layer["layer"]))
    ]
    return models.LayerProvenance(**layer | {"warnings": warnings})


def provenance(catalog: Catalog, *kinds: Kind) -> models.Provenance:
    """The layers an answer is built on, whether any is demonstration data, their warnings."""

    def build() -> models.Provenance:
        layers = [layer_provenance(catalog, layer) for layer in catalog.provenance(*kinds)]
        return models.Provenance(
            demonstration=any(layer.demonstration for layer in layers), layers=layers
        )

    return catalog.derived("provenance", kinds, build)


def threshold_out(threshold: Threshold) -> models.ThresholdOut:
    """The threshold as the API shows it."""
    return models.ThresholdOut(
        label=threshold.label, down_mbps=threshold.down, up_mbps=threshold.up
    )


def number(value: Any) -> float | None:
    """A figure for JSON: a float, or None when it is not a number (a share of nothing)."""
    value = float(value)
    return None if math.isnan(value) else round(value, 6)


def figures(row: pd.Series | dict[str, Any], columns: tuple[str, ...] = COUNT_COLUMNS) -> dict:
    """The figure columns of a report row."""
    return {column: number(row[column]) for column in columns}


def municipalities(catalog: Catalog) -> models.MunicipalityList:
    """Every municipality with its census counts."""
    frame = catalog.layer(Kind.MUNICIPALITIES).frame.sort_values("code")
    rows = frame[list(MUNICIPALITY_FIELDS)].to_dict("records")
    return models.MunicipalityList(
        count=len(rows),
        municipalities=[models.MunicipalitySummary(**row) for row in rows],
        provenance=provenance(catalog, Kind.MUNICIPALITIES),
    )


def municipality(
    catalog: Catalog, code: str, threshold: Threshold, choice: TechnologyChoice
) -> models.MunicipalityGaps:
    """One municipality with its census counts and gap figures."""
    frame = catalog.layer(Kind.MUNICIPALITIES).frame
    found = frame[frame["code"] == code]
    gaps = catalog.report(threshold, choice).municipalities
    if found.empty or code not in gaps.index:
        raise NotFoundError("api.municipality_unknown", code=code)
    summary = found[list(MUNICIPALITY_FIELDS)].to_dict("records")[0]
    return models.MunicipalityGaps(
        **summary,
        threshold=threshold_out(threshold),
        technologies=technologies_out(catalog, choice),
        figures=models.Figures.model_validate(figures(gaps.loc[code])),
        provenance=provenance(catalog, *GAP_LAYERS),
    )


def mrcs(catalog: Catalog) -> models.MrcList:
    """Every MRC with the census counts of its municipalities."""
    frame = catalog.layer(Kind.MUNICIPALITIES).frame
    table = frame.groupby("mrc_code", sort=True).agg(
        name=("mrc_name", "first"),
        population=("population", "sum"),
        dwellings=("dwellings", "sum"),
        municipalities=("code", "size"),
    )
    rows = table.reset_index(names="code").to_dict("records")
    return models.MrcList(
        count=len(rows),
        mrcs=[models.MrcSummary(**row) for row in rows],
        provenance=provenance(catalog, Kind.MUNICIPALITIES),
    )


def mrc(
    catalog: Catalog, code: str, threshold: Threshold, choice: TechnologyChoice
) -> models.MrcGaps:
    """One MRC, its municipalities and its gap figures."""
    gaps = catalog.report(threshold, choice)
    if code not in gaps.mrcs.index:
        raise NotFoundError("api.mrc_unknown", code=code)
    members = gaps.municipalities[gaps.municipalities["mrc_code"] == code]
    return models.MrcGaps(
        code=code,
        name=str(gaps.mrcs.loc[code, "name"]),
        municipalities=[models.AreaRef(code=c, name=str(n)) for c, n in members["name"].items()],
        threshold=threshold_out(threshold),
        technologies=technologies_out(catalog, choice),
        figures=models.Figures.model_validate(figures(gaps.mrcs.loc[code])),
        provenance=provenance(catalog, *GAP_LAYERS),
    )


def region(catalog: Catalog, threshold: Threshold, choice: TechnologyChoice) -> models.RegionGaps:
    """The whole region, and the households outside every municipality."""
    gaps = catalog.report(threshold, choice)
    return models.RegionGaps(
        name=str(gaps.region["name"]),
        threshold=threshold_out(threshold),
        technologies=technologies_out(catalog, choice),
        snapped=models.SnappedOut.model_validate(catalog.gaps.snapped),
        figures=models.Figures.model_validate(figures(gaps.region)),
        unassigned=unassigned(gaps),
        provenance=provenance(catalog, *GAP_LAYERS),
    )


def unassigned(gaps: GapReport) -> models.UnassignedFigures:
    """The unassigned households' figures, counts of points as integers."""
    counts = {"households": gaps.unassigned["households"], "points": gaps.unassigned["points"]}
    others = {k: number(v) for k, v in gaps.unassigned.items() if k not in counts}
    return models.UnassignedFigures.model_validate(counts | others)


def ranking(
    catalog: Catalog,
    threshold: Threshold,
    choice: TechnologyChoice,
    level: str,
    sort: str,
    mrc: str | None = None,
) -> models.GapRanking:
    """Areas worst first, with the figures of each (only those of ``mrc`` when given)."""
    gaps = catalog.report(threshold, choice)
    if mrc is not None and mrc not in gaps.mrcs.index:
        raise NotFoundError("api.mrc_unknown", code=mrc[:40])
    table = gaps.ranking(level, sort, mrc)
    rows = [models.GapRow.model_validate(row) for row in ranked_rows(table)]
    return models.GapRanking(
        threshold=threshold_out(threshold),
        technologies=technologies_out(catalog, choice),
        level=level,  # type: ignore[arg-type] # the route's Literal
        sort=sort,  # type: ignore[arg-type]
        mrc=mrc,
        count=len(rows),
        rows=rows,
        unassigned=unassigned(gaps),
        provenance=provenance(catalog, *GAP_LAYERS),
    )


def ranked_rows(table: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a ranking: rank, code, names (the MRC's only for a municipality), figures.

    Whole columns at a time, as plain lists: a row at a time through pandas costs more than
    computing the figures.
    """
    labels = ["rank", "name", *(["mrc_code", "mrc_name"] if "mrc_code" in table else [])]
    columns = {"code": table.index.astype(str).tolist()}
    columns |= {label: table[label].tolist() for label in labels}
    values = np.round(table[list(COUNT_COLUMNS)].to_numpy(dtype=float), 6)
    cells = values.astype(object)
    cells[np.isnan(values)] = None  # a share of nothing
    figures_of = cells.tolist()
    return [
        dict(zip(columns, row, strict=True)) | dict(zip(COUNT_COLUMNS, counts, strict=True))
        for row, counts in zip(zip(*columns.values(), strict=True), figures_of, strict=True)
    ]


def service_out(service: Service) -> models.ServiceOut:
    """One reported service: at least down/up, below the cap unless exact or open-ended."""
    cap = service.cap
    below = None if cap is None or cap[0] == OPEN else models.SpeedsOut(down=cap[0], up=cap[1])
    return models.ServiceOut(
        technology=str(service.technology),  # type: ignore[arg-type]
        family=str(service.family),  # type: ignore[arg-type]
        down_mbps=service.down,
        up_mbps=service.up,
        exact=service.exact,
        below_mbps=below,
        text=str(service),
    )


def known_service_out(catalog: Catalog, service: Service) -> models.ServiceOut:
    """``service_out``, built once per catalogue: a look-up shows the same few services."""
    return catalog.derived("service_out", service, lambda: service_out(service), size=1024)


def location(
    catalog: Catalog, place: Location, threshold: Threshold, choice: TechnologyChoice, lang: str
) -> models.NearestHouseholdOut | None:
    """The nearest household of a look-up, with its services and class at ``threshold``."""
    household = place.household
    if household is None:
        return None
    rows = np.array([household.row])
    name = CLASSES[int(catalog.row_classes(rows, threshold, choice)[0])]
    return models.NearestHouseholdOut(
        phh_id=household.phh_id,
        distance_m=round(household.distance_m, 1),
        longitude=household.longitude,
        latitude=household.latitude,
        services=[known_service_out(catalog, service) for service in household.services],
        lte={1: True, 0: False}.get(household.lte),
        service_class=name,  # type: ignore[arg-type]
        service_class_label=translate(f"gaps.class.{name}", lang),
    )


def lookup(
    catalog: Catalog,
    longitude: float,
    latitude: float,
    threshold: Threshold,
    choice: TechnologyChoice,
    lang: str,
    radius_m: float = 1000.0,
) -> models.Lookup:
    """Which municipality and MRC hold a point, its nearest household, the homes around it."""
    place, around = lookup_index(catalog).look(longitude, latitude, radius_m)
    known_threshold = catalog.derived("threshold_out", threshold, lambda: threshold_out(threshold))

    def area(found: Any) -> models.AreaRef | None:
        return None if found is None else models.AreaRef(code=found.code, name=found.name)

    outside = None if place.municipality else models.OutsideOut(distance_m=_metres(place.outside_m))
    return models.Lookup(
        longitude=longitude,
        latitude=latitude,
        threshold=known_threshold,
        technologies=technologies_out(catalog, choice),
        municipality=area(place.municipality),
        mrc=area(place.mrc),
        snapped_m=_metres(place.snapped_m),
        outside_region=outside,
        nearest_household=location(catalog, place, threshold, choice, lang),
        nearby=nearby_out(catalog, around, threshold, choice),
        provenance=provenance(catalog, Kind.HOUSEHOLDS, Kind.MUNICIPALITIES, Kind.MRCS),
    )


def nearby_out(
    catalog: Catalog, around: Nearby, threshold: Threshold, choice: TechnologyChoice
) -> models.NearbyOut:
    """The homes within the radius: dwellings by class at ``threshold``, services by family."""
    classes = catalog.row_classes(around.rows, threshold, choice)
    by_class = np.bincount(classes, around.dwellings, minlength=len(CLASSES))
    return models.NearbyOut(
        radius_m=around.radius_m,
        households=len(around.rows),
        dwellings=float(around.dwellings.sum()),
        dwellings_by_class=dict(zip(CLASSES, by_class.round(1).tolist(), strict=True)),
        families=[
            models.FamilyNearbyOut(
                family=found.family,  # type: ignore[arg-type]
                dwellings=found.dwellings,
                best=known_service_out(catalog, found.best),
            )
            for found in around.families
        ],
    )


def _metres(value: float | None) -> float | None:
    """A distance rounded to the decimetre (None stays None)."""
    return None if value is None else round(value, 1)


def area_stats(
    catalog: Catalog, stats: AreaStats, threshold: Threshold, choice: TechnologyChoice
) -> models.AreaStatsOut:
    """Figures of a drawn area."""
    return models.AreaStatsOut(
        threshold=threshold_out(threshold),
        technologies=technologies_out(catalog, choice),
        area_km2=stats.area_km2,
        household_points=stats.household_points,
        figures=models.AreaFigures.model_validate(stats.figures),
        provenance=provenance(catalog, Kind.HOUSEHOLDS),
    )


def hexagon_estimate(catalog: Catalog, level: str) -> models.HexagonEstimate:
    """Figures at 50/10 apportioned from the ISED hexagons, flagged approximate."""
    if Kind.HEXAGONS not in catalog.layers:
        raise NotFoundError("api.hexagons_missing")
    estimate = catalog.hexagon_estimate()
    table = estimate.municipalities if level == "municipality" else estimate.mrcs
    labels = [name for name in ("name", "mrc_code", "mrc_name") if name in table]
    rows = [
        models.HexagonRow(
            code=code, **{name: row[name] for name in labels}, **figures(row, FIGURES)
        )
        for code, row in table.iterrows()
    ]
    return models.HexagonEstimate(
        threshold=threshold_out(estimate.threshold),
        level=level,  # type: ignore[arg-type] # the route's Literal
        approximate=True,
        rows=rows,
        region=models.HexagonFigures(**figures(estimate.region, FIGURES)),
        unassigned=models.UnassignedHexagons(
            hexagons=estimate.unassigned["hexagons"], **figures(estimate.unassigned, FIGURES)
        ),
        provenance=provenance(catalog, Kind.HEXAGONS, Kind.MUNICIPALITIES),
    )
