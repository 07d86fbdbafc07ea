"""The look-up's fast path answers exactly as the route would, and leaves it everything else."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from starlette.middleware import Middleware

from app.api.fast_lookup import FastLookup
from app.main import create_app
from app.settings import Settings


@pytest.fixture(scope="module")
def routed(settings: Settings) -> Iterator[TestClient]:
    """The same app with the fast path taken out: every look-up goes through the router."""
    app = create_app(settings)
    app.user_middleware = [entry for entry in app.user_middleware if entry.cls is not FastLookup]
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def spied(settings: Settings) -> Iterator[tuple[TestClient, list[str]]]:
    """The app with a spy between the fast path and the router: the look-ups that go on."""
    reached: list[str] = []

    def spy(app):
        async def passing(scope, receive, send):
            if scope["type"] == "http":
                reached.append(scope["query_string"].decode())
            await app(scope, receive, send)

        return passing

    app = create_app(settings)
    app.user_middleware.append(Middleware(spy))  # the last is the innermost
    with TestClient(app) as test_client:
        yield test_client, reached


def plain_queries(count: int) -> list[str]:
    """Look-ups a map could send: points in and around the region, every option varied."""
    rng = random.Random(2021)
    queries = []
    for number in range(count):
        lat, lon = rng.uniform(46.5, 50.0), rng.uniform(-68.5, -60.5)
        query = f"lat={lat:.6f}&lon={lon:.6f}"
        extra = [
            "",
            "&radius_m=250",
            "&threshold=25/5&technology=all",
            "&technology=wired,satellite&lang=en",
            "&radius_m=5000&threshold=100/20",
            "&radius_m=0",
        ][number % 6]
        queries.append(query + extra)
    return queries


def test_plain_look_ups_are_the_bytes_the_route_gives(client, routed):
    for query in plain_queries(240):
        fast = client.get(f"/api/lookup?{query}")
        slow = routed.get(f"/api/lookup?{query}")
        assert fast.status_code == slow.status_code == 200, query
        assert fast.content == slow.content, query
        assert fast.headers["content-type"] == slow.headers["content-type"]


def test_the_language_header_is_honoured_like_the_route(client, routed):
    headers = {"Accept-Language": "en-CA,en;q=0.8"}
    query = "/api/lookup?lat=48.35&lon=-64.68"
    fast = client.get(query, headers=headers)
    assert fast.content == routed.get(query, headers=headers).content
    assert fast.json()["nearest_household"]["service_class_label"] in {
        "served",
        "underserved",
        "unserved",
        "unknown",
    }


@pytest.mark.parametrize(
    "query",
    [
        "lat=48.35&lon=-64.68&mrc=2403",  # unknown parameter: named, with the accepted ones
        "lat=48.35&lat=48.4&lon=-64.68",  # repeated
        "lat=91&lon=-64.68",  # out of range
        "lat=abc&lon=-64.68",
        "lat=48.35",  # missing
        "lat=1e1&lon=-64.68",  # a form a map does not send: the route judges it
        "lat=48.35&lon=-64.68&threshold=3/1",  # below ISED's lowest tier
        "lat=48.35&lon=-64.68&technology=cable",
        "lat=48.35&lon=-64.68&radius_m=6000",
    ],
)
def test_anything_but_a_plain_look_up_gets_the_routes_answer(client, routed, query):
    fast = client.get(f"/api/lookup?{query}")
    slow = routed.get(f"/api/lookup?{query}")
    assert (fast.status_code, fast.content) == (slow.status_code, slow.content)


def test_only_requests_it_cannot_read_reach_the_route(spied):
    test_client, reached = spied
    assert test_client.get("/api/lookup?lat=48.35&lon=-64.68&lang=en").status_code == 200
    assert reached == []
    assert test_client.get("/api/lookup?lat=48.35&lon=-64.68&x=1").status_code == 422
    assert test_client.get("/api/lookup?lat=48.35&lon=-64.68&radius_m=1e3").status_code == 200
    assert reached == ["lat=48.35&lon=-64.68&x=1", "lat=48.35&lon=-64.68&radius_m=1e3"]


def test_head_and_a_root_path_work_as_for_any_route(settings, client):
    head = client.head("/api/lookup?lat=48.35&lon=-64.68")
    get = client.get("/api/lookup?lat=48.35&lon=-64.68")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"]
    with TestClient(create_app(settings), root_path="/carte") as prefixed:
        body = prefixed.get("/carte/api/lookup?lat=48.35&lon=-64.68")
        assert body.status_code == 200 and body.content == get.content


def test_look_ups_are_not_kept_by_the_http_cache(client):
    answer = client.get("/api/lookup?lat=48.35&lon=-64.68", headers={"Accept-Encoding": "gzip"})
    assert "etag" not in answer.headers
    assert answer.headers["x-content-type-options"] == "nosniff"  # the outer layers still apply
