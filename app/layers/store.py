"""A versioned layer store on disk: one GeoPackage per version, one atomic pointer file.

Layout::

    <root>/current.json                   {"municipalities": 1, "households": 3, ...}
    <root>/<kind>/<NNNN>.gpkg             one layer, named after the kind (QGIS opens it)
    <root>/<kind>/<NNNN>.json             its LayerMeta

A version is written beside the others; only then is ``current.json`` replaced, with
``os.replace``, which is atomic. A crash at any moment leaves the previous pointer, and so
the previous versions, current and readable. Writers take an exclusive lock on
``<root>/.lock`` (a load from the command line and an upload may run at once); readers never
wait. Staging files left by a killed writer are removed by the next one.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Protocol

import geopandas as gpd
import pyogrio

from app.errors import GimError, LayerUnavailableError, NotFoundError
from app.layers.kinds import Kind

logger = logging.getLogger(__name__)
POINTER = "current.json"
# What a notice is: a message key and its parameters (shown by /healthz and logged).
Notice = tuple[str, dict[str, object]]
LOCK = ".lock"
# Temporary files carry the writer's process id, so a later writer knows which are abandoned.
_TEMPORARY = re.compile(r"^\.(?:staging-|.+\.json\.)(\d+)[-.]")
# Fixed so that the same frame always gives the same bytes (GDAL otherwise stamps "now").
GPKG_TIMESTAMP = "2000-01-01T00:00:00Z"


@dataclass(frozen=True)
class LayerMeta:
    """What is known of one version of a layer."""

    kind: str
    version: int
    source: str
    vintage: str
    loaded_at: str
    feature_count: int
    checksum: str = ""
    demonstration: bool = False
    licence: str = ""
    attribution: str = ""
    notes: dict[str, object] = field(default_factory=dict)

    def to_json(self) -> str:
        """The metadata as indented JSON."""
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> LayerMeta:
        """Read metadata written by ``to_json``."""
        return cls(**json.loads(text))


class LayerStore:
    """Versions of every layer kind under one folder."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.pointer_notice: Notice | None = None

    def current(self) -> dict[Kind, int]:
        """The current version of each kind (rebuilt when ``current.json`` is missing or bad)."""
        path = self.root / POINTER
        pointer: dict[Kind, int] | None = None
        try:
            pointer = _parse_pointer(path.read_text(encoding="utf-8"))
            damaged = any(not self._complete(kind, version) for kind, version in pointer.items())
        except FileNotFoundError:
            damaged = False
        except (ValueError, TypeError, AttributeError, UnicodeDecodeError):
            damaged = True
        self.pointer_notice = None
        if pointer is not None and not damaged:
            return pointer
        rebuilt = self._rebuilt(pointer or {})
        if rebuilt or damaged:
            self.pointer_notice = (
                "layer.pointer_rebuilt",
                {"versions": ", ".join(f"{kind} {version}" for kind, version in rebuilt.items())},
            )
        return rebuilt

    def _rebuilt(self, pointer: dict[Kind, int]) -> dict[Kind, int]:
        """The valid entries of ``pointer``, the newest complete version for every other kind."""
        rebuilt = {}
        for kind in Kind:
            complete = [v for v in self.versions(kind) if self._complete(kind, v)]
            if pointer.get(kind) in complete:
                rebuilt[kind] = pointer[kind]
            elif complete:
                rebuilt[kind] = complete[-1]
        return rebuilt

    def _complete(self, kind: Kind, version: int) -> bool:
        """Whether both files of a version are there and its metadata reads."""
        try:
            self.meta(kind, version)
        except (GimError, OSError):
            return False
        return self._path(kind, version, ".gpkg").is_file()

    def repair(self) -> Notice | None:
        """Write back a rebuilt pointer when the store is writable; the notice, if any."""
        try:
            with self.lock():
                current = self.current()
                notice = self.pointer_notice
                if notice is not None:
                    _atomic_write(self.root / POINTER, _pointer_text(current))
        except OSError:  # a read-only store: the pointer is rebuilt in memory at every read
            self.current()
            notice = self.pointer_notice
        if notice is not None:
            logger.error("%s", _english(notice))
        return notice

    def state(self) -> str:
        """A token that changes with the current pointer and with any current file edited."""
        path = self.root / POINTER
        text = path.read_text(errors="replace") if path.exists() else ""
        stamps = [_stamp(self._path(kind, v, ".gpkg")) for kind, v in self.current().items()]
        return text + "|".join(stamps)

    def versions(self, kind: Kind) -> list[int]:
        """Every stored version of ``kind``, oldest first."""
        folder = self.root / kind
        if not folder.is_dir():
            return []
        return sorted(int(p.stem) for p in folder.glob("*.json") if p.stem.isdigit())

    def meta(self, kind: Kind, version: int | None = None) -> LayerMeta:
        """Metadata of a version (the current one by default)."""
        version = self._resolve(kind, version)
        path = self._path(kind, version, ".json")
        try:
            return LayerMeta.from_json(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise NotFoundError("layer.version_unknown", kind=str(kind), version=version) from None
        except (ValueError, TypeError, UnicodeDecodeError):
            file = str(path.relative_to(self.root))
            raise LayerUnavailableError(
                "layer.meta_unreadable", kind=str(kind), file=file
            ) from None

    def history(self, kind: Kind) -> list[LayerMeta]:
        """Metadata of every stored version of ``kind``, oldest first."""
        return [self.meta(kind, version) for version in self.versions(kind)]

    def read(self, kind: Kind, version: int | None = None) -> tuple[gpd.GeoDataFrame, LayerMeta]:
        """A version's features and metadata (current by default), its checksum verified."""
        version = self._resolve(kind, version)
        meta = self.meta(kind, version)
        path = self._path(kind, version, ".gpkg")
        if meta.checksum and (not path.is_file() or _sha256(path) != meta.checksum):
            raise LayerUnavailableError(
                "layer.checksum_mismatch",
                kind=str(kind),
                version=version,
                file=str(path.relative_to(self.root)),
            )
        try:
            frame = gpd.read_file(path, layer=str(kind))
        except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, OSError):
            raise LayerUnavailableError(
                "layer.unreadable", kind=str(kind), file=str(path.relative_to(self.root))
            ) from None
        return frame, meta

    def read_verified(
        self, kind: Kind, version: int | None = None
    ) -> tuple[gpd.GeoDataFrame, LayerMeta, Notice | None]:
        """A version of ``kind`` (current by default), or else the newest earlier that verifies."""
        return read_or_fall_back(self, kind, version, lambda v: f"{kind}/{v:04d}.gpkg")

    def write(
        self,
        kind: Kind,
        frame: gpd.GeoDataFrame,
        meta: LayerMeta,
        *,
        version: int | None = None,
        make_current: bool = True,
    ) -> LayerMeta:
        """Store ``frame`` as a new version (next number unless given); return its metadata."""
        folder = self.root / kind
        folder.mkdir(parents=True, exist_ok=True)
        with self.lock():
            _sweep(folder, self.root)
            version = version or max(self.versions(kind), default=0) + 1
            staging = folder / f".staging-{os.getpid()}-{version}.gpkg"
            staging.unlink(missing_ok=True)
            try:
                with _gdal_config(OGR_CURRENT_DATE=GPKG_TIMESTAMP):
                    pyogrio.write_dataframe(frame, staging, layer=str(kind), driver="GPKG")
                _fsync(staging)
            except BaseException:  # a full disk: leave no half-written file behind
                staging.unlink(missing_ok=True)
                raise
            meta = replace(
                meta,
                kind=str(kind),
                version=version,
                feature_count=len(frame),
                checksum=_sha256(staging),
            )
            os.replace(staging, self._path(kind, version, ".gpkg"))
            _fsync_folder(folder)
            _atomic_write(self._path(kind, version, ".json"), meta.to_json())
            if make_current:
                self._point(kind, version)
        return meta

    def set_current(self, kind: Kind, version: int) -> None:
        """Make ``version`` the current one of ``kind``, in one atomic step."""
        with self.lock():
            self._point(kind, version)

    def rollback(self, kind: Kind) -> int:
        """Make the version before the current one current again; return its number."""
        with self.lock():
            current = self._resolve(kind, None)
            earlier = [version for version in self.versions(kind) if version < current]
            if not earlier:
                raise NotFoundError("layers.rollback_none", kind=str(kind), version=current)
            self._point(kind, earlier[-1])
            return earlier[-1]

    @contextmanager
    def staging(self) -> Iterator[Path]:
        """A private folder inside the store for files in transit, removed afterwards."""
        self.root.mkdir(parents=True, exist_ok=True)
        _sweep(self.root)
        folder = Path(tempfile.mkdtemp(prefix=f".staging-{os.getpid()}-upload-", dir=self.root))
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the store's writer lock (a file lock, so it also excludes other processes)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / LOCK).open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _point(self, kind: Kind, version: int) -> None:
        """Switch the pointer of ``kind`` to ``version`` (the caller holds the lock)."""
        if version not in self.versions(kind):
            raise NotFoundError("layer.version_unknown", kind=str(kind), version=version)
        pointer = self.current()
        pointer[kind] = version
        _atomic_write(self.root / POINTER, _pointer_text(pointer))

    def _resolve(self, kind: Kind, version: int | None) -> int:
        if version is not None:
            return version
        try:
            return self.current()[kind]
        except KeyError:
            raise LayerUnavailableError("layer.missing", kind=str(kind)) from None

    def _path(self, kind: Kind, version: int, suffix: str) -> Path:
        return self.root / kind / f"{version:04d}{suffix}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _sweep(*folders: Path) -> None:
    """Remove the temporary files and folders of writers that are no longer running."""
    for path in (path for folder in folders for path in folder.glob(".*")):
        match = _TEMPORARY.match(path.name)
        if match and not _alive(int(match.group(1))):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    """Whether a process with this id exists (ours included)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it over ``path``."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (the folder's entry is what a crash could lose)."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _parse_pointer(text: str) -> dict[Kind, int]:
    """The pointer file's kinds and versions; ValueError or TypeError when it is damaged."""
    return {Kind(kind): int(version) for kind, version in json.loads(text).items()}


