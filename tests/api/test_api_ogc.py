"""OGC API – Features, Part 1: landing page, conformance, collections, items, one item."""

from __future__ import annotations

import json

import pytest
import shapely

from app.api import models
from tests.api import stores

client = stores.client  # every test of this module runs on both stores

OGC = "/ogc"
COLLECTIONS = {"municipalities", "mrcs", "households", "community_points"}
CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/"


def links_by_rel(body: dict) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for link in body["links"]:
        found.setdefault(link["rel"], []).append(link)
    return found


def test_landing_page_links_to_definition_conformance_and_data(client):
    body = client.get(OGC).json()
    models.LandingPage.model_validate(body)
    rels = links_by_rel(body)
    assert {"self", "service-desc", "service-doc", "conformance", "data"} <= set(rels)
    descriptions = {link["type"]: link["href"] for link in rels["service-desc"]}
    assert descriptions["application/vnd.oai.openapi+json;version=3.0"].endswith("/ogc/api")
    assert descriptions["application/vnd.oai.openapi+json;version=3.1"].endswith("/openapi.json")
    assert rels["data"][0]["href"].endswith("/ogc/collections")
    assert client.get(f"{OGC}?lang=en").json()["title"] != body["title"]


def test_conformance_declares_core_geojson_and_openapi30(client):
    body = client.get(f"{OGC}/conformance").json()
    assert set(body["conformsTo"]) == {CORE + "core", CORE + "geojson", CORE + "oas30"}


def test_the_api_definition_is_openapi_30(client):
    response = client.get(f"{OGC}/api")
    assert response.headers["content-type"].startswith("application/vnd.oai.openapi+json")
    document = response.json()
    assert document["openapi"] == "3.0.3"
    assert document["servers"][0]["url"].endswith("/ogc")
    assert "/collections/{collection_id}/items" in document["paths"]
    text = json.dumps(document)
    assert '{"type": "null"}' not in text and '"const"' not in text
    schemas = document["components"]["schemas"]
    for ref in {part.split('"')[0] for part in text.split('"$ref": "')[1:]}:
        assert ref.removeprefix("#/components/schemas/") in schemas, ref


def test_collections_are_the_layers_with_their_extent_and_provenance(client):
    body = client.get(f"{OGC}/collections").json()
    models.Collections.model_validate(body)
    assert {c["id"] for c in body["collections"]} >= COLLECTIONS
    municipalities = client.get(f"{OGC}/collections/municipalities").json()
    frame = client.app.state.catalog.layers["municipalities"].frame
    assert municipalities["extent"]["spatial"]["bbox"] == [pytest.approx(list(frame.total_bounds))]
    assert municipalities["extent"]["spatial"]["crs"].endswith("CRS84")
    assert municipalities["provenance"]["vintage"] == "2021"
    items = links_by_rel(municipalities)["items"][0]
    assert items["type"] == "application/geo+json"
    households = client.get(f"{OGC}/collections/households?lang=en").json()
    assert "Demonstration data" in households["description"]
    assert households["title"].endswith("DEMONSTRATION DATA")
    assert "DÉMONSTRATION" not in municipalities["title"].upper()


def test_an_unknown_collection_or_feature_is_404(client):
    assert client.get(f"{OGC}/collections/roads").status_code == 404
    assert client.get(f"{OGC}/collections/roads/items").status_code == 404
    missing = client.get(f"{OGC}/collections/municipalities/items/nope?lang=en")
    assert missing.status_code == 404
    assert "No feature 'nope'" in missing.json()["detail"]


def test_items_are_geojson_with_counts_timestamp_and_canonical_ids(client):
    response = client.get(f"{OGC}/collections/municipalities/items?limit=54")
    assert response.headers["content-type"] == "application/geo+json"
    body = response.json()
    models.FeatureCollection.model_validate(body)
    assert body["numberMatched"] == body["numberReturned"] == 54
    assert body["timeStamp"].endswith("Z")
    feature = next(f for f in body["features"] if f["id"] == "2402028")
    assert feature["properties"]["name"] == "Chandler"
    assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    points = client.get(f"{OGC}/collections/community_points/items?limit=1").json()
    assert points["features"][0]["id"] == points["features"][0]["properties"]["id"]


