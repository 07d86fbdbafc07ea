"""A gap index built from the households' sums alone answers as one built from the households."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import LayerUnavailableError
from app.gaps import GapIndex, Threshold
from app.gaps.engine import SUM_FIELDS, household_sums
from tests.gaps.test_gaps_properties import CHOICES, households, thresholds

FIXTURES = [HealthCheck.function_scoped_fixture]
LTE = st.sampled_from([1, 0, -1, None])


def with_lte(frame, lte):
    """The households with LTE values drawn (-1 and missing: not reported)."""
    return frame.assign(lte=pd.array((lte * len(frame))[: len(frame)], dtype="Int16"))


def same_report(first, second):
    pd.testing.assert_frame_equal(first.municipalities, second.municipalities)
    pd.testing.assert_frame_equal(first.mrcs, second.mrcs)
    pd.testing.assert_series_equal(first.region, second.region)
    pd.testing.assert_series_equal(pd.Series(first.unassigned), pd.Series(second.unassigned))


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURES)
@given(
    rows=households,
    lte=st.lists(LTE, min_size=1, max_size=4),
    snap_m=st.sampled_from([0.0, 1000.0, 40_000.0]),
    views=st.lists(st.tuples(thresholds, st.sampled_from(CHOICES)), min_size=1, max_size=6),
)
def test_from_sums_answers_as_build_at_every_threshold_and_choice(
    make_households, grid, rows, lte, snap_m, views
):
    frame = with_lte(make_households(rows), lte)
    built = GapIndex.build(frame, grid, snap_m=snap_m)
    sums, _key = household_sums(frame, built.household_codes, built.household_snapped_m)
    summed = GapIndex.from_sums(sums, grid, snap_m=snap_m)
    assert (summed.unassigned, summed.snapped) == (built.unassigned, built.snapped)
    for threshold, choice in views:
        same_report(built.summarize(threshold, choice), summed.summarize(threshold, choice))
        keys = summed.keys_of(frame)
        assert (
            summed.key_classes(threshold, choice)[keys]
            == built.household_classes(threshold, choice)
        ).all()


@settings(max_examples=30, deadline=None, suppress_health_check=FIXTURES)
@given(rows=households, data=st.data())
def test_the_order_of_the_sums_changes_nothing(make_households, grid, rows, data):
    frame = make_households(rows)
    built = GapIndex.build(frame, grid, snap_m=1000)
    sums, _key = household_sums(frame, built.household_codes, built.household_snapped_m)
    order = data.draw(st.permutations(range(len(sums))))
    shuffled = GapIndex.from_sums(sums.iloc[list(order)], grid, snap_m=1000)
    threshold = data.draw(thresholds)
    same_report(built.summarize(threshold), shuffled.summarize(threshold))


def test_the_sums_hold_one_row_per_area_key_and_snapping(make_households, grid):
    rows = [((0.5, 0.5), "fibre", 1000, 500, 2, 5), ((0.6, 0.5), "fibre", 1000, 500, 2, 1)]
    rows += [((0.7, 0.5), "fibre", 1000, 500, 0, 0), ((9.0, 9.0), "dsl", 10, 1, 1, 2)]
    frame = make_households(rows)
    built = GapIndex.build(frame, grid, snap_m=0)
    sums, key = household_sums(frame, built.household_codes, built.household_snapped_m)
    assert list(sums.columns) == list(SUM_FIELDS)
    # Outside: code "" first; then the three fibre points, one of them a type 8 null point.
    assert sums[["points", "households", "dwellings", "population"]].to_numpy().tolist() == [
        [1, 1, 1, 2],
        [3, 2, 4, 6],
    ]
    assert sums["code"].iloc[0] == ""
    assert sums["services"].iloc[1] == frame["services"].iloc[0]
    assert len(key) == len(frame)


def test_an_index_from_sums_knows_no_household_row(make_households, grid):
    frame = make_households([((0.5, 0.5), "fibre", 1000, 500, 2, 5)])
    built = GapIndex.build(frame, grid)
    sums, _key = household_sums(frame, built.household_codes, built.household_snapped_m)
    summed = GapIndex.from_sums(sums, grid)
    assert built.in_memory and not summed.in_memory
    with pytest.raises(LayerUnavailableError):
        summed.household_classes(Threshold(50, 10))
    assert summed.totals == built.totals == {"points": 1, "dwellings": 2.0, "population": 5.0}
    with pytest.raises(LayerUnavailableError):
        summed.keys_of(pd.DataFrame({"services": ["nothing"], "lte": [1]}))
    assert (summed.keys_of(frame) == built.keys_of(frame, np.arange(1))).all()
