"""The versioned store: history, rollback, one writer at a time, leftovers of killed writers."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from dataclasses import replace

import pytest

from app.errors import NotFoundError
from app.layers.kinds import Kind
from app.layers.store import LayerStore


def mrcs_again(store: LayerStore, source: str = "again"):
    frame, meta = store.read(Kind.MRCS)
    return store.write(Kind.MRCS, frame, replace(meta, source=source))


def test_every_version_is_kept_with_its_metadata(store):
    written = mrcs_again(store, "second")
    assert store.versions(Kind.MRCS) == [1, 2]
    assert [meta.source for meta in store.history(Kind.MRCS)][1] == "second"
    assert written.version == 2 and written.feature_count == 6 and len(written.checksum) == 64
    assert store.meta(Kind.MRCS, 1).version == 1


def test_rollback_makes_the_previous_version_current_until_there_is_none(store):
    mrcs_again(store)
    mrcs_again(store)
    assert store.current()[Kind.MRCS] == 3
    assert store.rollback(Kind.MRCS) == 2
    assert store.rollback(Kind.MRCS) == 1
    assert store.read(Kind.MRCS)[1].version == 1
    with pytest.raises(NotFoundError) as refusal:
        store.rollback(Kind.MRCS)
    assert refusal.value.key == "layers.rollback_none"
    store.set_current(Kind.MRCS, 3)
    assert store.current()[Kind.MRCS] == 3


def test_an_unknown_version_cannot_be_made_current(store):
    with pytest.raises(NotFoundError):
        store.set_current(Kind.MRCS, 9)
    assert store.current()[Kind.MRCS] == 1


def test_concurrent_writers_get_distinct_versions(store):
    threads = [threading.Thread(target=mrcs_again, args=(store,)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.versions(Kind.MRCS) == [1, 2, 3, 4]
    assert all(store.read(Kind.MRCS, v)[0].shape[0] == 6 for v in store.versions(Kind.MRCS))


def test_staging_files_of_dead_writers_are_removed_by_the_next_write(store):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    pid = int(dead.stdout)
    folder = store.root / "mrcs"
    abandoned = [folder / f".staging-{pid}-2.gpkg", store.root / f".current.json.{pid}.x1y2"]
    alive = folder / f".staging-{os.getpid()}-7.gpkg"
    for path in (*abandoned, alive):
        path.write_bytes(b"half written")
    mrcs_again(store)
    assert not any(path.exists() for path in abandoned)
    assert alive.exists()  # a writer that is still running keeps its file
