"""ISED National Broadband Data preset: PHH points + PHH speeds -> canonical households.

The column names below are our best reading of third-party loaders and notes (see the end of
``data/SOURCES.md``); they were never checked against a real ISED file. Matching is therefore
tolerant: case, spaces, underscores, hyphens and a byte-order mark are ignored, and a bilingual
name ``English-Français`` also matches a column named after either half alone.

ISED's speeds stop at 50/10 and do not name the technology. Our extension columns
``GIM_Max_Down_Mbps``, ``GIM_Max_Up_Mbps`` and ``GIM_Technology`` carry the real speeds and
technology (values of ``Technology``); when all three are present they are used as they are.
Without them, speeds are the floor of the best ISED tier ("<5_1" gives 0/0) and the technology
is that of the family (wired, wireless, satellite) reaching the best tier, wired first on ties.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import geopandas as gpd
import numpy as np
import pandas as pd

from app.errors import LayerValidationError
from app.layers.kinds import SCHEMAS, Kind, Technology

# PHH points (PHH-QC.csv; 2016 or 2021 census counts).
PHH_ID = "PHH_ID"
PHH_TYPE = "Type"
DBUID = "DBUID_Ididu"
HEXUID = "HEXUID_IdUHEX"
PRUID = "Pruid_Pridu"
LATITUDE = "Latitude"
LONGITUDE = "Longitude"
CENSUS_YEARS = (2021, 2016)  # newest first: the newest counts present are used
NULL_POINT_TYPE = 8  # null points on highways: no households whatever the file says

# PHH speeds (NBD_PHH_Speeds): max-threshold enums, 0/1 flags per tier, LTE flag.
COMBINED_MAX = "Combined_Max_Threshold-Combine_Seuil_Max"
WIRED_MAX = "Wired_Max_Threshold-Filaire_Seuil_Max"
WIRELESS_MAX = "Wireless_Max_Threshold-Sans_fil_Seuil_Max"
SATELLITE_MAX = "Satellite_Max_Threshold-Satellite_Seuil_Max"
LTE_MOBILE = "Avail_LTE_Mobile_Dispo"
TIERS = ("<5_1", "5_1", "10_2", "25_5", "50_10")  # enum values, lowest first; "" = nothing
TIER_SPEEDS = {"<5_1": (0.0, 0.0), "5_1": (5.0, 1.0), "10_2": (10.0, 2.0)}
TIER_SPEEDS |= {"25_5": (25.0, 5.0), "50_10": (50.0, 10.0)}
FLAG_FAMILIES = {"Combined": "Combine", "Wired": "Filaire", "Wireless": "Sans_fil"}
FLAG_ENUMS = {"Combined": COMBINED_MAX, "Wired": WIRED_MAX, "Wireless": WIRELESS_MAX}

# Our extension of the speeds file.
GIM_DOWN = "GIM_Max_Down_Mbps"
GIM_UP = "GIM_Max_Up_Mbps"
GIM_TECHNOLOGY = "GIM_Technology"
EXTENSION = (GIM_DOWN, GIM_UP, GIM_TECHNOLOGY)

# Which family's enum says a technology is available, in the order that breaks ties.
FAMILY_TECHNOLOGY = {
    WIRED_MAX: Technology.WIRED,
    WIRELESS_MAX: Technology.FIXED_WIRELESS,
    SATELLITE_MAX: Technology.SATELLITE,
}
TECHNOLOGY_FAMILY = {
    Technology.FIBRE: WIRED_MAX,
    Technology.CABLE: WIRED_MAX,
    Technology.DSL: WIRED_MAX,
    Technology.WIRED: WIRED_MAX,
    Technology.FIXED_WIRELESS: WIRELESS_MAX,
    Technology.SATELLITE: SATELLITE_MAX,
}

POINTS, SPEEDS = "points", "speeds"


def population_column(year: int) -> str:
    """The population column of a PHH points file of census ``year``."""
    return f"Pop{year}"


def dwellings_column(year: int) -> str:
    """The total private dwellings column of a PHH points file of census ``year``."""
    return f"TDwell{year}_TLog{year}"


def resident_dwellings_column(year: int) -> str:
    """The dwellings occupied by usual residents column of census ``year``."""
    return f"URDwell{year}_RH{year}"


def points_columns(year: int = 2021) -> list[str]:
    """Every column of a PHH points file, in file order."""
    counts = [population_column(year), dwellings_column(year), resident_dwellings_column(year)]
    return [PHH_ID, PHH_TYPE, *counts, DBUID, HEXUID, PRUID, LATITUDE, LONGITUDE]


def flag_column(family: str, tier: str) -> str:
    """The 0/1 column saying ``family`` (Combined, Wired, Wireless) reaches ``tier``."""
    return f"{family}_{tier.replace('<', 'lt')}_{FLAG_FAMILIES[family]}"


def speeds_columns(extension: bool = True) -> list[str]:
    """Every column of a PHH speeds file, in file order, with our extension or not."""
    flags = [flag_column(family, tier) for family in FLAG_FAMILIES for tier in TIERS]
    enums = [COMBINED_MAX, WIRED_MAX, WIRELESS_MAX, SATELLITE_MAX]
    return [PHH_ID, *flags, *enums, LTE_MOBILE, *(EXTENSION if extension else ())]


def ised_file_kind(columns: Iterable[str]) -> str | None:
    """``POINTS`` or ``SPEEDS`` when the columns look like that ISED file, else None."""
    columns = list(columns)
    if not _missing(columns, [PHH_ID, PHH_TYPE, LATITUDE, LONGITUDE]):
        return POINTS
    if not _missing(columns, [PHH_ID, COMBINED_MAX]) or not _missing(columns, [PHH_ID, *EXTENSION]):
        return SPEEDS
    return None


def ised_speed_tier(down: float, up: float) -> str:
    """The highest ISED tier that ``down``/``up`` Mbps meets; "<5_1" below 5/1."""
    for tier in reversed(TIERS[1:]):
        tier_down, tier_up = TIER_SPEEDS[tier]
        if down >= tier_down and up >= tier_up:
            return tier
    return TIERS[0]


def households_from_ised(points: pd.DataFrame, speeds: pd.DataFrame) -> gpd.GeoDataFrame:
    """Canonical households from ISED PHH points and speeds, joined on ``PHH_ID``."""
    homes = _points(points)
    service = _best_per_point(_speeds(speeds))
    joined = homes.merge(service, on="phh_id", how="left", validate="many_to_one")
    joined["down_mbps"] = joined["down_mbps"].fillna(0.0)
    joined["up_mbps"] = joined["up_mbps"].fillna(0.0)
    joined["technology"] = joined["technology"].fillna(str(Technology.NONE))
    geometry = gpd.points_from_xy(joined.pop("longitude"), joined.pop("latitude"))
    fields = list(SCHEMAS[Kind.HOUSEHOLDS].fields)
    return gpd.GeoDataFrame(joined[fields], geometry=geometry, crs="EPSG:4326")


def speeds_from_households(households: pd.DataFrame, lte: pd.Series | None = None) -> pd.DataFrame:
    """An ISED speeds table (with our extension) describing canonical households."""
    speeds = households[["down_mbps", "up_mbps"]].itertuples(index=False)
    tiers = np.array([ised_speed_tier(down, up) for down, up in speeds], dtype=object)
    technology = households["technology"].astype(str).to_numpy()
    family = np.array([TECHNOLOGY_FAMILY.get(Technology(t), "") for t in technology])
    terrestrial = np.isin(family, [WIRED_MAX, WIRELESS_MAX])
    enums = {COMBINED_MAX: np.where(terrestrial, tiers, "")}
    enums |= {name: np.where(family == name, tiers, "") for name in FAMILY_TECHNOLOGY}
    table = {PHH_ID: households["phh_id"].astype(str).to_numpy(), **_flags(enums), **enums}
    table[LTE_MOBILE] = lte.to_numpy() if lte is not None else ""
    table[GIM_DOWN] = households["down_mbps"].to_numpy(float)
    table[GIM_UP] = households["up_mbps"].to_numpy(float)
    table[GIM_TECHNOLOGY] = technology
    return pd.DataFrame(table)[speeds_columns()]


def _flags(enums: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The 0/1 tier columns matching the max-threshold enums: 1 up to the family's tier."""
    flags: dict[str, np.ndarray] = {}
    for family, enum in FLAG_ENUMS.items():
        rank = _tier_rank(pd.Series(enums[enum]), enum)
        flags |= {flag_column(family, t): (rank >= i).astype(int) for i, t in enumerate(TIERS)}
    return flags