def _pointer_text(pointer: dict[Kind, int]) -> str:
    return json.dumps({str(k): v for k, v in pointer.items()}, indent=2, sort_keys=True) + "\n"


def _stamp(path: Path) -> str:
    """Size and modification time of a file, to notice it being edited in place."""
    try:
        status = path.stat()
    except OSError:
        return "missing"
    return f"{status.st_size}:{status.st_mtime_ns}"


class _Readable(Protocol):
    """What falling back needs of a store (the folder's and PostGIS's alike)."""

    def _resolve(self, kind: Kind, version: int | None) -> int: ...
    def versions(self, kind: Kind) -> list[int]: ...
    def read(
        self, kind: Kind, version: int | None = None
    ) -> tuple[gpd.GeoDataFrame, LayerMeta]: ...


def read_or_fall_back(
    store: _Readable, kind: Kind, version: int | None, name_of: Callable[[int], str]
) -> tuple[gpd.GeoDataFrame, LayerMeta, Notice | None]:
    """``version`` of ``kind`` (current by default), else the newest earlier that verifies.

    The notice of a fallback names the version that failed by ``name_of`` (its file or table).
    """
    current = store._resolve(kind, version)
    earlier = [older for older in reversed(store.versions(kind)) if older < current]
    try:
        frame, meta = store.read(kind, current)
        return frame, meta, None
    except GimError as failure:
        for older in earlier:
            try:
                frame, meta = store.read(kind, older)
            except GimError:
                continue
            params = {"kind": str(kind), "current": current, "version": older}
            file = failure.params.get("file", name_of(current))
            notice: Notice = ("layer.fallback", params | {"file": file})
            logger.error("%s", _english(notice))
            return frame, meta, notice
        raise


def _english(notice: Notice) -> str:
    from app.i18n import translate

    key, params = notice
    return translate(key, "en", **params)


class _gdal_config:
    """Set GDAL configuration options for the duration of a block."""

    def __init__(self, **options: str) -> None:
        self.options = options
        self.previous: dict[str, str | None] = {}

    def __enter__(self) -> None:
        for name, value in self.options.items():
            self.previous[name] = pyogrio.get_gdal_config_option(name)
            pyogrio.set_gdal_config_options({name: value})

    def __exit__(self, *exc: object) -> None:
        pyogrio.set_gdal_config_options(self.previous)
