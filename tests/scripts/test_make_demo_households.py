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
    "demo/PHH_Speeds_Current-PHH_Vitesses_Actuelles_GIM-demo.csv",
    "demo/GIM_Exact_Speeds-demo.csv",
    "households/0001.gpkg",
    "households/0001.json",
    "households/0002.gpkg",
    "households/0002.json",
    "current.json",
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
    for name in OUTPUTS[:3]:
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
    assert meta.version == 2
    assert "synthetic" in meta.source and "Statistics Canada Open Licence" in meta.licence
    assert LayerStore(store).current()[Kind.HOUSEHOLDS] == 2


def test_the_earlier_vintage_is_a_demonstration_with_the_same_points_and_less_fibre(store):
    layers = LayerStore(store)
    earlier, meta = layers.read(Kind.HOUSEHOLDS, 1)
    current, _ = layers.read(Kind.HOUSEHOLDS, 2)
    assert meta.demonstration is True and meta.vintage == "2019" and meta.version == 1
    assert meta.loaded_at < layers.meta(Kind.HOUSEHOLDS, 2).loaded_at
    assert earlier["phh_id"].tolist() == current["phh_id"].tolist()
    assert earlier["dwellings"].tolist() == current["dwellings"].tolist()
    fibre = current["services"].str.contains("fibre")
    assert 0.2 < (~earlier.loc[fibre, "services"].str.contains("fibre")).mean() < 0.7
    assert not (earlier["services"].str.contains("fibre") & ~fibre).any()  # none lost fibre
    assert (earlier["services"].str.contains("satellite 10/2-25/5")).all()


def test_the_files_in_ised_s_schema_have_ised_s_exact_header(store):
    from app.layers import ised

    points = (store / OUTPUTS[0]).read_text().splitlines()[0].split(",")
    speeds = (store / OUTPUTS[1]).read_text().splitlines()[0].split(",")
    assert points == ised.points_columns(2021)
    assert speeds == ised.speeds_columns()
    assert "Wireless_lt5_Sans_fil" in speeds and "GIM_Technology" not in speeds
    exact = (store / OUTPUTS[2]).read_text().splitlines()[0].split(",")
    assert exact == list(ised.EXTENSION)


def test_lte_gaps_follow_route_299_route_198_and_the_tnos(store):
    layers = LayerStore(store)
    households, _ = layers.read(Kind.HOUSEHOLDS)
    municipalities, _ = layers.read(Kind.MUNICIPALITIES)
    homes = households[households["dwellings"] > 0]
    tno = homes["phh_id"].str[:7].isin(municipalities.loc[municipalities["type"] == "NO", "code"])
    assert (homes.loc[tno, "lte"] == 0).mean() > 0.5
    assert (homes.loc[~tno, "lte"] == 0).mean() < 0.1
    # Route 299 through the Chic-Chocs, Route 198 between Gaspé and Murdochville.
    roads = shapely.MultiLineString(
        [
            [(-66.42, 49.05), (-66.22, 48.90), (-66.12, 48.72), (-66.02, 48.52), (-65.95, 48.40)],
            [(-64.68, 48.87), (-64.95, 48.93), (-65.25, 48.97), (-65.42, 48.96)],
        ]
    )
    near = homes.geometry.distance(roads) < 0.05
    assert near.sum() >= 10
    assert (homes.loc[near, "lte"] == 0).mean() > 0.8
    assert set(homes["lte"]) <= {0, 1}