def _points(points: pd.DataFrame) -> pd.DataFrame:
    """PHH points as phh_id, phh_type, population, dwellings, longitude, latitude."""
    year = _census_year(points.columns)
    names = {PHH_ID: "phh_id", PHH_TYPE: "phh_type", population_column(year): "population"}
    names |= {dwellings_column(year): "dwellings", LONGITUDE: "longitude", LATITUDE: "latitude"}
    frame = _select(points, names, "ised.points_missing_columns")
    frame["phh_id"] = _ids(frame["phh_id"], PHH_ID)
    if frame["phh_id"].duplicated().any():
        duplicated = frame.loc[frame["phh_id"].duplicated(), "phh_id"]
        raise LayerValidationError("ised.duplicate_ids", examples=_examples(duplicated))
    for column, name in list(names.items())[1:]:
        frame[name] = _numbers(frame[name], column)
    _require_values(frame, {PHH_TYPE: "phh_type", LONGITUDE: "longitude", LATITUDE: "latitude"})
    frame["phh_type"] = frame["phh_type"].astype("int64")
    null_point = frame["phh_type"] == NULL_POINT_TYPE
    for column in ("population", "dwellings"):
        frame[column] = frame[column].fillna(0.0).where(~null_point, 0.0)
    return frame


def _speeds(speeds: pd.DataFrame) -> pd.DataFrame:
    """PHH speeds as phh_id, down_mbps, up_mbps, technology (one row per speeds row)."""
    if not _missing(speeds.columns, EXTENSION):
        names = {PHH_ID: "phh_id", GIM_DOWN: "down_mbps", GIM_UP: "up_mbps"}
        names[GIM_TECHNOLOGY] = "technology"
        frame = _select(speeds, names, "ised.speeds_missing_columns")
        frame["down_mbps"] = _numbers(frame["down_mbps"], GIM_DOWN).fillna(0.0)
        frame["up_mbps"] = _numbers(frame["up_mbps"], GIM_UP).fillna(0.0)
        frame["technology"] = _technologies(frame["technology"])
    else:
        frame = _from_enums(speeds)
    frame["phh_id"] = _ids(frame["phh_id"], PHH_ID)
    return frame


