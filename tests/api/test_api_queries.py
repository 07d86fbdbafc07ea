"""Every /api route refuses a query parameter it does not define; /api/gaps takes mrc=."""

from __future__ import annotations

import pytest

from app.main import create_app
from app.settings import Settings

EXAMPLE_PATHS = {"{code}": "", "{format}": "csv"}
CODES = {"/api/municipalities/": "2402028", "/api/mrcs/": "2402", "/mrc/": "2402"}
CODES["/municipality/"] = "2402028"
NEEDED = {"/api/lookup": "lat=48.35&lon=-64.68", "/api/search": "q=gaspe"}
POLYGON = {"type": "Polygon", "coordinates": [[[-65, 48], [-64, 48], [-64, 49], [-65, 48]]]}


def api_operations() -> list[tuple[str, str]]:
    """(method, path) of every documented /api operation, from the app's own route table."""
    paths = create_app(Settings(reload_interval_s=0, _env_file=None)).openapi()["paths"]
    return [
        (method.upper(), path)
        for path, operations in paths.items()
        if path.startswith("/api/")
        for method in operations
    ]


def concrete(path: str) -> str:
    """The path with example values for its parameters."""
    for prefix, code in CODES.items():
        if prefix in path:
            path = path.replace("{code}", code)
    return path.replace("{format}", "csv")


def call(client, method: str, path: str, query: str):
    url = f"{concrete(path)}?{'&'.join(part for part in (NEEDED.get(path, ''), query) if part)}"
    if method == "POST":
        return client.post(url, json=POLYGON)
    return client.get(url)


OPERATIONS = api_operations()


def test_the_route_table_has_every_api_operation():
    assert len(OPERATIONS) >= 12 and ("GET", "/api/gaps") in OPERATIONS


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_every_api_route_refuses_an_unknown_parameter_naming_the_accepted_ones(
    client, method, path
):
    # /api/hexagons is a 404 until a hexagons layer is loaded (the embedded store has none).
    assert call(client, method, path, "").status_code == (404 if "hexagons" in path else 200)
    refused = call(client, method, path, "mrc_code=2403")
    assert refused.status_code == 422
    body = refused.json()
    assert body["type"] == "urn:gim:problem:api.parameter_unknown"
    assert "« mrc_code »" in body["detail"] and "lang" in body["detail"]
    english = call(client, method, path, "mrc_code=2403&lang=en")
    assert "Unknown parameter 'mrc_code'" in english.json()["detail"]


def test_the_refusal_lists_what_the_route_accepts(client):
    detail = client.get("/api/gaps?mrcs=2403").json()["detail"]
    for name in ("decimal", "format", "lang", "level", "mrc", "sep", "sort", "technology"):
        assert name in detail
    assert client.get("/api/municipalities?threshold=25/5").status_code == 422  # takes none


def test_gaps_of_one_mrc_are_its_municipalities_ranked_among_themselves(client):
    every = client.get("/api/gaps").json()
    one = client.get("/api/gaps?mrc=2403").json()
    members = [row for row in every["rows"] if row["mrc_code"] == "2403"]
    assert one["mrc"] == "2403" and one["count"] == len(members) < 54
    assert [row["code"] for row in one["rows"]] == [row["code"] for row in members]
    assert [row["rank"] for row in one["rows"]] == list(range(1, len(members) + 1))
    assert [row["unserved_dwellings"] for row in one["rows"]] == [
        row["unserved_dwellings"] for row in members
    ]
    alone = client.get("/api/gaps?level=mrc&mrc=2403").json()
    assert [row["code"] for row in alone["rows"]] == ["2403"]
    assert client.get("/api/gaps?mrc=").json()["count"] == 54  # the form's "every MRC"


def test_an_unknown_mrc_is_a_404_problem(client):
    response = client.get("/api/gaps?mrc=2499&lang=en")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "No MRC has code '2499'" in response.json()["detail"]


def test_the_csv_of_one_mrc_says_so_in_its_name(client):
    response = client.get("/api/gaps?mrc=2403&format=csv&lang=en")
    assert (
        'filename="gaps-municipalities-2403-50-10-terrestrial.csv"'
        in response.headers["content-disposition"]
    )
    assert (
        len(response.content.decode("utf-8-sig").splitlines())
        == 1 + client.get("/api/gaps?mrc=2403").json()["count"]
    )
