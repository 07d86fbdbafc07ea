"""Contract tests of the REST API through TestClient, on the embedded GÎM data."""

from __future__ import annotations

import csv
import io

import pytest

from app.api import models
from app.gaps.engine import COUNT_COLUMNS

CHANDLER = "2402028"
IN_CHANDLER = {"lat": 48.35, "lon": -64.68}


def provenance_layers(body: dict) -> set[str]:
    return {layer["layer"] for layer in body["provenance"]["layers"]}


def test_municipalities_lists_all_54_with_census_counts(client):
    body = client.get("/api/municipalities").json()
    models.MunicipalityList.model_validate(body)
    assert body["count"] == len(body["municipalities"]) == 54
    chandler = next(m for m in body["municipalities"] if m["code"] == CHANDLER)
    assert chandler["name"] == "Chandler"
    assert chandler["mrc_code"] == "2402"
    assert chandler["population"] > 0 and chandler["dwellings"] > 0
    assert provenance_layers(body) == {"municipalities"}


def test_a_municipality_has_its_figures_threshold_and_provenance(client):
    body = client.get(f"/api/municipalities/{CHANDLER}?threshold=25/5").json()
    models.MunicipalityGaps.model_validate(body)
    assert body["threshold"] == {"label": "25/5", "down_mbps": 25.0, "up_mbps": 5.0}
    figures = body["figures"]
    assert set(figures) == set(COUNT_COLUMNS)
    classes = figures["served_dwellings"] + figures["underserved_dwellings"]
    assert classes + figures["unserved_dwellings"] == pytest.approx(figures["dwellings"])
    assert figures["served_share"] == pytest.approx(
        figures["served_dwellings"] / figures["dwellings"]
    )
    assert body["provenance"]["demonstration"] is True  # the embedded households are synthetic
    assert provenance_layers(body) == {"households", "municipalities"}
    for layer in body["provenance"]["layers"]:
        assert layer["version"] >= 1 and layer["vintage"]


def test_a_lower_threshold_never_serves_fewer_dwellings(client):
    served = [
        client.get(f"/api/region?threshold={t}").json()["figures"]["served_dwellings"]
        for t in ("1000/500", "100/20", "50/10", "25/5", "5/1")
    ]
    assert served == sorted(served)


@pytest.mark.parametrize(
    ("path", "lang", "words"),
    [
        ("/api/municipalities/9999999", "fr", "Aucune municipalité"),
        ("/api/municipalities/9999999", "en", "No municipality"),
        ("/api/mrcs/2499", "fr", "Aucune MRC"),
        ("/api/mrcs/2499", "en", "No MRC"),
    ],
)
def test_unknown_codes_are_404_problems_in_the_request_language(client, path, lang, words):
    response = client.get(path, headers={"Accept-Language": lang})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert words in response.json()["detail"]


@pytest.mark.parametrize(
    ("query", "fr", "en"),
    [
        ("threshold=fast", "doit ressembler à 50/10", "looks like 50/10"),
        ("threshold=-5/1", "hors limites", "out of range"),
        ("level=province", "municipality", "municipality"),
        ("sort=best", "served_share", "served_share"),
        ("format=xlsx", "csv", "csv"),
    ],
)
def test_malformed_parameters_are_422_saying_what_is_wrong(client, query, fr, en):
    french = client.get(f"/api/gaps?{query}")
    english = client.get(f"/api/gaps?{query}&lang=en")
    assert french.status_code == english.status_code == 422
    assert fr in french.json()["detail"]
    assert en in english.json()["detail"]
    assert french.json()["detail"] != english.json()["detail"]


def test_validation_messages_are_translated(client):
    detail = client.get("/api/lookup?lat=abc&lon=-64").json()["detail"]
    assert detail == "Paramètre invalide « lat » : un nombre est attendu."
    detail = client.get("/api/lookup?lat=91&lon=-64&lang=en").json()["detail"]
    assert detail == "Invalid parameter 'lat': must be at most 90.0."


