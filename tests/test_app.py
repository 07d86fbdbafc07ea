"""The foundation: factory, settings, health, vendored assets, errors in both languages."""

import importlib
import re

from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import EMBEDDED_STORE, Settings


def test_settings_default_to_the_embedded_store_and_read_the_gim_prefix(monkeypatch, tmp_path):
    assert Settings(_env_file=None).store_dir == EMBEDDED_STORE
    monkeypatch.setenv("GIM_STORE_DIR", str(tmp_path))
    monkeypatch.setenv("GIM_CORS_ORIGINS", '["https://mrc.example"]')
    settings = Settings(_env_file=None)
    assert settings.store_dir == tmp_path
    assert settings.cors_origins == ["https://mrc.example"]


def test_creating_the_app_reads_no_layer_until_it_starts(tmp_path):
    app = create_app(Settings(store_dir=tmp_path / "nothing-here", _env_file=None))
    assert not hasattr(app.state, "catalog")


def test_healthz_reports_the_geo_stack_and_every_layer(client):
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    for library in ("geopandas", "shapely", "geos", "pyproj", "proj", "folium"):
        assert body["versions"][library]
    layers = body["layers"]
    assert layers["municipalities"]["features"] == 54
    assert layers["mrcs"]["features"] == 6
    assert layers["community_points"]["features"] == 186
    assert layers["households"]["demonstration"] is True
    assert layers["municipalities"]["demonstration"] is False
    assert body["demonstration"] is True


def test_household_dwellings_total_the_census(client):
    catalog = client.app.state.catalog
    census = catalog.layers["municipalities"].frame["dwellings"].sum()
    assert client.get("/healthz").json()["layers"]["households"]["dwellings"] == census


def test_vendored_assets_are_served_locally(client):
    for path in (
        "/static/vendor/leaflet/leaflet.js",
        "/static/vendor/leaflet/leaflet.css",
        "/static/gim.css",
    ):
        assert client.get(path).status_code == 200, path


def test_only_leaflet_is_vendored(client):
    for name in ("jquery/jquery.min.js", "bootstrap/css/bootstrap.min.css"):
        assert client.get(f"/static/vendor/{name}").status_code == 404, name
    for url in ("/", "/maps/mrc/2402"):
        vendored = set(re.findall(r"/static/vendor/([^/\"]+)/", client.get(url).text))
        assert vendored == {"leaflet"}, url


def test_unknown_address_is_a_problem_in_french_by_default_and_english_on_request(client):
    french = client.get("/nowhere")
    assert french.status_code == 404
    assert french.headers["content-type"].startswith("application/problem+json")
    assert "Rien à cette adresse" in french.json()["detail"]
    english = client.get("/nowhere", headers={"Accept-Language": "en-CA"})
    assert "Nothing at this address" in english.json()["detail"]
    assert "Nothing" in client.get("/nowhere?lang=en").json()["detail"]


def test_a_browser_gets_an_html_error_page_that_escapes_the_path(client):
    response = client.get("/<script>x</script>", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "<script>x" not in response.text
    assert 'lang="fr"' in response.text


def test_a_store_without_households_refuses_to_start_with_a_clear_message(store_dir):
    (store_dir / "current.json").write_text(
        '{"municipalities": 1, "mrcs": 1, "community_points": 1}'
    )
    app = create_app(Settings(store_dir=store_dir, reload_interval_s=0, _env_file=None))
    try:
        with TestClient(app):
            raise AssertionError("the app started without households")
    except Exception as error:  # noqa: BLE001 - any start-up failure; we check its message
        assert "households" in str(error)
        assert "gim-broadband load households" in str(error)


def test_importing_the_app_builds_nothing():
    module = importlib.reload(importlib.import_module("app.main"))
    assert not [name for name, value in vars(module).items() if type(value).__name__ == "FastAPI"]
