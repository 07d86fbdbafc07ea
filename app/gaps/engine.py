"""Household-weighted gap analysis: served, underserved and unserved homes at any threshold.

Households are assigned to municipalities once, in ``GapIndex.build``. They are then reduced to
sums of dwellings and population per (municipality, speed key), where a speed key is a distinct
(down, up, technology) triple. Speeds come in a few tiers, so there are a few thousand such pairs
for millions of households, and a threshold change classifies the keys and sums the pairs: no
spatial work, no pass over the households.

Households outside every municipality form one more row, "unassigned". They count in the region
(region = sum of MRCs + unassigned), never in a municipality or an MRC, and every report says how
many there are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from app.errors import InvalidParameterError, LayerValidationError
from app.gaps.areas import Areas, require, share
from app.gaps.assign import OUTSIDE, assign_points, point_coordinates
from app.gaps.threshold import LOWEST_TIER, Threshold
from app.layers.kinds import Technology

CLASSES = ("served", "underserved", "unserved")
SERVED, UNDERSERVED, UNSERVED = range(len(CLASSES))
TECHNOLOGIES = tuple(tech.value for tech in Technology)
_NO_SERVICE = TECHNOLOGIES.index(Technology.NONE)
REGION_NAME = "Gaspésie–Îles-de-la-Madeleine"

HOUSEHOLD_FIELDS = ("dwellings", "population", "down_mbps", "up_mbps", "technology")
# Columns that add up from municipalities to MRCs to the region, in the order of the tables.
_SUMMED = (
    "census_dwellings",
    "census_population",
    "dwellings",
    "population",
    *(f"{name}_dwellings" for name in CLASSES),
    *(f"{name}_population" for name in CLASSES),
    *(f"dwellings_{tech}" for tech in TECHNOLOGIES),
    *(f"served_dwellings_{tech}" for tech in TECHNOLOGIES),
)
_SHARE_AT = _SUMMED.index("unserved_population") + 1
COUNT_COLUMNS = (*_SUMMED[:_SHARE_AT], "served_share", *_SUMMED[_SHARE_AT:])

_SORTS = {"unserved": ("unserved_dwellings", False), "served_share": ("served_share", True)}
LEVELS = ("municipality", "mrc")


@dataclass(frozen=True, eq=False)
class GapReport:
    """Figures at one threshold for every municipality, every MRC and the whole region."""

    threshold: Threshold
    municipalities: pd.DataFrame
    mrcs: pd.DataFrame
    region: pd.Series
    unassigned: dict[str, Any]

    def ranking(self, level: str = "municipality", sort: str = "unserved") -> pd.DataFrame:
        """Areas worst first, by unserved dwellings or by served share; ties go by code."""
        if level not in LEVELS:
            raise InvalidParameterError("gaps.level_unknown", value=level, accepted=_listed(LEVELS))
        if sort not in _SORTS:
            raise InvalidParameterError("gaps.sort_unknown", value=sort, accepted=_listed(_SORTS))
        column, ascending = _SORTS[sort]
        table = self.municipalities if level == "municipality" else self.mrcs
        ranked = table.reset_index().sort_values(
            [column, "code"], ascending=[ascending, True], na_position="last", kind="stable"
        )
        ranked.insert(0, "rank", np.arange(1, len(ranked) + 1))
        return ranked.set_index("code")


@dataclass(frozen=True, eq=False)
class _SpeedKeys:
    """The distinct (down, up, technology) triples of a households layer."""

    down: np.ndarray
    up: np.ndarray
    technology: np.ndarray  # index into TECHNOLOGIES

    def classify(self, threshold: Threshold) -> np.ndarray:
        """The class (SERVED, UNDERSERVED, UNSERVED) of each key at ``threshold``."""
        service = self.technology != _NO_SERVICE
        served = service & (self.down >= threshold.down) & (self.up >= threshold.up)
        some = service & (self.down >= LOWEST_TIER.down) & (self.up >= LOWEST_TIER.up)
        classes = np.where(some, UNDERSERVED, UNSERVED)
        return np.where(served, SERVED, classes).astype(np.int8)


class GapIndex:
    """Households assigned to municipalities once, ready to be summarized at any threshold."""

    household_codes: np.ndarray
    unassigned: dict[str, Any]

    def __init__(
        self,
        areas: Areas,
        household_area: np.ndarray,
        keys: _SpeedKeys,
        household_key: np.ndarray,
        weights: np.ndarray,
        region_name: str = REGION_NAME,
    ) -> None:
        self._areas = areas
        self._keys = keys
        self._household_key = household_key
        self.region_name = region_name
        rows = len(areas.municipalities) + 1  # the last row holds the unassigned households
        area = np.where(household_area == OUTSIDE, rows - 1, household_area)
        # Sorted pairs: the sums then run in the same order whatever the order of the rows.
        pair_of_household, pairs = pd.factorize(
            area.astype(np.int64) * len(keys.down) + household_key, sort=True
        )
        self._pair_area, self._pair_key = np.divmod(pairs, len(keys.down))
        self._pair_weights = np.column_stack(
            [np.bincount(pair_of_household, column, minlength=len(pairs)) for column in weights.T]
        )
        self.household_codes = np.array([*areas.municipalities.index, ""], dtype=object)[area]
        outside = area == rows - 1
        self.unassigned = {
            "households": int(np.count_nonzero(outside & (weights[:, 0] > 0))),
            "points": int(np.count_nonzero(outside)),
            "dwellings": float(weights[outside, 0].sum()),
            "population": float(weights[outside, 1].sum()),
        }

    @classmethod
    def build(
        cls,
        households: gpd.GeoDataFrame,
        municipalities: gpd.GeoDataFrame,
        region_name: str = REGION_NAME,
    ) -> GapIndex:
        """Assign every household point to its municipality (smallest code on shared borders)."""
        require(households, HOUSEHOLD_FIELDS, "households")
        if households.crs and municipalities.crs and households.crs != municipalities.crs:
            municipalities = municipalities.to_crs(households.crs)
        areas = Areas.from_layer(municipalities)
        x, y = point_coordinates(households.geometry.to_numpy())
        keys, household_key = _speed_keys(households)
        # Missing counts carry no households.
        weights = households[["dwellings", "population"]].to_numpy(np.float64, na_value=0.0)
        area = assign_points(x, y, areas.geometry)
        return cls(areas, area, keys, household_key, weights, region_name)

    @property
    def codes(self) -> pd.Index:
        """The municipality codes, in the order of the report tables."""
        return self._areas.municipalities.index

    def household_classes(self, threshold: Threshold) -> np.ndarray:
        """The class code of each household row (see ``CLASSES``), as int8."""
        return self._keys.classify(threshold)[self._household_key]

    def summarize(self, threshold: Threshold) -> GapReport:
        """Every figure of every area at ``threshold``, from the precomputed sums."""
        rows = self._household_sums(threshold)
        municipalities = np.column_stack([self._areas.census, rows[:-1]])
        unassigned = np.concatenate([[0.0, 0.0], rows[-1]])
        mrcs = self._areas.by_mrc(municipalities)
        region = mrcs.sum(axis=0) + unassigned
        return GapReport(
            threshold=threshold,
            municipalities=_table(self._areas.municipalities, municipalities),
            mrcs=_table(self._areas.mrcs, mrcs),
            region=pd.Series(
                [self.region_name, *_with_share(region[None, :])[0]],
                index=["name", *COUNT_COLUMNS],
                name="region",
                dtype=object,
            ),
            unassigned=self._unassigned_figures(unassigned),
        )

    def _household_sums(self, threshold: Threshold) -> np.ndarray:
        """Per area row (municipalities then unassigned), the household columns of ``_SUMMED``."""
        rows = len(self._areas.municipalities) + 1
        classes = self._keys.classify(threshold)[self._pair_key]
        technology = self._keys.technology[self._pair_key]
        served = classes == SERVED

        def sums(slots: np.ndarray, width: int, weights: np.ndarray) -> np.ndarray:
            cells = self._pair_area * width + slots
            return np.bincount(cells, weights, minlength=rows * width).reshape(rows, width)

        dwellings, population = self._pair_weights.T
        by_class = sums(classes, 3, dwellings)
        by_class_population = sums(classes, 3, population)
        totals = [by_class.sum(axis=1), by_class_population.sum(axis=1)]
        by_technology = sums(technology, len(TECHNOLOGIES), dwellings)
        served_by_technology = sums(technology, len(TECHNOLOGIES), np.where(served, dwellings, 0))
        parts = [by_class, by_class_population, by_technology, served_by_technology]
        return np.column_stack([*totals, *parts])

    def _unassigned_figures(self, values: np.ndarray) -> dict[str, Any]:
        """The unassigned households' counts, then their figures at the report's threshold."""
        figures = dict(zip(COUNT_COLUMNS, _with_share(values[None, :])[0].tolist(), strict=True))
        del figures["census_dwellings"], figures["census_population"]
        counts = {"households": self.unassigned["households"], "points": self.unassigned["points"]}
        return counts | figures


def _listed(values: Iterable[str]) -> str:
    """Values for a message: "a, b, c"."""
    return ", ".join(values)


def _speed_keys(households: pd.DataFrame) -> tuple[_SpeedKeys, np.ndarray]:
    """The distinct (down, up, technology) triples, and the triple of each household."""
    technology = pd.Index(TECHNOLOGIES).get_indexer(households["technology"])
    if (technology < 0).any():
        unknown = households["technology"][technology < 0].astype(str).unique()[:5]
        raise LayerValidationError(
            "gaps.technology_unknown", value=_listed(unknown), accepted=_listed(TECHNOLOGIES)
        )
    # Unknown speeds carry no service: they count as 0, hence unserved.
    down_codes, downs = pd.factorize(households["down_mbps"].fillna(0.0).to_numpy(float), sort=True)
    up_codes, ups = pd.factorize(households["up_mbps"].fillna(0.0).to_numpy(float), sort=True)
    width = len(ups) * len(TECHNOLOGIES)
    combined = down_codes.astype(np.int64) * width + up_codes * len(TECHNOLOGIES) + technology
    household_key, uniques = pd.factorize(combined, sort=True)
    down_index, rest = np.divmod(uniques, width)
    up_index, tech_index = np.divmod(rest, len(TECHNOLOGIES))
    keys = _SpeedKeys(downs[down_index], ups[up_index], tech_index.astype(np.int8))
    return keys, household_key.astype(np.int32)


def _with_share(values: np.ndarray) -> np.ndarray:
    """Insert served_share (served / total dwellings, NaN without dwellings) into summed rows."""
    served = values[:, _SUMMED.index("served_dwellings")]
    total = values[:, _SUMMED.index("dwellings")]
    return np.insert(values, _SHARE_AT, share(served, total), axis=1)


def _table(labels: pd.DataFrame, values: np.ndarray) -> pd.DataFrame:
    """An area table: the labels, then every count column."""
    counts = pd.DataFrame(_with_share(values), index=labels.index, columns=list(COUNT_COLUMNS))
    return pd.concat([labels, counts], axis=1)
