import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.gaps import CLASSES, GapIndex, Threshold
from app.gaps.engine import TECHNOLOGY_NAMES
from app.vocabulary import TechnologyChoice

SUMMED = [
    "census_dwellings",
    "census_population",
    "dwellings",
    "population",
    *(f"{name}_{measure}" for measure in ("dwellings", "population") for name in CLASSES),
    *(f"dwellings_{tech}" for tech in TECHNOLOGY_NAMES),
]
SPEEDS = [0, 0.5, 1, 3, 5, 9.99, 10, 25, 50, 100, 1000]
TIERS = ["0/0-5/1", "5/1-10/2", "10/2-25/5", "25/5-50/10", "50/10+"]
FLOORS = [Threshold(5, 1), Threshold(10, 2), Threshold(25, 5), Threshold(50, 10)]
FIXTURES = [HealthCheck.function_scoped_fixture]
CHOICES = [TechnologyChoice.parse(text) for text in ("terrestrial", "all", "satellite", "wired")]

# Coordinates on a quarter grid over [-0.5, 3.5]: many points on borders and corners of the
# 3 x 3 unit grid, some outside it (far beyond the snapping distance).
coordinates = st.tuples(st.integers(-2, 14), st.integers(-2, 14)).map(
    lambda xy: (xy[0] / 4, xy[1] / 4)
)
exact = st.builds(
    "{} {:g}/{:g}".format,
    st.sampled_from(TECHNOLOGY_NAMES),
    st.sampled_from(SPEEDS),
    st.sampled_from(SPEEDS),
)
tier = st.builds("{} {}".format, st.sampled_from(TECHNOLOGY_NAMES), st.sampled_from(TIERS))
services = st.lists(st.one_of(exact, tier), max_size=3).map("; ".join)
tiers_only = st.lists(tier, max_size=3).map("; ".join)
exact_only = st.lists(exact, max_size=3).map("; ".join)


def rows_of(texts):
    """Household rows (point, services, down, up, dwellings, population) with these services."""
    return st.lists(
        st.tuples(
            coordinates, texts, st.just(0), st.just(0), st.integers(0, 5), st.integers(0, 12)
        ),
        max_size=40,
    )


households = rows_of(services)
speed = st.one_of(st.sampled_from([*SPEEDS[5:], 7.5, 20]), st.floats(5, 2000))
thresholds = st.builds(Threshold, speed, st.one_of(st.just(1.0), st.floats(1, 2000)))


def build(make_households, grid, rows):
    return GapIndex.build(make_households(rows), grid, snap_m=0)


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURES)
@given(rows=households, threshold=thresholds, choice=st.sampled_from(CHOICES))
def test_counts_are_conserved(make_households, grid, rows, threshold, choice):
    report = build(make_households, grid, rows).summarize(threshold, choice)
    for table in (report.municipalities, report.mrcs):
        for measure in ("dwellings", "population"):
            classes = sum(table[f"{name}_{measure}"] for name in CLASSES)
            assert np.allclose(classes, table[measure])
        assert (table["no_service_dwellings"] <= table["unserved_dwellings"]).all()
    by_mrc = report.municipalities.groupby("mrc_code")[SUMMED].sum()
    pd.testing.assert_frame_equal(by_mrc, report.mrcs[SUMMED], check_names=False)
    unassigned = pd.Series({name: report.unassigned.get(name, 0.0) for name in SUMMED})
    region = report.mrcs[SUMMED].sum() + unassigned
    assert region.tolist() == report.region[SUMMED].tolist()
    assert report.region["dwellings"] == sum(row[4] for row in rows)
    assert report.region["population"] == sum(row[5] for row in rows)


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURES)
@given(rows=households, threshold=thresholds)
def test_counting_satellite_too_never_serves_fewer(make_households, grid, rows, threshold):
    index = build(make_households, grid, rows)
    terrestrial = index.summarize(threshold, CHOICES[0])
    everything = index.summarize(threshold, CHOICES[1])
    for level in ("municipalities", "mrcs"):
        before, after = getattr(terrestrial, level), getattr(everything, level)
        assert (after["served_dwellings"] >= before["served_dwellings"]).all()
        assert (after["unserved_dwellings"] <= before["unserved_dwellings"]).all()


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURES)
@given(tiered=rows_of(tiers_only), exacts=rows_of(exact_only), choice=st.sampled_from(CHOICES))
def test_unknown_is_zero_at_tier_floors_and_for_exact_speeds(
    make_households, grid, tiered, exacts, choice
):
    for threshold in FLOORS:
        report = build(make_households, grid, tiered).summarize(threshold, choice)
        assert report.region["unknown_dwellings"] == 0
    for threshold in (*FLOORS, Threshold(100, 20), Threshold(33.3, 7)):
        report = build(make_households, grid, exacts).summarize(threshold, choice)
        assert report.region["unknown_dwellings"] == 0


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURES)
@given(rows=households, threshold=thresholds, stricter_down=speed, stricter_up=speed)
def test_a_stricter_threshold_never_serves_more(
    make_households, grid, rows, threshold, stricter_down, stricter_up
):
    index = build(make_households, grid, rows)
    base = index.summarize(threshold)
    higher_down = Threshold(threshold.down + stricter_down, threshold.up)
    higher_up = Threshold(threshold.down, threshold.up + stricter_up)
    served = CLASSES.index("served")
    for stricter in (higher_down, higher_up):
        report = index.summarize(stricter)
        for level in ("municipalities", "mrcs"):
            before, after = getattr(base, level), getattr(report, level)
            assert (after["served_dwellings"] <= before["served_dwellings"]).all()
            assert (after["served_population"] <= before["served_population"]).all()
            # Unserved means below 5/1 or nothing: no threshold changes it.
            assert (after["unserved_dwellings"] == before["unserved_dwellings"]).all()
        assert report.region["served_dwellings"] <= base.region["served_dwellings"]
        now_served = index.household_classes(stricter) == served
        assert not (now_served & (index.household_classes(threshold) != served)).any()


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURES)
@given(rows=households, threshold=thresholds, data=st.data())
def test_the_order_of_households_changes_nothing(make_households, grid, rows, threshold, data):
    order = data.draw(st.permutations(range(len(rows))))
    index = build(make_households, grid, rows)
    shuffled = build(make_households, grid, [rows[position] for position in order])
    first, second = index.summarize(threshold), shuffled.summarize(threshold)
    pd.testing.assert_frame_equal(first.municipalities, second.municipalities)
    pd.testing.assert_frame_equal(first.mrcs, second.mrcs)
    pd.testing.assert_series_equal(first.region, second.region)
    pd.testing.assert_series_equal(pd.Series(first.unassigned), pd.Series(second.unassigned))
    assert list(shuffled.household_codes) == list(index.household_codes[list(order)])
    classes = shuffled.household_classes(threshold)
    assert list(classes) == list(index.household_classes(threshold)[list(order)])


