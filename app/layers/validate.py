"""Checks on a layer in canonical form; each refusal says what is wrong and how to fix it.

Values (blank, negative, unknown), ids (blank, repeated), geometries (missing, of the wrong
type, invalid: repaired and counted, or refused with ``strict``), the CRS (reprojected to
EPSG:4326) and the region (features outside are left out and counted; none inside is refused,
naming swapped latitude and longitude when that is the cause).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from app.errors import LayerValidationError
from app.layers.kinds import SCHEMAS, Kind
from app.layers.readers import excerpt
from app.layers.region import Region
from app.vocabulary import parse_services, share_bounds

TARGET_CRS = "EPSG:4326"
NON_NEGATIVE = ("population", "dwellings", "land_area_km2")
# The largest value a feature may carry: Montréal, Québec's largest census subdivision, counts
# about 1.8 million people; Québec covers 1.7 million km²; no access line exceeds 100 Gbit/s.
# Beyond these a value is an error (and sums of values near 9e18 overflow 64-bit integers).
CEILINGS = {
    "population": 10_000_000,
    "dwellings": 10_000_000,
    "land_area_km2": 2_000_000,
    "census_year": 2100,
    "phh_type": 1000,
}
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
EXAMPLES = 5
POLYGONAL = ("Polygon", "MultiPolygon")


@dataclass
class Findings:
    """What a load noticed without refusing: warnings (message key, params) and counts."""

    warnings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    counts: dict[str, Any] = field(default_factory=dict)

    def warn(self, key: str, **params: Any) -> None:
        """Record a warning to show to the user."""
        self.warnings.append((key, params))


def examples(values: pd.Series | np.ndarray, limit: int = EXAMPLES) -> str:
    """A few distinct values, each quoted short and escaped, for a message."""
    distinct = pd.unique(pd.Series(np.asarray(values, dtype=object)).astype(str))
    return ", ".join(excerpt(value, 40) for value in distinct[:limit]) or "—"


def check_values(kind: Kind, frame: pd.DataFrame) -> None:
    """Ids present and unique; numbers present, possible, not negative; text printable."""
    ids = frame[SCHEMAS[kind].id_field]
    for name, dtype in SCHEMAS[kind].fields.items():
        if dtype == "str":
            _check_text(name, frame[name], ids)
    _check_ids(kind, frame)
    for name, dtype in SCHEMAS[kind].fields.items():
        if dtype in ("int", "float"):
            _check_numbers(name, frame[name], ids)
    if kind == Kind.HOUSEHOLDS:
        for text in pd.unique(frame["services"]):
            parse_services(text)
        _check_categories("lte", frame["lte"], [-1, 0, 1])
    if kind == Kind.HEXAGONS:
        for value in pd.unique(frame["share_50_10_class"]):
            share_bounds(value)


def _check_ids(kind: Kind, frame: pd.DataFrame) -> None:
    id_field = SCHEMAS[kind].id_field
    ids = frame[id_field]
    blank = ids.eq("")
    if blank.any():
        raise LayerValidationError("layers.ids_blank", field=id_field, count=int(blank.sum()))
    repeated = ids[ids.duplicated()]
    if len(repeated):
        raise LayerValidationError(
            "layers.ids_duplicated", field=id_field, count=len(repeated), ids=examples(repeated)
        )


def _check_numbers(name: str, values: pd.Series, ids: pd.Series) -> None:
    missing = values.isna()
    if missing.any():
        raise LayerValidationError(
            "layers.values_blank", field=name, count=int(missing.sum()), ids=examples(ids[missing])
        )
    _check_possible(name, values, ids)
    negative = values < 0
    if name in NON_NEGATIVE and negative.any():
        raise LayerValidationError(
            "layers.values_negative",
            field=name,
            count=int(negative.sum()),
            ids=examples(ids[negative]),
            values=examples(values[negative]),
        )


def _check_possible(name: str, values: pd.Series, ids: pd.Series) -> None:
    """Infinite values, and values beyond any real count or measure, are refused."""
    numbers = pd.to_numeric(values, errors="coerce").astype(float).abs()
    impossible = ~np.isfinite(numbers) | (numbers > CEILINGS.get(name, np.inf))
    if impossible.any():
        raise LayerValidationError(
            "layers.values_impossible",
            field=name,
            count=int(impossible.sum()),
            ids=examples(ids[impossible]),
            values=examples(values[impossible]),
            limit=f"{CEILINGS.get(name, np.inf):,.0f}".replace(",", " "),
        )


def _check_text(name: str, values: pd.Series, ids: pd.Series) -> None:
    """Text with control characters (a NUL, an escape sequence) is refused, never cut."""
    bad = values.astype("string").str.contains(CONTROL, na=False).to_numpy(bool)
    if bad.any():
        raise LayerValidationError(
            "layers.text_control",
            field=name,
            count=int(bad.sum()),
            ids=examples(ids[bad]),
            values=examples(values[bad]),
        )


def _check_categories(name: str, values: pd.Series, accepted: list[Any]) -> None:
    unknown = ~values.isin(accepted)
    if unknown.any():
        raise LayerValidationError(
            "layers.values_unknown",
            field=name,
            values=examples(values[unknown]),
            accepted=", ".join(map(str, accepted)),
        )


def check_geometry(
    kind: Kind, frame: gpd.GeoDataFrame, strict: bool, findings: Findings
) -> gpd.GeoDataFrame:
    """Geometries present, 2D, of the kind's type; invalid polygons repaired (or refused)."""
    ids = frame[SCHEMAS[kind].id_field]
    shapes = frame.geometry.to_numpy()
    missing = shapely.is_missing(shapes) | shapely.is_empty(shapes)
    if missing.any():
        raise LayerValidationError(
            "layers.geometry_missing", count=int(missing.sum()), ids=examples(ids[missing])
        )
    shapes = _single_points(shapely.force_2d(shapes))
    _check_types(kind, shapes)
    if SCHEMAS[kind].geometry == POLYGONAL:
        shapes = _repaired(shapes, ids, strict, findings)
    return frame.set_geometry(gpd.GeoSeries(shapes, index=frame.index, crs=frame.crs))


