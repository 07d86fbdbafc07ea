"""The demonstration households are reproduced byte for byte and match the census counts."""

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from app.layers.kinds import Kind
from app.layers.store import LayerStore

ROOT = Path(__file__).resolve().parents[2]
GEODATA = ROOT / "geodata"
OUTPUTS = (
    "demo/PHH-GIM-demo.csv",
    "demo/NBD_PHH_Speeds-GIM-demo.csv",
    "households/0001.gpkg",
    "households/0001.json",
)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the embedded store with the demo regenerated into it."""
    target = tmp_path_factory.mktemp("demo") / "store"
    shutil.copytree(GEODATA, target)
    script = ROOT / "scripts" / "make_demo_households.py"
    run = subprocess.run(
        [sys.executable, script, "--store", target], check=True, cwd=ROOT, capture_output=True
    )
    assert b"Les \xc3\x8eles-de-la-Madeleine" in run.stdout
    return target


@pytest.mark.parametrize("output", OUTPUTS)
def test_the_script_reproduces_the_committed_outputs(store, output):
    assert sha256(store / output) == sha256(GEODATA / output)


def test_the_csv_files_are_utf8_with_lf_line_endings(store):
    for name in OUTPUTS[:2]:
        content = (store / name).read_bytes()
        assert b"\r" not in content
        content.decode("utf-8")


def test_dwellings_and_population_add_up_to_the_census_in_every_csd(store):
    layers = LayerStore(store)
    households, _ = layers.read(Kind.HOUSEHOLDS)
    municipalities, _ = layers.read(Kind.MUNICIPALITIES)
    joined = gpd.sjoin(households, municipalities[["code", "geometry"]], predicate="within")
    assert len(joined) == len(households)  # every point inside exactly one CSD
    assert (joined["code"] == joined["phh_id"].str[:7]).all()  # its own CSD
    sums = joined.groupby("code")[["dwellings", "population"]].sum()
    census = municipalities.set_index("code")[["dwellings", "population"]]
    sums = sums.reindex(census.index, fill_value=0.0)
    assert (sums["dwellings"] == census["dwellings"]).all()
    assert (sums["population"] == census["population"]).all()
    assert 8_000 <= len(households) <= 12_000


def test_points_keep_away_from_the_csd_borders(store):
    layers = LayerStore(store)
    households, _ = layers.read(Kind.HOUSEHOLDS)
    municipalities, _ = layers.read(Kind.MUNICIPALITIES)
    borders = municipalities.set_index("code").boundary
    own_border = borders.loc[households["phh_id"].str[:7]].to_numpy()
    assert shapely.distance(households.geometry.to_numpy(), own_border).min() > 9e-5


def test_the_layer_is_flagged_as_a_demonstration(store):
    meta = LayerStore(store).meta(Kind.HOUSEHOLDS)
    assert meta.demonstration is True
    assert meta.version == 1
    assert "synthetic" in meta.source and "Statistics Canada Open Licence" in meta.licence
    assert LayerStore(store).current()[Kind.HOUSEHOLDS] == 1
