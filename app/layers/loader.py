"""Load a layer file into the store: read, recognise, check, keep the region, assign, write.

Nothing is written until every check has passed, and then only through ``LayerStore.write``
(a new version beside the old ones, then one atomic pointer switch). A refusal is a
``LayerValidationError`` naming the file, in both languages, whatever went wrong inside.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from app.errors import GimError, LayerValidationError
from app.i18n import DEFAULT_LANGUAGE, translate
from app.layers import canonical, ised, presets
from app.layers.kinds import Kind
from app.layers.readers import Source, read
from app.layers.region import Bounds, Region
from app.layers.store import LayerMeta
from app.layers.stores import Store
from app.layers.validate import (
    Findings,
    check_geometry,
    check_values,
    in_region,
    region_outcome,
    to_target_crs,
)
from app.vocabulary import DEFAULT_SNAP_M

STEPS = ("read", "recognise", "check", "region", "assign", "write")
MIN_SPEEDS_COVERAGE = 0.95  # below this share of PHH with speeds, a load warns (strict: refuses)
VINTAGE = re.compile(r"\d{4}(-(0[1-9]|1[0-2]))?")
Progress = Callable[[str], None]
# What the caller checks of a households layer before it is written (the assignment to
# municipalities: app.catalog.assess_households); it records findings or refuses.
Assess = Callable[["Store", gpd.GeoDataFrame, "LoadOptions", "Findings"], None]


def quiet(step: str) -> None:
    """Progress that shows nothing."""


@dataclass(frozen=True)
class LoadOptions:
    """What to load and how, as given on the command line or with an upload."""

    kind: Kind
    path: Path
    speeds: tuple[Path, ...] = ()
    columns: str | None = None
    crs: str | None = None
    vintage: str = ""
    source: str = ""
    layer: str | None = None
    strict: bool = False
    dry_run: bool = False
    demonstration: bool = False
    table: Path | None = None  # attributes joined on the id (ISED hexagons: Data_Hex_Données)
    snap_m: float = DEFAULT_SNAP_M
    region_bounds: Bounds | None = None  # boundary layers of another region (GIM_REGION_BOUNDS)
    names: dict[str, str] = field(default_factory=dict)  # path -> name shown (uploads)

    def shown(self, path: Path) -> str:
        """The name a message gives the file at ``path``."""
        return self.names.get(str(path), Path(path).name)


@dataclass
class LoadReport:
    """What a load did: counts, warnings, the version written (None for a dry run)."""

    kind: Kind
    file: str
    preset: str = ""
    rows_read: int = 0
    features: int = 0
    version: int | None = None
    checksum: str = ""
    dry_run: bool = False
    seconds: float = 0.0
    findings: Findings = field(default_factory=Findings)

    def to_dict(self, lang: str) -> dict[str, Any]:
        """A JSON-ready report, warnings written out in ``lang``."""
        return {
            "ok": True,
            "kind": str(self.kind),
            "file": self.file,
            "preset": self.preset,
            "dry_run": self.dry_run,
            "rows_read": self.rows_read,
            "features": self.features,
            "version": self.version,
            "checksum": self.checksum,
            "seconds": round(self.seconds, 2),
            "counts": self.findings.counts,
            "repairs": self.findings.counts.get("repaired_geometries", 0),
            "warnings": [translate(key, lang, **params) for key, params in self.findings.warnings],
        }


@dataclass(frozen=True)
class Reason:
    """An error quoted inside a message, in the language of its format spec: ``{reason:en}``."""

    error: Exception

    def __format__(self, lang: str) -> str:
        if isinstance(self.error, GimError):
            return translate(self.error.key, lang or DEFAULT_LANGUAGE, **self.error.params)
        return str(self.error) or type(self.error).__name__


class Refusal(LayerValidationError):
    """A file refused: its name and why (``reason`` keeps the cause)."""

    def __init__(self, file: str, reason: GimError) -> None:
        super().__init__("layers.refused", file=file, reason=Reason(reason))
        self.reason = reason

    @property
    def reason_key(self) -> str:
        """The message key of the cause, for machine-readable reports."""
        return self.reason.key


def load_layer(
    store: Store,
    options: LoadOptions,
    progress: Progress = quiet,
    assess: Assess | None = None,
) -> LoadReport:
    """Validate ``options.path`` as a layer of ``options.kind`` and store it as a new version."""
    started = time.perf_counter()
    report = LoadReport(options.kind, options.shown(options.path), dry_run=options.dry_run)
    try:
        frame = _prepared(store, options, report, progress, assess)
        progress("write")
        if not options.dry_run:
            meta = store.write(options.kind, frame, _meta(options, report))
            report.version, report.checksum = meta.version, meta.checksum
    except Refusal:
        raise
    except GimError as error:
        raise Refusal(report.file, error) from error
    report.seconds = time.perf_counter() - started
    return report


def _prepared(
    store: Store,
    options: LoadOptions,
    report: LoadReport,
    progress: Progress,
    assess: Assess | None,
) -> gpd.GeoDataFrame:
    """The checked layer, in EPSG:4326, cut to the region."""
    if options.vintage and not VINTAGE.fullmatch(options.vintage):
        raise LayerValidationError("layers.vintage_malformed", vintage=options.vintage)
    progress("read")
    source = _read(options.path, options, presets.MAIN, options.layer)
    if options.table is not None:
        source = _joined(source, _read(options.table, options, presets.TABLE), options)
    report.rows_read = source.rows
    if source.rows == 0:
        raise LayerValidationError("layers.empty")
    source = presets.renamed(source, presets.parse_columns(options.columns))
    region = Region.from_store(store, options.kind, options.region_bounds)
    findings = report.findings
    if options.kind == Kind.HOUSEHOLDS and presets.is_ised_points(source):
        report.preset = "ised-phh"
        frame = _ised_households(source, options, region, findings, progress)
    else:
        frame = _canonical(store, source, options, region, report, progress)
    check_values(options.kind, frame)
    progress("assign")
    if options.kind == Kind.HOUSEHOLDS and assess is not None:
        assess(store, frame, options, findings)
    report.features = len(frame)
    if not options.vintage:
        findings.warn("layers.warn_no_vintage")
    return frame


def _read(path: Path, options: LoadOptions, role: str = "", layer: str | None = None) -> Source:
    """Read one file (``role`` helps to pick a member of ISED's zips); a refusal names it."""
    try:
        prefer = presets.zip_members(options.kind, role)
        return read(path, layer=layer, text_columns=presets.TEXT_COLUMNS, prefer=prefer)
    except GimError as error:
        raise Refusal(options.shown(path), error) from error


def _joined(source: Source, table: Source, options: LoadOptions) -> Source:
    """The layer's features with the attributes of ``table`` (ISED: CHX_EXO_geo + Data_Hex)."""
    names = presets.JOIN_KEYS.get(options.kind, ())
    left, right = source.find(*names), table.find(*names)
    if left is None or right is None or source.frame is None:
        error = LayerValidationError("layers.join_impossible", keys=", ".join(names) or "—")
        raise Refusal(options.shown(options.table or options.path), error)
    attributes = table.to_pandas().drop_duplicates(right)
    attributes[right] = attributes[right].astype(str).str.strip()
    frame = source.frame.assign(**{left: source.frame[left].astype(str).str.strip()})
    joined = frame.merge(attributes, how="left", left_on=left, right_on=right, suffixes=("", "_t"))
    if joined[right].isna().all():
        error = LayerValidationError("layers.join_none", column=left)
        raise Refusal(options.shown(options.table or options.path), error)
    return Source(source.name, frame=joined)


def _canonical(
    store: Store,
    source: Source,
    options: LoadOptions,
    region: Region,
    report: LoadReport,
    progress: Progress,
) -> gpd.GeoDataFrame:
    """Any file of a known schema: canonical fields, valid geometry, EPSG:4326, the region."""
    progress("recognise")
    if presets.is_ised_speeds(source):
        raise LayerValidationError("layers.speeds_as_points")
    match = presets.recognise(options.kind, source)
    report.preset = match.preset.name
    current = canonical.Current(store)
    frame = canonical.build(options.kind, source, match, current, report.findings, options.crs)
    progress("check")
    frame = check_geometry(options.kind, frame, options.strict, report.findings)
    frame = to_target_crs(frame, report.findings)
    progress("region")
    return in_region(options.kind, frame, region, options.strict, report.findings)


def _ised_households(
    points: Source,
    options: LoadOptions,
    region: Region,
    findings: Findings,
    progress: Progress,
) -> gpd.GeoDataFrame:
    """ISED PHH points of the region joined with their speeds (the province is cut first)."""
    if not options.speeds:
        raise LayerValidationError("layers.speeds_needed")
    speeds = [_speeds_table(path, options) for path in options.speeds]
    progress("recognise")
    points = points.as_table()
    progress("region")
    keep = _points_in_region(points, region, options.strict, findings)
    ids = pc.cast(pc.filter(points.column(ised.PHH_ID), pa.array(keep)), pa.string())
    matches = [_matching(table, ids) for table in speeds]
    tables = [table.to_pandas(match) for table, match in zip(speeds, matches, strict=True)]
    _check_coverage(ids, speeds, matches, options, findings)
    progress("check")
    findings.counts["families_reported"] = ised.families_reported(tables)
    paths = zip(options.speeds, tables, strict=True)
    rows = [_speed_rows(path, table, options) for path, table in paths]
    return ised.households_from_rows(points.to_pandas(keep), rows)


def _speed_rows(path: Path, table: pd.DataFrame, options: LoadOptions) -> pd.DataFrame:
    """One speeds table read; a bad value is refused naming that file, not the points'."""
    try:
        return ised.speed_rows(table)
    except GimError as error:
        raise Refusal(options.shown(path), error) from error


def _speeds_table(path: Path, options: LoadOptions) -> Source:
    """One speeds file, read and recognised (ISED's, or our exact-speeds extension)."""
    table = _read(path, options, ised.SPEEDS).as_table()
    if not presets.is_ised_speeds(table):
        key = (
            "layers.speeds_is_points" if presets.is_ised_points(table) else "layers.speeds_unknown"
        )
        error = LayerValidationError(key, present=presets.listed(table.columns))
        raise Refusal(options.shown(path), error)
    return table


def _matching(speeds: Source, ids: pa.ChunkedArray) -> np.ndarray:
    """Which rows of a speeds table name one of the region's PHH."""
    speed_ids = pc.cast(speeds.column(ised.PHH_ID), pa.string())
    return pc.is_in(speed_ids, value_set=ids).to_numpy(zero_copy_only=False)


def _check_coverage(
    ids: pa.ChunkedArray,
    speeds: list[Source],
    matches: list[np.ndarray],
    options: LoadOptions,
    findings: Findings,
) -> None:
    """Refuse speeds that match no PHH; warn (or refuse, strict) under 95 % of the PHH."""
    chunks = [
        chunk
        for table, match in zip(speeds, matches, strict=True)
        for chunk in pc.filter(pc.cast(table.column(ised.PHH_ID), pa.string()), match).chunks
    ]
    found = len(pc.unique(pa.chunked_array(chunks, pa.string())))
    without = len(ids) - found
    rows = sum(table.rows for table in speeds)
    findings.counts |= {"speeds_rows_read": rows, "points_without_speeds": without}
    if found == 0:
        raise LayerValidationError("layers.speeds_match_none", rows=rows, points=len(ids))
    coverage = found / len(ids)
    if coverage < MIN_SPEEDS_COVERAGE:
        key = "layers.speeds_coverage_low"
        params = {"share": f"{coverage:.1%}", "count": without, "points": len(ids)}
        if options.strict:
            raise LayerValidationError(key, **params)
        findings.warn(key, **params)
    elif without:
        findings.warn("layers.warn_no_speeds", count=without)


def _points_in_region(
    points: Source, region: Region, strict: bool, findings: Findings
) -> np.ndarray:
    """Which PHH points lie in the region; a refusal for blank or swapped coordinates."""
    lon = points.numbers(ised.LONGITUDE)
    lat = points.numbers(ised.LATITUDE)
    blank = np.isnan(lon) | np.isnan(lat)
    if blank.any():
        raise LayerValidationError("layers.coordinates_blank", count=int(blank.sum()))
    keep = region.covers_xy(lon, lat)
    swapped = ~keep & region.covers_xy(lat, lon)
    ids = points.column(ised.PHH_ID)

    def ids_of(mask: np.ndarray) -> np.ndarray:
        return np.asarray(ids.take(np.flatnonzero(mask)[:10]).to_pylist(), dtype=object)

    bounds = np.array([lon.min(), lat.min(), lon.max(), lat.max()])
    region_outcome(keep, swapped, ids_of, bounds, region, strict, findings)
    return keep


def _meta(options: LoadOptions, report: LoadReport) -> LayerMeta:
    """The metadata of the new version (number, count and checksum are set by the store)."""
    notes: dict[str, object] = {"file": report.file, "preset": report.preset}
    if options.speeds:
        notes["speeds_files"] = [options.shown(path) for path in options.speeds]
    notes |= {"rows_read": report.rows_read, **report.findings.counts}
    notes["warnings"] = [translate(k, "en", **p) for k, p in report.findings.warnings]
    # Kept as keys and parameters too, so every page and answer can say them in its language.
    notes["warning_keys"] = [[key, _plain(params)] for key, params in report.findings.warnings]
    return LayerMeta(
        kind=str(options.kind),
        version=0,
        source=options.source or report.file,
        vintage=options.vintage,
        loaded_at=datetime.now(UTC).isoformat(timespec="seconds"),
        feature_count=report.features,
        demonstration=options.demonstration,
        notes=notes,
    )


def _plain(params: dict[str, Any]) -> dict[str, Any]:
    """Message parameters that JSON can keep (numbers and text)."""
    return {k: v if isinstance(v, int | float | str) else str(v) for k, v in params.items()}