def _single_points(shapes: np.ndarray) -> np.ndarray:
    """Multi-points of one point (what some shapefiles hold) as plain points."""
    single = (shapely.get_type_id(shapes) == shapely.GeometryType.MULTIPOINT) & (
        shapely.get_num_geometries(shapes) == 1
    )
    if single.any():
        shapes = shapes.copy()
        shapes[single] = shapely.get_geometry(shapes[single], 0)
    return shapes


def _check_types(kind: Kind, shapes: np.ndarray) -> None:
    types = gpd.GeoSeries(shapes).geom_type
    wrong = ~types.isin(SCHEMAS[kind].geometry)
    if wrong.any():
        raise LayerValidationError(
            "layers.geometry_type",
            kind=str(kind),
            found=", ".join(sorted(set(types[wrong]))),
            accepted=", ".join(SCHEMAS[kind].geometry),
            count=int(wrong.sum()),
        )


def _repaired(shapes: np.ndarray, ids: pd.Series, strict: bool, findings: Findings) -> np.ndarray:
    """Invalid polygons made valid (their polygonal part), counted; refused when ``strict``."""
    invalid = ~shapely.is_valid(shapes)
    if not invalid.any():
        return shapes
    if strict:
        raise LayerValidationError(
            "layers.geometry_invalid",
            count=int(invalid.sum()),
            ids=examples(ids[invalid]),
            reason=shapely.is_valid_reason(shapes[invalid][0]),
        )
    repaired = shapes.copy()
    fixed = shapely.make_valid(shapes[invalid])
    polygons = [shapely.union_all(_polygon_parts(shape)) for shape in fixed]
    repaired[invalid] = polygons
    lost = shapely.is_empty(repaired[invalid])
    if lost.any():
        raise LayerValidationError(
            "layers.geometry_unrepairable", ids=examples(ids[invalid][lost]), count=int(lost.sum())
        )
    findings.counts["repaired_geometries"] = int(invalid.sum())
    findings.warn("layers.warn_repaired", count=int(invalid.sum()), ids=examples(ids[invalid]))
    return repaired


def _polygon_parts(shape: shapely.Geometry) -> np.ndarray:
    parts = shapely.get_parts(shape)
    polygonal = [shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON]
    return parts[np.isin(shapely.get_type_id(parts), polygonal)]


def with_crs(geometry: gpd.GeoSeries, crs: str | None, findings: Findings) -> gpd.GeoSeries:
    """The geometry with ``crs`` (from ``--crs``) replacing or supplying the file's CRS."""
    if not crs:
        return geometry
    try:
        wanted = CRS.from_user_input(crs)
    except CRSError:
        raise LayerValidationError("layers.crs_invalid", crs=crs) from None
    if geometry.crs is not None and CRS(geometry.crs) != wanted:
        findings.warn("layers.warn_crs_replaced", file_crs=_crs_name(geometry.crs), crs=crs)
    return geometry.set_crs(wanted, allow_override=True)


def to_target_crs(frame: gpd.GeoDataFrame, findings: Findings) -> gpd.GeoDataFrame:
    """The frame reprojected to EPSG:4326; refused when its CRS is unknown."""
    if frame.crs is None:
        raise LayerValidationError("layers.crs_missing")
    findings.counts["source_crs"] = _crs_name(frame.crs)
    return frame if CRS(frame.crs).equals(CRS(TARGET_CRS)) else frame.to_crs(TARGET_CRS)


def _crs_name(crs: object) -> str:
    """EPSG:NNNN when it has a code, else its name."""
    crs = CRS(crs)
    code = crs.to_epsg()
    return f"EPSG:{code}" if code else crs.name


def in_region(
    kind: Kind,
    frame: gpd.GeoDataFrame,
    region: Region,
    strict: bool,
    findings: Findings,
) -> gpd.GeoDataFrame:
    """The features of the region; refused if none, or if some have swapped coordinates."""
    keep = region.keeps(kind, frame.geometry)
    swapped = ~keep & region.keeps_swapped(kind, frame.geometry)
    ids = frame[SCHEMAS[kind].id_field].to_numpy()
    region_outcome(
        keep, swapped, lambda mask: ids[mask], frame.total_bounds, region, strict, findings
    )
    return frame[keep]


def region_outcome(
    keep: np.ndarray,
    swapped: np.ndarray,
    ids_of: Callable[[np.ndarray], np.ndarray],
    bounds: np.ndarray,
    region: Region,
    strict: bool,
    findings: Findings,
) -> None:
    """Refuse, warn or accept given which features are in the region and which are swapped."""
    outside = int((~keep).sum())
    if swapped.any():
        raise LayerValidationError(
            "layers.coordinates_swapped",
            count=int(swapped.sum()),
            ids=examples(ids_of(swapped)),
        )
    if not keep.any():
        raise LayerValidationError(
            "layers.outside_region", bounds=_bounds(bounds), region=_bounds(region.bounds)
        )
    findings.counts["outside_region"] = outside
    if outside and strict:
        raise LayerValidationError(
            "layers.outside_some", count=outside, ids=examples(ids_of(~keep))
        )
    if outside:
        findings.warn("layers.warn_outside", count=outside, kept=int(keep.sum()))


def _bounds(bounds: object) -> str:
    """West, south, east, north rounded for a message."""
    return ", ".join(f"{value:.2f}" for value in np.asarray(bounds, dtype=float))
