"""Boundaries of another region (or the province) are cut to GIM_REGION_BOUNDS when loaded."""

from __future__ import annotations

import json

import pandas as pd
import shapely
from typer.testing import CliRunner

from app.catalog import load_layer
from app.cli import app
from app.layers.kinds import Kind
from app.layers.loader import LoadOptions
from app.layers.region import Region
from tests.api.test_admin import AUTH, TOKEN, admin_client

PROVINCE = (-79.8, 45.0, -57.1, 62.6)
RIMOUSKI = shapely.box(-68.6, 48.3, -68.4, 48.5)  # Bas-Saint-Laurent: outside GÎM


def with_a_neighbour(store, tmp_path):
    """A file of the current municipalities plus one of the neighbouring region."""
    frame = store.read(Kind.MUNICIPALITIES)[0]
    neighbour = frame.iloc[:1].assign(
        code="2410043", name="Rimouski", mrc_code="2410", mrc_name="Rimouski-Neigette"
    )
    neighbour = neighbour.set_geometry([RIMOUSKI], crs=frame.crs)
    path = tmp_path / "two_regions.geojson"
    pd.concat([frame, neighbour]).to_file(path)
    return path


def test_without_bounds_new_boundaries_are_cut_to_the_current_region(store, tmp_path):
    path = with_a_neighbour(store, tmp_path)
    report = load_layer(store, LoadOptions(Kind.MUNICIPALITIES, path))
    assert report.features == 54
    assert "2410043" not in set(store.read(Kind.MUNICIPALITIES)[0]["code"])


def test_with_the_province_bounds_the_neighbour_is_kept(store, tmp_path):
    path = with_a_neighbour(store, tmp_path)
    report = load_layer(store, LoadOptions(Kind.MUNICIPALITIES, path, region_bounds=PROVINCE))
    assert report.features == 55
    assert "2410043" in set(store.read(Kind.MUNICIPALITIES)[0]["code"])


def test_the_bounds_apply_to_boundary_layers_only(store):
    rimouski = shapely.get_coordinates(RIMOUSKI.centroid)[0]
    as_boundary = Region.from_store(store, Kind.MUNICIPALITIES, PROVINCE)
    as_points = Region.from_store(store, Kind.HOUSEHOLDS, PROVINCE)
    assert as_boundary.covers_xy(*rimouski[:, None]).tolist() == [True]
    assert as_points.covers_xy(*rimouski[:, None]).tolist() == [False]


def test_an_upload_to_admin_is_cut_to_the_bounds_too(store, tmp_path):
    path = with_a_neighbour(store, tmp_path)
    files = {"file": (path.name, path.read_bytes())}
    with admin_client(store.root, admin_token=TOKEN, region_bounds=PROVINCE) as client:
        response = client.post("/admin/layers/municipalities", files=files, headers=AUTH)
        assert response.status_code == 200, response.json()
        assert response.json()["features"] == 55
        assert client.get("/maps/municipality/2410043").status_code == 200


def test_the_command_line_reads_the_bounds_from_the_environment(store, tmp_path, monkeypatch):
    path = with_a_neighbour(store, tmp_path)
    monkeypatch.setenv("GIM_REGION_BOUNDS", json.dumps(PROVINCE))
    result = CliRunner().invoke(
        app, ["load", "municipalities", str(path), "--store", str(store.root), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["features"] == 55