def test_mrcs_list_and_one_mrc_with_its_municipalities(client):
    listed = client.get("/api/mrcs").json()
    models.MrcList.model_validate(listed)
    assert [m["code"] for m in listed["mrcs"]] == ["2401", "2402", "2403", "2404", "2405", "2406"]
    assert sum(m["municipalities"] for m in listed["mrcs"]) == 54
    body = client.get("/api/mrcs/2402").json()
    models.MrcGaps.model_validate(body)
    assert CHANDLER in {m["code"] for m in body["municipalities"]}


def test_region_adds_up_the_mrcs_and_the_unassigned_households(client):
    region = client.get("/api/region").json()
    models.RegionGaps.model_validate(region)
    ranking = client.get("/api/gaps?level=mrc").json()
    for column in ("dwellings", "served_dwellings", "unserved_population", "dwellings_fibre"):
        by_mrc = sum(row[column] for row in ranking["rows"])
        unassigned = region["unassigned"][column]
        assert by_mrc + unassigned == pytest.approx(region["figures"][column])


def test_gaps_ranks_worst_first_by_either_order(client):
    by_unserved = client.get("/api/gaps").json()
    models.GapRanking.model_validate(by_unserved)
    unserved = [row["unserved_dwellings"] for row in by_unserved["rows"]]
    assert unserved == sorted(unserved, reverse=True)
    assert [row["rank"] for row in by_unserved["rows"]] == list(range(1, 55))
    by_share = client.get("/api/gaps?sort=served_share&level=mrc").json()
    shares = [row["served_share"] for row in by_share["rows"]]
    assert shares == sorted(shares)
    assert "mrc_code" not in by_share["rows"][0]


def test_gaps_as_csv_is_utf8_with_bom_and_headers_in_the_request_language(client):
    french = client.get("/api/gaps?format=csv&threshold=25/5")
    assert french.status_code == 200
    assert french.headers["content-type"].startswith("text/csv")
    assert french.content.startswith("\ufeff".encode())
    disposition = french.headers["content-disposition"]
    assert 'filename="ecarts-municipalites-25-5-terrestrial.csv"' in disposition
    rows = list(csv.DictReader(io.StringIO(french.content.decode("utf-8-sig"))))
    assert len(rows) == 54
    assert {"Rang", "Nom", "Logements non desservis", "Seuil (Mbit/s)"} <= set(rows[0])
    assert {"Logements indéterminés", "Services comptés"} <= set(rows[0])
    assert {row["Seuil (Mbit/s)"] for row in rows} == {"25/5"}
    counted = {row["Services comptés"] for row in rows}
    assert counted == {"services terrestres (filaire et sans-fil fixe)"}
    assert {row["Données de démonstration"] for row in rows} == {"oui"}
    assert any(row["Nom"] == "Sainte-Anne-des-Monts" for row in rows)  # accents intact
    english = client.get("/api/gaps?format=csv&level=mrc&lang=en")
    assert 'filename="gaps-mrcs-50-10-terrestrial.csv"' in english.headers["content-disposition"]
    header = english.content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Rank,Code,Name,Dwellings (census)")


def test_csv_and_json_give_the_same_figures(client):
    json_rows = client.get("/api/gaps?lang=en").json()["rows"]
    text = client.get("/api/gaps?format=csv&lang=en").content.decode("utf-8-sig")
    csv_rows = list(csv.DictReader(io.StringIO(text)))
    for json_row, csv_row in zip(json_rows, csv_rows, strict=True):
        assert csv_row["Code"] == json_row["code"]
        assert float(csv_row["Dwellings unserved"]) == json_row["unserved_dwellings"]


