"""The embedded store is rebuilt byte for byte from ../shared/data by its script."""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"
LAYERS = ("municipalities", "mrcs", "community_points", "places")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/data is not beside this checkout")
def test_build_geodata_reproduces_the_committed_layers(tmp_path):
    store = tmp_path / "store"
    script = ROOT / "scripts" / "build_geodata.py"
    subprocess.run(
        [sys.executable, script, "--shared", SHARED, "--store", store], check=True, cwd=ROOT
    )
    for kind in LAYERS:
        for suffix in (".gpkg", ".json"):
            committed = ROOT / "geodata" / kind / f"0001{suffix}"
            assert sha256(store / kind / f"0001{suffix}") == sha256(committed), committed
    places = "reference/places.gpkg"
    assert sha256(store / places) == sha256(ROOT / "geodata" / places)