@settings(max_examples=30, deadline=None, suppress_health_check=FIXTURES)
@given(rows=households, threshold=thresholds, choice=st.sampled_from(CHOICES))
def test_same_figures_as_sjoin_and_groupby_on_the_grid(
    make_households, grid, naive, rows, threshold, choice
):
    frame = make_households(rows)
    families = [str(family) for family in choice.families]
    compare(
        GapIndex.build(frame, grid, snap_m=0).summarize(threshold, choice),
        naive(frame, grid, *astuple(threshold), families),
    )


def astuple(threshold):
    return threshold.down, threshold.up


def compare(report, expected):
    """Every household figure of the engine equals the naive one, area by area."""
    tables = {"municipality": report.municipalities, "mrc": report.mrcs}
    for level, table in tables.items():
        theirs = expected[level].drop(index="", errors="ignore")
        theirs = theirs.reindex(index=table.index, columns=SUMMED[2:], fill_value=0.0)
        pd.testing.assert_frame_equal(table[SUMMED[2:]], theirs.fillna(0.0), check_names=False)
    region = expected["region"].reindex(columns=SUMMED[2:], fill_value=0.0).fillna(0.0)
    if len(region):
        assert report.region[SUMMED[2:]].tolist() == region.iloc[0].tolist()


@pytest.fixture(scope="module")
def voronoi(make_municipalities):
    rng = np.random.default_rng(2021)
    seeds = shapely.multipoints(rng.uniform(0, 10, (40, 2)))
    frame = shapely.box(0, 0, 10, 10)
    cells = shapely.intersection(
        shapely.get_parts(shapely.voronoi_polygons(seeds, extend_to=frame)), frame
    )
    rows = [
        (f"24{index * 37 % 101:05d}", f"M{index}", f"24{index % 4:02d}", "MRC", 100, 50)
        for index in range(len(cells))
    ]
    return make_municipalities(rows, cells)


def test_same_figures_as_sjoin_and_groupby_on_random_irregular_polygons(
    voronoi, make_households, naive
):
    rng = np.random.default_rng(5)
    inside = rng.uniform(-0.5, 10.5, (3000, 2))  # some beyond the frame, outside every cell
    vertices = shapely.get_coordinates(voronoi.geometry.to_numpy())  # on shared borders
    points = np.concatenate([inside, vertices[rng.choice(len(vertices), 200)]])
    offers = [
        f"{tech} {speeds}"
        for tech in TECHNOLOGY_NAMES
        for speeds in ["0/0", "3/0.5", "10/2", "50/10", "1000/500", *TIERS]
    ]
    chosen = rng.choice(len(offers), (len(points), 2))
    dwellings = rng.integers(0, 6, len(points))
    rows = [
        (tuple(point), f"{offers[a]}; {offers[b]}", 0, 0, int(count), int(count * 2 + 1))
        for point, (a, b), count in zip(points, chosen, dwellings, strict=True)
    ]
    frame = make_households(rows)
    index = GapIndex.build(frame, voronoi, snap_m=0)
    assert index.unassigned["points"] > 0
    for threshold in (Threshold(5, 1), Threshold(50, 10), Threshold(30, 1), Threshold(1000, 500)):
        for choice in CHOICES:
            families = [str(family) for family in choice.families]
            expected = naive(frame, voronoi, *astuple(threshold), families)
            compare(index.summarize(threshold, choice), expected)
