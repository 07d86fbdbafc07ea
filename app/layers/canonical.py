"""A read file turned into a layer of canonical fields and types, before the checks.

Optional fields get sensible values, said in a warning: a municipalities file without census
counts (Québec SDA boundaries have none) keeps the population, dwellings, census year and type
of the current municipalities layer, code by code, and is refused if a code is new; land area is
measured on the ellipsoid (geodesic km²) when absent; an MRC's name comes from the current MRCs
layer.
"""

from __future__ import annotations

from collections.abc import Callable

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from app.errors import GimError, LayerValidationError
from app.layers.kinds import SCHEMAS, Kind
from app.layers.presets import GEOGRAPHIC_NAMES, SPEED_TYPES, Match, coordinate_columns
from app.layers.readers import Source, column_key, to_numbers
from app.layers.stores import Store
from app.layers.validate import Findings, examples, with_crs
from app.vocabulary import Technology, format_services, parse_services, refine

GEOD = pyproj.Geod(ellps="WGS84")
MAX_MBPS = 100_000.0  # no access line carries more than 100 Gbit/s
TRUE = frozenset({"1", "true", "t", "yes", "y", "oui", "o", "vrai", "v"})
FALSE = frozenset({"0", "false", "f", "no", "n", "non", "faux", ""})
CENSUS_FIELDS = ("population", "dwellings", "census_year", "type")
QUEBEC = "24"


class Current:
    """The current layers of the store, read only if a derivation needs them."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._frames: dict[Kind, gpd.GeoDataFrame | None] = {}

    def frame(self, kind: Kind) -> gpd.GeoDataFrame | None:
        """The current layer of ``kind``, or None when there is none."""
        if kind not in self._frames:
            try:
                self._frames[kind] = self.store.read(kind)[0]
            except (GimError, OSError, RuntimeError):
                self._frames[kind] = None
        return self._frames[kind]


def build(
    kind: Kind,
    source: Source,
    match: Match,
    current: Current,
    findings: Findings,
    crs: str | None = None,
) -> gpd.GeoDataFrame:
    """The canonical layer: every schema field, typed, in source order, with its geometry.

    ``crs`` (from ``--crs``) replaces or supplies the file's reference system.
    """
    frame = source.to_pandas()
    types = SCHEMAS[kind].fields | (SPEED_TYPES if kind == Kind.HOUSEHOLDS else {})
    fields = {
        name: _typed(_unsuppressed(frame[match.columns[name]], name, kind, findings), name, dtype)
        for name, dtype in types.items()
        if name in match.columns
    }
    geometry = with_crs(_geometry(source, frame), crs, findings)
    canonical = gpd.GeoDataFrame(fields, geometry=geometry, index=frame.index)
    if match.preset.name == "quebec-sda":
        canonical = _quebec_codes(kind, canonical)
    canonical = DERIVE[kind](canonical, current, findings)
    return canonical[[*SCHEMAS[kind].fields, "geometry"]].reset_index(drop=True)


def _unsuppressed(values: pd.Series, name: str, kind: Kind, findings: Findings) -> pd.Series:
    """ISED hexagon counts suppressed as "<N": half of N, said in a warning."""
    if kind != Kind.HEXAGONS or name not in ("population", "dwellings"):
        return values
    if pd.api.types.is_numeric_dtype(values):
        return values
    text = values.astype("string").str.strip()
    suppressed = text.str.startswith("<").fillna(False)
    if not suppressed.any():
        return values
    bounds = to_numbers(text[suppressed].str[1:])
    findings.warn("layers.warn_suppressed", field=name, count=int(suppressed.sum()))
    return text.where(~suppressed, (bounds / 2).astype(str))


def _geometry(source: Source, frame: pd.DataFrame) -> gpd.GeoSeries:
    """The file's geometry, or points from its longitude/latitude (or x/y) columns."""
    if isinstance(frame, gpd.GeoDataFrame):
        return frame.geometry
    columns = coordinate_columns(source)
    if columns is None:
        raise LayerValidationError("layers.geometry_none", present=", ".join(source.columns))
    x, y = (to_numbers(frame[column]).to_numpy() for column in columns)
    geographic = all(column_key(column) in GEOGRAPHIC_NAMES for column in columns)
    points = gpd.points_from_xy(x, y)
    points[np.isnan(x) | np.isnan(y)] = None
    return gpd.GeoSeries(points, index=frame.index, crs="EPSG:4326" if geographic else None)


def _typed(values: pd.Series, name: str, dtype: str) -> pd.Series:
    """A source column converted to a canonical dtype, or a refusal quoting bad values."""
    if dtype == "str":
        return _text(values)
    if dtype == "bool":
        return _booleans(values, name)
    numbers = to_numbers(values)
    bad = numbers.isna() & ~_blank(values)
    if bad.any():
        raise LayerValidationError(
            "layers.values_not_numbers",
            field=name,
            count=int(bad.sum()),
            values=examples(values[bad]),
        )
    if dtype == "int":
        fractional = numbers.notna() & (numbers % 1 != 0)
        if fractional.any():
            raise LayerValidationError(
                "layers.values_not_integers", field=name, values=examples(values[fractional])
            )
        return numbers.astype("Int64") if numbers.isna().any() else numbers.astype("int64")
    return numbers


