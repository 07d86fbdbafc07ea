"""GET /api/search: the place search behind the map pages' search box; /api/lookup's nearby."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.api.search import SearchOut
from app.maps.search import MAX_QUERY

SAINTE_ANNE = "2404037"


def hits(client, q: str, **params) -> list[dict]:
    response = client.get("/api/search", params={"q": q, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    SearchOut.model_validate(body)
    assert body["count"] == len(body["hits"])
    return body["hits"]


@pytest.mark.parametrize("q", ["gaspe", "GASPÉ", "Gaspé", " gaspe "])
def test_accents_case_and_spaces_do_not_matter(client, q):
    first = hits(client, q)[0]
    assert (first["kind"], first["name"], first["code"]) == ("municipality", "Gaspé", "2403005")


@pytest.mark.parametrize("q", ["ste-anne", "Ste Anne", "sainte-anne-des", "STE-ANNE-DES-MONTS"])
def test_abbreviations_and_punctuation_find_sainte_anne_des_monts(client, q):
    first = hits(client, q)[0]
    assert (first["name"], first["code"]) == ("Sainte-Anne-des-Monts", SAINTE_ANNE)
    assert first["mrc"] == {"code": "2404", "name": "La Haute-Gaspésie"}
    assert first["url"] == f"/maps/municipality/{SAINTE_ANNE}?threshold=50/10&lang=fr"
    west, south, east, north = first["bounds"]
    assert west < east and south < north and first["point"] is None


def test_ranking_exact_then_prefix_then_word_prefix_then_substring(client):
    names = [hit["name"] for hit in hits(client, "bonaventure", limit=20)]
    assert names[:2] == ["Bonaventure", "Bonaventure"]  # the municipality, then the MRC
    assert names.index("Bonaventure-Est") < names.index("Rivière-Bonaventure")
    kinds = [hit["kind"] for hit in hits(client, "bonaventure", limit=2)]
    assert kinds == ["municipality", "mrc"]


def test_every_kind_with_its_label_in_the_language(client):
    found = {hit["kind"]: hit for hit in hits(client, "riviere", limit=50)}
    assert {"municipality", "community"} <= set(found)
    community = found["community"]
    assert community["bounds"] is None and len(community["point"]) == 2
    assert community["url"].startswith("/maps/municipality/")
    assert community["kind_label"] == "Collectivité ISDE"
    english = {h["kind"]: h["kind_label"] for h in hits(client, "riviere", limit=50, lang="en")}
    assert english["municipality"] == "Municipality"
    assert english["community"] == "ISED community"
    place = hits(client, "havre-aux-maisons", lang="en")[0]
    assert (place["kind"], place["kind_label"]) == ("place", "Populated place")
    assert place["point"] and place["url"].startswith("/maps/municipality/2401023?")
    mrc = hits(client, "haute gaspesie")[0]
    assert (mrc["kind"], mrc["code"], mrc["url"]) == (
        "mrc",
        "2404",
        "/maps/mrc/2404?threshold=50/10&lang=fr",
    )


def test_the_page_link_keeps_the_view_and_the_language(client):
    first = hits(client, "chandler", threshold="25/5", technology="all", lang="en")[0]
    assert first["url"] == "/maps/municipality/2402028?threshold=25/5&technology=all&lang=en"


def test_links_start_with_the_root_path(client):
    behind_a_proxy = TestClient(client.app, root_path="/gim")
    response = behind_a_proxy.get("/api/search", params={"q": "chandler"})
    assert response.json()["hits"][0]["url"].startswith("/gim/maps/municipality/2402028?")


def test_limit(client):
    assert len(hits(client, "saint", limit=2)) == 2
    assert hits(client, "zzqxw") == []


@pytest.mark.parametrize(
    ("params", "fr", "en"),
    [
        ({"q": ""}, "Recherche vide", "Empty search"),
        ({"q": "'-.,"}, "Recherche vide", "Empty search"),
        ({"q": "a" * (MAX_QUERY + 1)}, "trop longue", "too long"),
        ({"q": "gaspe", "limit": 0}, "hors limites", "out of range"),
        ({"q": "gaspe", "limit": 500}, "hors limites", "out of range"),
    ],
)
def test_bad_queries_are_a_clear_422_in_the_language(client, params, fr, en):
    french = client.get("/api/search", params=params)
    assert french.status_code == 422
    assert french.headers["content-type"].startswith("application/problem+json")
    assert fr in french.json()["detail"]
    english = client.get("/api/search", params={**params, "lang": "en"})
    assert english.status_code == 422 and en in english.json()["detail"]


def test_a_missing_q_is_a_422(client):
    assert client.get("/api/search").status_code == 422


def test_answers_are_cached_with_an_etag(client):
    first = client.get("/api/search?q=perce")
    again = client.get("/api/search?q=perce", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304


def test_lookup_counts_the_households_within_the_radius_by_family_and_class(client):
    point = {"lat": 49.1236, "lon": -66.4925}  # Sainte-Anne-des-Monts, in town
    body = client.get("/api/lookup", params={**point, "radius_m": 1500}).json()
    nearby = body["nearby"]
    assert nearby["radius_m"] == 1500 and nearby["households"] > 0
    assert sum(nearby["dwellings_by_class"].values()) == pytest.approx(nearby["dwellings"])
    assert list(nearby["dwellings_by_class"]) == ["served", "underserved", "unserved", "unknown"]
    families = {found["family"]: found for found in nearby["families"]}
    assert families and all(
        0 < found["dwellings"] <= nearby["dwellings"] for found in families.values()
    )
    wider = client.get("/api/lookup", params={**point, "radius_m": 3000}).json()["nearby"]
    assert wider["households"] >= nearby["households"]
    none = client.get("/api/lookup", params={**point, "radius_m": 0}).json()["nearby"]
    assert none["dwellings"] <= nearby["dwellings"]


def test_lookup_far_out_at_sea_has_no_household_nearby(client):
    body = client.get("/api/lookup", params={"lat": 48.0, "lon": -62.5}).json()
    assert body["municipality"] is None and body["outside_region"]["distance_m"] > 10_000
    assert body["nearby"]["households"] == 0 and body["nearby"]["families"] == []


def test_lookup_radius_is_bounded(client):
    assert client.get("/api/lookup?lat=48.35&lon=-64.68&radius_m=50000").status_code == 422
