"""The store checks itself: checksums verified on read, fallback to the last version that
verifies, a missing or damaged pointer rebuilt, and /healthz and the logs saying so."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient

from app.catalog import load_catalog
from app.errors import LayerUnavailableError
from app.layers.kinds import Kind
from app.layers.store import POINTER, LayerStore
from app.main import create_app
from app.reload import Reloader
from app.settings import Settings


def second_mrcs(store: LayerStore) -> int:
    frame, meta = store.read(Kind.MRCS)
    return store.write(Kind.MRCS, frame, replace(meta, source="second")).version


def edit_in_place(store: LayerStore, version: int) -> None:
    """What QGIS does to a GeoPackage it edits: the same file, other bytes."""
    path = store.root / "mrcs" / f"{version:04d}.gpkg"
    data = bytearray(path.read_bytes())
    data[-100] ^= 0xFF
    path.write_bytes(bytes(data))


def service(store: LayerStore) -> TestClient:
    settings = Settings(store_dir=store.root, reload_interval_s=0, tiles_url="", _env_file=None)
    return TestClient(create_app(settings))


def test_a_file_edited_in_place_is_refused_naming_it_and_changes_the_state(store):
    version = second_mrcs(store)
    state = store.state()
    edit_in_place(store, version)
    assert store.state() != state
    with pytest.raises(LayerUnavailableError) as refusal:
        store.read(Kind.MRCS)
    assert refusal.value.key == "layer.checksum_mismatch"
    assert "mrcs/0002.gpkg" in str(refusal.value)


def test_a_reload_after_an_edit_in_place_keeps_serving_the_verified_catalogue(store, caplog):
    version = second_mrcs(store)
    holder = SimpleNamespace(catalog=load_catalog(store))
    reloader = Reloader(store, holder)
    token = holder.catalog.token
    edit_in_place(store, version)
    with caplog.at_level(logging.ERROR):
        outcome = reloader.reload()
    assert outcome.error is not None and holder.catalog.token == token
    assert "does not verify" in caplog.text


def test_at_start_the_service_falls_back_to_the_last_version_that_verifies(store, caplog):
    version = second_mrcs(store)
    edit_in_place(store, version)
    with caplog.at_level(logging.ERROR), service(store) as client:
        health = client.get("/healthz?lang=en").json()
    assert health["status"] == "degraded" and health["layers"]["mrcs"]["version"] == 1
    assert health["notices"][0].startswith("Layer 'mrcs': file mrcs/0002.gpkg of version 2")
    assert "version 1, intact, is served" in caplog.text


@pytest.mark.parametrize("damage", ["missing", "garbage", "unknown version"])
def test_a_missing_or_damaged_pointer_is_rebuilt_from_the_newest_complete_versions(store, damage):
    second_mrcs(store)
    pointer = store.root / POINTER
    if damage == "missing":
        pointer.unlink()
    elif damage == "garbage":
        pointer.write_bytes(b"\x00{not json")
    else:
        pointer.write_text(json.dumps({"mrcs": 7, "municipalities": 1}))
    (store.root / "households" / "0002.json").write_text("{}")  # incomplete: no GeoPackage
    with service(store) as client:
        health = client.get("/healthz?lang=en").json()
    assert health["status"] == "degraded" and "rebuilt" in health["notices"][0]
    assert health["layers"]["mrcs"]["version"] == 2
    assert health["layers"]["households"]["version"] == 1
    assert json.loads(pointer.read_text())["mrcs"] == 2  # written back
    with service(store) as client:
        assert client.get("/healthz").json()["status"] == "ok"


def test_a_healthy_store_reports_ok_and_no_notice(client):
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["notices"] == []


def test_a_layer_that_does_not_verify_can_be_fixed_by_loading_it_again(store, layer_files):
    from app.catalog import load_layer
    from app.layers.loader import LoadOptions

    edit_in_place(store, second_mrcs(store))
    report = load_layer(store, LoadOptions(Kind.MRCS, layer_files / "mrcs.geojson"))
    assert report.version == 3 and store.read(Kind.MRCS)[1].version == 3
    assert load_catalog(store).layer(Kind.MRCS).meta.version == 3


def test_healthz_says_when_a_hot_reload_was_refused(store):
    with service(store) as client:
        version = second_mrcs(store)
        edit_in_place(store, version)
        client.app.state.reloader.reload()
        health = client.get("/healthz?lang=en").json()
        assert health["status"] == "degraded"
        assert health["notices"][-1].startswith("The newest versions in the store could not")
        assert "mrcs/0002.gpkg" in health["notices"][-1]
        store.rollback(Kind.MRCS)  # back to the version that verifies: all is well
        client.app.state.reloader.reload()
        assert client.get("/healthz").json()["status"] == "ok"
