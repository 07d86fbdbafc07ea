"""Finding and inspecting in Debian's Chromium: search box, "what is here", phones, print."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.maps.test_browser import Watched

pytestmark = pytest.mark.browser
SAINTE_ANNE = "2404037"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def watched(browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-CA")
    yield Watched(context.new_page())
    context.close()


@pytest.fixture
def phone(browser) -> Iterator[Watched]:
    context = browser.new_context(
        viewport=PHONE, locale="fr-CA", has_touch=True, is_mobile=True, device_scale_factor=2
    )
    yield Watched(context.new_page())
    context.close()


def centre(box: dict) -> tuple[float, float]:
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def cell_over(page, code: str) -> tuple[float, float]:
    """The centre of a drawn hexagon cell under which the municipality ``code`` is hit."""
    point = page.evaluate(
        """(code) => {
          for (const cell of document.querySelectorAll('path.gim-cell')) {
            const box = cell.getBoundingClientRect();
            const x = box.x + box.width / 2, y = box.y + box.height / 2;
            const hit = document.elementFromPoint(x, y);
            if (hit && hit.getAttribute('data-code') === code) return [x, y];
          }
          return null;
        }""",
        code,
    )
    assert point, f"no cell drawn over {code}"
    return point[0], point[1]


def test_the_search_box_is_a_keyboard_combobox(watched, live_server, artifacts):
    watched.open(live_server.url + "/?threshold=25/5")
    page = watched.page
    box = page.get_by_role("combobox", name="Chercher un lieu")
    box.focus()
    page.keyboard.type("ste-anne")
    options = page.locator("#gim-search-list [role=option]")
    options.first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert options.first.inner_text().startswith("Sainte-Anne-des-Monts\nMunicipalité")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "gim-search-option-1"
    assert options.nth(1).get_attribute("aria-selected") == "true"
    page.keyboard.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == "gim-search-option-0"
    page.screenshot(path=artifacts / "search-fr.png")
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert page.locator("#gim-search-list").is_hidden()
    page.keyboard.press("ArrowDown")  # opens the suggestions again
    options.first.wait_for()
    page.keyboard.press("Enter")  # the first suggestion
    page.wait_for_url(re.compile(rf"/maps/municipality/{SAINTE_ANNE}\?threshold=25/5&lang=fr$"))
    assert page.locator("h1").inner_text().startswith("Sainte-Anne-des-Monts")
    assert not watched.errors


def test_choosing_a_community_zooms_to_it_and_says_what_is_there(watched, live_server, artifacts):
    watched.open(live_server.url + "/?lang=en")
    page = watched.page
    zoom = page.evaluate("window[document.querySelector('.folium-map').id].getZoom()")
    box = page.get_by_role("combobox", name="Find a place")
    box.fill("anse-sainte-anne")
    page.locator("#gim-search-list [role=option]").first.wait_for()
    assert "ISED community" in page.locator("#gim-search-list").inner_text()
    box.press("ArrowDown")
    box.press("Enter")
    panel = page.locator("#gim-here")
    panel.locator(".gim-here-open").wait_for()
    assert page.url.startswith(live_server.url + "/?")  # no page change
    assert page.evaluate("window[document.querySelector('.folium-map').id].getZoom()") > zoom
    assert "What is here?" in panel.inner_text()
    assert "Sainte-Anne-des-Monts" in panel.inner_text()
    page.screenshot(path=artifacts / "here-en.png")
    assert not watched.errors


def test_a_click_says_what_is_here_with_a_link_to_the_municipality(watched, live_server, artifacts):
    watched.open(live_server.url + "/?threshold=25/5")
    page = watched.page
    x, y = cell_over(page, SAINTE_ANNE)  # cells drawn there, the click still reaches the map
    page.mouse.click(x, y)
    panel = page.locator("#gim-here")
    link = panel.locator(".gim-here-open")
    link.wait_for()
    text = panel.inner_text()
    assert "Qu'y a-t-il ici ?" in text
    assert "Municipalité\nSainte-Anne-des-Monts" in text and "MRC\nLa Haute-Gaspésie" in text
    assert "Logements à moins de 1\u00a0km" in text
    assert "À 25/5 Mbit/s" in text
    labels = ["desservi", "mal desservi", "non desservi", "indéterminé"]
    positions = [text.index(f"\n{label}\n") for label in labels]
    assert positions == sorted(positions)  # served, underserved, unserved, unknown
    assert "LTE mobile" in text
    page.screenshot(path=artifacts / "here-fr.png")
    card = panel.locator(".gim-here-card").get_attribute("href")
    assert card == f"/reports/municipality/{SAINTE_ANNE}.pdf?threshold=25/5&lang=fr"
    link.click()
    page.wait_for_url(re.compile(rf"/maps/municipality/{SAINTE_ANNE}\?threshold=25/5&lang=fr$"))
    assert not watched.errors


def test_the_keyboard_crosshair_says_what_is_here(watched, live_server):
    watched.open(live_server.url + "/maps/municipality/2402028")  # Chandler
    page = watched.page
    page.locator(".folium-map").focus()
    page.keyboard.press("Enter")
    assert page.locator(".gim-crosshair").is_visible()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Enter")
    panel = page.locator("#gim-here")
    panel.locator(".gim-here-open").wait_for()
    assert page.evaluate("document.activeElement.id") == "gim-here"
    assert "Municipalité\nChandler" in panel.inner_text()
    page.locator(".folium-map").focus()
    page.keyboard.press("Escape")
    assert page.locator(".gim-crosshair").count() == 0 and panel.is_hidden()
    assert not watched.errors


def test_a_coastal_municipality_is_hovered_through_the_cells(watched, live_server):
    watched.open(live_server.url + "/?threshold=25/5")
    page = watched.page
    assert page.locator("path.gim-cell").count() > 20  # the cells are drawn
    x, y = cell_over(page, SAINTE_ANNE)
    page.mouse.move(x, y)
    tooltip = page.locator(".gim-tooltip")
    tooltip.wait_for()
    text = tooltip.inner_text()
    assert text.startswith("Sainte-Anne-des-Monts\nLa Haute-Gaspésie")
    rows = ["Logements", "Desservis", "Desservis à 25/5", "Mal desservis", "Non desservis"]
    positions = [text.index(f"\n{row}\n") for row in [*rows, "Indéterminés"]]
    assert positions == sorted(positions)  # the order of the tables' columns
    assert not watched.errors


def test_the_emphasis_toggle_draws_circles_and_sparse_areas_are_dashed(watched, live_server):
    watched.open(live_server.url + "/")
    page = watched.page
    sparse = page.locator("path.gim-area.gim-sparse")
    assert sparse.count() == 8  # the 8 TNOs (every area under 50 dwellings is one)
    assert sparse.first.get_attribute("stroke-dasharray") == "5 4"
    assert sparse.first.get_attribute("fill").startswith("url(#gim-hatch-")  # hatched
    assert "moins de 50 logements" in page.locator(".gim-legend").inner_text()
    assert page.locator("path.gim-circle").count() == 0
    page.get_by_role("radio", name="logements sous le seuil (cercles)").check()
    circles = page.locator("path.gim-circle")
    assert circles.count() > 40
    assert page.locator(".gim-circle-scale").inner_text().split("\n") == [
        "25 logements",
        "100 logements",
        "400 logements",
    ]
    muted = page.locator('path.gim-area[data-code="2404037"]').get_attribute("fill-opacity")
    assert float(muted) < 0.2
    page.get_by_role("radio", name="part des logements").check()
    assert circles.count() == 0
    assert not watched.errors


def test_a_phone_has_no_horizontal_scroll_and_a_tap_shows_figures_first(
    phone, live_server, artifacts
):
    phone.open(live_server.url + "/")
    page = phone.page
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.evaluate("window.innerWidth") == PHONE["width"]
    control = page.locator(".leaflet-control-layers")
    assert "leaflet-control-layers-expanded" not in control.get_attribute("class")
    assert page.locator(".gim-touch-only").is_visible()
    assert page.locator(".gim-hover-only").is_hidden()  # no « Survolez » on a touch screen
    page.screenshot(path=artifacts / "phone-fr.png")
    page.screenshot(path=artifacts / "phone-fr-full.png", full_page=True)
    area = page.locator('path.gim-area[data-code="2403005"]')  # Gaspé
    area.scroll_into_view_if_needed()
    page.touchscreen.tap(*centre(area.bounding_box()))
    panel = page.locator("#gim-here")
    panel.locator(".gim-here-open").wait_for()
    assert page.url == live_server.url + "/"  # the tap did not navigate
    assert "Logements" in panel.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for table in page.locator(".gim-table").all():  # wide tables scroll in their own box
        wrap = table.locator("xpath=..")
        assert "gim-table-wrap" in wrap.get_attribute("class")
    page.screenshot(path=artifacts / "phone-here.png")
    page.locator(".leaflet-control-layers-toggle").tap()
    assert "leaflet-control-layers-expanded" in control.get_attribute("class")
    assert not phone.errors


def test_print_shows_map_legend_figures_and_sources_without_controls(
    watched, live_server, artifacts
):
    watched.open(live_server.url + "/")
    page = watched.page
    page.emulate_media(media="print")
    for hidden in ("#gim-search", ".gim-controls", ".leaflet-control-zoom", ".gim-skip"):
        assert page.locator(hidden).first.is_hidden(), hidden
    for shown in (".folium-map", ".gim-legend", "#table-summary", "#table-provenance"):
        assert page.locator(shown).is_visible(), shown
    page.screenshot(path=artifacts / "print-fr.png", full_page=True)
    pdf = page.pdf(path=artifacts / "print-fr.pdf", format="Letter")
    assert pdf.startswith(b"%PDF")
