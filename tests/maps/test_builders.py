"""The folium map as an object and as rendered HTML: layers by URL, assets only from /static."""

import re

import folium
import pytest
from folium.plugins import Fullscreen

from app.gaps.threshold import Threshold
from app.maps import places
from app.maps.builders import build_map, render_parts
from app.maps.elements import FitArea, GapMap, RemoteLayer, external_assets
from app.maps.places import View
from app.maps.zoom import LEVELS, MAX_ZOOM, MIN_ZOOM


@pytest.fixture(scope="module")
def region(catalog):
    return places.region(catalog)


def children(gap_map, kind):
    return [child for child in gap_map._children.values() if isinstance(child, kind)]


def test_the_map_has_four_layers_fetched_by_url_and_a_layer_control(region):
    gap_map = build_map(region, View(), "fr")
    assert isinstance(gap_map, GapMap)
    remote = children(gap_map, RemoteLayer)
    assert [layer.options["kind"] for layer in remote] == ["areas", "cells", "outlines", "points"]
    assert [layer.layer_name for layer in remote] == [
        "Part des logements desservis à 50/10",
        "Logements sous le seuil 50/10 (hexagones)",
        "Limites des MRC",
        "Points de collectivités ISDE (dorsale)",
    ]
    assert remote[0].options["url"] == (
        "/maps/data/municipalities/{level}.geojson?threshold=50/10&lang=fr"
    )
    assert remote[0].options["levels"] == [level.max_zoom for level in LEVELS]
    assert remote[0].options["focus"] is None
    assert len(children(gap_map, folium.LayerControl)) == 1
    assert children(gap_map, FitArea)[0].bounds[0][0] == pytest.approx(region.bounds[1])
    assert not children(gap_map, folium.TileLayer)
    assert gap_map.options["minZoom"] == MIN_ZOOM and gap_map.options["maxZoom"] == MAX_ZOOM


def test_an_mrc_or_municipality_map_focuses_its_area(catalog):
    chandler = places.municipality(catalog, "2402028")
    areas = children(build_map(chandler, View(Threshold(100, 20)), "en"), RemoteLayer)[0]
    assert areas.options["focus"] == {"field": "code", "value": "2402028"}
    assert "threshold=100/20&lang=en" in areas.options["url"]
    mrc = places.mrc(catalog, "2402")
    areas = children(build_map(mrc, View(), "fr"), RemoteLayer)[0]
    assert areas.options["focus"] == {"field": "mrc_code", "value": "2402"}


def test_rendered_html_links_only_local_assets_and_inlines_no_data(region):
    head, body, script = render_parts(build_map(region, View(), "fr"))
    html = head + body + script
    assert '<script src="/static/vendor/leaflet/leaflet.js">' in head
    assert '<script src="/static/gim-map.js">' in head
    assert 'href="/static/vendor/leaflet/leaflet.css"' in head
    assert "://" not in html
    for dropped in ("jquery", "bootstrap", "font-awesome", "fontawesome", "awesome-markers"):
        assert dropped not in html.lower()
    assert "user-scalable=no" not in head  # people may zoom the page (WCAG 1.4.4)
    assert len(re.findall(r"GIM\.remoteLayer\(", script)) == 4
    assert '"type": "Feature' not in script and len(html) < 20_000


def test_base_tiles_are_the_only_remote_address(region):
    url = "https://tiles.example/{z}/{x}/{y}.png"
    gap_map = build_map(region, View(), "fr", url, "© <b>Example</b>")
    assert len(children(gap_map, folium.TileLayer)) == 1
    head, body, script = render_parts(gap_map)
    assert re.findall(r"https?://[^\"' ]+", head + body + script) == [url]
    # Leaflet shows attributions as HTML: this one arrives escaped, so it reads as text.
    assert "<b>" not in script and "\\u0026lt;b\\u0026gt;Example" in script


def test_an_element_bringing_cdn_assets_is_refused(region):
    gap_map = build_map(region, View(), "fr")
    Fullscreen().add_to(gap_map)
    figure = gap_map.get_root()
    figure.render()
    assert external_assets(figure)
    with pytest.raises(RuntimeError, match="/static"):
        render_parts(gap_map)


def test_folium_itself_is_left_untouched():
    gap_map = GapMap(root="/carte")
    assert folium.Map.default_js[0][1].startswith("https://")
    assert [url for _, url in gap_map.default_js] == [
        "/carte/static/vendor/leaflet/leaflet.js",
        "/carte/static/gim-map.js",
    ]
