"""A real GIS client: GDAL's OGC API – Features driver reads the service over loopback HTTP.

The live server runs in a thread of this process. pyogrio's default reader holds the GIL while
GDAL downloads the pages, so the server thread could never answer: the tests read through the
Arrow stream (``use_arrow=True``), which releases it. From another process either works.
"""

from __future__ import annotations

import pyogrio
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]
OAPIF = "OAPIF:{url}/ogc"


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """No proxy for the loopback server, whatever the environment says."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


def test_gdal_lists_the_collections(live_server):
    layers = {name for name, _ in pyogrio.list_layers(OAPIF.format(url=live_server.url))}
    assert {"municipalities", "mrcs", "households", "community_points"} <= layers


def test_gdal_reads_the_54_municipalities_with_their_attributes(live_server):
    source = OAPIF.format(url=live_server.url)
    frame = pyogrio.read_dataframe(source, layer="municipalities", use_arrow=True)
    assert len(frame) == 54
    assert {"code", "name", "mrc_code", "mrc_name", "population", "dwellings"} <= set(frame.columns)
    chandler = frame.set_index("code").loc["2402028"]
    assert chandler["name"] == "Chandler"
    assert chandler["population"] > 0
    assert frame.crs.to_epsg() == 4326
    assert frame.geometry.is_valid.all()


def test_gdal_pages_through_every_household(live_server, client):
    expected = len(client.app.state.catalog.layers["households"].frame)
    source = OAPIF.format(url=live_server.url)
    frame = pyogrio.read_dataframe(source, layer="households", columns=["phh_id"], use_arrow=True)
    assert len(frame) == expected
    assert frame["phh_id"].is_unique