def test_household_pages_follow_next_and_prev_links_without_gaps(client):
    first = client.get(f"{OGC}/collections/households/items?limit=1000").json()
    total = first["numberMatched"]
    assert total > 5_000 and first["numberReturned"] == 1000
    seen, page, pages = [], first, 0
    while True:
        seen += [feature["id"] for feature in page["features"]]
        pages += 1
        following = links_by_rel(page).get("next")
        if not following:
            break
        page = client.get(following[0]["href"]).json()
        assert links_by_rel(page)["prev"]
    assert len(seen) == len(set(seen)) == total
    assert pages == -(-total // 1000)


def test_limit_defaults_to_100_and_is_clamped_to_10000(client):
    assert client.get(f"{OGC}/collections/households/items").json()["numberReturned"] == 100
    body = client.get(f"{OGC}/collections/households/items?limit=50000").json()
    assert body["numberReturned"] == min(10_000, body["numberMatched"])
    assert "limit=10000" in links_by_rel(body)["self"][0]["href"] or body["numberMatched"] < 10_000


def test_bbox_selects_the_features_that_intersect_it(client):
    box = (-64.75, 48.3, -64.6, 48.4)
    url = f"{OGC}/collections/households/items?limit=10000&bbox={','.join(map(str, box))}"
    body = client.get(url).json()
    assert 0 < body["numberMatched"] < 5_000
    area = shapely.box(*box)
    for feature in body["features"]:
        assert area.intersects(shapely.geometry.shape(feature["geometry"]))
    three_d = client.get(
        f"{OGC}/collections/households/items?limit=10000&bbox=-64.75,48.3,0,-64.6,48.4,100"
    )
    assert three_d.json()["numberMatched"] == body["numberMatched"]


@pytest.mark.parametrize(
    "query",
    [
        "bbox=1,2,3",
        "bbox=a,b,c,d",
        "bbox=-64,49,-65,48",
        "bbox=0,0,200,1",
        "limit=0",
        "limit=many",
        "offset=-1",
        "datetime=yesterday",
        "simplify=-3",
        "color=red",
    ],
)
def test_invalid_query_parameters_are_400_problems(client, query):
    response = client.get(f"{OGC}/collections/households/items?{query}")
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")


def test_datetime_is_accepted_and_selects_everything(client):
    everything = client.get(f"{OGC}/collections/mrcs/items").json()["numberMatched"]
    for value in ("2021-05-11", "2021-05-11T00:00:00Z", "../2022-01-01", "2020-01-01/.."):
        body = client.get(f"{OGC}/collections/mrcs/items", params={"datetime": value}).json()
        assert body["numberMatched"] == everything


def test_one_feature_by_its_id_with_links(client):
    response = client.get(f"{OGC}/collections/municipalities/items/2402028")
    assert response.headers["content-type"] == "application/geo+json"
    feature = response.json()
    models.Feature.model_validate(feature)
    assert feature["id"] == "2402028"
    assert {"self", "collection"} <= set(links_by_rel(feature))


def test_geometry_is_full_resolution_unless_simplification_is_asked(client):
    url = f"{OGC}/collections/municipalities/items/2401023"
    full = shapely.geometry.shape(client.get(url).json()["geometry"])
    simplified = shapely.geometry.shape(client.get(f"{url}?simplify=200").json()["geometry"])
    catalog = client.app.state.catalog
    stored = catalog.layers["municipalities"].frame.set_index("code").geometry["2401023"]
    assert shapely.equals_exact(full, stored, tolerance=0)
    assert shapely.get_num_coordinates(simplified) < shapely.get_num_coordinates(full) / 2
    assert simplified.is_valid and simplified.intersects(full)


def test_the_landing_page_answers_with_and_without_the_trailing_slash(client):
    assert client.get(f"{OGC}/").json() == client.get(OGC).json()


def test_municipality_and_mrc_features_carry_their_figures_at_the_view(client):
    query = "threshold=100/20&technology=all&limit=100"
    items = client.get(f"/ogc/collections/municipalities/items?{query}").json()["features"]
    rows = client.get("/api/gaps?threshold=100/20&technology=all").json()["rows"]
    published = {row["code"]: row for row in rows}
    for feature in items:
        figures = feature["properties"]
        assert figures["threshold"] == "100/20" and figures["technologies"] == "all"
        for column in ("served_dwellings", "unknown_dwellings", "no_lte_dwellings"):
            assert figures[column] == published[feature["id"]][column]
    mrc = client.get("/ogc/collections/mrcs/items/2402?technology=satellite").json()
    assert mrc["properties"]["technologies"] == "satellite"
    assert mrc["properties"]["served_share"] == 1.0  # satellite reaches 50/10 everywhere (demo)
    default = client.get("/ogc/collections/municipalities/items/2402028").json()["properties"]
    assert default["threshold"] == "50/10" and default["technologies"] == "terrestrial"


def test_figures_never_shadow_the_layer_s_own_census_fields(client):
    feature = client.get("/ogc/collections/municipalities/items/2402028").json()
    properties = feature["properties"]
    assert properties["dwellings"] == properties["census_dwellings"]
    assert properties["household_dwellings"] == properties["census_dwellings"]  # the demo


def test_queryables_list_the_figures_municipalities_carry(client):
    response = client.get("/ogc/collections/municipalities/queryables?lang=en")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/schema+json")
    schema = response.json()
    assert schema["$id"].endswith("/ogc/collections/municipalities/queryables")
    properties = schema["properties"]
    feature = client.get("/ogc/collections/municipalities/items?limit=1").json()["features"][0]
    assert set(feature["properties"]) | {"geometry"} == set(properties)
    assert properties["served_share"] == {"type": "number", "title": "Share of dwellings served"}
    assert properties["household_dwellings"]["title"] == "Dwellings (households)"
    assert properties["dwellings"]["title"] == "Dwellings (census)"
    assert properties["threshold"]["type"] == "string"
    households = client.get("/ogc/collections/households/queryables").json()["properties"]
    assert "served_share" not in households and "services" in households


def test_the_figure_parameters_of_the_ogc_items_are_documented(client):
    spec = client.get("/openapi.json").json()
    for path in (
        "/ogc/collections/{collection_id}/items",
        "/ogc/collections/{collection_id}/queryables",
    ):
        names = {parameter["name"] for parameter in spec["paths"][path]["get"]["parameters"]}
        assert {"threshold", "technology"} <= names
        assert "threshold" in spec["paths"][path]["get"]["description"]


def test_an_unreadable_threshold_or_choice_is_a_400_as_ogc_requires(client):
    for query in ("threshold=fast", "technology=pigeon"):
        response = client.get(f"/ogc/collections/municipalities/items?{query}")
        assert response.status_code == 400
        assert response.headers["content-type"] == "application/problem+json"
    assert client.get("/api/region?threshold=fast").status_code == 422
