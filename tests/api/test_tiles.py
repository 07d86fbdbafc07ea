"""/tiles: vector tiles decoded and checked, on both stores, which must agree."""

from __future__ import annotations

import math
from typing import Any

import mapbox_vector_tile
import pytest
import shapely
from fastapi.testclient import TestClient

from app.maps.tiles import EXTENT, HOUSEHOLDS_MIN_ZOOM, MEDIA_TYPE

# Gaspé, and Chandler 50 km south-west: both well inside the region.
GASPE = (-64.48, 48.83)


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    """The slippy-map tile holding a point."""
    n = 2**z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def features(client: TestClient, url: str, layer: str) -> list[dict[str, Any]]:
    """The decoded features of one tile's layer (none for an empty tile)."""
    answer = client.get(url)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == MEDIA_TYPE
    if not answer.content:
        return []
    decoded = mapbox_vector_tile.decode(answer.content, default_options={"y_coord_down": True})
    assert set(decoded) == {layer}
    assert decoded[layer]["extent"] == EXTENT
    return decoded[layer]["features"]


def url_at(layer: str, z: int, point: tuple[float, float] = GASPE, query: str = "") -> str:
    """The tile of ``layer`` at zoom ``z`` holding ``point``."""
    x, y = tile_of(*point, z)
    return f"/tiles/{layer}/{z}/{x}/{y}.mvt{query}"


@pytest.fixture(scope="module")
def both(client: TestClient, postgis_client: TestClient) -> tuple[TestClient, TestClient]:
    """The embedded store's client and its PostGIS copy's."""
    return client, postgis_client


CASES = [
    ("municipalities", 7, ""),
    ("municipalities", 9, "?threshold=100/20&technology=all"),
    ("municipalities", 11, "?theme=lte&lang=en"),
    ("cells", 8, ""),
    ("cells", 11, "?threshold=25/5"),
    ("households", 13, ""),
    ("households", 14, "?threshold=100/20"),
]


def shape(feature: dict[str, Any]) -> Any:
    """A decoded feature's geometry in tile units, made valid (quantized rings may touch).

    Of a polygon, only the polygonal parts: spikes that quantizing folds into lines are not
    drawn.
    """
    valid = shapely.make_valid(shapely.geometry.shape(feature["geometry"]))
    if valid.geom_type in ("Point", "MultiPoint"):
        return valid
    return valid.buffer(0)


@pytest.mark.parametrize(("layer", "z", "query"), CASES)
def test_both_stores_give_the_same_features(
    both: tuple[TestClient, TestClient], layer: str, z: int, query: str
) -> None:
    """Same ids and properties from both stores; shapes within a pixel."""
    embedded, postgis = (
        {f["id"]: f for f in features(client, url_at(layer, z, query=query), layer)}
        for client in both
    )
    assert embedded, "the tile holds data"
    assert sorted(embedded) == sorted(postgis)
    for fid, feature in embedded.items():
        assert feature["properties"] == postgis[fid]["properties"]
        ours, theirs = shape(feature), shape(postgis[fid])
        assert ours.geom_type.removeprefix("Multi") == theirs.geom_type.removeprefix("Multi")
        # Simplified and quantized apart: at most a pixel of a 256-pixel tile (16 units) off,
        # and the same area within 1 %.
        assert ours.hausdorff_distance(theirs) <= 16, fid
        assert ours.symmetric_difference(theirs).area <= 0.01 * max(ours.area, 1.0), fid


def test_municipality_figures_are_the_engines(client: TestClient) -> None:
    """A municipality's figures in a tile are those of /api at the same threshold."""
    found = features(
        client, url_at("municipalities", 9, query="?threshold=25/5&lang=en"), "municipalities"
    )
    gaspe = next(f["properties"] for f in found if f["properties"]["name"] == "Gaspé")
    api = client.get(f"/api/municipalities/{gaspe['code']}?threshold=25/5").json()
    served = float(gaspe["served_dwellings"].replace(",", ""))
    assert api["figures"]["served_dwellings"] == pytest.approx(served)
    assert api["figures"]["served_dwellings"] != float(api["figures"]["dwellings"])
    assert "threshold=25/5" in gaspe["url"]