def test_lookup_finds_the_municipality_mrc_and_nearest_household(client):
    response = client.get("/api/lookup", params=IN_CHANDLER | {"lang": "en"})
    body = response.json()
    models.Lookup.model_validate(body)
    assert body["municipality"] == {"code": CHANDLER, "name": "Chandler"}
    assert body["mrc"] == {"code": "2402", "name": "Le Rocher-Percé"}
    nearest = body["nearest_household"]
    assert 0 <= nearest["distance_m"] < 5_000
    assert nearest["service_class"] in {"served", "underserved", "unserved"}
    assert nearest["service_class_label"] == nearest["service_class"]
    french = client.get("/api/lookup", params=IN_CHANDLER).json()["nearest_household"]
    assert french["service_class_label"] in {"desservi", "mal desservi", "non desservi"}


def test_lookup_outside_the_region_names_no_municipality(client):
    body = client.get("/api/lookup?lat=45.5&lon=-73.6").json()  # Montréal
    assert body["municipality"] is None and body["mrc"] is None
    assert body["nearest_household"]["distance_m"] > 300_000


def test_stats_of_a_polygon_around_the_region_match_the_region(client, region_polygon):
    response = client.post("/api/stats?threshold=100/20", json=region_polygon)
    assert response.status_code == 200
    body = response.json()
    models.AreaStatsOut.model_validate(body)
    region = client.get("/api/region?threshold=100/20").json()["figures"]
    for column in ("dwellings", "served_dwellings", "unserved_population", "unknown_dwellings"):
        assert body["figures"][column] == pytest.approx(region[column])
    assert body["area_km2"] > 100_000
    assert body["threshold"]["label"] == "100/20"
    assert body["provenance"]["demonstration"] is True


def test_stats_accept_a_feature_and_a_multipolygon(client, region_polygon):
    feature = {"type": "Feature", "properties": {"drawn": True}, "geometry": region_polygon}
    multi = {"type": "MultiPolygon", "coordinates": [region_polygon["coordinates"]]}
    first = client.post("/api/stats", json=feature).json()["figures"]
    assert client.post("/api/stats", json=multi).json()["figures"] == first


def test_stats_of_an_empty_sea_area_are_zero_with_no_share(client):
    sea = [[-62.0, 47.0], [-61.9, 47.0], [-61.9, 47.1], [-62.0, 47.0]]
    body = client.post("/api/stats", json={"type": "Polygon", "coordinates": [sea]}).json()
    assert body["household_points"] == 0
    assert body["figures"]["dwellings"] == 0
    assert body["figures"]["served_share"] is None


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"type": "Point", "coordinates": [-64, 48]}, "Polygon"),
        ({"type": "Polygon", "coordinates": [[[-64, 48], [-63, 48]]]}, "au moins 4"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 0], [0, 0]]]}, "superficie"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [500, 0], [0, 1], [0, 0]]]}, "limites"),
        ({"type": "Polygon"}, "coordinates"),
    ],
)
def test_bad_polygons_are_422_problems(client, body, words):
    response = client.post("/api/stats", json=body)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert words in response.json()["detail"]


def test_a_bow_tie_polygon_is_repaired_rather_than_refused(client):
    bow_tie = [[-64.8, 48.3], [-64.6, 48.4], [-64.6, 48.3], [-64.8, 48.4], [-64.8, 48.3]]
    response = client.post("/api/stats", json={"type": "Polygon", "coordinates": [bow_tie]})
    assert response.status_code == 200
    assert response.json()["area_km2"] > 0


def test_openapi_documents_every_endpoint_with_examples(client):
    document = client.get("/openapi.json").json()
    for path in (
        "/api/municipalities",
        "/api/municipalities/{code}",
        "/api/mrcs",
        "/api/mrcs/{code}",
        "/api/region",
        "/api/gaps",
        "/api/lookup",
        "/api/stats",
    ):
        assert path in document["paths"], path
    gaps = document["paths"]["/api/gaps"]["get"]
    assert "text/csv" in gaps["responses"]["200"]["content"]
    assert "application/problem+json" in gaps["responses"]["422"]["content"]
    threshold = next(p for p in gaps["parameters"] if p["name"] == "threshold")
    assert "50/10" in str(threshold)
    assert "examples" in document["components"]["schemas"]["PolygonIn"]


