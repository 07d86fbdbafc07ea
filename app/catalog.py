"""The catalogue: an immutable snapshot of the current layers, loaded once and shared.

A request reads ``app.state.catalog`` once and uses that object throughout, so a reload that
swaps in a new catalogue never gives it a mix of old and new layers.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from app.errors import GimError, LayerUnavailableError, LayerValidationError
from app.gaps.area_stats import AreaStats, stats_of
from app.gaps.assign import centred_proj4, point_coordinates
from app.gaps.engine import REGION_NAME, GapIndex, GapReport
from app.gaps.hexagons import HexagonEstimate, apportion_hexagons
from app.gaps.threshold import Threshold
from app.layers import loader
from app.layers.households import FrameHouseholds, HouseholdSource
from app.layers.kinds import SCHEMAS, Kind
from app.layers.loader import LoadOptions, LoadReport, Progress, quiet
from app.layers.store import LayerMeta, Notice
from app.layers.stores import Store
from app.layers.validate import Findings
from app.memo import Memo
from app.vocabulary import DEFAULT_CHOICE, DEFAULT_SNAP_M, FAMILIES, TechnologyChoice

Value = TypeVar("Value")
logger = logging.getLogger(__name__)


class Layer:
    """One loaded layer version: its features and what is known of them.

    The households also have a ``source`` the views ask for rows; a replica that keeps them in
    the database has no frame until something asks for all of them (then read once, logged).
    """

    def __init__(
        self,
        kind: Kind,
        frame: gpd.GeoDataFrame | None,
        meta: LayerMeta,
        source: HouseholdSource | None = None,
    ) -> None:
        self.kind = kind
        self.meta = meta
        self._frame = frame
        self.source = source if source is not None or frame is None else FrameHouseholds(frame)
        self._lock = threading.Lock()

    @property
    def frame(self) -> gpd.GeoDataFrame:
        """Every feature (for a replica's households: read whole from the database, once)."""
        if self._frame is None:
            with self._lock:
                if self._frame is None and self.source is not None:
                    logger.warning("reading every %s row from the database", self.kind)
                    self._frame = self.source.frame()
        assert self._frame is not None
        return self._frame

    @property
    def in_memory(self) -> bool:
        """Whether the features are held by this process."""
        return self._frame is not None

    def provenance(self) -> dict[str, Any]:
        """Version, source, vintage and demonstration flag, for any figure built on it."""
        meta = self.meta
        return {
            "layer": str(self.kind),
            "version": meta.version,
            "source": meta.source,
            "vintage": meta.vintage,
            "loaded_at": meta.loaded_at,
            "demonstration": meta.demonstration,
            "attribution": meta.attribution,
        }


@dataclass(frozen=True)
class Catalog:
    """The current layers, their gap index and a token naming their versions."""

    layers: dict[Kind, Layer]
    gaps: GapIndex
    token: str
    notices: tuple[Notice, ...] = ()  # versions fallen back to, pointer rebuilt (/healthz)
    # Values derived from these layers (reports, borders, indexes, answers), by purpose: they
    # live and die with the catalogue, so a reload never meets a stale one.
    _derived: dict[str, Memo[Any]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def derived(
        self, purpose: str, key: Hashable, compute: Callable[[], Value], size: int = 16
    ) -> Value:
        """The value of ``key`` for ``purpose``, computed once per catalogue (``size`` kept)."""
        memo: Memo[Value] | None = self._derived.get(purpose)
        if memo is None:
            memo = self._derived.setdefault(purpose, Memo(size))
        return memo.get(key, compute)

    def report(
        self, threshold: Threshold, technologies: TechnologyChoice = DEFAULT_CHOICE
    ) -> GapReport:
        """The gap figures at ``threshold`` counting ``technologies``, computed once each."""
        key = (threshold, technologies)
        return self.derived(
            "reports", key, lambda: self.gaps.summarize(threshold, technologies), size=64
        )

    def household_classes(
        self, threshold: Threshold, technologies: TechnologyChoice = DEFAULT_CHOICE
    ) -> np.ndarray:
        """Each household's class at ``threshold`` counting ``technologies``, computed once each.

        Read-only: shared by every look-up, drawn area and cell layer of that view.
        """

        def classify() -> np.ndarray:
            keys = self.household_keys()
            classes = self.gaps.key_classes(threshold, technologies)[keys]
            classes.flags.writeable = False
            return classes

        return self.derived("household_classes", (threshold, technologies), classify)

    def household_keys(self) -> np.ndarray:
        """The services key of each household row (read whole by a replica: rarely asked)."""
        if self.gaps.in_memory:
            return self.gaps.household_keys
        frame = self.layer(Kind.HOUSEHOLDS).frame
        return self.derived("household keys", None, lambda: self.gaps.keys_of(frame), 1)

    def row_classes(
        self,
        rows: np.ndarray,
        threshold: Threshold,
        technologies: TechnologyChoice = DEFAULT_CHOICE,
    ) -> np.ndarray:
        """The class of some household rows (a replica asks the database for those rows only)."""
        if self.gaps.in_memory:
            return self.household_classes(threshold, technologies)[rows]
        keys = self.gaps.keys_of(self.households.attributes(rows))
        return self.gaps.key_classes(threshold, technologies)[keys]

    @property
    def households(self) -> HouseholdSource:
        """Where the household rows are read: in memory, or the database for a replica."""
        source = self.layer(Kind.HOUSEHOLDS).source
        assert source is not None
        return source

    def area_stats(
        self, area: shapely.Geometry, threshold: Threshold, technologies: TechnologyChoice
    ) -> AreaStats:
        """The figures of the households inside a drawn area (longitude/latitude)."""
        inside = self.households.in_area(area)
        keys = self.gaps.keys_of(inside, inside.index.to_numpy())
        classes = self.gaps.key_classes(threshold, technologies)[keys]
        technology = self.gaps.services.by_technology()[keys]
        return stats_of(inside, classes, technology, area)

    def hexagon_estimate(self) -> HexagonEstimate:
        """Approximate 50/10 figures apportioned from the ISED hexagons, computed once."""
        hexagons = self.layer(Kind.HEXAGONS).frame
        households = self.layer(Kind.HOUSEHOLDS).frame

        def apportion() -> HexagonEstimate:
            codes = self.gaps.household_codes if self.gaps.in_memory else self._codes(households)
            return apportion_hexagons(hexagons, self.gaps, households, codes, self.gaps.region_name)

        return self.derived("hexagons", None, apportion, 1)

    def _codes(self, households: gpd.GeoDataFrame) -> np.ndarray:
        """The municipality code of each household row, by the engine's rule ("" outside)."""
        x, y = point_coordinates(households.geometry.to_crs("EPSG:4326").to_numpy())
        area = self.gaps.locator.assign(x, y).area
        return np.array([*self.gaps.codes, ""], dtype=object)[area]

    def warnings(self, kind: Kind) -> list[tuple[str, dict[str, Any]]]:
        """The warnings recorded when the current version of ``kind`` was loaded."""
        if kind not in self.layers:
            return []
        recorded: Any = self.layers[kind].meta.notes.get("warning_keys", [])
        return [(str(key), dict(params)) for key, params in recorded]

    def families_reported(self) -> list[str]:
        """The families of service the households layer can report (all when not recorded)."""
        notes = self.layer(Kind.HOUSEHOLDS).meta.notes
        recorded: Any = notes.get("families_reported", [str(family) for family in FAMILIES])
        return [str(family) for family in recorded]

    def layer(self, kind: Kind) -> Layer:
        """The loaded layer of ``kind``, or a clear error saying how to load it."""
        try:
            return self.layers[kind]
        except KeyError:
            raise LayerUnavailableError("layer.missing", kind=str(kind)) from None

    def provenance(self, *kinds: Kind) -> list[dict[str, Any]]:
        """Provenance of the given loaded layers (all of them when none is named)."""
        wanted = kinds or tuple(self.layers)
        return [self.layers[kind].provenance() for kind in wanted if kind in self.layers]

    @property
    def demonstration(self) -> bool:
        """Whether any loaded layer is demonstration data."""
        return any(layer.meta.demonstration for layer in self.layers.values())


def load_catalog(
    store: Store,
    snap_m: float = DEFAULT_SNAP_M,
    *,
    fallback: bool = False,
    region_name: str | None = None,
    households_in_memory: bool = True,
) -> Catalog:
    """Read every current layer, build spatial indexes and the household assignment.

    With ``fallback`` (at start-up) a damaged pointer is rebuilt and a layer whose file does
    not verify is replaced by its newest earlier version that does; the catalogue says so.
    Without ``households_in_memory`` (a PostGIS store only) the households stay in the
    database: the gap index is built from their sums, computed there once per version.
    """
    notices = [notice for notice in [store.repair() if fallback else None] if notice]
    current = store.current()
    missing = [kind for kind, schema in SCHEMAS.items() if schema.required and kind not in current]
    if missing:
        raise LayerUnavailableError("layer.missing", kind=str(missing[0]))
    layers: dict[Kind, Layer] = {}
    # Every layer at the version this one reading of the pointer names: a load that switches
    # the pointer meanwhile cannot give this catalogue a mix of versions.
    for kind, version in current.items():
        if kind == Kind.HOUSEHOLDS and not households_in_memory:
            layers[kind] = _stored_households(store, version)
            continue
        if fallback:
            frame, meta, notice = store.read_verified(kind, version)
        else:
            (frame, meta), notice = store.read(kind, version), None
        notices += [notice] if notice else []
        frame.sindex  # noqa: B018 - build the spatial index now, not on the first request
        layers[kind] = Layer(kind, frame, meta)
    municipalities = layers[Kind.MUNICIPALITIES]
    name = region_name or _recorded_region(municipalities.meta)
    if households_in_memory:
        households = layers[Kind.HOUSEHOLDS].frame
        gaps = GapIndex.build(households, municipalities.frame, region_name=name, snap_m=snap_m)
    else:
        sums = _sums(store, layers[Kind.HOUSEHOLDS].meta.version, municipalities, snap_m)
        gaps = GapIndex.from_sums(sums, municipalities.frame, region_name=name, snap_m=snap_m)
    return Catalog(layers, gaps, _token(layers), tuple(notices))


def version_index(store: Store, catalog: Catalog, version: int) -> GapIndex:
    """A gap index of another households version on the catalogue's municipalities.

    A replica sums it in the database, as it does the current one; otherwise it is read.
    """
    municipalities, gaps = catalog.layer(Kind.MUNICIPALITIES), catalog.gaps
    name, snap_m = gaps.region_name, gaps.locator.snap_m
    if gaps.in_memory:
        households, _meta = store.read(Kind.HOUSEHOLDS, version)
        return GapIndex.build(households, municipalities.frame, name, snap_m)
    sums = _sums(store, version, municipalities, snap_m)
    return GapIndex.from_sums(sums, municipalities.frame, name, snap_m)


def _stored_households(store: Store, version: int) -> Layer:
    """The households version as a replica keeps it: its metadata, its rows in the database."""
    from app.layers.pghouseholds import PgHouseholds
    from app.layers.pgstore import PgStore

    if not isinstance(store, PgStore):
        raise LayerUnavailableError("stores.households_in_memory_needed")
    return Layer(
        Kind.HOUSEHOLDS, None, store.meta(Kind.HOUSEHOLDS, version), PgHouseholds(store, version)
    )


def _sums(store: Store, version: int, municipalities: Layer, snap_m: float) -> pd.DataFrame:
    """The sums of a households version on the municipalities, as the store computed them."""
    from app.layers.pgstore import PgStore

    assert isinstance(store, PgStore)
    polygons = municipalities.frame.geometry.to_crs("EPSG:4326").to_numpy()
    versions = (version, municipalities.meta.version)
    sums, seconds = store.household_sums(versions, centred_proj4(polygons), snap_m)
    if seconds:
        logger.info("households %s summed by the database in %.1f s", version, seconds)
    return sums


def _recorded_region(meta: LayerMeta) -> str:
    """The region's name recorded with the municipalities (``notes.region``), else GÎM's."""
    return str(meta.notes.get("region") or REGION_NAME)


def assess_households(
    store: Store, households: gpd.GeoDataFrame, options: LoadOptions, findings: Findings
) -> None:
    """Count the households assigned, snapped and left out; warn of municipalities left empty."""
    try:
        municipalities, _meta = store.read(Kind.MUNICIPALITIES)
    except GimError:
        return
    index = GapIndex.build(households, municipalities, snap_m=options.snap_m)
    assigned = index.household_codes != ""
    dwellings = households["dwellings"].to_numpy(float)
    findings.counts |= {
        "assigned_points": int(assigned.sum()),
        "assigned_dwellings": float(dwellings[assigned].sum()),
        "snapped_points": index.snapped["points"],
        "snapped_dwellings": index.snapped["dwellings"],
        "unassigned_points": int(index.unassigned["points"]),
        "unassigned_dwellings": float(index.unassigned["dwellings"]),
    }
    if index.snapped["points"]:
        findings.warn("layers.warn_snapped", count=index.snapped["points"], metres=options.snap_m)
    if index.unassigned["points"]:
        findings.warn(
            "layers.warn_unassigned",
            count=index.unassigned["points"],
            dwellings=f"{index.unassigned['dwellings']:.0f}",
        )
    _check_empty(municipalities, households, index, options, findings)


def _check_empty(
    municipalities: gpd.GeoDataFrame,
    households: gpd.GeoDataFrame,
    index: GapIndex,
    options: LoadOptions,
    findings: Findings,
) -> None:
    """Warn (strict: refuse) when inhabited municipalities get no household at all."""
    held = households["dwellings"].to_numpy(float) > 0
    covered = set(index.household_codes[held])
    inhabited = municipalities[municipalities["dwellings"].fillna(0) > 0]
    empty = inhabited[~inhabited["code"].astype(str).isin(covered)]
    if empty.empty:
        return
    names = ", ".join(f"{row.name} ({row.code})" for row in empty.sort_values("code").itertuples())
    findings.counts["municipalities_without_households"] = empty["code"].astype(str).tolist()
    params = {"count": len(empty), "names": _cut(names)}
    if options.strict:
        raise LayerValidationError("layers.municipalities_empty", **params)
    findings.warn("layers.municipalities_empty", **params)


def _cut(text: str, limit: int = 300) -> str:
    """A text cut short enough for a one-line message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def load_layer(store: Store, options: LoadOptions, progress: Progress = quiet) -> LoadReport:
    """Load a layer file into the store, households assessed against the municipalities."""
    return loader.load_layer(store, options, progress, assess=assess_households)


def _token(layers: dict[Kind, Layer]) -> str:
    """A short digest of the loaded versions and checksums (for ETags and caches)."""
    parts = sorted(
        f"{kind}:{layer.meta.version}:{layer.meta.checksum}" for kind, layer in layers.items()
    )
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]
