"""Change over time: hand-computed differences, the boundary warning, sums that add up."""

from dataclasses import replace

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from app.catalog import load_catalog
from app.errors import NotFoundError
from app.gaps.threshold import Threshold
from app.layers.kinds import Kind
from app.layers.store import LayerStore
from app.reports.changes import compare
from app.vocabulary import CHOICES, DEFAULT_CHOICE

CHANDLER, GASPE = "2402028", "2403005"
FIFTY = Threshold(50, 10)


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory):
    """A store whose households version 3 cuts some served homes of Chandler, serves Gaspé's.

    Returns the store and the dwellings moved: served lost in Chandler, gained in Gaspé.
    """
    from tests.conftest import copy_store

    store = LayerStore(copy_store(tmp_path_factory.mktemp("changes") / "store"))
    frame, meta = store.read(Kind.HOUSEHOLDS, 2)
    csd = frame["phh_id"].str[:7]
    served = frame["services"].str.contains("fibre 1000/500")
    lost = (csd == CHANDLER) & served & (np.arange(len(frame)) % 3 == 0)
    gained = (csd == GASPE) & frame["services"].str.startswith("dsl 10/2")
    frame.loc[lost, "services"] = ""
    frame.loc[gained, "services"] = "fibre 1000/500"
    later = replace(meta, loaded_at="2027-01-01T00:00:00+00:00", vintage="2027")
    store.write(Kind.HOUSEHOLDS, frame, later, version=3)
    dwellings = frame["dwellings"]
    return store, float(dwellings[lost].sum()), float(dwellings[gained].sum())


def test_hand_computed_differences_by_municipality_mrc_and_region(two_versions):
    store, lost, gained = two_versions
    assert lost > 0 and gained > 0
    catalog = load_catalog(store)
    found = compare(store, catalog, FIFTY, DEFAULT_CHOICE)
    assert (found.before.version, found.after.version) == (2, 3)
    towns = found.municipalities
    assert towns.loc[CHANDLER, "change_served_dwellings"] == -lost
    assert towns.loc[GASPE, "change_served_dwellings"] == gained
    others = towns.drop(index=[CHANDLER, GASPE])
    assert (others["change_served_dwellings"] == 0).all()
    total = towns.loc[CHANDLER, "after_dwellings"]
    assert towns.loc[CHANDLER, "change_served_share"] == pytest.approx(-lost / total)
    assert towns.loc[CHANDLER, "before_dwellings"] == total  # same homes, other service
    assert found.mrcs.loc["2402", "change_served_dwellings"] == -lost
    assert found.mrcs.loc["2403", "change_served_dwellings"] == gained
    assert found.region["change_served_dwellings"] == gained - lost
    assert [key for key, _ in found.warnings] == ["changes.demonstration"]


def test_versions_are_chosen_and_checked(two_versions):
    store, lost, gained = two_versions
    catalog = load_catalog(store)
    found = compare(store, catalog, FIFTY, DEFAULT_CHOICE, before=3, after=2)
    assert found.region["change_served_dwellings"] == lost - gained
    assert compare(store, catalog, FIFTY, DEFAULT_CHOICE, after=2).before.version == 1
    same = compare(store, catalog, FIFTY, DEFAULT_CHOICE, before=2, after=2)
    assert (same.municipalities["change_served_dwellings"] == 0).all()
    assert "changes.same_version" in [key for key, _ in same.warnings]
    with pytest.raises(NotFoundError) as unknown:
        compare(store, catalog, FIFTY, DEFAULT_CHOICE, before=9)
    assert unknown.value.key == "layer.version_unknown"
    with pytest.raises(NotFoundError) as first:
        compare(store, catalog, FIFTY, DEFAULT_CHOICE, after=1)
    assert first.value.key == "changes.no_previous"


def test_changed_municipal_boundaries_are_said_and_the_current_ones_used(two_versions, tmp_path):
    from tests.conftest import copy_store

    source, _, _ = two_versions
    store = LayerStore(copy_store(tmp_path / "store"))
    for version in (1, 2, 3):  # the fixture's households, in a store of its own
        frame, meta = source.read(Kind.HOUSEHOLDS, version)
        store.write(Kind.HOUSEHOLDS, frame, meta, version=version)
    towns, meta = store.read(Kind.MUNICIPALITIES)
    chandler = towns["code"] == CHANDLER
    towns.loc[chandler, "geometry"] = shapely.simplify(towns.loc[chandler, "geometry"], 0.001)
    between = replace(meta, loaded_at="2026-12-15T00:00:00+00:00")  # after v2, before v3
    store.write(Kind.MUNICIPALITIES, towns, between)
    catalog = load_catalog(store)
    found = compare(store, catalog, FIFTY, DEFAULT_CHOICE)
    warned = dict(found.warnings)
    assert warned["changes.boundaries_changed"] == {"before": 1, "after": 2}
    assert set(found.municipalities.index) == set(catalog.report(FIFTY).municipalities.index)
    assert "changes.boundaries_changed" not in dict(
        compare(store, catalog, FIFTY, DEFAULT_CHOICE, before=1, after=2).warnings
    )


@settings(max_examples=25, deadline=None)
@given(
    down=st.sampled_from([5, 10, 25, 30, 50, 100, 250, 1000]),
    up=st.sampled_from([1, 2, 5, 10, 20, 500]),
    choice=st.sampled_from(CHOICES),
)
def test_municipal_changes_add_up_to_the_region_s(catalog, store, down, up, choice):
    found = compare(store, catalog, Threshold(down, up), choice)
    for measure in ("served_dwellings", "dwellings"):
        towns = found.municipalities[f"change_{measure}"].sum()
        assert towns + found.unassigned[f"change_{measure}"] == pytest.approx(
            found.region[f"change_{measure}"]
        )
        assert found.mrcs[f"change_{measure}"].sum() == pytest.approx(towns)
        before = found.municipalities[f"before_{measure}"].sum()
        assert before <= found.region[f"before_{measure}"] + 1e-9
