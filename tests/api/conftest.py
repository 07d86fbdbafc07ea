"""Fixtures of the API tests."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def region_polygon() -> dict[str, Any]:
    """A GeoJSON polygon around the whole region, with a wide margin."""
    ring = [[-70.0, 46.0], [-60.0, 46.0], [-60.0, 50.5], [-70.0, 50.5], [-70.0, 46.0]]
    return {"type": "Polygon", "coordinates": [ring]}
