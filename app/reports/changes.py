"""Change over time: the served figures of two versions of the households layer, side by side.

Both versions are counted against the *current* municipalities, so a municipality's before and
after cover the same ground. When the municipal boundaries in force at the two loads differ, or
the two versions report different families of service, the comparison says so in its warnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd

from app.catalog import Catalog, version_index
from app.errors import NotFoundError
from app.gaps.engine import GapIndex, GapReport
from app.gaps.threshold import Threshold
from app.layers.kinds import Kind
from app.layers.store import LayerMeta, LayerStore
from app.vocabulary import FAMILIES, TechnologyChoice

MEASURES = ("served_share", "served_dwellings", "dwellings")
COLUMNS = tuple(
    f"{when}_{measure}" for measure in MEASURES for when in ("before", "after", "change")
)
Warning = tuple[str, dict[str, Any]]


@dataclass(frozen=True, eq=False)
class Changes:
    """Before, after and change of the served figures of every area and the region."""

    before: LayerMeta
    after: LayerMeta
    threshold: Threshold
    technologies: TechnologyChoice
    municipalities: pd.DataFrame  # index code: name, mrc_code, mrc_name, then COLUMNS
    mrcs: pd.DataFrame  # index code: name, then COLUMNS
    region: pd.Series  # COLUMNS
    unassigned: dict[str, float]  # change of the dwellings outside every municipality
    warnings: tuple[Warning, ...]


def previous_version(store: LayerStore, version: int) -> int:
    """The stored households version before ``version``, or a not-found error."""
    earlier = [number for number in store.versions(Kind.HOUSEHOLDS) if number < version]
    if not earlier:
        raise NotFoundError("changes.no_previous", version=version)
    return earlier[-1]


def compare(
    store: LayerStore,
    catalog: Catalog,
    threshold: Threshold,
    technologies: TechnologyChoice,
    before: int | None = None,
    after: int | None = None,
) -> Changes:
    """The changes from ``before`` to ``after`` (default: the one before ``after``; current)."""
    after = after or catalog.layer(Kind.HOUSEHOLDS).meta.version
    before = before or previous_version(store, after)
    key = (before, after, threshold, technologies)
    return catalog.derived(
        "changes",
        key,
        lambda: _compare(store, catalog, threshold, technologies, before, after),
        size=32,
    )


def _compare(
    store: LayerStore,
    catalog: Catalog,
    threshold: Threshold,
    technologies: TechnologyChoice,
    before: int,
    after: int,
) -> Changes:
    metas = store.meta(Kind.HOUSEHOLDS, before), store.meta(Kind.HOUSEHOLDS, after)
    old, new = (version_report(store, catalog, m.version, threshold, technologies) for m in metas)
    region = pd.Series(_columns(old.region, new.region))
    return Changes(
        before=metas[0],
        after=metas[1],
        threshold=threshold,
        technologies=technologies,
        municipalities=_table(
            old.municipalities, new.municipalities, ["name", "mrc_code", "mrc_name"]
        ),
        mrcs=_table(old.mrcs, new.mrcs, ["name"]),
        region=region,
        unassigned={
            "change_dwellings": new.unassigned["dwellings"] - old.unassigned["dwellings"],
            "change_served_dwellings": new.unassigned["served_dwellings"]
            - old.unassigned["served_dwellings"],
        },
        warnings=tuple(warnings(store, *metas)),
    )


def version_report(
    store: LayerStore,
    catalog: Catalog,
    version: int,
    threshold: Threshold,
    technologies: TechnologyChoice,
) -> GapReport:
    """The gap figures of one households version, by the catalogue's municipalities."""
    if version == catalog.layer(Kind.HOUSEHOLDS).meta.version:
        return catalog.report(threshold, technologies)
    index = catalog.derived(
        "household versions", version, lambda: _index(store, catalog, version), size=4
    )
    return catalog.derived(
        "version reports",
        (version, threshold, technologies),
        lambda: index.summarize(threshold, technologies),
        size=64,
    )


def _index(store: LayerStore, catalog: Catalog, version: int) -> GapIndex:
    """A gap index of an earlier (or later) households version."""
    return version_index(store, catalog, version)


def _table(old: pd.DataFrame, new: pd.DataFrame, labels: list[str]) -> pd.DataFrame:
    """Labels of the current areas, then before, after and change of each measure."""
    values = pd.DataFrame(_columns(old, new), index=new.index)
    return pd.concat([new[labels], values], axis=1)


def _columns(old: Any, new: Any) -> dict[str, Any]:
    """Before, after and change (after − before) of each measure of rows or tables."""
    columns: dict[str, Any] = {}
    for measure in MEASURES:
        before, after = _numbers(old[measure]), _numbers(new[measure])
        columns |= {
            f"before_{measure}": before,
            f"after_{measure}": after,
            f"change_{measure}": after - before,
        }
    return columns


def _numbers(values: Any) -> Any:
    """A column or a value as floats."""
    return np.asarray(values, dtype=float) if np.ndim(values) else float(values)


def warnings(store: LayerStore, before: LayerMeta, after: LayerMeta) -> list[Warning]:
    """What makes two households versions less than comparable, said plainly."""
    found: list[Warning] = []
    if before.version == after.version:
        found.append(("changes.same_version", {"version": before.version}))
    old, new = (_boundaries_at(store, meta) for meta in (before, after))
    if old and new and old.checksum != new.checksum:
        found.append(("changes.boundaries_changed", {"before": old.version, "after": new.version}))
    families = [_families(meta) for meta in (before, after)]
    if families[0] != families[1]:
        found.append(("changes.families_differ", {}))
    if before.demonstration or after.demonstration:
        found.append(("changes.demonstration", {}))
    return found


def _boundaries_at(store: LayerStore, households: LayerMeta) -> LayerMeta | None:
    """The municipalities version in force when a households version was loaded (or the first)."""
    loaded = _time(households.loaded_at)
    history = store.history(Kind.MUNICIPALITIES)
    earlier = [meta for meta in history if _time(meta.loaded_at) <= loaded]
    return earlier[-1] if earlier else history[0] if history else None


def _time(stamp: str) -> datetime:
    """An ISO time stamp (a bare date counts as midnight, UTC)."""
    parsed = datetime.fromisoformat(stamp)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _families(meta: LayerMeta) -> tuple[str, ...]:
    """The families a households version reports (all when not recorded)."""
    recorded: Any = meta.notes.get("families_reported", [str(f) for f in FAMILIES])
    return tuple(sorted(str(family) for family in recorded))