def _from_enums(speeds: pd.DataFrame) -> pd.DataFrame:
    """Speeds and technology from the ISED max-threshold enums (no extension columns)."""
    enums = [COMBINED_MAX, *FAMILY_TECHNOLOGY]
    frame = _select(
        speeds, {name: name for name in [PHH_ID, *enums]}, "ised.speeds_missing_columns"
    )
    ranks = np.column_stack([_tier_rank(frame[name], name) for name in enums])
    best = ranks.max(axis=1)
    family = np.argmax(ranks[:, 1:] == best[:, None], axis=1)  # first family at the best tier
    technology = np.array([str(t) for t in FAMILY_TECHNOLOGY.values()])[family]
    # Only "Combined" says something: a wired or wireless service of unknown kind.
    technology[ranks[:, 1:].max(axis=1) < best] = str(Technology.WIRED)
    technology[best < 0] = str(Technology.NONE)
    speeds_of = np.array([TIER_SPEEDS[tier] for tier in TIERS] + [(0.0, 0.0)])
    down, up = speeds_of[best].T  # best == -1 picks the (0, 0) row
    service = {"down_mbps": down, "up_mbps": up, "technology": technology}
    return pd.DataFrame({"phh_id": frame[PHH_ID].to_numpy(), **service})


def _best_per_point(service: pd.DataFrame) -> pd.DataFrame:
    """One row per PHH_ID: the best service when a file repeats a point."""
    ranked = service.sort_values(["down_mbps", "up_mbps"], ascending=False, kind="stable")
    return ranked.drop_duplicates("phh_id").sort_index()


def _census_year(columns: Iterable[str]) -> int:
    """The newest census year whose counts are all present (the newest one when none is)."""
    for year in CENSUS_YEARS:
        if not _missing(columns, [population_column(year), dwellings_column(year)]):
            return year
    return CENSUS_YEARS[0]


