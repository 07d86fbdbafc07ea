"""PostGIS sums the households by the gap engine's own assignment rule, to the same figures."""

from __future__ import annotations

from datetime import UTC, datetime

import geopandas as gpd
import pandas as pd
import psycopg
import pytest
import shapely

from app.gaps.assign import Locator
from app.gaps.engine import GapIndex, household_sums
from app.layers.kinds import Kind
from app.layers.pgstore import PgStore
from app.layers.store import LayerMeta, LayerStore
from app.vocabulary import SUM_FIELDS, SUM_KEYS
from tests.conftest import EMBEDDED_STORE, FIXTURES
from tests.gaps.conftest import HOMES, SQUARES, household_frame, municipality_frame
from tests.postgis import Cluster

SQUARE_FRAME = municipality_frame(
    SQUARES, [shapely.box(x, y, x + 1, y + 1) for *_, (x, y), _d, _p in SQUARES]
)
# Around the four unit squares (x 0..2, y 0..2; at the equator 0.001° is about 111 m).
AWKWARD = (
    *HOMES,  # borders, the corner of all four, far outside, a type 8 point with 0 dwellings
    ((2.004, 0.5), "fibre", 1000, 500, 1, 2),  # coastal: 445 m east of Bravo, snapped
    ((2.02, 0.5), "dsl", 10, 1, 1, 3),  # 2.2 km east: beyond the snapping distance
    ((1.0, -0.005), "cable", 100, 10, 2, 2),  # as near Alpha as Bravo: the smaller code
    ((0.5, 2.003), "none", 0, 0, 0, 0),  # a type 8 point near the coast: snapped, no home
)


def meta(kind: Kind) -> LayerMeta:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    return LayerMeta(str(kind), 0, "test", "2021", now, 0, demonstration=True)


def python_sums(households, municipalities, snap_m):
    index = GapIndex.build(households, municipalities, snap_m=snap_m)
    sums, _key = household_sums(households, index.household_codes, index.household_snapped_m)
    return sums


def sql_sums(store, households, municipalities, snap_m):
    versions = []
    for kind, frame in ((Kind.HOUSEHOLDS, households), (Kind.MUNICIPALITIES, municipalities)):
        versions.append(store.write(kind, frame, meta(kind)).version)
    polygons = gpd.GeoSeries(municipalities.geometry).to_crs("EPSG:4326")
    locator = Locator(polygons.sort_index().to_numpy(), snap_m)  # any order: same bounds
    return store.household_sums(tuple(versions), locator.metric_proj4, snap_m)


def same_sums(ours, theirs):
    ordered = [frame.sort_values(list(SUM_KEYS)).reset_index(drop=True) for frame in (ours, theirs)]
    assert list(ordered[1].columns) == list(SUM_FIELDS)
    pd.testing.assert_frame_equal(*ordered, check_dtype=False)


@pytest.fixture
def pg(postgis: Cluster) -> PgStore:
    return PgStore(postgis.database())


@pytest.mark.parametrize("snap_m", [0.0, 1000.0])
def test_awkward_points_are_summed_as_the_engine_sums_them(pg, snap_m):
    households = household_frame(AWKWARD)
    households.loc[len(households)] = [*households.iloc[0, :-1], None]  # no geometry
    households.loc[len(households)] = [*households.iloc[1, :-1], shapely.Point()]  # empty
    households.loc[len(households)] = [*households.iloc[1, :-1], shapely.box(0, 0, 0.1, 0.1)]
    sums, _seconds = sql_sums(pg, households, SQUARE_FRAME, snap_m)
    same_sums(sums, python_sums(households, SQUARE_FRAME, snap_m))
    outside = sums[sums["code"] == ""]
    assert outside["points"].sum() == (2 if snap_m else 5) + 3  # + the three unusable rows
    if snap_m:
        snapped = sums[sums["snapped"]]
        assert snapped["points"].sum() == 3 and snapped["households"].sum() == 2
        tie = snapped[snapped["services"] == household_frame([AWKWARD[-2]])["services"][0]]
        assert tie["code"].tolist() == ["2401001"]


def test_the_embedded_households_are_summed_alike_coasts_and_all(pg):
    embedded = LayerStore(EMBEDDED_STORE)
    households, _ = embedded.read(Kind.HOUSEHOLDS)
    municipalities, _ = embedded.read(Kind.MUNICIPALITIES)
    sums, seconds = sql_sums(pg, households, municipalities, 1000.0)
    ours = python_sums(households, municipalities, 1000.0)
    same_sums(sums, ours)
    assert seconds > 0


def test_a_projected_municipalities_layer_and_the_fixture_households(pg):
    households = gpd.read_parquet(FIXTURES / "layers" / "households.parquet")
    municipalities = gpd.read_file(FIXTURES / "layers" / "municipalities.gpkg").to_crs("EPSG:32198")
    sums, _seconds = sql_sums(pg, households, municipalities, 1000.0)
    same_sums(sums, python_sums(households, municipalities, 1000.0))


def test_the_sums_are_computed_once_then_read(pg):
    households = household_frame(HOMES)
    first, seconds = sql_sums(pg, households, SQUARE_FRAME, 1000.0)
    proj4 = Locator(SQUARE_FRAME.geometry.to_numpy()).metric_proj4
    again, twice = pg.household_sums((1, 1), proj4, 1000.0)
    assert seconds > 0 and twice == 0.0
    same_sums(again, first)
    with psycopg.connect(pg.url) as connection:
        done = connection.execute("SELECT count(*) FROM gim.household_sums_done").fetchone()
    assert done == (1,)
