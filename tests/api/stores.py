"""The API client on each store in turn: ``from tests.api.stores import client`` in a module."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

STORES = ("embedded", "postgis", "replica")


@pytest.fixture(scope="session", params=STORES)
def client(request: pytest.FixtureRequest, client: TestClient) -> TestClient:
    """The session's client on the embedded GeoPackage store, on its PostGIS copy, then on a
    replica of that copy that keeps the households in the database."""
    if request.param == "embedded":
        return client
    return request.getfixturevalue(f"{request.param}_client")