def _key(name: str) -> str:
    """A column name reduced to lower-case letters and digits."""
    return re.sub(r"[^0-9a-z]", "", str(name).lower())


def _keys(name: str) -> set[str]:
    """The keys a column name answers to: the whole name and, if bilingual, each half."""
    return {_key(name)} | {_key(half) for half in str(name).split("-") if "-" in str(name)}


def _find(columns: Iterable[str], wanted: str) -> str | None:
    """The column of ``columns`` that stands for ``wanted`` (exact name first)."""
    columns = list(columns)
    if wanted in columns:
        return wanted
    return next((column for column in columns if _keys(column) & _keys(wanted)), None)


def _missing(columns: Iterable[str], wanted: Iterable[str]) -> list[str]:
    """The wanted columns that nothing in ``columns`` stands for."""
    columns = list(columns)
    return [name for name in wanted if _find(columns, name) is None]


def _select(frame: pd.DataFrame, names: dict[str, str], key: str) -> pd.DataFrame:
    """The wanted columns renamed by ``names``, or a validation error naming what is missing."""
    missing = _missing(frame.columns, names)
    if missing:
        present = ", ".join(str(column) for column in frame.columns) or "—"
        raise LayerValidationError(key, missing=", ".join(missing), present=present)
    return pd.DataFrame(
        {new: frame[_find(frame.columns, wanted)].to_numpy() for wanted, new in names.items()}
    )


def _blank(values: pd.Series) -> pd.Series:
    """Whether each value is missing or only spaces."""
    return values.isna() | values.astype(str).str.strip().eq("")


def _numbers(values: pd.Series, column: str) -> pd.Series:
    """Values as floats (blank is NaN), or a validation error quoting the bad ones."""
    parsed = pd.to_numeric(values.where(~_blank(values)), errors="coerce").astype(float)
    bad = parsed.isna() & ~_blank(values)
    if bad.any():
        raise LayerValidationError(
            "ised.bad_values", column=column, count=int(bad.sum()), examples=_examples(values[bad])
        )
    return parsed


def _require_values(frame: pd.DataFrame, columns: dict[str, str]) -> None:
    """A validation error when a column (file name -> frame name) has a blank value."""
    for column, name in columns.items():
        blank = _blank(frame[name])
        if blank.any():
            raise LayerValidationError("ised.blank_values", column=column, count=int(blank.sum()))


def _ids(values: pd.Series, column: str) -> pd.Series:
    """PHH ids as text; whole numbers read as floats lose their ".0"."""
    _require_values(pd.DataFrame({column: values}), {column: column})
    if pd.api.types.is_float_dtype(values):
        values = values.astype("int64")
    return values.astype(str).str.strip()


def _tier_rank(values: pd.Series, column: str) -> np.ndarray:
    """Index of each tier value in ``TIERS``; -1 for blank; "lt5_1" and "5/1" accepted."""
    text = values.where(~_blank(values), "").astype(str).str.strip().str.lower()
    text = text.str.replace("/", "_").str.replace(" ", "").str.replace(r"^lt", "<", regex=True)
    lookup = {tier: rank for rank, tier in enumerate(TIERS)} | {"": -1}
    ranks = text.map(lookup)
    if ranks.isna().any():
        bad = values[ranks.isna()]
        raise LayerValidationError(
            "ised.bad_values", column=column, count=len(bad), examples=_examples(bad)
        )
    return ranks.to_numpy(dtype=int)


def _technologies(values: pd.Series) -> pd.Series:
    """Technology names checked against ``Technology``; blank means none."""
    text = values.where(~_blank(values), str(Technology.NONE)).astype(str).str.strip().str.lower()
    bad = ~text.isin([str(t) for t in Technology])
    if bad.any():
        raise LayerValidationError(
            "ised.bad_values",
            column=GIM_TECHNOLOGY,
            count=int(bad.sum()),
            examples=_examples(values[bad]),
        )
    return text


def _examples(values: pd.Series, limit: int = 5) -> str:
    """A few distinct values, quoted, for an error message."""
    return ", ".join(repr(str(v)) for v in pd.unique(values.astype(str))[:limit])
