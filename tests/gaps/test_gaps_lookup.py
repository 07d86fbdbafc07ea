"""Point look-up: municipality, MRC, nearest household, on hand-made layers near Chandler."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from app.gaps.engine import GapIndex
from app.gaps.lookup import PROJECTED_CRS, LookupIndex, Place, families_of
from app.vocabulary import parse_services, service_order

# Two municipalities side by side (0.1° wide) in MRC 2402.
WEST = shapely.box(-64.8, 48.3, -64.7, 48.4)
EAST = shapely.box(-64.7, 48.3, -64.6, 48.4)


def layers():
    municipalities = gpd.GeoDataFrame(
        {
            "code": ["2402028", "2402015"],
            "name": ["Chandler", "Grande-Rivière"],
            "mrc_code": ["2402", "2402"],
            "mrc_name": ["Le Rocher-Percé", "Le Rocher-Percé"],
            "dwellings": [10, 10],
            "population": [20, 20],
        },
        geometry=[WEST, EAST],
        crs="EPSG:4326",
    )
    mrcs = gpd.GeoDataFrame(
        {"code": ["2402"], "name": ["Le Rocher-Percé"]},
        geometry=[shapely.box(-64.8, 48.3, -64.5, 48.4)],
        crs="EPSG:4326",
    )
    households = gpd.GeoDataFrame(
        {
            "phh_id": ["a", "b", "null-point", "c"],
            "dwellings": [2.0, 1.0, 0.0, 3.0],
            "population": [4.0, 2.0, 0.0, 6.0],
            "services": ["fibre 1000/500; satellite 50/10+", "dsl 10/1", "fibre 1000/500", ""],
            "lte": [1, 0, -1, -1],
        },
        geometry=shapely.points(
            [(-64.75, 48.35), (-64.65, 48.35), (-64.70, 48.35), (-64.55, 48.35)]
        ),
        crs="EPSG:4326",
    )
    return municipalities, mrcs, households


def lookup_of(municipalities, households) -> LookupIndex:
    return LookupIndex(GapIndex.build(households, municipalities), households)


@pytest.fixture(scope="module")
def index() -> LookupIndex:
    municipalities, _mrcs, households = layers()
    return lookup_of(municipalities, households)


def test_a_point_inside_a_municipality_gets_it_and_its_mrc(index):
    found = index.locate(-64.74, 48.35)
    assert found.municipality == Place("2402028", "Chandler")
    assert found.mrc == Place("2402", "Le Rocher-Percé")


def test_on_a_shared_border_the_smaller_code_wins_like_the_gap_engine(index):
    assert index.locate(-64.7, 48.35).municipality == Place("2402015", "Grande-Rivière")


def test_a_point_just_off_the_polygons_is_snapped_and_says_how_far(index):
    found = index.locate(-64.594, 48.35)  # about 440 m east of Grande-Rivière
    assert found.municipality == Place("2402015", "Grande-Rivière")
    assert found.mrc == Place("2402", "Le Rocher-Percé")
    assert found.snapped_m == pytest.approx(444, rel=0.02)
    assert index.locate(-64.65, 48.35).snapped_m is None


def test_outside_the_region_says_how_far_the_nearest_municipality_is(index):
    found = index.locate(-64.55, 48.35)  # 3.7 km east: beyond the snapping distance
    assert found.municipality is None and found.mrc is None
    assert found.outside_m == pytest.approx(3700, rel=0.02)
    montreal = index.locate(-73.57, 45.50)
    assert montreal.municipality is None and montreal.outside_m > 500_000


def test_the_nearest_household_skips_points_without_dwellings(index):
    nearest = index.locate(-64.701, 48.35).household  # right next to the null point
    assert nearest.phh_id in {"a", "b"}
    assert nearest.row in {0, 1}


def test_the_distance_is_geodesic_metres(index):
    nearest = index.locate(-64.75, 48.36).household  # 0.01° of latitude north of "a"
    assert nearest.phh_id == "a"
    assert nearest.distance_m == pytest.approx(1112, rel=0.01)
    assert nearest.services == parse_services("fibre 1000/500; satellite 50/10+")
    assert nearest.lte == 1


def test_an_index_without_households_finds_none():
    municipalities, _mrcs, households = layers()
    empty = lookup_of(municipalities, households.iloc[0:0])
    assert empty.locate(-64.75, 48.35).household is None


def random_households(count: int, seed: int, without_service: bool) -> gpd.GeoDataFrame:
    """Households scattered over the two municipalities, with services of every family."""
    rng = np.random.default_rng(seed)
    texts = [
        "fibre 1000/500",
        "dsl 10/1; satellite 50/10+",
        "cable 50/10+; fixed_wireless 25/5-50/10",
        "fixed_wireless 50/10",
        "wired 50/10+; fibre 50/10",  # equal speeds, two technologies: one best, always the same
    ] + ([""] if without_service else [])
    return gpd.GeoDataFrame(
        {
            "phh_id": [f"h{number}" for number in range(count)],
            "dwellings": rng.integers(0, 4, count).astype(float),
            "population": rng.integers(0, 8, count).astype(float),
            "services": rng.choice(texts, count),
            "lte": rng.choice([-1, 0, 1], count),
        },
        geometry=shapely.points(rng.uniform(-64.8, -64.6, count), rng.uniform(48.3, 48.4, count)),
        crs="EPSG:4326",
    )


@pytest.mark.parametrize("without_service", [True, False])
def test_nearby_is_what_a_scan_of_every_household_finds(without_service):
    municipalities, _mrcs, _ = layers()
    households = random_households(400, 3, without_service)
    index = lookup_of(municipalities, households)
    projected = households.to_crs(PROJECTED_CRS)
    rng = np.random.default_rng(4)
    for lon, lat, radius in zip(
        rng.uniform(-64.8, -64.6, 60),
        rng.uniform(48.3, 48.4, 60),
        rng.choice([0, 300, 2000], 60),
        strict=True,
    ):
        place, around = index.look(lon, lat, float(radius))
        point = gpd.GeoSeries([shapely.Point(lon, lat)], crs="EPSG:4326").to_crs(PROJECTED_CRS)[0]
        distance = projected.distance(point).to_numpy()
        held = households["dwellings"].to_numpy() > 0
        expected = np.flatnonzero(held & (distance <= radius))
        assert around.rows.tolist() == expected.tolist()
        families: dict[str, list] = {}
        for row in expected:
            for family, best in _best_of(households["services"].iloc[row]).items():
                families.setdefault(family, []).append((households["dwellings"].iloc[row], best))
        assert [(f.family, f.dwellings, f.best) for f in around.families] == [
            (family, sum(d for d, _ in offers), max((s for _, s in offers), key=_fastest))
            for family, offers in sorted(families.items())
        ]
        nearest = np.flatnonzero(held)[np.argmin(distance[held])]
        assert place.household.phh_id == households["phh_id"].iloc[nearest]
        assert index.locate(lon, lat) == place
        assert index.nearby(lon, lat, float(radius)).rows.tolist() == around.rows.tolist()


def _fastest(service):
    return service.down, service.up, service_order(service)


def _best_of(text: str) -> dict:
    best: dict = {}
    for service in parse_services(text):
        family = str(service.family)
        if family not in best or _fastest(service) > _fastest(best[family]):
            best[family] = service
    return best


def test_families_of_given_texts_follow_the_same_rule():
    households = random_households(300, 5, without_service=True)
    municipalities, _mrcs, _ = layers()
    index = lookup_of(municipalities, households)
    _, around = index.look(-64.7, 48.35, 3000.0)
    texts = households["services"].to_numpy()[around.rows]
    assert families_of(texts, around.dwellings) == around.families
    assert families_of(np.array([], dtype=str), np.array([])) == ()
