"""The API client on each store in turn: ``from tests.api.stores import client`` in a module."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

STORES = ("embedded", "postgis")


@pytest.fixture(scope="session", params=STORES)
def client(request: pytest.FixtureRequest, client: TestClient) -> TestClient:
    """The session's client on the embedded GeoPackage store, then on its PostGIS copy."""
    if request.param == "embedded":
        return client
    return request.getfixturevalue("postgis_client")
