"""ISED National Broadband Data: PHH points + PHH speeds -> canonical households.

The files are read as ISED ships them (see the end of ``data/SOURCES.md``): the points of the
2016 or 2021 release, and one or more speeds tables joined on ``PHH_ID``. A speeds row says, per
family, the highest tier reached (``Wired_Max…``, ``Wireless_Max…`` and, in current files,
``Satellite_Max…``); a tier is an interval (``25_5``: at least 25/5 but not 50/10; ``50_10``:
50/10 or more; ``<5_1``: something below 5/1; blank: nothing reported). ``Combined_*`` may fold
in satellite and is not read. Rows repeated for one PHH keep all their services.

Our documented extension ``GIM_Technology``, ``GIM_Max_Down_Mbps``, ``GIM_Max_Up_Mbps`` (in a
speeds table, or a table of its own with ``PHH_ID``) gives one service with exact speeds per
row; exact speeds of a family replace that family's tier.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd

from app.errors import LayerValidationError
from app.layers.kinds import SCHEMAS, Kind
from app.layers.readers import find_column, is_blank, to_numbers
from app.vocabulary import (
    FAMILY_OF,
    OPEN,
    Family,
    Service,
    Technology,
    format_services,
    refine,
)

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

# PHH speeds (PHH_Speeds_Current-PHH_Vitesses_Actuelles_QC.csv), in file order.
TIERS = ("lt5_1", "5_1", "10_2", "25_5", "50_10")  # as in the flag names, lowest first
TIER_VALUES = ("<5_1", "5_1", "10_2", "25_5", "50_10")  # as in the max-threshold fields
TIER_SPEEDS = ((0.0, 0.0), (5.0, 1.0), (10.0, 2.0), (25.0, 5.0), (50.0, 10.0))
COMBINED_MAX = "Combined_Max_Threshold-Combine_Seuil_Max"
WIRED_MAX = "Wired_Max_Threshold-Filaire_Seuil_Max"
WIRELESS_MAX = "Wireless_Max_Threshold-Sans_fil_Seuil_Max"
SATELLITE_MAX = "Satellite_Max_Threshold-Satellite_Seuil_Max"
LTE_MOBILE = "Avail_LTE_Mobile_Dispo"
# The max-threshold field of each family, and the technology its services get.
FAMILY_FIELDS = {WIRED_MAX: Technology.WIRED, WIRELESS_MAX: Technology.FIXED_WIRELESS}
FAMILY_FIELDS[SATELLITE_MAX] = Technology.SATELLITE
OPTIONAL_FIELDS = (SATELLITE_MAX,)  # not in the data dictionary; older files lack it

# Our extension: one service with exact speeds per row.
GIM_TECHNOLOGY = "GIM_Technology"
GIM_DOWN = "GIM_Max_Down_Mbps"
GIM_UP = "GIM_Max_Up_Mbps"
EXTENSION = (PHH_ID, GIM_TECHNOLOGY, GIM_DOWN, GIM_UP)
NO_SERVICE = "none"

POINTS, SPEEDS = "points", "speeds"
LTE_YES, LTE_NO, LTE_UNREPORTED = 1, 0, -1
LTE_WORDS = {word: LTE_YES for word in ("1", "true", "t", "yes", "y", "oui", "o")}
LTE_WORDS |= {word: LTE_NO for word in ("0", "false", "f", "no", "n", "non")}
LTE_WORDS |= {"": LTE_UNREPORTED, "nan": LTE_UNREPORTED}


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


def flag_columns(tier: str) -> list[str]:
    """The three 0/1 columns of one tier: combined, wired, wireless (ISED's spelling)."""
    wireless = "lt5" if tier == "lt5_1" else tier
    return [f"Combined_{tier}_Combine", f"Wired_{tier}_Filaire", f"Wireless_{wireless}_Sans_fil"]


def speeds_columns(satellite: bool = True) -> list[str]:
    """Every column of a PHH speeds file, in file order (with the satellite field or not)."""
    flags = [name for tier in TIERS for name in flag_columns(tier)]
    fields = [COMBINED_MAX, WIRED_MAX, WIRELESS_MAX, *([SATELLITE_MAX] if satellite else [])]
    return [PHH_ID, *flags, LTE_MOBILE, *fields]


def ised_file_kind(columns: Iterable[str]) -> str | None:
    """``POINTS`` or ``SPEEDS`` when the columns look like that ISED file, else None."""
    columns = list(columns)
    if not _missing(columns, [PHH_ID, PHH_TYPE, LATITUDE, LONGITUDE]):
        return POINTS
    if not _missing(columns, [PHH_ID, WIRED_MAX, WIRELESS_MAX]) or not _missing(columns, EXTENSION):
        return SPEEDS
    return None


def tier_service(tier: int, technology: Technology) -> Service:
    """The interval ISED's tier number ``tier`` (index of ``TIER_VALUES``) stands for."""
    cap = TIER_SPEEDS[tier + 1] if tier + 1 < len(TIER_SPEEDS) else (OPEN, OPEN)
    return Service(technology, *TIER_SPEEDS[tier], cap)


def tier_of(down: float, up: float) -> int:
    """The index of the highest ISED tier that ``down``/``up`` Mbps reaches (0: below 5/1)."""
    reached = [i for i, (d, u) in enumerate(TIER_SPEEDS) if down >= d and up >= u]
    return max(reached)


def households_from_ised(points: pd.DataFrame, speeds: Sequence[pd.DataFrame]) -> gpd.GeoDataFrame:
    """Canonical households from ISED PHH points and speeds tables, joined on ``PHH_ID``."""
    return households_from_rows(points, [speed_rows(table) for table in speeds])


def households_from_rows(points: pd.DataFrame, rows: list[pd.DataFrame]) -> gpd.GeoDataFrame:
    """Canonical households from ISED PHH points and speeds already read by ``speed_rows``."""
    homes = _points(points)
    services, lte = _services_of(homes["phh_id"], rows)
    homes["services"], homes["lte"] = services, lte
    geometry = gpd.points_from_xy(homes.pop("longitude"), homes.pop("latitude"))
    fields = list(SCHEMAS[Kind.HOUSEHOLDS].fields)
    return gpd.GeoDataFrame(homes[fields], geometry=geometry, crs="EPSG:4326")


def families_reported(speeds: Sequence[pd.DataFrame]) -> list[str]:
    """The families of service the speeds tables can report (satellite only when present)."""
    found = {
        FAMILY_OF[technology]
        for table in speeds
        for field, technology in FAMILY_FIELDS.items()
        if find_column(table.columns, field) is not None
    }
    return [str(family) for family in Family if family in found]


def speeds_table(
    phh_ids: Sequence[str], tiers: dict[str, np.ndarray], lte: np.ndarray
) -> pd.DataFrame:
    """An ISED speeds file, column for column: ``tiers`` maps each max field to tier numbers.

    Tier numbers index ``TIER_VALUES``; -1 means nothing reported. ``Combined`` is the best of
    wired and wireless (satellite is not folded in); a flag is 1 up to the family's tier.
    """
    wired, wireless = tiers[WIRED_MAX], tiers[WIRELESS_MAX]
    combined = np.maximum(wired, wireless)
    ranks = {"Combined": combined, "Wired": wired, "Wireless": wireless}
    table: dict[str, object] = {PHH_ID: list(phh_ids)}
    for index, tier in enumerate(TIERS):
        for family, name in zip(ranks, flag_columns(tier), strict=True):
            table[name] = (ranks[family] >= index).astype(int)
    table[LTE_MOBILE] = np.asarray(lte, dtype=int)
    values = np.array([*TIER_VALUES, ""], dtype=object)  # -1 picks ""
    for name, rank in ((COMBINED_MAX, combined), *tiers.items()):
        table[name] = values[rank]
    return pd.DataFrame(table)[speeds_columns()]


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


def speed_rows(speeds: pd.DataFrame) -> pd.DataFrame:
    """One speeds table as phh_id, one column of tier numbers per family field, exact, lte."""
    has_tiers = _missing(speeds.columns, [WIRED_MAX, WIRELESS_MAX]) == []
    has_extension = _missing(speeds.columns, EXTENSION) == []
    if not has_tiers and not has_extension:
        wanted = [PHH_ID, WIRED_MAX, WIRELESS_MAX]
        missing = _missing(speeds.columns, wanted)
        present = ", ".join(str(column) for column in speeds.columns) or "—"
        raise LayerValidationError(
            "ised.speeds_missing_columns", missing=", ".join(missing), present=present
        )
    rows = pd.DataFrame({"phh_id": _ids(_column(speeds, PHH_ID), PHH_ID)})
    for field in FAMILY_FIELDS:
        found = find_column(speeds.columns, field) if has_tiers else None
        rows[field] = -1 if found is None else _tiers(speeds[found], field)
    rows["exact"] = _exact(speeds) if has_extension else ""
    lte = find_column(speeds.columns, LTE_MOBILE)
    rows["lte"] = LTE_UNREPORTED if lte is None else _lte(speeds[lte])
    return rows


def _services_of(phh_ids: pd.Series, tables: list[pd.DataFrame]) -> tuple[np.ndarray, np.ndarray]:
    """Per PHH of the points: the ``services`` text and the LTE flag of all its rows."""
    rows = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()
    services = np.full(len(phh_ids), "", dtype=object)
    lte = np.full(len(phh_ids), LTE_UNREPORTED, dtype=np.int8)
    if rows.empty:
        return services, lte
    home = pd.Index(phh_ids).get_indexer(rows["phh_id"])
    rows = rows[home >= 0].assign(home=home[home >= 0])
    lte_of = rows.groupby("home")["lte"].max()
    lte[lte_of.index.to_numpy()] = lte_of.to_numpy()
    # One integer per distinct row: the three tiers (-1..4) and the exact service.
    exact_code, exact_values = pd.factorize(rows["exact"])
    packed = exact_code.astype(np.int64)
    for field in FAMILY_FIELDS:
        packed = packed * 6 + rows[field].to_numpy(np.int64) + 1
    signature, unique = pd.factorize(packed)
    rows = rows.assign(signature=signature)[["home", "signature"]].drop_duplicates()
    texts = _texts(rows, [_row_services(_unpacked(code, exact_values)) for code in unique])
    services[texts.index.to_numpy()] = texts.to_numpy()
    return services, lte


def _texts(rows: pd.DataFrame, by_signature: list[tuple[Service, ...]]) -> pd.Series:
    """The services text of each home, uniting the rows of homes that have several."""
    repeated = rows["home"].duplicated(keep=False).to_numpy()
    single = rows[~repeated]
    names = np.array([format_services(refine(s)) for s in by_signature], dtype=object)
    texts = pd.Series(names[single["signature"].to_numpy()], index=single["home"].to_numpy())
    if repeated.any():
        groups = rows[repeated].groupby("home")["signature"].agg(tuple)
        combined = {
            key: format_services(refine([s for i in key for s in by_signature[i]]))
            for key in set(groups)
        }
        texts = pd.concat([texts, groups.map(combined)])
    return texts


def _unpacked(code: int, exact_values: np.ndarray) -> tuple:
    """The tiers (one per family field) and exact service that a packed row code stands for."""
    tiers = []
    for _field in FAMILY_FIELDS:
        code, tier = divmod(int(code), 6)
        tiers.append(tier - 1)
    return (*reversed(tiers), exact_values[code])


def _row_services(values: tuple) -> tuple[Service, ...]:
    """The services one distinct speeds row stands for: its tiers, and its exact service."""
    *tiers, exact = values
    services = [
        tier_service(int(tier), technology)
        for tier, technology in zip(tiers, FAMILY_FIELDS.values(), strict=True)
        if tier >= 0
    ]
    if exact:
        technology, down, up = exact.split(" ")
        services.append(Service(Technology(technology), float(down), float(up)))
    return tuple(services)


def _exact(speeds: pd.DataFrame) -> np.ndarray:
    """Per row, "technology down up" of the extension's exact service ("" for none)."""
    technology = _column(speeds, GIM_TECHNOLOGY)
    text = technology.where(~is_blank(technology), NO_SERVICE).astype(str).str.strip().str.lower()
    accepted = [*(str(t) for t in Technology), NO_SERVICE]
    bad = ~text.isin(accepted)
    if bad.any():
        raise LayerValidationError(
            "ised.bad_values",
            column=GIM_TECHNOLOGY,
            count=int(bad.sum()),
            examples=_examples(technology[bad]),
        )
    down = _numbers(_column(speeds, GIM_DOWN), GIM_DOWN).fillna(0.0)
    up = _numbers(_column(speeds, GIM_UP), GIM_UP).fillna(0.0)
    if ((down < 0) | (up < 0)).any():
        raise LayerValidationError("ised.negative_speeds", columns=f"{GIM_DOWN}, {GIM_UP}")
    exact = text + " " + down.map("{:g}".format) + " " + up.map("{:g}".format)
    return np.where(text == NO_SERVICE, "", exact.to_numpy(dtype=object))


def _tiers(values: pd.Series, column: str) -> np.ndarray:
    """Index of each tier value in ``TIER_VALUES``; -1 for blank; "lt5_1" and "5/1" accepted."""

    def spelled(text: pd.Series) -> pd.Series:
        text = text.str.replace("/", "_").str.replace(" ", "")
        return text.str.replace(r"^lt", "<", regex=True)

    lookup = {tier: rank for rank, tier in enumerate(TIER_VALUES)} | {"": -1, "nan": -1}
    return _coded(values, column, lookup, spelled)


def _lte(values: pd.Series) -> np.ndarray:
    """ISED's LTE flag: 1 yes, 0 no, -1 blank (not reported); 1/0, true/false, T/F, Y/N read."""
    return _coded(
        values, LTE_MOBILE, LTE_WORDS, lambda text: text.str.replace(r"\.0$", "", regex=True)
    )


def _coded(
    values: pd.Series,
    column: str,
    lookup: dict[str, int],
    spelled: Callable[[pd.Series], pd.Series],
) -> np.ndarray:
    """Each value's code in ``lookup`` (missing: -1), looking only at the few distinct values."""
    codes, unique = pd.factorize(values)  # a handful of distinct values in millions of rows
    distinct = pd.Series(np.asarray(unique, dtype=object))
    found = spelled(distinct.astype(str).str.strip().str.lower()).map(lookup)
    if found.isna().any():
        wrong = np.flatnonzero(found.isna().to_numpy())
        raise LayerValidationError(
            "ised.bad_values",
            column=column,
            count=int(np.isin(codes, wrong).sum()),
            examples=_examples(distinct.iloc[wrong]),
        )
    return np.append(found.to_numpy(dtype=np.int8), np.int8(-1))[codes]  # code -1: missing


def _census_year(columns: Iterable[str]) -> int:
    """The newest census year whose counts are all present (the newest one when none is)."""
    for year in CENSUS_YEARS:
        if not _missing(columns, [population_column(year), dwellings_column(year)]):
            return year
    return CENSUS_YEARS[0]


def _missing(columns: Iterable[str], wanted: Iterable[str]) -> list[str]:
    """The wanted columns that nothing in ``columns`` stands for."""
    columns = list(columns)
    return [name for name in wanted if find_column(columns, name) is None]


def _column(frame: pd.DataFrame, wanted: str) -> pd.Series:
    """The column of ``frame`` standing for ``wanted`` (the caller checked it is there)."""
    return frame[find_column(frame.columns, wanted)].reset_index(drop=True)


def _select(frame: pd.DataFrame, names: dict[str, str], key: str) -> pd.DataFrame:
    """The wanted columns renamed by ``names``, or a validation error naming what is missing."""
    missing = _missing(frame.columns, names)
    if missing:
        present = ", ".join(str(column) for column in frame.columns) or "—"
        raise LayerValidationError(key, missing=", ".join(missing), present=present)
    return pd.DataFrame({new: _column(frame, wanted).to_numpy() for wanted, new in names.items()})


def _numbers(values: pd.Series, column: str) -> pd.Series:
    """Values as floats (blank is NaN), or a validation error quoting the bad ones."""
    parsed = to_numbers(values)
    bad = parsed.isna() & ~is_blank(values)
    if bad.any():
        raise LayerValidationError(
            "ised.bad_values", column=column, count=int(bad.sum()), examples=_examples(values[bad])
        )
    return parsed


def _require_values(frame: pd.DataFrame, columns: dict[str, str]) -> None:
    """A validation error when a column (file name -> frame name) has a blank value."""
    for column, name in columns.items():
        blank = is_blank(frame[name])
        if blank.any():
            raise LayerValidationError("ised.blank_values", column=column, count=int(blank.sum()))


def _ids(values: pd.Series, column: str) -> pd.Series:
    """PHH ids as text; whole numbers read as floats lose their ".0"."""
    _require_values(pd.DataFrame({column: values}), {column: column})
    if pd.api.types.is_float_dtype(values):
        values = values.astype("int64")
    return values.astype(str).str.strip()


def _examples(values: pd.Series, limit: int = 5) -> str:
    """A few distinct values, quoted, for an error message."""
    return ", ".join(repr(str(v))[:40] for v in pd.unique(values.astype(str))[:limit])
