"""Which layer store to use: the embedded GeoPackage folder, or PostGIS when a database is set."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import geopandas as gpd

from app.layers.kinds import Kind
from app.layers.store import LayerMeta, LayerStore, Notice

if TYPE_CHECKING:
    from app.settings import Settings


class Store(Protocol):
    """What the service, the loader and the CLI ask of a layer store (see LayerStore)."""

    root: Path
    pointer_notice: Notice | None

    def current(self) -> dict[Kind, int]: ...  # noqa: D102
    def repair(self) -> Notice | None: ...  # noqa: D102
    def state(self) -> str: ...  # noqa: D102
    def versions(self, kind: Kind) -> list[int]: ...  # noqa: D102
    def meta(self, kind: Kind, version: int | None = None) -> LayerMeta: ...  # noqa: D102
    def history(self, kind: Kind) -> list[LayerMeta]: ...  # noqa: D102
    def read(  # noqa: D102
        self, kind: Kind, version: int | None = None
    ) -> tuple[gpd.GeoDataFrame, LayerMeta]: ...
    def read_verified(  # noqa: D102
        self, kind: Kind, version: int | None = None
    ) -> tuple[gpd.GeoDataFrame, LayerMeta, Notice | None]: ...
    def write(  # noqa: D102
        self,
        kind: Kind,
        frame: gpd.GeoDataFrame,
        meta: LayerMeta,
        *,
        version: int | None = None,
        make_current: bool = True,
    ) -> LayerMeta: ...
    def set_current(self, kind: Kind, version: int) -> None: ...  # noqa: D102
    def rollback(self, kind: Kind) -> int: ...  # noqa: D102
    def staging(self) -> AbstractContextManager[Path]: ...  # noqa: D102
    def lock(self) -> AbstractContextManager[None]: ...  # noqa: D102


def open_store(settings: Settings) -> Store:
    """The PostGIS store when ``GIM_DATABASE_URL`` is set, else the folder ``GIM_STORE_DIR``."""
    if settings.database_url is not None:
        from app.layers.pgstore import PgStore

        return PgStore(settings.database_url.get_secret_value())
    return LayerStore(settings.store_dir)


def copy_store(source: Store, target: Store) -> Iterator[tuple[Kind, int]]:
    """Copy every version of every kind, metadata as recorded, then the current pointer."""
    current = source.current()
    for kind in Kind:
        for version in source.versions(kind):
            frame, meta = source.read(kind, version)
            target.write(kind, frame, meta, version=version, make_current=False)
            yield kind, version
    for kind, version in current.items():
        target.set_current(kind, version)