def test_a_feature_outside_the_tile_is_absent(client: TestClient) -> None:
    """Neighbouring tiles hold different municipalities; everything is clipped to the buffer."""
    z = 11
    found = features(client, url_at("municipalities", z), "municipalities")
    names = {f["properties"]["name"] for f in found}
    assert "Gaspé" in names and "Les Îles-de-la-Madeleine" not in names
    margin = 64
    for feature in found:
        left, bottom, right, top = shape(feature).bounds
        assert -margin <= left and right <= EXTENT + margin
        assert -margin <= bottom and top <= EXTENT + margin


def test_an_empty_tile_is_an_empty_body(client: TestClient) -> None:
    """Nothing in the Pacific: 200 with no bytes, cached with an ETag like any tile."""
    for layer, z in (("municipalities", 6), ("cells", 9), ("households", 13)):
        answer = client.get(url_at(layer, z, point=(-150.0, 0.0)))
        assert answer.status_code == 200
        assert answer.content == b""
        assert answer.headers["etag"].startswith('W/"')


def test_households_only_from_their_zoom(client: TestClient) -> None:
    """Below z 12 the households layer is refused, saying where it starts and what to use."""
    answer = client.get(
        url_at("households", HOUSEHOLDS_MIN_ZOOM - 1), headers={"accept-language": "en"}
    )
    assert answer.status_code == 404
    assert f"from zoom {HOUSEHOLDS_MIN_ZOOM} only" in answer.json()["detail"]
    assert features(client, url_at("households", HOUSEHOLDS_MIN_ZOOM), "households")


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/tiles/roads/8/80/88.mvt", 404, "municipalities, cells, households"),
        ("/tiles/cells/21/0/0.mvt", 404, "0 to 20"),
        ("/tiles/cells/3/8/0.mvt", 404, "0 to 7"),
        ("/tiles/cells/3/0/-1.mvt", 404, "outside the world"),
        ("/tiles/cells/three/0/0.mvt", 422, "z"),
        ("/tiles/cells/3/0/0.5.mvt", 422, "y"),
    ],
)
def test_bad_tiles_are_refused_in_words(
    client: TestClient, path: str, status: int, words: str
) -> None:
    """An unknown layer, zoom or tile: 404 or 422 with the reason, in the reader's language."""
    answer = client.get(path, headers={"accept-language": "en"})
    assert answer.status_code == status
    assert words in answer.json()["detail"]
    french = client.get(path).json()["detail"]
    assert french != answer.json()["detail"]


def test_tiles_go_through_the_http_cache(client: TestClient) -> None:
    """ETag per view; If-None-Match gives 304; another threshold is another tile."""
    url = url_at("cells", 10)
    first = client.get(url)
    etag = first.headers["etag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(url + "?threshold=50.0/10").headers["etag"] == etag
    assert client.get(url + "?threshold=100/20").headers["etag"] != etag
    assert client.get(url, headers={"accept-encoding": "gzip"}).content == first.content


def test_a_threshold_changes_the_classes(client: TestClient) -> None:
    """Households served at 5/1 are not all served at 1000/500: the tile says each one's class."""
    low = features(client, url_at("households", 13, query="?threshold=5/1"), "households")
    high = features(client, url_at("households", 13, query="?threshold=1000/500"), "households")
    assert [f["id"] for f in low] == [f["id"] for f in high]
    assert [f["properties"]["cls"] for f in low] != [f["properties"]["cls"] for f in high]


def test_postgis_writes_a_views_figures_once(postgis_client: TestClient) -> None:
    """The first tile of a view writes its 54 municipalities' figures; the next reuse them."""
    store = postgis_client.app.state.store

    def sets() -> dict[str, int]:
        with store.connect() as connection:
            rows = connection.execute(
                "SELECT figures, count(*) FROM gim.tile_figures GROUP BY figures"
            ).fetchall()
        return dict(rows)

    query = "?threshold=12/3&lang=en"
    features(postgis_client, url_at("municipalities", 8, query=query), "municipalities")
    before = sets()
    features(postgis_client, url_at("municipalities", 10, query=query), "municipalities")
    assert sets() == before
    features(
        postgis_client, url_at("municipalities", 10, query="?threshold=12/4"), "municipalities"
    )
    added = set(sets()) - set(before)
    assert len(added) == 1 and sets()[added.pop()] == 54
