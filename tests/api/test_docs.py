"""/docs and /redoc without a CDN; every operation described in French and English."""

from __future__ import annotations

import re

import pytest

OUTSIDE = re.compile(rb"""(?:src|href)=["']?(?:https?:)?//""")


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_docs_pages_load_their_assets_from_this_service(client, path):
    page = client.get(path)
    assert page.status_code == 200
    assert not OUTSIDE.search(page.content)
    assets = re.findall(r"""(?:src|href)="(/static/[^"]+)\"""", page.text)
    assert assets
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


def test_redoc_is_served_without_its_cdn_logo(client):
    script = client.get("/static/vendor/docs/redoc.standalone.js")
    assert script.status_code == 200 and len(script.content) > 500_000
    assert b"cdn.redoc.ly" not in script.content


def test_every_operation_is_described_in_french_then_english_without_rst(client):
    spec = client.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            french, english = operation["description"].split("\n\n")
            assert english.startswith("*") and english.endswith("*"), (method, path)
            assert french != english.strip("*")
            assert "``" not in operation["description"] and ":func:" not in french
