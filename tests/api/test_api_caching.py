"""ETags, 304s, Cache-Control and the bounded cache of serialised answers."""

from __future__ import annotations

import cramjam
import pytest
from fastapi.testclient import TestClient

from app.api.caching import Cached, LruBytes, request_key
from app.layers.kinds import Kind
from app.layers.store import LayerStore
from app.main import create_app
from app.settings import Settings


def scope(path: str, query: bytes = b"", **headers: str) -> dict:
    encoded = [(name.replace("_", "-").encode(), value.encode()) for name, value in headers.items()]
    return {"path": path, "query_string": query, "headers": encoded, "scheme": "http"}


def test_gets_carry_an_etag_and_cache_control_from_the_settings(client, settings):
    response = client.get("/api/region")
    assert response.headers["etag"].startswith('W/"')
    assert response.headers["cache-control"] == f"public, max-age={settings.cache_max_age_s}"
    assert "Accept-Language" in response.headers["vary"]


def test_if_none_match_gives_304_without_a_body(client):
    etag = client.get("/api/gaps?level=mrc").headers["etag"]
    again = client.get("/api/gaps?level=mrc", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    strong = etag.removeprefix("W/")
    assert client.get("/api/gaps?level=mrc", headers={"If-None-Match": strong}).status_code == 304
    other = client.get("/api/gaps?level=mrc", headers={"If-None-Match": 'W/"other"'})
    assert other.status_code == 200


def test_the_etag_names_the_query_and_the_language_but_not_the_parameter_order(client):
    first = client.get("/api/gaps?level=mrc&sort=served_share").headers["etag"]
    assert client.get("/api/gaps?sort=served_share&level=mrc").headers["etag"] == first
    assert client.get("/api/gaps?level=mrc&sort=unserved").headers["etag"] != first
    english = client.get("/api/gaps?level=mrc&sort=served_share&lang=en").headers["etag"]
    assert english != first
    header = client.get(
        "/api/gaps?level=mrc&sort=served_share", headers={"Accept-Language": "en-CA"}
    )
    assert header.headers["etag"] == english


def test_cached_answers_are_byte_identical_and_errors_are_not_cached(client):
    first = client.get("/api/municipalities/2402028?threshold=10/2")
    assert client.get("/api/municipalities/2402028?threshold=10/2").content == first.content
    missing = client.get("/api/municipalities/0000000")
    assert missing.status_code == 404 and "etag" not in missing.headers


def test_a_hot_reload_changes_the_etag_and_the_answers(store_dir):
    settings = Settings(store_dir=store_dir, reload_interval_s=0, tiles_url="", _env_file=None)
    with TestClient(create_app(settings)) as client:
        paths = ("/api/municipalities", "/ogc/collections/municipalities/items/2402028")
        before = {path: client.get(path) for path in paths}
        store = LayerStore(store_dir)
        frame, meta = store.read(Kind.MUNICIPALITIES)
        frame.loc[frame["code"] == "2402028", "name"] = "Chandler (renamed)"
        store.write(Kind.MUNICIPALITIES, frame, meta)
        assert client.app.state.reloader.reload().changed
        for path, old in before.items():
            new = client.get(path, headers={"If-None-Match": old.headers["etag"]})
            assert new.status_code == 200, path
            assert new.headers["etag"] != old.headers["etag"]
            assert "Chandler (renamed)" in new.text and "Chandler (renamed)" not in old.text


def test_posts_and_other_paths_are_not_cached(client, region_polygon):
    assert "etag" not in client.post("/api/stats", json=region_polygon).headers
    assert "etag" not in client.get("/healthz").headers


def test_cors_headers_come_with_cached_answers_too(settings):
    allowed = settings.model_copy(update={"cors_origins": ["https://mrc.example"]})
    with TestClient(create_app(allowed)) as browser:
        for _ in range(2):  # computed, then from the cache
            response = browser.get("/api/mrcs", headers={"Origin": "https://mrc.example"})
            assert response.headers["access-control-allow-origin"] == "https://mrc.example"


def test_the_lru_is_bounded_in_entries_and_bytes():
    lru = LruBytes(max_entries=3, max_bytes=10)
    for key in "abc":
        lru.put(key, Cached(200, [], b"12"))
    assert lru.get("a") is not None  # now the most recent
    lru.put("d", Cached(200, [], b"12"))
    assert lru.get("b") is None and len(lru) == 3
    lru.put("e", Cached(200, [], b"123456789"))
    assert len(lru) == 1 and lru.size == 9


def test_request_key_ignores_order_and_depends_on_host_and_language():
    key = request_key(scope("/api/gaps", b"a=1&b=2", host="x"), "t1")
    assert request_key(scope("/api/gaps", b"b=2&a=1", host="x"), "t1") == key
    assert request_key(scope("/api/gaps", b"a=1&b=2", host="y"), "t1") != key
    assert request_key(scope("/api/gaps", b"a=1&b=2", host="x"), "t2") != key
    assert request_key(scope("/api/gaps", b"a=1&b=2&lang=en", host="x"), "t1") != key
    english = request_key(scope("/api/gaps", b"a=1&b=2", host="x", accept_language="en"), "t1")
    assert english == request_key(scope("/api/gaps", b"lang=en&a=1&b=2", host="x"), "t1")
    twice = request_key(scope("/api/gaps", b"lang=fr&a=1&b=2&lang=en", host="x"), "t1")
    assert twice == english  # the last ?lang= wins, as in the handlers


def test_a_repeated_lang_does_not_put_english_under_the_french_key(client):
    assert "Features" in client.get("/ogc?lang=fr&lang=en").json()["title"]
    assert "Entités" in client.get("/ogc?lang=fr").json()["title"]


@pytest.mark.parametrize(
    "path", ["/", "/api/region", "/ogc/collections", "/healthz", "/maps/data/mrcs/0.geojson"]
)
def test_head_is_answered_wherever_get_is_with_the_same_headers_and_no_body(client, path):
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers.get("etag") == got.headers.get("etag")
    assert head.headers["content-type"] == got.headers["content-type"]


@pytest.mark.parametrize("path", ["/", "/api/gaps", "/ogc/collections"])
def test_every_answer_is_compressed_as_accept_encoding_says(client, path):
    compressed = client.get(path, headers={"accept-encoding": "gzip, br;q=0.5"})
    assert compressed.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in compressed.headers["vary"]
    # The raw bytes: httpx decodes Brotli itself once the brotli package is installed.
    with client.stream("GET", path, headers={"accept-encoding": "gzip;q=0.1, br"}) as brotli:
        raw = b"".join(brotli.iter_raw())
    assert brotli.headers["content-encoding"] == "br"
    assert bytes(cramjam.brotli.decompress(raw)) == compressed.content
    for refused in ("gzip;q=0", "identity", ""):
        plain = client.get(path, headers={"accept-encoding": refused})
        assert "content-encoding" not in plain.headers
        assert plain.content == compressed.content
    tags = {compressed.headers["etag"], brotli.headers["etag"], plain.headers["etag"]}
    assert len(tags) == 3


def test_the_households_collection_is_sent_compressed(client):
    url = "/ogc/collections/households/items?limit=10000"
    compressed = client.get(url, headers={"accept-encoding": "gzip"})
    assert compressed.headers["content-encoding"] == "gzip"
    assert int(compressed.headers["content-length"]) < len(compressed.content) / 4


def test_a_cached_compressed_answer_is_served_compressed_again(client):
    headers = {"accept-encoding": "gzip"}
    first = client.get("/api/gaps?threshold=30/5", headers=headers)
    again = client.get("/api/gaps?threshold=30/5", headers=headers)
    assert again.headers["content-encoding"] == "gzip"
    assert again.headers["etag"] == first.headers["etag"] and again.content == first.content


def test_spellings_of_one_threshold_or_choice_share_one_cache_entry(client):
    tags = {
        client.get(f"/api/region?{query}").headers["etag"]
        for query in ("threshold=50/10", "threshold=50.0/10", "threshold=50,0/10.0", "")
    }
    assert len(tags) == 1
    choices = {
        client.get(f"/api/region?technology={text}").headers["etag"]
        for text in ("satellite,wired", "wired,satellite", "WIRED, satellite")
    }
    assert len(choices) == 1
    defaults = {
        client.get(f"/api/region{query}").headers["etag"]
        for query in ("", "?technology=terrestrial", "?technology=fixed_wireless,wired")
    }
    assert len(defaults) == 1
