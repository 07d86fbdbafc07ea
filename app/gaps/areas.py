"""The areas figures are given for: municipalities ordered by code, and the MRCs they form."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from app.errors import LayerValidationError

LABELS = ("name", "mrc_code", "mrc_name")
MUNICIPALITY_FIELDS = ("code", *LABELS, "dwellings", "population")


@dataclass(frozen=True, eq=False)
class Areas:
    """Municipalities ordered by code, the MRCs they belong to, and their census counts."""

    municipalities: pd.DataFrame  # index code: name, mrc_code, mrc_name
    mrcs: pd.DataFrame  # index code: name
    mrc_of: np.ndarray  # MRC row of each municipality row
    census: np.ndarray  # (municipalities, 2): census dwellings, census population
    geometry: np.ndarray

    @classmethod
    def from_layer(cls, layer: gpd.GeoDataFrame) -> Areas:
        """Read a municipalities layer, sorted by code so that the smallest code wins ties."""
        require(layer, MUNICIPALITY_FIELDS, "municipalities")
        layer = layer.assign(code=layer["code"].astype(str)).sort_values("code", kind="stable")
        duplicated = layer["code"][layer["code"].duplicated()]
        if len(duplicated):
            raise LayerValidationError("gaps.code_duplicated", code=duplicated.iloc[0])
        labels = pd.DataFrame(
            {
                field: layer[field].fillna("").astype(str).to_numpy()
                for field in MUNICIPALITY_FIELDS[1:4]
            },
            index=pd.Index(layer["code"].to_numpy(), name="code"),
        )
        mrcs = labels.groupby("mrc_code", sort=True)["mrc_name"].first()
        mrcs = pd.DataFrame({"name": mrcs.to_numpy()}, index=pd.Index(mrcs.index, name="code"))
        census = layer[["dwellings", "population"]].to_numpy(np.float64, na_value=np.nan)
        mrc_of = mrcs.index.get_indexer(labels["mrc_code"])
        return cls(labels, mrcs, mrc_of, census, layer.geometry.to_numpy())

    def by_mrc(self, values: np.ndarray) -> np.ndarray:
        """Sum the rows of a municipality table into MRC rows."""
        order = np.argsort(self.mrc_of, kind="stable")
        starts = np.searchsorted(self.mrc_of[order], np.arange(len(self.mrcs)))
        sums = np.add.reduceat(values[order], np.minimum(starts, max(len(order) - 1, 0)), axis=0)
        empty = np.bincount(self.mrc_of, minlength=len(self.mrcs)) == 0
        sums[empty] = 0.0  # an MRC without municipality (reduceat would repeat a row)
        return sums


def require(frame: pd.DataFrame, fields: tuple[str, ...], kind: str) -> None:
    """Raise when a layer lacks a field the computation needs."""
    missing = [field for field in fields if field not in frame.columns]
    if missing:
        raise LayerValidationError("gaps.fields_missing", kind=kind, fields=", ".join(missing))


def share(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """The ratio part / whole, NaN where whole is 0."""
    return np.divide(part, whole, out=np.full(len(whole), np.nan), where=whole > 0)
