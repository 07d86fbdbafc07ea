"""Folium elements of the gap maps: a map with local assets and layers fetched by URL.

Folium's ``Map`` links Leaflet, jQuery, Bootstrap, Font Awesome and awesome-markers from CDNs.
``GapMap`` replaces those lists on each map (folium's class is left alone) with the copies this
service serves under ``{root}/static``, and drops what the maps do not use; ``external_assets``
checks a rendered figure, so an element bringing its own CDN links is caught by the tests.
"""

from __future__ import annotations

import re
from typing import Any

import folium
from branca.element import CssLink, Element, Figure, JavascriptLink, MacroElement
from folium.map import Layer
from folium.template import Template

LOCAL_PREFIX = "/static/"
LOCAL_JS = [
    ("leaflet", "/static/vendor/leaflet/leaflet.js"),
    ("gim_map", "/static/gim-map.js"),
]
LOCAL_CSS = [("leaflet_css", "/static/vendor/leaflet/leaflet.css")]
# Only on maps with a layer drawn from vector tiles (Leaflet.VectorGrid: npm, at install time).
TILE_JS = [
    ("leaflet_vectorgrid", "/static/leaflet.vectorgrid.js"),
    ("gim_tiles", "/static/gim-tiles.js"),
]


def _under(root: str, assets: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(name, root + path) for name, path in assets]


# Folium's viewport forbids zooming the page, which WCAG 1.4.4 (resize text) rules out.
_VIEWPORT = re.compile(r"<meta name=\"viewport\"[^>]*>", re.DOTALL)


class GapMap(folium.Map):
    """A folium map whose scripts and styles all come from this service, under ``root``."""

    def __init__(self, *args: Any, root: str = "", **kwargs: Any) -> None:
        self.root = root
        self.default_js = _under(root, LOCAL_JS)
        self.default_css = _under(root, LOCAL_CSS)
        super().__init__(*args, **kwargs)

    def use_tiles(self) -> None:
        """Load the scripts that draw layers from vector tiles, after the map's own."""
        self.default_js = self.default_js + _under(self.root, TILE_JS)

    def render(self, **kwargs: Any) -> None:  # type: ignore[override] # folium returns None
        """Render as folium does, then drop folium's zoom-blocking viewport tag."""
        super().render(**kwargs)
        header = self._template.module.header(self, kwargs)
        figure = self.get_root()
        assert isinstance(figure, Figure)
        figure.header.add_child(Element(_VIEWPORT.sub("", header)), name=self.get_name())


class FitArea(MacroElement):
    """Fit the map to an area at once (no animation), before any layer asks for data."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.fitBounds({{ this.bounds|tojson }}, {animate: false});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: tuple[float, float, float, float]) -> None:
        super().__init__()
        self._name = "FitArea"
        west, south, east, north = bounds
        self.bounds = [[south, west], [north, east]]


class MetricScale(MacroElement):
    """A scale bar in kilometres only."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            L.control.scale({imperial: false}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )


class RemoteLayer(Layer):
    """A GeoJSON layer that static/gim-map.js fills from the service for the map's zoom."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = GIM.remoteLayer({{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, name: str, options: dict[str, Any], *, show: bool = True) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "RemoteLayer"
        self.options = options


def external_assets(figure: Figure, root: str = "") -> list[str]:
    """Script and style URLs of a rendered figure not served by this service (under ``root``)."""
    links = [
        child.url
        for child in figure.header._children.values()
        if isinstance(child, JavascriptLink | CssLink)
    ]
    return [url for url in links if not url.startswith(root + LOCAL_PREFIX)]
