"""Fixtures of the loader tests: the committed layer files and a private store per test."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from app.layers.store import LayerStore

LAYER_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "layers"


@pytest.fixture(scope="session")
def layer_files() -> Path:
    """The committed layer fixtures (see tests/fixtures/layers/README.md)."""
    return LAYER_FIXTURES


@pytest.fixture
def store(store_dir: Path) -> LayerStore:
    """A private copy of the embedded store."""
    return LayerStore(store_dir)


def _snapshot(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name != ".lock"
    }


@pytest.fixture(scope="session")
def snapshot() -> Callable[[Path], dict[str, str]]:
    """Every file of a store (the lock file aside) with a digest of its bytes."""
    return _snapshot
