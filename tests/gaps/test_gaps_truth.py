"""Figures true to what a source can attest: families counted, tiers as intervals, coast."""

import numpy as np
import pytest
import shapely

from app.errors import InvalidParameterError
from app.gaps import CLASSES, GapIndex, Threshold
from app.vocabulary import TechnologyChoice

TERRESTRIAL = TechnologyChoice.parse("terrestrial")
ALL = TechnologyChoice.parse("all")
SATELLITE = TechnologyChoice.parse("satellite")

# One household per row in Alpha (x < 1, y < 1), each a case of DOMAIN.md. Counts: 1 dwelling.
CASES = (
    "wired 50/10+; satellite 50/10+",  # ISED top tier: 50/10 or more
    "wired 25/5-50/10; satellite 50/10+",  # at least 25/5, not 50/10
    "satellite 50/10+",  # satellite only
    "fixed_wireless 100/5; fibre 50/10",  # two services: one meets 50/10, the other 100/5
    "wired 0/0-5/1; satellite 25/5-50/10",  # reported below 5/1
    "",  # nothing reported
    "fibre 1000/500",  # exact speeds
)
# Expected class of each case, by (threshold, technologies).
S, U, N, K = "served", "underserved", "unserved", "unknown"
EXPECTED = {
    ("50/10", TERRESTRIAL): [S, U, N, S, N, N, S],
    ("30/5", TERRESTRIAL): [S, K, N, S, N, N, S],
    ("100/20", TERRESTRIAL): [K, U, N, U, N, N, S],
    # 120/6 is below 50/10 and reaches 100/5: a 25_5 tier cannot tell.
    ("100/5", TERRESTRIAL): [K, K, N, S, N, N, S],
    ("50/10", ALL): [S, S, S, S, U, N, S],
    ("100/20", ALL): [K, K, K, U, U, N, S],
    ("25/5", SATELLITE): [S, S, S, N, S, N, N],
}


@pytest.fixture(scope="module")
def cases(make_households, squares):
    rows = [((0.05 + 0.1 * i, 0.5), text or "none", 0, 0, 1, 1) for i, text in enumerate(CASES)]
    return GapIndex.build(make_households(rows), squares)


@pytest.mark.parametrize(("threshold", "choice"), list(EXPECTED))
def test_each_case_gets_the_class_its_source_attests(cases, threshold, choice):
    classes = np.asarray(CLASSES)[cases.household_classes(Threshold.parse(threshold), choice)]
    assert classes.tolist() == EXPECTED[threshold, choice]


def test_unknown_is_its_own_class_in_every_figure(cases):
    report = cases.summarize(Threshold(100, 20), TERRESTRIAL)
    alpha = report.municipalities.loc["2401001"]
    assert alpha["unknown_dwellings"] == 1 and alpha["unknown_population"] == 1
    assert alpha["unknown_share"] == 1 / 7
    assert report.region["unknown_dwellings"] == 1
    classes = ["served", "underserved", "unserved", "unknown"]
    assert sum(alpha[f"{name}_dwellings"] for name in classes) == alpha["dwellings"] == 7


def test_satellite_only_no_service_and_families_counted(cases):
    terrestrial = cases.summarize(Threshold(50, 10), TERRESTRIAL).municipalities.loc["2401001"]
    assert terrestrial["satellite_only_dwellings"] == 1
    assert terrestrial["no_service_dwellings"] == 2  # satellite only, and nothing reported
    every = cases.summarize(Threshold(50, 10), ALL).municipalities.loc["2401001"]
    assert every["no_service_dwellings"] == 1
    assert every["satellite_only_dwellings"] == 1  # the same whatever is counted


def test_technology_mix_counts_every_service_reported(cases):
    alpha = cases.summarize(Threshold(50, 10), TERRESTRIAL).municipalities.loc["2401001"]
    assert alpha["dwellings_wired"] == 3 and alpha["dwellings_satellite"] == 4
    assert alpha["dwellings_fibre"] == 2 and alpha["served_dwellings_fibre"] == 2
    assert alpha["dwellings_fixed_wireless"] == 1 and alpha["served_dwellings_fixed_wireless"] == 0


def test_lte_figures(make_households, squares):
    frame = make_households(
        [((0.5, 0.5), "fibre", 100, 20, 2, 5), ((0.6, 0.5), "none", 0, 0, 3, 4)]
    )
    frame["lte"] = [0, -1]
    alpha = GapIndex.build(frame, squares).summarize(Threshold(50, 10)).municipalities.iloc[0]
    assert alpha["no_lte_dwellings"] == 2 and alpha["no_lte_population"] == 5
    assert alpha["lte_unreported_dwellings"] == 3
    assert alpha["no_lte_share"] == 2 / 5


@pytest.mark.parametrize("text", ["1.5/0.5", "4/1", "5/0.5", "10/0"])
def test_thresholds_below_the_lowest_tier_are_refused(text):
    with pytest.raises(InvalidParameterError) as caught:
        Threshold.parse(text)
    assert caught.value.key == "threshold.below_lowest_tier"


def test_coastal_homes_go_to_the_nearest_municipality_within_the_snap_distance(
    make_households, squares
):
    metres = 1 / 111_320  # a degree of latitude is about 111 km near the equator
    rows = [
        ((0.5, -400 * metres), "fibre", 1000, 500, 1, 2),  # 400 m south of Alpha
        ((2 + 900 * metres, 1.5), "fibre", 1000, 500, 2, 3),  # 900 m east of Delta
        ((0.5, -1500 * metres), "fibre", 1000, 500, 4, 5),  # 1.5 km out: unassigned
        ((0.5, 0.5), "fibre", 1000, 500, 8, 9),  # inside: never moved
    ]
    index = GapIndex.build(make_households(rows), squares)
    assert list(index.household_codes) == ["2401001", "2402002", "", "2401001"]
    assert index.household_snapped_m[0] == pytest.approx(400, rel=0.01)
    assert index.household_snapped_m[3] == 0
    assert index.snapped == {"households": 2, "points": 2, "dwellings": 3.0}
    assert index.unassigned["dwellings"] == 4
    report = index.summarize(Threshold(50, 10))
    assert report.municipalities.loc["2401001", "snapped_dwellings"] == 1
    assert report.municipalities.loc["2402002", "snapped_households"] == 1
    strict = GapIndex.build(make_households(rows), squares, snap_m=0)
    assert list(strict.household_codes) == ["", "", "", "2401001"]


def test_snapping_never_moves_a_home_inside_a_polygon(make_households, squares):
    rng = np.random.default_rng(3)
    points = rng.uniform(0, 2, size=(200, 2))
    rows = [((x, y), "fibre", 1000, 500, 1, 1) for x, y in points]
    snapped = GapIndex.build(make_households(rows), squares)
    plain = GapIndex.build(make_households(rows), squares, snap_m=0)
    assert (snapped.household_codes == plain.household_codes).all()
    assert not snapped.household_snapped_m.any()


def test_the_locator_puts_one_point_where_the_assignment_puts_many(make_households, squares):
    index = GapIndex.build(make_households([]), squares)
    rng = np.random.default_rng(5)
    x, y = rng.uniform(-0.05, 2.05, 300), rng.uniform(-0.05, 2.05, 300)
    bulk = index.locator.assign(x, y)
    single = [index.locator.assign(x[i : i + 1], y[i : i + 1]) for i in range(len(x))]
    assert bulk.area.tolist() == [one.area[0] for one in single]
    corner = shapely.Point(1, 1)
    assert index.locator.assign(np.array([corner.x]), np.array([corner.y])).area[0] == 0
