"""A province-shaped region (benchmarks.province_pages, smaller): the pages keep working.

300 synthetic municipalities in MRCs of ten over Québec's extent, 30,000 households, named
"Québec" by the municipalities' recorded notes. Its region map zooms out below MIN_ZOOM and
opens on the overview level: coarser borders and cells, the same figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.gaps.threshold import DEFAULT_THRESHOLD
from app.main import create_app
from app.maps.zoom import LEVELS, MIN_ZOOM, OVERVIEW, levels_for, min_zoom
from app.settings import Settings
from app.vocabulary import DEFAULT_CHOICE
from benchmarks.province_pages import NAME, TARGET_KB, page_bytes, province_store
from tests.conftest import LiveServer

MUNICIPALITIES, HOUSEHOLDS = 300, 30_000
GIM_BOUNDS = (-67.67, 47.21, -61.14, 49.26)
QUEBEC_BOUNDS = (-79.8, 45.0, -57.1, 62.6)


@pytest.fixture(scope="module")
def province_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings on a store of the smaller synthetic province (read only)."""
    folder = tmp_path_factory.mktemp("province") / "store"
    province_store(folder, MUNICIPALITIES, HOUSEHOLDS)
    return Settings(store_dir=folder, reload_interval_s=0, tiles_url="", _env_file=None)


@pytest.fixture(scope="module")
def province(province_settings: Settings) -> Iterator[TestClient]:
    """A client of the app on the smaller synthetic province."""
    with TestClient(create_app(province_settings)) as client:
        yield client


def test_a_region_map_uses_the_usual_levels_and_a_province_map_adds_the_overview():
    assert min_zoom(GIM_BOUNDS) == MIN_ZOOM and levels_for(GIM_BOUNDS) == LEVELS
    assert min_zoom(QUEBEC_BOUNDS) < MIN_ZOOM
    assert levels_for(QUEBEC_BOUNDS) == (OVERVIEW, *LEVELS)
    assert OVERVIEW.max_zoom < MIN_ZOOM and OVERVIEW.cell_radius_m > LEVELS[0].cell_radius_m
    assert OVERVIEW.tolerance > LEVELS[0].tolerance


def test_gim_pages_send_no_level_numbers(client):
    assert '"numbers"' not in client.get("/").text


def test_the_pages_the_api_and_the_ogc_collection_work_at_province_scale(province):
    frame = province.app.state.catalog.layer("municipalities").frame
    mrc, code = str(frame["mrc_code"].iloc[0]), str(frame["code"].iloc[0])
    region = province.get("/")
    assert region.status_code == 200
    assert f"Carte de la connectivité — {NAME}" in region.text
    assert len(re.findall(r'<th scope="row"', region.text)) >= MUNICIPALITIES
    for url in (f"/maps/mrc/{mrc}", f"/maps/municipality/{code}", f"/reports/mrc/{mrc}"):
        assert province.get(url).status_code == 200, url
    gaps = province.get("/api/gaps").json()
    assert gaps["count"] == MUNICIPALITIES
    items = province.get("/ogc/collections/municipalities/items").json()
    assert items["numberMatched"] == MUNICIPALITIES
    assert province.get("/api/region").json()["name"] == NAME


def test_the_region_page_opens_on_the_overview(province):
    page = province.get("/").text
    assert f'"numbers": [{OVERVIEW.number}, 0, 1, 2]' in page
    assert f'"levels": [{OVERVIEW.max_zoom}, ' in page
    assert f'"minZoom": {min_zoom(QUEBEC_BOUNDS)},' in page  # the synthetic extent is Québec's


def test_the_region_page_and_its_first_layers_fit_the_budget(province):
    for html, total in page_bytes(province, "/").values():
        assert html < total <= TARGET_KB * 1000


def figures(client: TestClient, number: int) -> dict[str, dict]:
    """The properties of each municipality in the areas layer of level ``number``."""
    layer = client.get(f"/maps/data/municipalities/{number}.geojson").json()
    return {feature["properties"]["code"]: feature["properties"] for feature in layer["features"]}


def below(client: TestClient, number: int) -> int:
    """Dwellings below the threshold summed over the cells of level ``number``."""
    layer = client.get(f"/maps/data/cells/{number}.geojson").json()
    return sum(int(re.sub(r"\D", "", f["properties"]["below"])) for f in layer["features"])


def test_the_overview_shows_the_same_figures_more_coarsely(province):
    overview, finest = figures(province, OVERVIEW.number), figures(province, 0)
    assert overview.keys() == finest.keys() and len(overview) == MUNICIPALITIES
    shown = ("served_dwellings", "unserved_dwellings", "share", "cls")
    assert all(overview[code][k] == finest[code][k] for code in overview for k in shown)
    assert below(province, OVERVIEW.number) == below(province, 0) > 0
    coarse = len(province.get(f"/maps/data/cells/{OVERVIEW.number}.geojson").json()["features"])
    fine = len(province.get("/maps/data/cells/0.geojson").json()["features"])
    assert coarse < fine


@pytest.mark.browser
def test_the_province_map_fits_the_screen_and_draws_the_overview(
    browser, province_settings, artifacts
):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="fr-CA")
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    with LiveServer(province_settings) as server:
        page.goto(server.url + "/")
        page.wait_for_function(
            "() => document.querySelector('.folium-map').dataset.gimPending === '0'"
        )
        assert page.locator("path.gim-area").count() == MUNICIPALITIES
        assert page.locator("path.gim-cell").count() > 0
        zoom = page.evaluate(
            "() => Object.values(window).find(v => v && v._zoom !== undefined)._zoom"
        )
        page.screenshot(path=Path(artifacts) / "province-fr.png")
    context.close()
    levelled = [url for url in requests if "/maps/data/" in url and "community" not in url]
    assert levelled and all(f"/{OVERVIEW.number}.geojson" in url for url in levelled)
    assert zoom < MIN_ZOOM
    assert not errors


def test_the_region_card_compares_the_least_and_best_served_mrcs_only(province):
    card = province.get("/reports/region", params={"lang": "en"}).text
    assert "compared (the 5 least and the 5 best served MRCs)" in card
    mrcs = province.app.state.catalog.report(DEFAULT_THRESHOLD, DEFAULT_CHOICE).mrcs
    ranked = mrcs.sort_values("served_share", kind="stable")["name"].tolist()
    assert len(ranked) == MUNICIPALITIES // 10
    assert all(f">{name}<" in card for name in ranked[:5] + ranked[-5:])
    assert not any(f">{name}<" in card for name in ranked[5:-5])


def test_cell_tiles_of_a_province_seen_whole_are_the_overview_cells(province):
    import mapbox_vector_tile

    from app.maps.cells import household_cells

    catalog = province.app.state.catalog
    whole = province.get("/tiles/cells/2/1/1.mvt")  # most of Québec
    near = province.get("/tiles/cells/6/19/22.mvt")  # zoomed in: a finer level
    assert whole.status_code == near.status_code == 200
    features = mapbox_vector_tile.decode(whole.content)["cells"]["features"]
    overview = household_cells(catalog, OVERVIEW, DEFAULT_THRESHOLD, DEFAULT_CHOICE)
    assert 0 < len(features) <= len(overview.polygons)
    finest = household_cells(catalog, LEVELS[0], DEFAULT_THRESHOLD, DEFAULT_CHOICE)
    assert len(overview.polygons) < len(finest.polygons)
    assert len(whole.content) < 200_000
