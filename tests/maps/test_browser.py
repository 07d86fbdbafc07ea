"""The maps in Debian's Chromium: what only a browser shows (drawing, hover, clicks, escaping)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote, urlparse

import pytest

pytestmark = pytest.mark.browser
LOADED = "() => document.querySelector('.folium-map').dataset.gimPending === '0'"


class Watched:
    """A page with every request, console error and dialog it produced."""

    def __init__(self, page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on(
            "console", lambda message: message.type == "error" and self.errors.append(message.text)
        )
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

    def open(self, url: str) -> None:
        """Go to ``url`` and wait until every map layer has its data."""
        self.page.goto(url)
        self.page.wait_for_function(LOADED)

    def hosts(self) -> set[str]:
        return {urlparse(url).hostname for url in self.requests}


@pytest.fixture
def watched(browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-CA")
    yield Watched(context.new_page())
    context.close()


def hide_layers(page, *names: str) -> None:
    """Untick overlays in the layer control, as a user would."""
    for name in names:
        page.locator(".leaflet-control-layers-overlays label", has_text=name).locator(
            "input"
        ).uncheck()


def test_region_map_draws_54_municipalities_from_this_machine_only(watched, live_server, artifacts):
    watched.open(live_server.url + "/")
    page = watched.page
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("path.gim-area").count() == 54
    assert page.locator("path.gim-cell").count() > 20
    assert page.locator("path.gim-point").count() == 186
    assert page.locator(".gim-banner-demo").is_visible()
    assert page.locator(".leaflet-tile").count() == 0  # no base tiles in tests: a plain background
    page.screenshot(path=artifacts / "region-fr.png")
    assert watched.hosts() == {"127.0.0.1"}
    assert not watched.errors
    vendored = {urlparse(url).path.split("/")[3] for url in watched.requests if "/vendor/" in url}
    assert vendored == {"leaflet"}  # jQuery, Bootstrap and Font Awesome are not shipped
    data = [url for url in watched.requests if "/maps/data/" in url]
    levelled = [url for url in data if "community_points" not in url]
    assert len(data) == 4 and all("/0.geojson" in url for url in levelled)  # the coarsest detail


def test_hovering_a_municipality_shows_its_figures_and_a_click_leads_to_it(watched, live_server):
    watched.open(live_server.url + "/?threshold=25/5")
    page = watched.page
    hide_layers(page, "hexagones", "Points de collectivités")
    area = page.locator('path.gim-area[data-code="2404037"]')  # Sainte-Anne-des-Monts
    box = area.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.6)
    tooltip = page.locator(".gim-tooltip")
    tooltip.wait_for()
    name = tooltip.locator("strong").inner_text()
    link = page.get_by_role("link", name=name, exact=True)
    row = page.locator("#table-municipalities tbody tr").filter(has=link)
    cells = row.locator("td").all_inner_texts()  # MRC, dwellings, served, share, under, unserved
    text = tooltip.inner_text()
    for label, value in (("Logements", cells[1]), ("Desservis à 25/5", cells[3])):
        assert f"{label}\n{value}" in text
    assert f"Non desservis\n{cells[5]}" in text and f"Mal desservis\n{cells[4]}" in text
    assert cells[0] in text  # its MRC
    page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.6)
    page.locator("#gim-here .gim-here-open").click()  # the click says what is there first
    page.wait_for_url(re.compile(r"/maps/municipality/\d{7}\?"))
    assert "threshold=25/5" in page.url
    assert page.locator("h1").inner_text().startswith(name)
    assert not watched.errors


def test_threshold_and_language_switches_change_figures_and_text(watched, live_server, artifacts):
    watched.open(live_server.url + "/")
    page = watched.page
    summary = page.locator(".gim-summary").inner_text()
    page.locator(".gim-presets a", has_text="1000/500").click()
    page.wait_for_function(LOADED)
    assert "threshold=1000/500" in page.url
    assert page.locator(".gim-summary").inner_text() != summary
    page.locator("#threshold").fill("30/3")
    page.locator("#threshold").press("Enter")
    page.wait_for_function(LOADED)
    assert "threshold=30/3" in unquote(page.url)  # the form encodes the slash
    assert "30/3 Mbit/s" in page.locator("h1").inner_text()
    page.get_by_role("link", name="English").click()
    page.wait_for_function(LOADED)
    assert page.locator("html").get_attribute("lang") == "en"
    assert "threshold=30/3" in page.url
    heading = page.locator("h1").inner_text()
    assert heading.endswith(
        "dwellings served at 30/3 Mbps, terrestrial services (wired and fixed wireless)"
    )
    layer_control = page.locator(".leaflet-control-layers").inner_text()
    assert "Share of dwellings served at 30/3" in layer_control
    page.screenshot(path=artifacts / "region-en.png")
    page.locator("#technology").select_option("all")
    page.locator("#threshold").press("Enter")
    page.wait_for_function(LOADED)
    assert "technology=all" in page.url and "satellite included" in page.locator("h1").inner_text()
    page.goto(live_server.url + "/?threshold=100/20&technology=satellite")
    page.wait_for_function(LOADED)
    assert "indéterminé" in page.locator(".gim-legend").inner_text()
    page.screenshot(path=artifacts / "region-unknown.png", full_page=True)
    page.goto(live_server.url + "/?theme=lte")
    page.wait_for_function(LOADED)
    assert "sans LTE" in page.locator(".gim-legend").inner_text()
    page.screenshot(path=artifacts / "region-lte.png", full_page=True)
    assert not watched.errors


def test_mrc_selector_and_focused_maps(watched, live_server, artifacts):
    watched.open(live_server.url + "/")
    page = watched.page
    page.locator("#mrc").select_option("2402")
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_url(re.compile(r"/maps/mrc/2402\?threshold=50/10&lang=fr$"))
    page.wait_for_function(LOADED)
    assert page.locator("h1").inner_text().startswith("Le Rocher-Percé")
    page.screenshot(path=artifacts / "mrc.png")
    watched.open(live_server.url + "/maps/municipality/2402028?threshold=100/20")
    assert page.locator('path.gim-area[data-code="2402028"]').get_attribute("stroke") == "#000000"
    page.screenshot(path=artifacts / "municipality.png")
    assert watched.hosts() == {"127.0.0.1"} and not watched.errors


def test_keyboard_reaches_the_skip_links_and_the_tables(watched, live_server):
    watched.open(live_server.url + "/")
    page = watched.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "data"
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-labelledby')")
    assert focused == "table-mrcs-caption"


@pytest.fixture
def hostile_server(live_server, hostile_settings):
    # The same kind of server as the shared fixture, on the store with the renamed municipality.
    with type(live_server)(hostile_settings) as server:
        yield server


def test_a_hostile_municipality_name_is_shown_as_text_and_runs_nothing(
    watched, hostile_server, hostile_name
):
    watched.open(hostile_server.url + "/maps/mrc/2402")
    page = watched.page
    hide_layers(page, "hexagones", "Points de collectivités")
    page.locator('path.gim-area[data-code="2402028"]').dispatch_event("mouseover")
    tooltip = page.locator(".gim-tooltip")
    tooltip.wait_for()
    assert tooltip.locator("strong").inner_text() == hostile_name
    assert (
        page.locator("#table-municipalities th a", has_text="onerror").inner_text() == hostile_name
    )
    assert page.locator("img").count() == 0
    watched.open(hostile_server.url + "/maps/municipality/2402028")
    assert page.title().startswith(hostile_name)
    assert page.locator("h1").inner_text().startswith(hostile_name)
    assert page.locator("img").count() == 0
    assert not watched.dialogs
    assert not [url for url in watched.requests if urlparse(url).path == "/x"]
    assert not watched.errors


def test_under_a_proxy_prefix_every_asset_and_layer_loads(browser, proxied_server):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    watched = Watched(context.new_page())
    failed: list[str] = []
    watched.page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    watched.open(proxied_server.url + "/maps/mrc/2402")
    watched.page.locator("#data a", has_text="Chandler").first.click()
    watched.page.wait_for_function(LOADED)
    assert urlparse(watched.page.url).path == "/carte/maps/municipality/2402028"
    paths = [urlparse(url).path for url in watched.requests if "127.0.0.1" in url]
    context.close()
    assert failed == [] and watched.errors == []
    assert paths and all(path.startswith("/carte/") for path in paths)
    assert any(path.startswith("/carte/maps/data/municipalities/") for path in paths)
    assert any(path.startswith("/carte/static/vendor/leaflet/") for path in paths)
