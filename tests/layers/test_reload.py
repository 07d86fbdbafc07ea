"""Hot reload: a new current version is served without restart, whole, and never half-way."""

from __future__ import annotations

import logging
import threading
import time
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient

from app.catalog import load_catalog, load_layer
from app.errors import LayerValidationError
from app.layers.kinds import Kind
from app.layers.loader import LoadOptions
from app.main import create_app
from app.reload import Reloader
from app.settings import Settings

DEADLINE_S = 60  # generous: only a broken reloader ever gets near it


def holder_of(store):
    return SimpleNamespace(catalog=load_catalog(store))


def load_parquet_households(store, layer_files):
    options = LoadOptions(Kind.HOUSEHOLDS, layer_files / "households.parquet", vintage="2024")
    return load_layer(store, options)


def wait_for(condition, what):
    deadline = time.monotonic() + DEADLINE_S
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def test_reload_swaps_the_whole_catalogue_only_when_the_pointer_changes(store, layer_files):
    holder = holder_of(store)
    reloader = Reloader(store, holder)
    first = holder.catalog
    first_version = first.layer(Kind.HOUSEHOLDS).meta.version
    assert reloader.reload().changed is False and holder.catalog is first
    load_parquet_households(store, layer_files)
    outcome = reloader.reload()
    assert outcome.changed and holder.catalog is not first
    assert holder.catalog.layer(Kind.HOUSEHOLDS).meta.version == first_version + 1
    assert holder.catalog.token == outcome.token != first.token
    assert len(holder.catalog.gaps.household_codes) == 5


def test_a_failed_reload_keeps_the_old_catalogue_and_says_why_once(store, layer_files, caplog):
    holder = holder_of(store)

    def broken(_store):
        raise LayerValidationError("layers.empty")

    reloader = Reloader(store, holder, build=broken)
    old = holder.catalog
    load_parquet_households(store, layer_files)
    with caplog.at_level(logging.ERROR, logger="app.reload"):
        first, second = reloader.reload(), reloader.reload()
    assert first.error is not None and not first.changed and holder.catalog is old
    assert second.error is None and not second.changed  # same pointer: not retried
    assert len([r for r in caplog.records if "reload failed" in r.message]) == 1
    assert reloader.reload(force=True).error is not None  # an explicit reload tries again


def test_a_pointer_moving_during_a_build_triggers_another_build(store, layer_files):
    holder = holder_of(store)
    calls = []

    def build_while_rolling_back(current_store):
        calls.append(current_store.state())
        if len(calls) == 1:
            current_store.set_current(Kind.HOUSEHOLDS, 1)
        return load_catalog(current_store)

    reloader = Reloader(store, holder, build=build_while_rolling_back)
    load_parquet_households(store, layer_files)
    reloader.reload()
    assert len(calls) == 2
    assert holder.catalog.layer(Kind.HOUSEHOLDS).meta.version == 1


def test_the_background_thread_picks_up_a_new_version_and_stops(store, layer_files):
    holder = holder_of(store)
    reloader = Reloader(store, holder)
    reloader.start(0.02)
    try:
        load_parquet_households(store, layer_files)
        wait_for(lambda: holder.catalog.layer(Kind.HOUSEHOLDS).meta.version == 2, "the reload")
    finally:
        reloader.stop()
    assert reloader._thread is None


def region_check(response, dwellings_of_version):
    """Whether a /api/region answer's figures belong to the households version it cites."""
    body = response.json()
    versions = {layer["layer"]: layer["version"] for layer in body["provenance"]["layers"]}
    return body["figures"]["dwellings"] == dwellings_of_version[versions["households"]]


@pytest.mark.slow
def test_swapping_layers_under_load_fails_no_request_and_mixes_no_answer(store, layer_files):
    demo_dwellings = store.read(Kind.HOUSEHOLDS)[0]["dwellings"].sum()
    load_parquet_households(store, layer_files)
    store.set_current(Kind.HOUSEHOLDS, 1)
    parquet_dwellings = store.read(Kind.HOUSEHOLDS, 2)[0]["dwellings"].sum()
    dwellings_of_version = {1: demo_dwellings, 2: parquet_dwellings}
    settings = Settings(store_dir=store.root, reload_interval_s=0.02, tiles_url="", _env_file=None)
    failures, mixed, seen, stop = [], [], set(), threading.Event()

    def hammer(client, path):
        while not stop.is_set():
            response = client.get(path)
            if response.status_code != 200:
                failures.append((path, response.status_code, response.text[:200]))
            elif path.startswith("/api/region"):
                if not region_check(response, dwellings_of_version):
                    mixed.append(response.json()["provenance"])
            else:
                body = response.json()
                households = body["layers"]["households"]
                seen.add((body["catalog"], households["version"]))
                if households["dwellings"] != dwellings_of_version[households["version"]]:
                    mixed.append(body["layers"])

    with TestClient(create_app(settings)) as client:
        paths = ["/healthz", "/api/region", "/api/region?threshold=25/5", "/healthz"]
        threads = [threading.Thread(target=hammer, args=(client, path)) for path in paths]
        for thread in threads:
            thread.start()
        try:
            for version in (2, 1, 2, 1, 2, 1):
                store.set_current(Kind.HOUSEHOLDS, version)
                wait_for(lambda v=version: _served(client) == v, f"households {version}")
        finally:
            stop.set()
            for thread in threads:
                thread.join()
    assert failures == [] and mixed == []
    tokens = {token for token, _version in seen}
    assert {version for _token, version in seen} == {1, 2} and len(tokens) == 2


def _served(client):
    return client.get("/healthz").json()["layers"]["households"]["version"]


def test_a_catalogue_reads_the_pointer_once_for_every_layer(store, monkeypatch):
    readings = []
    original = type(store).current

    def counted(self):
        readings.append(1)
        return original(self)

    monkeypatch.setattr(type(store), "current", counted)
    catalog = load_catalog(store)
    assert len(readings) == 1
    assert {kind: layer.meta.version for kind, layer in catalog.layers.items()} == original(store)
