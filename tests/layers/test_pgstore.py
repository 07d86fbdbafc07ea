"""The PostGIS store: the same versions, checksums and pointer as the folder, in one database."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import textwrap
import threading
from dataclasses import replace

import pandas.testing
import psycopg
import pytest

from app.catalog import load_catalog, load_layer
from app.errors import LayerUnavailableError, NotFoundError
from app.layers.kinds import Kind
from app.layers.loader import LoadOptions
from app.layers.pgstore import SCHEMA, PgStore
from app.layers.store import LayerStore
from app.layers.stores import open_store
from app.settings import Settings
from tests.conftest import EMBEDDED_STORE


@pytest.fixture
def pg(database_url: str) -> PgStore:
    return PgStore(database_url)


def mrcs_again(store: PgStore, source: str = "again"):
    frame, meta = store.read(Kind.MRCS)
    return store.write(Kind.MRCS, frame, replace(meta, source=source))


def test_a_copy_of_the_embedded_store_reads_back_the_same_frames_and_metadata(pg):
    embedded = LayerStore(EMBEDDED_STORE)
    assert pg.current() == embedded.current()
    for kind in embedded.current():
        frame, meta = embedded.read(kind)
        copied, copied_meta = pg.read(kind)
        pandas.testing.assert_frame_equal(copied, frame)
        assert copied.crs == frame.crs
        assert replace(copied_meta, checksum="") == replace(meta, checksum="")
        assert len(copied_meta.checksum) == 64


def test_every_version_is_kept_with_its_metadata(pg):
    written = mrcs_again(pg, "second")
    assert pg.versions(Kind.MRCS) == [1, 2]
    assert [meta.source for meta in pg.history(Kind.MRCS)][1] == "second"
    assert written.version == 2 and written.feature_count == 6 and len(written.checksum) == 64
    assert pg.meta(Kind.MRCS, 1).version == 1
    assert written.checksum == pg.meta(Kind.MRCS, 1).checksum  # the same rows


def test_rollback_makes_the_previous_version_current_until_there_is_none(pg):
    mrcs_again(pg)
    mrcs_again(pg)
    assert pg.current()[Kind.MRCS] == 3
    assert pg.rollback(Kind.MRCS) == 2
    assert pg.rollback(Kind.MRCS) == 1
    assert pg.read(Kind.MRCS)[1].version == 1
    with pytest.raises(NotFoundError) as refusal:
        pg.rollback(Kind.MRCS)
    assert refusal.value.key == "layers.rollback_none"
    pg.set_current(Kind.MRCS, 3)
    assert pg.current()[Kind.MRCS] == 3


def test_an_unknown_version_cannot_be_made_current(pg):
    with pytest.raises(NotFoundError):
        pg.set_current(Kind.MRCS, 9)
    assert pg.current()[Kind.MRCS] == 1


def test_concurrent_writers_get_distinct_versions(pg):
    threads = [threading.Thread(target=mrcs_again, args=(pg,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert pg.versions(Kind.MRCS) == [1, 2, 3, 4, 5]
    assert all(pg.read(Kind.MRCS, v)[0].shape[0] == 6 for v in pg.versions(Kind.MRCS))


def test_each_version_has_its_gist_index_and_the_pointer_names_only_stored_versions(pg):
    mrcs_again(pg)
    with psycopg.connect(pg.url) as connection:
        indexes = connection.execute(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = %s AND tablename = 'mrcs_0002'",
            [SCHEMA],
        ).fetchall()
        assert any("USING gist (geom)" in row[0] for row in indexes)
        with pytest.raises(psycopg.errors.ForeignKeyViolation):
            connection.execute(f"UPDATE {SCHEMA}.current SET version = 7 WHERE kind = 'mrcs'")


def edit_in_place(store: PgStore, version: int) -> None:
    """What an editor connected to the database does: the same table, other values."""
    with psycopg.connect(store.url) as connection:
        connection.execute(f"UPDATE {SCHEMA}.mrcs_{version:04d} SET name = name || ' (edited)'")


def test_a_table_edited_in_place_is_refused_naming_it(pg):
    version = mrcs_again(pg, "second").version
    edit_in_place(pg, version)
    with pytest.raises(LayerUnavailableError) as refusal:
        pg.read(Kind.MRCS)
    assert refusal.value.key == "layer.checksum_mismatch"
    assert "gim.mrcs_0002" in str(refusal.value)


def test_at_start_the_catalogue_falls_back_to_the_last_version_that_verifies(pg, caplog):
    edit_in_place(pg, mrcs_again(pg, "second").version)
    with caplog.at_level(logging.ERROR):
        catalog = load_catalog(pg, fallback=True)
    assert catalog.layer(Kind.MRCS).meta.version == 1
    assert catalog.notices[0][0] == "layer.fallback"
    assert "version 1, intact, is served" in caplog.text


def test_a_load_goes_through_the_same_loader(pg, layer_files):
    report = load_layer(pg, LoadOptions(Kind.MRCS, layer_files / "mrcs.geojson", vintage="2021"))
    assert report.version == 2 and pg.current()[Kind.MRCS] == 2
    assert pg.meta(Kind.MRCS).vintage == "2021"
    assert load_catalog(pg).layer(Kind.MRCS).meta.version == 2


def test_the_database_setting_selects_the_store(database_url, tmp_path):
    assert isinstance(open_store(Settings(_env_file=None)), LayerStore)
    settings = Settings(database_url=database_url, store_dir=tmp_path, _env_file=None)
    assert isinstance(open_store(settings), PgStore)


CHILD = textwrap.dedent(
    """
    import sys, time
    from dataclasses import replace
    from app.layers import pgstore
    from app.layers.kinds import Kind

    checksum = pgstore._checksum

    def stopped(connection, table):
        print("stopped", flush=True)  # the table is loaded and indexed, not yet current
        time.sleep(3600)

    store = pgstore.PgStore(sys.argv[1])
    frame, meta = store.read(Kind.MRCS)
    pgstore._checksum = stopped
    store.write(Kind.MRCS, frame, replace(meta, source="killed"))
    """
)


def test_a_writer_killed_during_a_load_leaves_the_previous_version_current(pg):
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, pg.url], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "stopped"
        state = pg.state()
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert pg.current()[Kind.MRCS] == 1 and pg.versions(Kind.MRCS) == [1]
    assert pg.state() == state
    with psycopg.connect(pg.url) as connection:
        tables = connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s AND tablename LIKE 'mrcs%%'",
            [SCHEMA],
        ).fetchall()
    assert tables == [("mrcs_0001",)]  # nothing half-written is left behind
    assert mrcs_again(pg).version == 2  # and the writer lock went with the killed writer


def test_an_edit_after_a_read_is_noticed_by_the_state_and_the_next_read(pg):
    pg.read(Kind.MRCS)
    state = pg.state()
    edit_in_place(pg, 1)
    assert pg.state() != state
    with pytest.raises(LayerUnavailableError) as refusal:
        pg.read(Kind.MRCS)
    assert refusal.value.key == "layer.checksum_mismatch"
