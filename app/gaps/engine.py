"""Household-weighted gap analysis: served, underserved, unserved and unknown homes.

Households are assigned to municipalities once, in ``GapIndex.build`` (coastal homes snapped to
the nearest municipality within a distance). They are then reduced to sums of dwellings and
population per (municipality, service key), where a key is a distinct (services, LTE) pair of a
household: a few hundred keys for millions of households. A threshold or technology change
classifies the keys and sums the pairs: no spatial work, no pass over the households. Those
sums (``household_sums``) are all the engine needs: ``GapIndex.from_sums`` builds it from sums
computed elsewhere (by PostGIS, for a replica that holds no household in memory).

A household is served when one counted service reaches both speeds of the threshold; unknown
when none does for sure but one might (ISED's tiers are intervals, and its top tier is "50/10
or more"); underserved when a counted service reaches at least 5/1; otherwise unserved (below
5/1, or no counted service reported). Households outside every municipality, even after
snapping, form one more row, "unassigned": they count in the region only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from app.errors import InvalidParameterError, LayerUnavailableError, LayerValidationError
from app.gaps.areas import Areas, require, share
from app.gaps.assign import Locator, point_coordinates
from app.gaps.threshold import Threshold
from app.vocabulary import (
    DEFAULT_CHOICE,
    FAMILIES,
    LOWEST_TIER,
    SUM_COUNTS,
    SUM_FIELDS,
    TECHNOLOGIES,
    Family,
    TechnologyChoice,
    parse_services,
    service_order,
)

CLASSES = ("served", "underserved", "unserved", "unknown")
SERVED, UNDERSERVED, UNSERVED, UNKNOWN = range(len(CLASSES))
TECHNOLOGY_NAMES = tuple(str(technology) for technology in TECHNOLOGIES)
REGION_NAME = "Gaspésie–Îles-de-la-Madeleine"
HOUSEHOLD_FIELDS = ("dwellings", "population", "services", "lte")

# Figures that do not depend on the threshold nor on the technology choice.
STATIC = (
    "census_dwellings",
    "census_population",
    "dwellings",
    "population",
    "satellite_only_dwellings",
    "satellite_only_population",
    "no_lte_dwellings",
    "no_lte_population",
    "lte_unreported_dwellings",
    "snapped_households",
    "snapped_dwellings",
    *(f"dwellings_{name}" for name in TECHNOLOGY_NAMES),
)
# Figures at a threshold and technology choice.
BY_CLASS = (
    *(f"{name}_dwellings" for name in CLASSES),
    *(f"{name}_population" for name in CLASSES),
    "no_service_dwellings",
    *(f"served_dwellings_{name}" for name in TECHNOLOGY_NAMES),
)
SHARES = ("served_share", "unknown_share", "no_lte_share")
_SUMMED = (*STATIC[:4], *BY_CLASS[:8], *STATIC[4:], *BY_CLASS[8:])
COUNT_COLUMNS = (*_SUMMED[:12], *SHARES, *_SUMMED[12:])
_SHARE_OF = {"served_share": "served_dwellings", "unknown_share": "unknown_dwellings"}
_SHARE_OF["no_lte_share"] = "no_lte_dwellings"

_SORTS = {"unserved": ("unserved_dwellings", False), "served_share": ("served_share", True)}
LEVELS = ("municipality", "mrc")


@dataclass(frozen=True, eq=False)
class GapReport:
    """Figures at one threshold and technology choice for every area and the whole region."""

    threshold: Threshold
    technologies: TechnologyChoice
    municipalities: pd.DataFrame
    mrcs: pd.DataFrame
    region: pd.Series
    unassigned: dict[str, Any]

    def ranking(
        self, level: str = "municipality", sort: str = "unserved", mrc: str | None = None
    ) -> pd.DataFrame:
        """Areas worst first, by unserved dwellings or by served share; ties go by code.

        With ``mrc``, only that MRC's municipalities (or that MRC alone), ranked among themselves.
        """
        if level not in LEVELS:
            raise InvalidParameterError("gaps.level_unknown", value=level, accepted=_listed(LEVELS))
        if sort not in _SORTS:
            raise InvalidParameterError("gaps.sort_unknown", value=sort, accepted=_listed(_SORTS))
        column, ascending = _SORTS[sort]
        table = self.municipalities if level == "municipality" else self.mrcs
        if mrc is not None:
            table = table[(table["mrc_code"] if level == "municipality" else table.index) == mrc]
        ranked = table.reset_index().sort_values(
            [column, "code"], ascending=[ascending, True], na_position="last", kind="stable"
        )
        ranked.insert(0, "rank", np.arange(1, len(ranked) + 1))
        return ranked.set_index("code")


@dataclass(frozen=True, eq=False)
class ServiceTable:
    """The distinct services of a layer, as arrays, and which key holds which."""

    family: np.ndarray  # index into FAMILIES
    technology: np.ndarray  # index into TECHNOLOGIES
    down: np.ndarray
    up: np.ndarray
    cap_down: np.ndarray  # the speeds the service is known not to reach (inf: open-ended)
    cap_up: np.ndarray
    exact: np.ndarray
    holds: np.ndarray  # (keys, services): key k has service s

    @classmethod
    def of(cls, texts: Iterable[str]) -> ServiceTable:
        """The services of each distinct ``services`` text (one key each, in order)."""
        per_key = [parse_services(text) for text in texts]
        services = sorted({s for found in per_key for s in found}, key=service_order)
        column = {service: index for index, service in enumerate(services)}
        holds = np.zeros((len(per_key), len(services)), dtype=bool)
        for key, found in enumerate(per_key):
            holds[key, [column[service] for service in found]] = True
        caps = [service.cap or (service.down, service.up) for service in services]
        return cls(
            family=np.array([FAMILIES.index(s.family) for s in services], dtype=np.int8),
            technology=np.array([TECHNOLOGIES.index(s.technology) for s in services], np.int8),
            down=np.array([s.down for s in services], dtype=float),
            up=np.array([s.up for s in services], dtype=float),
            cap_down=np.array([cap[0] for cap in caps], dtype=float),
            cap_up=np.array([cap[1] for cap in caps], dtype=float),
            exact=np.array([s.exact for s in services], dtype=bool),
            holds=holds,
        )

    def reaches(self, threshold: Threshold) -> tuple[np.ndarray, np.ndarray]:
        """Per service: whether it surely reaches ``threshold``, and whether it might."""
        reaches = (self.down >= threshold.down) & (self.up >= threshold.up)
        fails = np.where(
            self.exact, ~reaches, (threshold.down >= self.cap_down) & (threshold.up >= self.cap_up)
        )
        return reaches, ~reaches & ~fails

    def counted(self, choice: TechnologyChoice) -> np.ndarray:
        """Per service: whether its family is counted by ``choice``."""
        return np.isin(self.family, [FAMILIES.index(family) for family in choice.families])

    def classify(self, threshold: Threshold, choice: TechnologyChoice) -> np.ndarray:
        """The class of each key (see ``CLASSES``) at ``threshold``, counting ``choice``."""
        reaches, might = self.reaches(threshold)
        counted = self.counted(choice)
        lowest = (self.down >= LOWEST_TIER[0]) & (self.up >= LOWEST_TIER[1])
        served = self.holds @ (reaches & counted)
        unknown = ~served & (self.holds @ (might & counted))
        some = self.holds @ (lowest & counted)
        classes = np.where(some, UNDERSERVED, UNSERVED)
        classes = np.where(unknown, UNKNOWN, classes)
        return np.where(served, SERVED, classes).astype(np.int8)

    def with_family(self, families: Iterable[Family]) -> np.ndarray:
        """Per key: whether it holds a service of one of ``families``."""
        wanted = np.isin(self.family, [FAMILIES.index(family) for family in families])
        return self.holds @ wanted

    def by_technology(self, per_service: np.ndarray | None = None) -> np.ndarray:
        """(keys, technologies): whether a key holds a service of each technology (that …)."""
        chosen = np.ones(len(self.down), bool) if per_service is None else per_service
        one_hot = (self.technology[:, None] == np.arange(len(TECHNOLOGIES))) & chosen[:, None]
        return (self.holds.astype(np.int32) @ one_hot.astype(np.int32)) > 0


@dataclass(frozen=True, eq=False)
class HouseholdRows:
    """Per household row of the layer: its municipality code ("" outside), metres snapped, key."""

    codes: np.ndarray
    snapped_m: np.ndarray  # 0 inside, metres moved, NaN when unassigned
    key: np.ndarray


class GapIndex:
    """Household sums per (municipality, services key), ready to summarize at any threshold.

    Built from the households (``build``: assigned, then summed) or from their sums alone
    (``from_sums``: what a replica reads from the database). Only the former knows the rows.
    """

    unassigned: dict[str, Any]

    def __init__(
        self,
        areas: Areas,
        locator: Locator,
        sums: pd.DataFrame,
        region_name: str = REGION_NAME,
        rows: HouseholdRows | None = None,
    ) -> None:
        self._areas = areas
        self.locator = locator
        self.region_name = region_name
        self._rows = rows
        require(sums, SUM_FIELDS, "household sums")
        services, lte, sum_key = _keys(sums)
        self._services, self._key_lte = services, lte
        self._key_of = _key_lookup(sums, sum_key)
        municipalities = len(areas.municipalities)
        row = areas.municipalities.index.get_indexer(sums["code"].astype(str))
        area = np.where(row < 0, municipalities, row)  # the last row: the unassigned
        keys = len(lte)
        counts = sums[list(SUM_COUNTS)].to_numpy(np.float64, na_value=0.0)
        snapped = sums["snapped"].to_numpy(bool)
        # Sorted pairs: the sums then run in the same order whatever the order of the rows.
        cell = (area.astype(np.int64) * keys + sum_key) * 2 + snapped
        pair_of_row, pairs = pd.factorize(cell, sort=True)
        pair_key_snapped, self._pair_snapped = np.divmod(pairs, 2)
        self._pair_area, self._pair_key = np.divmod(pair_key_snapped, keys)
        summed = [np.bincount(pair_of_row, column, minlength=len(pairs)) for column in counts.T]
        points, households, dwellings, population = summed
        self._pair_weights = np.column_stack([dwellings, population, households])
        rows_count = municipalities + 1
        self._static = self._static_sums(rows_count)
        self._columns = pd.Index(COUNT_COLUMNS)  # built once: pandas is slow to make indexes
        self._region_index = pd.Index(["name", *COUNT_COLUMNS])
        self._order = [_COLUMN_ORDER.index(name) for name in _SUMMED]
        # Dwellings and population per (area row, key), dense: a threshold change is then two
        # small matrix products (a few hundred keys at most, even at province scale).
        self._by_key = np.zeros((2, rows_count, keys))
        for measure in range(2):
            np.add.at(
                self._by_key[measure],
                (self._pair_area, self._pair_key),
                self._pair_weights[:, measure],
            )
        outside, moved = self._pair_area == municipalities, self._pair_snapped.astype(bool)
        self.unassigned = {
            "households": int(households[outside].sum()),
            "points": int(points[outside].sum()),
            "dwellings": float(dwellings[outside].sum()),
            "population": float(population[outside].sum()),
        }
        self.snapped = {
            "households": int(households[moved].sum()),
            "points": int(points[moved].sum()),
            "dwellings": float(dwellings[moved].sum()),
        }
        self.totals = {
            "points": int(points.sum()),
            "dwellings": float(dwellings.sum()),
            "population": float(population.sum()),
        }

    @classmethod
    def build(
        cls,
        households: gpd.GeoDataFrame,
        municipalities: gpd.GeoDataFrame,
        region_name: str = REGION_NAME,
        snap_m: float | None = None,
    ) -> GapIndex:
        """Assign every household to its municipality (snapping coastal homes), then sum."""
        require(households, HOUSEHOLD_FIELDS, "households")
        households = _lonlat(households)
        areas, locator = _areas_and_locator(municipalities, snap_m)
        x, y = point_coordinates(households.geometry.to_numpy())
        assignment = locator.assign(x, y)
        codes = np.array([*areas.municipalities.index, ""], dtype=object)[assignment.area]
        sums, key = household_sums(households, codes, assignment.snapped_m)
        rows = HouseholdRows(codes, assignment.snapped_m, key)
        return cls(areas, locator, sums, region_name, rows)

    @classmethod
    def from_sums(
        cls,
        sums: pd.DataFrame,
        municipalities: gpd.GeoDataFrame,
        region_name: str = REGION_NAME,
        snap_m: float | None = None,
    ) -> GapIndex:
        """The index of households already assigned and summed (see ``household_sums``)."""
        areas, locator = _areas_and_locator(municipalities, snap_m)
        return cls(areas, locator, sums, region_name)

    @property
    def in_memory(self) -> bool:
        """Whether the index knows each household row (built from them, not from their sums)."""
        return self._rows is not None

    @property
    def household_codes(self) -> np.ndarray:
        """The municipality code of each household row ("" when unassigned)."""
        return self._household_rows().codes

    @property
    def household_snapped_m(self) -> np.ndarray:
        """How far each household row was moved into its municipality (0 inside, NaN out)."""
        return self._household_rows().snapped_m

    @property
    def household_keys(self) -> np.ndarray:
        """The services key of each household row."""
        return self._household_rows().key

    def keys_of(self, rows: pd.DataFrame, positions: np.ndarray | None = None) -> np.ndarray:
        """The key of each household of ``rows`` (its services and LTE; or its position)."""
        if positions is not None and self._rows is not None:
            return self._rows.key[positions]
        texts = rows["services"].fillna("").astype(str).to_numpy(object)
        codes = pd.to_numeric(rows["lte"], errors="coerce").fillna(-1).to_numpy(np.int64)
        found = self._key_of.get_indexer(pd.MultiIndex.from_arrays([texts, codes]))
        if (found < 0).any():  # rows of another version than the sums
            raise LayerUnavailableError("gaps.keys_unknown")
        return found.astype(np.int32)

    def key_classes(
        self, threshold: Threshold, choice: TechnologyChoice = DEFAULT_CHOICE
    ) -> np.ndarray:
        """The class code of each key (see ``CLASSES``), as int8."""
        return self._services.classify(threshold, choice)

    def _household_rows(self) -> HouseholdRows:
        if self._rows is None:
            raise LayerUnavailableError("gaps.rows_not_in_memory")
        return self._rows

    @property
    def codes(self) -> pd.Index:
        """The municipality codes, in the order of the report tables."""
        return self._areas.municipalities.index

    @property
    def areas(self) -> Areas:
        """The municipalities and MRCs the figures are given for."""
        return self._areas

    @property
    def services(self) -> ServiceTable:
        """The distinct services of the households, and the keys holding them."""
        return self._services

    def household_classes(
        self, threshold: Threshold, choice: TechnologyChoice = DEFAULT_CHOICE
    ) -> np.ndarray:
        """The class code of each household row (see ``CLASSES``), as int8."""
        return self._services.classify(threshold, choice)[self._household_rows().key]

    def household_technologies(self) -> np.ndarray:
        """(households, technologies): whether each row reports a service of each technology."""
        return self._services.by_technology()[self._household_rows().key]

    def summarize(
        self, threshold: Threshold, choice: TechnologyChoice = DEFAULT_CHOICE
    ) -> GapReport:
        """Every figure of every area at ``threshold`` counting ``choice``, from the sums."""
        rows = np.column_stack([self._static, self._class_sums(threshold, choice)])
        values = rows[:, self._order]
        municipalities = values[:-1]
        mrcs = self._areas.by_mrc(municipalities)
        region = mrcs.sum(axis=0) + values[-1]
        # Shares once for every row: municipalities, MRCs, the region, the unassigned.
        every = _with_shares(np.vstack([municipalities, mrcs, region, values[-1]]))
        towns, counties = len(municipalities), len(mrcs)
        return GapReport(
            threshold=threshold,
            technologies=choice,
            municipalities=_table(self._areas.municipalities, every[:towns], self._columns),
            mrcs=_table(self._areas.mrcs, every[towns : towns + counties], self._columns),
            region=pd.Series(
                np.array([self.region_name, *every[-2]], dtype=object),
                index=self._region_index,
                name="region",
            ),
            unassigned=self._unassigned_figures(every[-1]),
        )

    def _static_sums(self, rows: int) -> np.ndarray:
        """The figures that no threshold or choice changes, per area row (census first)."""
        dwellings, population, homes = self._pair_weights.T
        key = self._pair_key
        satellite = self._services.with_family([Family.SATELLITE])[key]
        terrestrial = self._services.with_family([Family.WIRED, Family.FIXED_WIRELESS])[key]
        only = satellite & ~terrestrial
        no_lte = self._key_lte[key] == 0
        unreported = self._key_lte[key] < 0
        snapped = self._pair_snapped.astype(bool)
        columns = [dwellings, population, dwellings * only, population * only]
        columns += [dwellings * no_lte, population * no_lte, dwellings * unreported]
        columns += [homes * snapped, dwellings * snapped]
        technology = self._services.by_technology()[key]
        columns += [dwellings * technology[:, index] for index in range(len(TECHNOLOGIES))]
        sums = [np.bincount(self._pair_area, column, minlength=rows) for column in columns]
        census = np.vstack([self._areas.census, np.zeros((1, 2))])
        return np.column_stack([census, *sums])

    def _class_sums(self, threshold: Threshold, choice: TechnologyChoice) -> np.ndarray:
        """The figures at ``threshold`` counting ``choice``, per area row (see ``BY_CLASS``)."""
        services = self._services
        classes = services.classify(threshold, choice)
        nothing = ~services.with_family(choice.families)
        reaches, _might = services.reaches(threshold)
        flags = np.column_stack([nothing, services.by_technology(reaches)]).astype(float)
        dwellings, population = self._by_key
        # einsum's own loop, not BLAS: a threaded BLAS spins for milliseconds on matrices this
        # small when the other core is busy (seen here: 1.7 ms alone, 8 ms under load).
        return np.column_stack(
            [
                _sum_by_class(dwellings, classes),
                _sum_by_class(population, classes),
                np.einsum("rk,kc->rc", dwellings, flags),
            ]
        )

    def _unassigned_figures(self, values: np.ndarray) -> dict[str, Any]:
        """The unassigned households' counts, then their figures (shares included)."""
        figures = dict(zip(COUNT_COLUMNS, values.tolist(), strict=True))
        del figures["census_dwellings"], figures["census_population"]
        counts = {"households": self.unassigned["households"], "points": self.unassigned["points"]}
        return counts | figures