def test_non_finite_coordinates_are_refused(client):
    body = '{"type": "Polygon", "coordinates": [[[0, 0], [NaN, 1], [1, 0], [0, 0]]]}'
    response = client.post(
        "/api/stats?lang=en", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert "finite number" in response.json()["detail"]  # NaN is not out of range: not a number


def test_an_unsupported_method_is_405_with_the_allowed_ones(client):
    response = client.put("/api/region")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    assert response.headers["content-type"].startswith("application/problem+json")


def test_lookup_at_gaspe_town_centre_snaps_to_gaspe_and_says_how_far(client):
    body = client.get("/api/lookup?lat=48.83&lon=-64.48").json()
    models.Lookup.model_validate(body)
    assert body["municipality"] == {"code": "2403005", "name": "Gaspé"}
    assert 0 < body["snapped_m"] < 1000
    assert body["outside_region"] is None
    inside = client.get("/api/lookup", params=IN_CHANDLER).json()
    assert inside["snapped_m"] is None


def test_lookup_at_sea_says_outside_the_region_with_the_distance(client):
    body = client.get("/api/lookup?lat=49.5&lon=-63.0").json()  # the Gulf, off the Gaspé
    assert body["municipality"] is None and body["mrc"] is None
    assert body["outside_region"]["distance_m"] > 10_000


def test_the_nearest_household_lists_its_services_by_family(client):
    nearest = client.get("/api/lookup", params=IN_CHANDLER).json()["nearest_household"]
    families = {service["family"] for service in nearest["services"]}
    assert "satellite" in families  # the demonstration has LEO satellite everywhere
    assert nearest["lte"] in (True, False, None)
    top = [s for s in nearest["services"] if s["family"] == "satellite"][0]
    assert (top["down_mbps"], top["up_mbps"], top["below_mbps"]) == (50, 10, None)


@pytest.mark.parametrize(
    ("query", "families"),
    [
        ("", ["wired", "fixed_wireless"]),
        ("&technology=all", ["wired", "fixed_wireless", "satellite"]),
        ("&technology=satellite", ["satellite"]),
        ("&technology=satellite,wired", ["wired", "satellite"]),
    ],
)
def test_every_figure_says_which_technologies_it_counts(client, query, families):
    for path in ("/api/region", "/api/gaps", f"/api/municipalities/{CHANDLER}", "/api/mrcs/2402"):
        body = client.get(f"{path}?threshold=50/10{query}").json()
        assert body["technologies"]["families"] == families, path
        assert body["technologies"]["label"]["fr"] and body["technologies"]["label"]["en"]


def test_satellite_counts_only_when_asked_and_has_its_own_figure(client):
    terrestrial = client.get("/api/region?threshold=50/10").json()["figures"]
    everything = client.get("/api/region?threshold=50/10&technology=all").json()["figures"]
    assert everything["served_dwellings"] > terrestrial["served_dwellings"]
    assert terrestrial["satellite_only_dwellings"] == everything["satellite_only_dwellings"] > 0
    assert terrestrial["no_lte_dwellings"] > 0


def test_ised_s_ceiling_makes_satellite_unknown_above_50_10(client):
    body = client.get("/api/region?threshold=100/20&technology=satellite").json()["figures"]
    assert body["unknown_dwellings"] == body["dwellings"] and body["served_dwellings"] == 0
    assert body["unknown_share"] == 1.0
    exact = client.get("/api/region?threshold=100/20").json()["figures"]
    assert exact["unknown_dwellings"] == 0  # the demonstration's terrestrial speeds are exact


@pytest.mark.parametrize("query", ["technology=cable", "technology=", "threshold=1.5/0.5"])
def test_bad_technology_or_a_threshold_below_5_1_is_refused_clearly(client, query):
    response = client.get(f"/api/region?{query}")
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert len(response.json()["detail"]) < 400
