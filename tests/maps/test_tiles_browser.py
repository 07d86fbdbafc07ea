"""Map pages whose layers are too large to send whole: drawn from vector tiles in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from app.settings import Settings
from tests.conftest import LiveServer
from tests.maps.test_browser import LOADED, Watched, hide_layers

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def tiled_server(settings: Settings) -> Iterator[LiveServer]:
    """The app with a setting small enough that municipalities (54) and cells go to tiles."""
    with LiveServer(settings.model_copy(update={"tiles_above_features": 50})) as server:
        yield server


@pytest.fixture
def watched(browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-CA")
    yield Watched(context.new_page())
    context.close()


def test_tiled_layers_load_from_this_machine_without_errors(watched, tiled_server, artifacts):
    """Municipalities and cells come as tiles, drawn; nothing leaves the machine."""
    watched.open(tiled_server.url + "/")
    page = watched.page
    page.wait_for_function("() => document.querySelectorAll('path.gim-area').length > 54")
    page.screenshot(path=artifacts / "region-tiles-fr.png")
    assert watched.hosts() == {"127.0.0.1"}
    assert not watched.errors
    paths = {urlparse(url).path for url in watched.requests}
    assert any(path.startswith("/tiles/municipalities/8/") for path in paths)
    assert any(path.startswith("/tiles/cells/8/") for path in paths)
    assert not any(
        path.startswith(("/maps/data/municipalities", "/maps/data/cells")) for path in paths
    )
    assert "/static/leaflet.vectorgrid.js" in paths
    assert page.locator("path.gim-cell").count() > 20


def test_hovering_a_tiled_municipality_shows_the_same_figures(watched, tiled_server, live_server):
    """The tooltip of a municipality drawn from tiles is the one its GeoJSON layer gives."""
    for server in (tiled_server, live_server):
        watched.open(server.url + "/?threshold=25/5&lang=en")
        page = watched.page
        page.wait_for_function("() => document.querySelectorAll('path.gim-area').length >= 54")
        hide_layers(page, "hexagons", "Community points")
        page.mouse.move(330, 540)  # inland Gaspésie, the same pixel on both maps
        tooltip = page.locator(".gim-tooltip")
        tooltip.wait_for()
        texts = tooltip.inner_text()
        if server is tiled_server:
            tiled = texts
    assert tiled == texts
    assert "Dwellings" in texts
    assert not watched.errors


def test_a_click_and_the_emphasis_work_on_tiled_municipalities(watched, tiled_server, artifacts):
    """What is here shows the municipality's figures; the circles are drawn from the tiles."""
    watched.open(tiled_server.url + "/?threshold=25/5")
    page = watched.page
    page.wait_for_function("() => document.querySelectorAll('path.gim-area').length >= 54")
    hide_layers(page, "hexagones", "Points de collectivités")
    page.mouse.click(330, 540)
    panel = page.locator("#gim-here")
    panel.locator(".gim-here-open").wait_for()
    text = panel.inner_text()
    assert "Qu'y a-t-il ici ?" in text and "Logements" in text
    page.get_by_role("radio", name="logements sous le seuil (cercles)").check()
    circles = page.locator("path.gim-circle")
    # The tiles are drawn again in the muted style; the circles follow their loads.
    page.wait_for_function("() => document.querySelectorAll('path.gim-circle').length > 40")
    page.wait_for_function(LOADED)
    page.screenshot(path=artifacts / "region-tiles-circles-fr.png")
    page.get_by_role("radio", name="part des logements").check()
    assert circles.count() == 0
    assert not watched.errors
