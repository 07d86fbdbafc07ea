"""Fixtures of the API tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings


@pytest.fixture(scope="session")
def region_polygon() -> dict[str, Any]:
    """A GeoJSON polygon around the whole region, with a wide margin."""
    ring = [[-70.0, 46.0], [-60.0, 46.0], [-60.0, 50.5], [-70.0, 50.5], [-70.0, 46.0]]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture(scope="session")
def replica_client(postgis_settings: Settings) -> Iterator[TestClient]:
    """A client of a replica on the PostGIS copy: households left in the database (read only)."""
    settings = postgis_settings.model_copy(update={"households_in_memory": False})
    with TestClient(create_app(settings)) as test_client:
        yield test_client
