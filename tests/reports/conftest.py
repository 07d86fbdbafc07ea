"""Fixtures of the report tests: the shared app's catalogue and store (embedded GÎM data)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.catalog import Catalog
from app.layers.store import LayerStore


@pytest.fixture(scope="session")
def catalog(client: TestClient) -> Catalog:
    """The catalogue of the shared app."""
    return client.app.state.catalog


@pytest.fixture(scope="session")
def store(client: TestClient) -> LayerStore:
    """The shared app's store (a session copy of the embedded one: read only)."""
    return client.app.state.store
