"""Fixtures of the map tests: the shared catalogue and a store with a hostile municipality name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.catalog import Catalog
from app.layers.kinds import Kind
from app.layers.store import LayerStore
from app.main import create_app
from app.settings import Settings

HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_CODE = "2402028"  # Chandler


@pytest.fixture(scope="session")
def catalog(client: TestClient) -> Catalog:
    """The catalogue of the shared app (embedded GÎM data)."""
    return client.app.state.catalog


@pytest.fixture
def hostile_name() -> str:
    """The name Chandler is given in the hostile store."""
    return HOSTILE_NAME


@pytest.fixture
def hostile_settings(store_dir: Path) -> Settings:
    """Settings on a store copy where Chandler is renamed to an HTML injection attempt."""
    store = LayerStore(store_dir)
    frame, meta = store.read(Kind.MUNICIPALITIES)
    frame.loc[frame["code"] == HOSTILE_CODE, "name"] = HOSTILE_NAME
    store.write(Kind.MUNICIPALITIES, frame, meta)
    return Settings(store_dir=store_dir, reload_interval_s=0, tiles_url="", _env_file=None)


@pytest.fixture
def hostile_client(hostile_settings: Settings) -> Iterator[TestClient]:
    """A client of an app serving the renamed store."""
    with TestClient(create_app(hostile_settings)) as client:
        yield client