def _blank(values: pd.Series) -> pd.Series:
    """Missing or only spaces."""
    if pd.api.types.is_numeric_dtype(values):
        return values.isna()
    return values.isna() | values.astype("string").str.strip().eq("")


def _text(values: pd.Series) -> pd.Series:
    """Text with surrounding spaces removed; whole numbers lose a ".0"; blank is ""."""
    if pd.api.types.is_float_dtype(values):
        whole = values.notna() & (values % 1 == 0)
        text = values.astype(object).where(~whole, values[whole].astype("Int64").astype(str))
    else:
        text = values.astype(object)
    return text.where(pd.notna(text), "").astype(str).str.strip()


def _booleans(values: pd.Series, name: str) -> pd.Series:
    """Booleans from 0/1, true/false, yes/no, oui/non (blank is false)."""
    if pd.api.types.is_bool_dtype(values):
        return values.fillna(False).astype(bool)
    text = _text(values).str.lower().str.replace(r"\.0$", "", regex=True)
    unknown = ~text.isin(TRUE | FALSE)
    if unknown.any():
        raise LayerValidationError(
            "layers.values_not_booleans", field=name, values=examples(values[unknown])
        )
    return text.isin(TRUE)


def _quebec_codes(kind: Kind, frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """SDA codes as StatCan's: 02028 -> CSD 2402028; MRC 02 (or 020) -> CD 2402."""
    code = frame["code"]
    if kind == Kind.MUNICIPALITIES:
        short = code.str.fullmatch(r"\d{1,5}")
        frame["code"] = code.where(~short, QUEBEC + code.str.zfill(5))
    else:
        short = code.str.fullmatch(r"\d{1,3}")
        digits = code.str.zfill(2).str[:2]
        frame["code"] = code.where(~short, QUEBEC + digits)
    return frame


def _municipalities(
    frame: gpd.GeoDataFrame, current: Current, findings: Findings
) -> gpd.GeoDataFrame:
    """Fill what SDA-like files lack: MRC, census counts, type, land area."""
    if "mrc_code" not in frame:
        frame["mrc_code"] = frame["code"].str[:4]
    if "mrc_name" not in frame:
        frame["mrc_name"] = _mrc_names(frame["mrc_code"], current)
    missing = [name for name in CENSUS_FIELDS if name not in frame]
    if missing:
        _counts_from_current(frame, missing, current, findings)
    if "land_area_km2" not in frame:
        frame["land_area_km2"] = geodesic_km2(frame.geometry) if frame.crs else np.nan
        findings.warn("layers.warn_area_computed")
    return frame


def geodesic_km2(geometry: gpd.GeoSeries) -> np.ndarray:
    """True areas in km² on the WGS84 ellipsoid (Québec Lambert under-reads by 0.5-1 %)."""
    shapes = geometry.to_crs("EPSG:4326").to_numpy()
    areas = [abs(GEOD.geometry_area_perimeter(shape)[0]) if shape else np.nan for shape in shapes]
    return np.asarray(areas, dtype=float) / 1e6


def _mrc_names(codes: pd.Series, current: Current) -> pd.Series:
    """MRC names from the current MRCs layer by code ("" when unknown)."""
    mrcs = current.frame(Kind.MRCS)
    names = {} if mrcs is None else dict(zip(mrcs["code"].astype(str), mrcs["name"], strict=True))
    return codes.map(names).fillna("").astype(str)


def _counts_from_current(
    frame: gpd.GeoDataFrame, fields: list[str], current: Current, findings: Findings
) -> None:
    """Census fields taken from the current municipalities layer, code by code."""
    layer = current.frame(Kind.MUNICIPALITIES)
    known = pd.Index([]) if layer is None else pd.Index(layer["code"].astype(str))
    new = frame.loc[~frame["code"].isin(known), "code"]
    required = [name for name in fields if name in ("population", "dwellings")]
    if len(new) and required:
        raise LayerValidationError(
            "layers.counts_missing", fields=", ".join(required), codes=examples(new)
        )
    defaults = {"population": 0, "dwellings": 0, "census_year": 0, "type": ""}
    for name in fields:
        by_code = {} if layer is None else dict(zip(known, layer[name], strict=True))
        frame[name] = frame["code"].map(by_code).fillna(defaults[name])
    findings.warn("layers.warn_counts_kept", fields=", ".join(fields))


def _community_points(
    frame: gpd.GeoDataFrame, current: Current, findings: Findings
) -> gpd.GeoDataFrame:
    """English names default to the French ones; missing flags are false."""
    if "name_en" not in frame:
        frame["name_en"] = frame["name_fr"]
    for flag in ("satellite_dependent", "no_fibre_backbone", "cti_backbone"):
        _default(frame, flag, False, findings)
    return frame


def _households(frame: gpd.GeoDataFrame, current: Current, findings: Findings) -> gpd.GeoDataFrame:
    """Services in canonical text (from one exact service per row if need be), rows merged."""
    if "services" not in frame:
        frame["services"] = _exact_services(frame)
    frame["services"] = _normalised(frame["services"])
    _default(frame, "phh_type", 0, findings)
    _default(frame, "lte", -1, findings)
    if not frame["lte"].isin([-1, 0, 1]).all():
        bad = frame.loc[~frame["lte"].isin([-1, 0, 1]), "lte"]
        raise LayerValidationError("layers.lte_unknown", values=examples(bad))
    return _merged(frame, findings)


def _exact_services(frame: gpd.GeoDataFrame) -> pd.Series:
    """The service of each row from its technology and exact speeds ("none": nothing)."""
    technology = frame["technology"].str.lower().replace("", "none")
    accepted = [*(str(t) for t in Technology), "none"]
    unknown = ~technology.isin(accepted)
    if unknown.any():
        raise LayerValidationError(
            "layers.values_unknown",
            field="technology",
            values=examples(frame.loc[unknown, "technology"]),
            accepted=", ".join(accepted),
        )
    for field in ("down_mbps", "up_mbps"):
        speeds = frame[field].where(technology != "none", 0.0)
        blank = speeds.isna()
        if blank.any():
            raise LayerValidationError(
                "layers.values_blank",
                field=field,
                count=int(blank.sum()),
                ids=examples(frame.loc[blank, "phh_id"]),
            )
        impossible = ~np.isfinite(speeds) | (speeds < 0) | (speeds > MAX_MBPS)
        if impossible.any():
            raise LayerValidationError(
                "layers.speeds_impossible",
                field=field,
                ids=examples(frame.loc[impossible, "phh_id"]),
                values=examples(speeds[impossible]),
            )
    speeds = frame["down_mbps"].map("{:g}".format) + "/" + frame["up_mbps"].map("{:g}".format)
    return (technology + " " + speeds).where(technology != "none", "")


def _normalised(texts: pd.Series) -> pd.Series:
    """Services texts parsed and written back in canonical form (refused if unreadable)."""
    codes, unique = pd.factorize(texts.fillna("").astype(str))
    canonical = np.array([format_services(refine(parse_services(t))) for t in unique], object)
    return pd.Series(canonical[codes] if len(unique) else [], index=texts.index, dtype=object)


def _merged(frame: gpd.GeoDataFrame, findings: Findings) -> gpd.GeoDataFrame:
    """Rows repeating a PHH become one, keeping every service (its counts must agree)."""
    repeated = frame["phh_id"].duplicated(keep=False)
    if not repeated.any():
        return frame
    rows = frame[repeated]
    same = ["phh_type", "population", "dwellings"]
    where = shapely.get_coordinates(rows.geometry.to_numpy())
    keys = rows[same].assign(x=where[:, 0], y=where[:, 1]).assign(phh_id=rows["phh_id"])
    disagree = keys.drop_duplicates().duplicated("phh_id")
    if disagree.any():
        ids = keys.drop_duplicates().loc[disagree, "phh_id"]
        raise LayerValidationError("layers.households_rows_disagree", ids=examples(ids))
    services = rows.groupby("phh_id", sort=False)["services"].agg(
        lambda texts: format_services(refine([s for t in texts for s in parse_services(t)]))
    )
    lte = rows.groupby("phh_id", sort=False)["lte"].max()
    first = frame[~frame["phh_id"].duplicated()].copy()
    merged = first["phh_id"].isin(services.index)
    first.loc[merged, "services"] = first.loc[merged, "phh_id"].map(services)
    first.loc[merged, "lte"] = first.loc[merged, "phh_id"].map(lte)
    findings.warn("layers.warn_rows_merged", count=len(services), rows=int(repeated.sum()))
    return first


def _hexagons(frame: gpd.GeoDataFrame, current: Current, findings: Findings) -> gpd.GeoDataFrame:
    """Hexagons without population (a file cut to dwellings) count none."""
    frame["share_50_10_class"] = frame["share_50_10_class"].fillna("")
    _default(frame, "population", 0.0, findings)
    _default(frame, "share_5_1_over_75", False, findings)
    return frame


def _default(frame: gpd.GeoDataFrame, field: str, value: object, findings: Findings) -> None:
    """Give a missing optional field its default value, and say so."""
    if field not in frame:
        frame[field] = value
        findings.warn("layers.warn_default", field=field, value=str(value).lower())


def _nothing(frame: gpd.GeoDataFrame, current: Current, findings: Findings) -> gpd.GeoDataFrame:
    """Nothing to derive."""
    return frame


DERIVE: dict[Kind, Callable[[gpd.GeoDataFrame, Current, Findings], gpd.GeoDataFrame]] = {
    Kind.MUNICIPALITIES: _municipalities,
    Kind.MRCS: _nothing,
    Kind.COMMUNITY_POINTS: _community_points,
    Kind.HOUSEHOLDS: _households,
    Kind.HEXAGONS: _hexagons,
}
