"""A replica with GIM_HOUSEHOLDS_IN_MEMORY=false serves every view without reading households."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from app.layers.kinds import Kind
from app.layers.pgstore import PgStore
from app.main import create_app
from app.settings import Settings
from tests.api.test_api_stores import PATHS

# Every path of the contract suite, the look-ups (answered by KNN queries) included.
SERVED = list(PATHS)
SERVED += ["/healthz", "/api/municipalities/2401023", "/maps/data/municipalities/1.geojson"]
SERVED += ["/api/downloads/region.xlsx", "/api/downloads/region.gpkg", "/api/search?q=perce", "/"]


@pytest.fixture
def reads(monkeypatch):
    """The kinds every PgStore read asks for, in order."""
    asked: list[Kind] = []
    read = PgStore.read

    def spy(self, kind, version=None):
        asked.append(kind)
        return read(self, kind, version)

    monkeypatch.setattr(PgStore, "read", spy)
    return asked


def test_a_replica_never_reads_the_households_table(postgis_settings, reads, region_polygon):
    settings = postgis_settings.model_copy(update={"households_in_memory": False})
    with TestClient(create_app(settings)) as client:
        for path in SERVED:
            assert client.get(path).status_code == 200, path
        assert client.post("/api/stats", json=region_polygon).status_code == 200
        catalog = client.app.state.catalog
    assert reads and Kind.HOUSEHOLDS not in reads
    assert not catalog.layer(Kind.HOUSEHOLDS).in_memory and not catalog.gaps.in_memory


def test_the_same_app_in_memory_reads_them(postgis_settings, reads):
    with TestClient(create_app(postgis_settings)) as client:
        assert client.get("/healthz").status_code == 200
    assert Kind.HOUSEHOLDS in reads


def test_households_stay_in_memory_without_a_database(settings):
    with pytest.raises(ValidationError, match="GIM_DATABASE_URL"):
        Settings(store_dir=settings.store_dir, households_in_memory=False, _env_file=None)