_COLUMN_ORDER = (*STATIC, *BY_CLASS)


def _sum_by_class(matrix: np.ndarray, classes: np.ndarray) -> np.ndarray:
    """Per row of (area, key) sums, the sums over the keys of each class (``CLASSES`` order)."""
    return np.column_stack([matrix[:, classes == code].sum(axis=1) for code in range(len(CLASSES))])


def _listed(values: Iterable[str]) -> str:
    """Values for a message: "a, b, c"."""
    return ", ".join(values)


def _areas_and_locator(
    municipalities: gpd.GeoDataFrame, snap_m: float | None
) -> tuple[Areas, Locator]:
    """The municipalities as areas, and the locator of their polygons (default snapping)."""
    areas = Areas.from_layer(_lonlat(municipalities))
    locator = Locator(areas.geometry) if snap_m is None else Locator(areas.geometry, snap_m)
    return areas, locator


def _lonlat(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The layer in longitude/latitude (a layer without CRS is taken to be in it)."""
    if frame.crs is None or frame.crs.to_epsg() == 4326:
        return frame
    return frame.to_crs("EPSG:4326")


def _keys(households: pd.DataFrame) -> tuple[ServiceTable, np.ndarray, np.ndarray]:
    """The distinct (services, LTE) keys, their services and LTE, and the key of each row."""
    lte = pd.to_numeric(households["lte"], errors="coerce").fillna(-1).to_numpy(np.int64)
    if not np.isin(lte, (-1, 0, 1)).all():
        raise LayerValidationError("gaps.lte_unknown", values=_listed(map(str, np.unique(lte)[:5])))
    text_of, texts = _sorted_factorize(households["services"].fillna("").astype(str))
    household_key, pairs = _sorted_factorize(text_of.astype(np.int64) * 3 + (lte + 1))
    text_index, lte_code = np.divmod(np.asarray(pairs), 3)
    table = ServiceTable.of(np.asarray(texts, dtype=object)[text_index])
    return table, (lte_code - 1).astype(np.int8), household_key.astype(np.int32)


def household_sums(
    households: pd.DataFrame, codes: np.ndarray, snapped_m: np.ndarray
) -> tuple[pd.DataFrame, np.ndarray]:
    """The households summed per (code, services, LTE, snapped); and the key of each row."""
    services, lte, key = _keys(households)
    weights = households[["dwellings", "population"]].to_numpy(np.float64, na_value=0.0)
    code_of, code_values = _sorted_factorize(np.asarray(codes, dtype=object))
    snapped = np.nan_to_num(snapped_m) > 0
    keys = len(lte)
    cell = (code_of.astype(np.int64) * keys + key) * 2 + snapped
    row_of, cells = pd.factorize(cell, sort=True)
    code_key, cell_snapped = np.divmod(cells, 2)
    cell_code, cell_key = np.divmod(code_key, keys)
    counts = np.column_stack([np.ones(len(weights)), weights[:, 0] > 0, weights])
    summed = [np.bincount(row_of, column, minlength=len(cells)) for column in counts.T]
    texts = np.asarray(households["services"].fillna("").astype(str).to_numpy(object))
    first = np.zeros(keys, dtype=np.int64)
    first[key[::-1]] = np.arange(len(key))[::-1]  # a row of each key, for its text
    sums = pd.DataFrame(
        {
            "code": np.asarray(code_values, dtype=object)[cell_code],
            "services": texts[first][cell_key] if len(key) else np.empty(0, object),
            "lte": lte[cell_key].astype(np.int64),
            "snapped": cell_snapped.astype(bool),
            **dict(zip(SUM_COUNTS, summed, strict=True)),
        }
    )
    return sums, key


def _key_lookup(sums: pd.DataFrame, key: np.ndarray) -> pd.MultiIndex:
    """The distinct (services text, LTE code) pairs of the sums, in key order."""
    texts = sums["services"].fillna("").astype(str).to_numpy(object)
    lte = pd.to_numeric(sums["lte"], errors="coerce").fillna(-1).to_numpy(np.int64)
    first = np.unique(key, return_index=True)[1] if len(key) else np.empty(0, np.int64)
    return pd.MultiIndex.from_arrays([texts[first], lte[first]])


def _sorted_factorize(values: pd.Series | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes and sorted distinct values: hash millions of rows, then sort only the few keys."""
    codes, unique = pd.factorize(values)
    unique = np.asarray(unique)
    order = np.argsort(unique, kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[codes], unique[order]


def _with_shares(values: np.ndarray) -> np.ndarray:
    """Summed rows followed by their shares of dwellings (NaN without dwellings)."""
    total = values[:, _SUMMED.index("dwellings")]
    shares = [share(values[:, _SUMMED.index(_SHARE_OF[name])], total) for name in SHARES]
    at = _SUMMED.index("unknown_population") + 1
    return np.insert(values, [at] * len(shares), np.column_stack(shares), axis=1)


def _table(labels: pd.DataFrame, values: np.ndarray, columns: pd.Index) -> pd.DataFrame:
    """An area table: the labels, then every count column (shares included)."""
    counts = pd.DataFrame(values, index=labels.index, columns=columns)
    return pd.concat([labels, counts], axis=1)
