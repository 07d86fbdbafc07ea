"""Behind a proxy at a sub-path (``uvicorn --root-path /carte``) every link and asset still works.

A crawler starts at the region page and follows every address a page, a map layer or an OGC
answer gives (links, scripts, styles, form targets, the data URLs the maps fetch); each must
start with the prefix and answer without an error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient

from app.main import create_app

ROOT = "/carte"
# Data URLs of the map layers, as the page's script gives them to static/gim-map.js.
_DATA_URL = re.compile(r'"url": "([^"]+)"')
_LEVELS = ("0", "2")  # the coarsest and the finest level of detail


class Addresses(HTMLParser):
    """Every href, src and form action of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action") and value:
                self.found.append(value)


def addresses(content_type: str, text: str) -> list[str]:
    """The addresses an answer gives, whatever its kind."""
    if content_type.startswith("text/html"):
        parser = Addresses()
        parser.feed(text)
        urls = [json.loads(f'"{url}"') for url in _DATA_URL.findall(text)]  # JSON-escaped
        data = [url.replace("{level}", level) for url in urls for level in _LEVELS]
        return parser.found + data
    if "json" in content_type:
        return [link["href"] for link in _links(json.loads(text))]
    return []


def _links(value: object) -> Iterator[dict]:
    """Every OGC link object anywhere in a JSON answer."""
    if isinstance(value, dict):
        if isinstance(value.get("href"), str):
            yield value
        for item in value.values():
            yield from _links(item)
    elif isinstance(value, list):
        for item in value:
            yield from _links(item)


@pytest.fixture(scope="module")
def proxied(settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), root_path=ROOT) as client:
        yield client


def crawl(client: TestClient, start: str) -> dict[str, int]:
    """Status of every address reachable from ``start`` on this host, breadth first.

    Each path is fetched once, with the first query string met (the other thresholds and
    languages of a page give the same addresses under other parameters); every address found is
    returned, fetched or not, with 0 for the ones not fetched.
    """
    seen: dict[str, int] = {}
    fetched: set[str] = set()
    queue = [start]
    while queue:
        url = queue.pop(0)
        path = urlsplit(url).path
        # A PDF links nothing and does not depend on the prefix: tests/api/test_reports.py
        # renders them (a sample; `make bench` all of them), the crawl only checks its address.
        if path in fetched or path.endswith(".pdf"):
            seen.setdefault(url, 0)
            continue
        fetched.add(path)
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code != 200:
            continue
        for found in addresses(response.headers.get("content-type", ""), response.text):
            target = urlsplit(urljoin("http://testserver" + url, found))
            if target.netloc == "testserver" and not found.startswith("#"):
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return seen


def test_every_link_and_asset_of_every_page_answers_under_the_prefix(proxied):
    seen = crawl(proxied, f"{ROOT}/")
    fetched = {url for url, status in seen.items() if status}
    assert len(fetched) > 2 * (54 + 6)  # every map and table page, their layers and assets
    assert [url for url in seen if not url.startswith(ROOT + "/")] == []
    assert {url: status for url, status in seen.items() if status not in (0, 200)} == {}
    kinds = {"/maps/mrc/", "/maps/municipality/", "/maps/data/", "/static/", "/table"}
    kinds |= {"/reports/municipality/", "/maps/changes", ".pdf"}
    assert all(any(kind in url for url in seen) for kind in kinds)


def test_ogc_links_keep_the_prefix(proxied):
    seen = crawl(proxied, f"{ROOT}/ogc")
    assert [url for url in seen if not url.startswith(ROOT + "/")] == []
    assert {url: status for url, status in seen.items() if status not in (0, 200)} == {}
    assert any("/ogc/collections/municipalities/items" in url for url in seen)


def test_the_error_page_links_home_under_the_prefix(proxied):
    missing = proxied.get(f"{ROOT}/maps/municipality/0000000", headers={"accept": "text/html"})
    assert missing.status_code == 404
    assert f'href="{ROOT}/?lang=fr"' in missing.text
