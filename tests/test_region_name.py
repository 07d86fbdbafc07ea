"""The region is configuration: its name from a setting or from the municipalities' metadata."""

from __future__ import annotations

from dataclasses import replace

from fastapi.testclient import TestClient

from app.catalog import load_catalog
from app.gaps.engine import REGION_NAME
from app.layers.kinds import Kind
from app.layers.store import LayerStore
from app.main import create_app

NEIGHBOUR = "Bas-Saint-Laurent"


def test_by_default_the_region_is_gim(store_dir):
    assert load_catalog(LayerStore(store_dir)).gaps.region_name == REGION_NAME


def test_the_name_recorded_with_the_municipalities_names_the_region(store_dir):
    store = LayerStore(store_dir)
    frame, meta = store.read(Kind.MUNICIPALITIES)
    store.write(Kind.MUNICIPALITIES, frame, replace(meta, notes=meta.notes | {"region": NEIGHBOUR}))
    assert load_catalog(store).gaps.region_name == NEIGHBOUR
    assert load_catalog(store, region_name="Québec").gaps.region_name == "Québec"


def test_the_setting_names_the_region_in_every_figure(settings):
    named = settings.model_copy(update={"region_name": NEIGHBOUR})
    with TestClient(create_app(named)) as client:
        assert client.get("/api/region").json()["name"] == NEIGHBOUR
