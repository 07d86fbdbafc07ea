"""ISED hexagons feed approximate 50/10 figures, apportioned to municipalities."""

from pathlib import Path

from fastapi.testclient import TestClient

from app.catalog import load_layer
from app.layers.kinds import Kind
from app.layers.loader import LoadOptions
from app.layers.store import LayerStore
from app.main import create_app
from app.settings import Settings

HEXAGONS = Path(__file__).resolve().parents[1] / "fixtures" / "layers" / "hexagons_ised_shp.zip"


def test_without_hexagons_the_estimate_says_how_to_load_them(client):
    response = client.get("/api/hexagons?lang=en")
    assert response.status_code == 404
    assert "gim-broadband load hexagons" in response.json()["detail"]


def test_loaded_hexagons_give_approximate_figures_that_reconcile(store_dir):
    store = LayerStore(store_dir)
    load_layer(store, LoadOptions(Kind.HEXAGONS, HEXAGONS, vintage="2023-12"))
    settings = Settings(store_dir=store_dir, reload_interval_s=0, _env_file=None)
    with TestClient(create_app(settings)) as client:
        towns = client.get("/api/hexagons").json()
        mrcs = client.get("/api/hexagons?level=mrc").json()
    assert towns["approximate"] is True and towns["threshold"]["label"] == "50/10"
    assert [layer["layer"] for layer in towns["provenance"]["layers"]][0] == "hexagons"
    total = sum(row["dwellings"] for row in towns["rows"]) + towns["unassigned"]["dwellings"]
    assert round(total, 6) == round(towns["region"]["dwellings"], 6) > 0
    assert round(sum(row["dwellings"] for row in mrcs["rows"]), 6) == round(
        sum(row["dwellings"] for row in towns["rows"]), 6
    )
    for row in towns["rows"]:
        low, mid, high = (row[f"served_dwellings_{name}"] for name in ("low", "mid", "high"))
        assert 0 <= low <= mid <= high <= row["dwellings"] + 1e-9
