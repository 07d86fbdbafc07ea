"""Bounded requests (size, slowness, detail) and security headers, in-process and over HTTP."""

from __future__ import annotations

import base64
import hashlib
import re
import socket
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient

from app.api import rest
from app.main import create_app
from app.settings import Settings
from tests.conftest import LiveServer

SQUARE = [[-64.6, 48.8], [-64.4, 48.8], [-64.4, 49.0], [-64.6, 49.0], [-64.6, 48.8]]


def test_every_answer_carries_nosniff_a_referrer_policy_and_denies_framing(client):
    for path in ("/healthz", "/api/region", "/api/nowhere", "/static/gim.css"):
        headers = client.get(path).headers
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "same-origin"
        assert headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in headers["content-security-policy"]


def test_a_map_page_allows_exactly_its_inline_scripts_by_hash(client):
    response = client.get("/")
    policy = response.headers["content-security-policy"]
    inline = re.findall(r"<script>(.*?)</script>", response.text, re.DOTALL)
    assert len(inline) == 2
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in policy and "base-uri 'none'" in policy


@pytest.mark.parametrize("coding", ["gzip", "br"])
def test_a_compressed_page_gets_the_same_policy(client, coding):
    plain = client.get("/maps/mrc/2402", headers={"Accept-Encoding": "identity"})
    packed = client.get("/maps/mrc/2402", headers={"Accept-Encoding": coding})
    assert packed.headers.get("content-encoding") == coding
    assert packed.headers["content-security-policy"] == plain.headers["content-security-policy"]
    assert "'sha256-" in plain.headers["content-security-policy"]
    again = client.get("/maps/mrc/2402", headers={"Accept-Encoding": coding})  # from the cache
    assert again.headers["content-security-policy"] == plain.headers["content-security-policy"]


def test_embedding_can_be_allowed_for_named_sites(store_dir):
    settings = Settings(
        store_dir=store_dir,
        reload_interval_s=0,
        tiles_url="https://{s}.tile.example.org/{z}/{x}/{y}.png",
        frame_ancestors=["https://mrc.example.ca"],
        _env_file=None,
    )
    with TestClient(create_app(settings)) as client:
        headers = client.get("/healthz").headers
    assert "x-frame-options" not in headers
    policy = headers["content-security-policy"]
    assert "frame-ancestors https://mrc.example.ca" in policy
    assert "img-src 'self' data: https://*.tile.example.org" in policy


def test_a_body_declared_too_large_is_refused_before_it_is_read(client):
    response = client.post(
        "/api/stats?lang=en",
        content=b"{}",
        headers={"Content-Length": str(500 * 1024 * 1024), "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "Request too large: the limit is 2 MB (GIM_MAX_BODY_MB)."


def test_a_streamed_body_is_cut_at_the_limit(client):
    def chunks():
        for _ in range(5):
            yield b" " * (1024 * 1024)

    response = client.post(
        "/api/stats", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413 and response.json()["detail"].startswith("Requête trop")


def test_a_polygon_with_far_too_many_positions_is_refused_before_parsing(client, monkeypatch):
    ring = b"[" + b"[0,0]," * 300_000 + b"[0,0]]"
    body = b'{"type":"Polygon","coordinates":[' + ring + b"]}"
    assert len(body) < 2 * 1024 * 1024
    parsed = []
    monkeypatch.setattr(rest, "parse_area", lambda area: parsed.append(area))
    response = client.post("/api/stats?lang=en", content=body)
    assert parsed == []  # refused while the body arrived: the handler never ran
    assert response.status_code == 422
    assert response.json()["detail"].startswith("The area has too many vertices")


def test_a_normal_drawn_area_still_works(client):
    response = client.post("/api/stats", json={"type": "Polygon", "coordinates": [SQUARE]})
    assert response.status_code == 200, response.text


def test_problem_details_are_cut_short(client):
    response = client.get("/api/municipalities/" + "9" * 20_000)
    assert response.status_code in (404, 422)
    assert len(response.json()["detail"]) <= 500


def test_a_slow_sender_gets_408(store_dir):
    settings = Settings(
        store_dir=store_dir, reload_interval_s=0, tiles_url="", body_timeout_s=0.5, _env_file=None
    )
    with LiveServer(settings) as server, socket.create_connection(("127.0.0.1", server.port)) as s:
        s.sendall(
            b"POST /api/stats HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1000\r\n\r\n{"
        )
        s.settimeout(10)
        started = time.monotonic()
        answer = s.recv(4096)
    assert answer.startswith(b"HTTP/1.1 408") and time.monotonic() - started < 5


@pytest.mark.browser
def test_the_policy_blocks_an_injected_inline_script_in_chromium(browser, live_server):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(live_server.url + "/")
    page.wait_for_function("() => document.querySelector('.folium-map').dataset.gimPending === '0'")
    assert not errors  # the map's own scripts run under the policy
    ran = page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.pwned = 1'; document.body.append(s); return window.pwned }"
    )
    context.close()
    assert ran is None
    assert any("Content Security Policy" in error for error in errors)


def test_waiting_for_a_disconnect_after_the_body_has_no_deadline():
    import asyncio

    from app.api.security import _Body
    from app.errors import PayloadTooLargeError

    messages = [{"type": "http.request", "body": b"{}", "more_body": False}]

    async def receive():
        if messages:
            return messages.pop()
        await asyncio.sleep(0.3)
        return {"type": "http.disconnect"}

    async def both():
        error = PayloadTooLargeError("http.body_too_large", limit=1)
        body = _Body(receive, 100, 0.1, error, False)
        return await body(), await body()

    with ThreadPoolExecutor(1) as pool:  # a loop of its own (Playwright may run one here)
        first, second = pool.submit(asyncio.run, both()).result()
    assert first["body"] == b"{}"
    assert second["type"] == "http.disconnect"  # after 0.3 s, beyond the 0.1 s deadline
