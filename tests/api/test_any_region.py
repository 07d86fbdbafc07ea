"""The region is configuration: the app built on another region names it, and never GÎM.

The test region is two MRCs of the embedded data (La Côte-de-Gaspé and La Haute-Gaspésie) with
their households and community points, named "Région d'essai" by GIM_REGION_NAME.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from app.layers.kinds import Kind
from app.layers.store import LayerStore
from app.main import create_app
from app.maps.downloads import layer_style
from app.maps.zoom import MIN_ZOOM, min_zoom
from app.settings import Settings
from tests.conftest import copy_store

NAME = "Région d'essai"
MRCS = ("2403", "2404")
# What must not appear: GÎM's name (in any page, answer or title) and its short form.
GIM_NAMES = re.compile(r"Gaspésie–Îles-de-la-Madeleine|Gaspésie-Îles-de-la-Madeleine|GÎM")
STARTS = (
    "/",
    "/maps/table",
    "/maps/changes",
    "/reports/region",
    "/reports/mrc/2403",
    "/api/region",
    "/api/mrcs",
    "/api/gaps",
    "/ogc",
    "/ogc/collections",
    "/ogc/api",
    "/openapi.json",
    "/docs",
    "/redoc",
    "/healthz",
)
SKIPPED = re.compile(r"^/static/|\.pdf$|^/api/downloads|^/admin|^/docs/|/items/")
# The map layers at their coarsest and finest levels, and at most this many pages.
LEVELS, MAX_PAGES = ("0", "2"), 400


def two_mrc_store(folder: Path) -> LayerStore:
    """A copy of the embedded store cut to the two MRCs (a new current version of each layer)."""
    store = LayerStore(copy_store(folder))
    areas, meta = store.read(Kind.MUNICIPALITIES)
    kept = areas[areas["mrc_code"].isin(MRCS)]
    store.write(Kind.MUNICIPALITIES, kept, replace(meta, feature_count=len(kept)))
    land = kept.geometry.union_all().buffer(0.01)
    for kind in (Kind.MRCS, Kind.HOUSEHOLDS, Kind.COMMUNITY_POINTS, Kind.PLACES):
        frame, meta = store.read(kind)
        inside = frame[frame["code"].isin(MRCS)] if kind == Kind.MRCS else frame[frame.within(land)]
        store.write(kind, inside, replace(meta, feature_count=len(inside)))
    return store


@pytest.fixture(scope="module")
def region_store(tmp_path_factory: pytest.TempPathFactory) -> LayerStore:
    """The two-MRC store, shared by this module's tests (read only)."""
    return two_mrc_store(tmp_path_factory.mktemp("region") / "store")


@pytest.fixture(scope="module")
def region_client(region_store: LayerStore) -> Iterator[TestClient]:
    """The app on the two-MRC store, named by the setting."""
    settings = Settings(
        store_dir=region_store.root,
        region_name=NAME,
        reload_interval_s=0,
        tiles_url="",
        _env_file=None,
    )
    with TestClient(create_app(settings)) as client:
        yield client


class Links(HTMLParser):
    """The href and src addresses of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value for name, value in attrs if name in ("href", "src") and value]


def followed(text: str) -> list[str]:
    """The addresses of this service a page leads to, its map layers included."""
    parser = Links()
    parser.feed(text)
    data = re.findall(r'"url": "([^"]+)"', text)
    layers = [
        url.replace("\\u0026", "&").replace("{level}", level) for url in data for level in LEVELS
    ]
    return [
        url for url in parser.found + layers if url.startswith("/") and not url.startswith("//")
    ]


def crawl(client: TestClient, lang: str) -> dict[str, str]:
    """Every page and answer reachable from STARTS (in ``lang``), by address."""
    seen: dict[str, str] = {}
    queue = list(STARTS)
    while queue and len(seen) < MAX_PAGES:
        path = urlsplit(queue.pop()).path  # other thresholds and themes name the region alike
        url = f"{path}?lang={lang}"
        if url in seen or SKIPPED.search(path):
            continue
        response = client.get(url, headers={"accept-language": lang})
        assert response.status_code == 200, url
        seen[url] = response.text
        if response.headers["content-type"].startswith("text/html"):
            queue += followed(response.text)
    return seen


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_another_region_is_named_everywhere_and_gim_nowhere(region_client, lang):
    answers = crawl(region_client, lang)
    assert any("/maps/municipality/" in url for url in answers)
    assert any("/reports/mrc/" in url for url in answers)
    named = {url: GIM_NAMES.findall(text) for url, text in answers.items()}
    assert {url: found for url, found in named.items() if found} == {}
    for url in ("/?lang=" + lang, "/ogc?lang=" + lang, "/reports/region?lang=" + lang):
        assert NAME in answers[url] or NAME.replace("'", "&#39;") in answers[url], url


def test_the_api_is_described_with_the_region_name(region_client):
    info = region_client.get("/openapi.json").json()["info"]
    assert info["title"] == f"{NAME} connectivité / connectivity"
    assert NAME in info["description"]
    landing = region_client.get("/ogc", params={"lang": "en"}).json()
    assert landing["title"] == f"{NAME} connectivity — OGC API – Features"


def test_the_map_opens_on_the_layers_bounds(region_client, region_store):
    frame, _meta = region_store.read(Kind.MUNICIPALITIES)
    west, south, east, north = frame.total_bounds
    page = region_client.get("/").text
    fitted = re.search(r"fitBounds\((\[\[.*?\]\])", page).group(1)
    assert fitted == f"[[{south}, {west}], [{north}, {east}]]"
    assert region_client.get("/api/region").json()["name"] == NAME


def test_the_map_style_downloaded_names_the_region():
    assert NAME in layer_style("fr", region=NAME).description
    assert "GÎM" in layer_style("fr").description


def test_a_province_sized_map_may_zoom_out_further_than_a_region():
    assert min_zoom((-67.67, 47.21, -61.14, 49.26)) == MIN_ZOOM  # GÎM
    assert min_zoom((-79.8, 45.0, -57.1, 62.6)) < MIN_ZOOM  # Québec
    assert min_zoom((-64.6, 48.8, -64.4, 48.9)) == MIN_ZOOM  # a town: never below


def test_the_search_box_suggests_the_regions_own_largest_town(region_client, region_store, client):
    frame, _meta = region_store.read(Kind.MUNICIPALITIES)
    largest = frame.sort_values("population")["name"].iloc[-1]
    placeholder = re.compile(r'placeholder="([^"]*)"')
    assert placeholder.findall(region_client.get("/").text) == [f"p. ex. {largest}"]
    assert placeholder.findall(client.get("/").text) == ["p. ex. Gaspé, ste-anne"]  # GÎM's


def test_the_region_card_counts_the_regions_own_mrcs_and_municipalities(
    region_client, region_store
):
    count = len(region_store.read(Kind.MUNICIPALITIES)[0])
    card = region_client.get("/reports/region", params={"lang": "fr"}).text
    assert f"Région administrative (2 MRC, {count} municipalités et territoires)" in card
