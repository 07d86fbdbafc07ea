"""The GeoJSON the maps fetch: figures, classes, links and names, in the reader's language."""

import json

import numpy as np
import pytest

from app.gaps.threshold import DEFAULT_THRESHOLD, PRESETS
from app.maps import layers, style
from app.maps.formats import NBSP, count, percent
from app.maps.places import View
from app.maps.zoom import LEVELS


def features(payload: bytes) -> list[dict]:
    collection = json.loads(payload)
    assert collection["type"] == "FeatureCollection"
    return collection["features"]


def test_municipalities_carry_their_figures_class_and_page(catalog):
    found = features(layers.municipalities(catalog, LEVELS[0], View(), "fr"))
    assert len(found) == 54
    table = catalog.report(DEFAULT_THRESHOLD).municipalities
    for feature in found:
        props = feature["properties"]
        row = table.loc[props["code"]]
        assert props["name"] == row["name"]
        assert props["mrc"] == row["mrc_name"]
        assert props["dwellings"] == count(row["dwellings"], "fr")
        assert props["unserved_dwellings"] == count(row["unserved_dwellings"], "fr")
        assert props["underserved_dwellings"] == count(row["underserved_dwellings"], "fr")
        assert props["cls"] == style.share_classes(np.array([row["served_share"]]))[0]
        assert props["url"] == f"/maps/municipality/{props['code']}?threshold=50/10&lang=fr"
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_municipalities_without_dwellings_are_their_own_class(catalog):
    found = features(layers.municipalities(catalog, LEVELS[0], View(), "en"))
    empty = [f["properties"] for f in found if f["properties"]["dwellings"] == "0"]
    assert empty, "the TNOs without dwellings"
    assert {props["cls"] for props in empty} == {style.NO_DATA}
    assert {props["share"] for props in empty} == {"no dwellings"}


def test_the_threshold_changes_the_figures(catalog):
    low, high = (
        {
            f["properties"]["code"]: f["properties"]
            for f in features(layers.municipalities(catalog, LEVELS[0], View(threshold), "fr"))
        }
        for threshold in (PRESETS[0], PRESETS[-1])
    )
    assert any(low[code]["share"] != high[code]["share"] for code in low)
    assert all(low[code]["dwellings"] == high[code]["dwellings"] for code in low)


def test_cells_say_how_many_dwellings_are_below(catalog):
    found = features(layers.cells(catalog, LEVELS[0], View(PRESETS[-1]), "en"))
    assert found
    for feature in found[:20]:
        props = feature["properties"]
        assert set(props) == {"cls", "below", "unserved_dwellings", "underserved_dwellings"}
        assert 0 <= props["cls"] < len(style.CELL_CLASSES)
        assert len(feature["geometry"]["coordinates"][0]) == 7


def test_community_points_are_named_in_the_language_with_their_flags(catalog):
    for lang in ("fr", "en"):
        found = features(layers.community_points(catalog, lang))
        assert len(found) == 186
        flagged = [f["properties"] for f in found if f["properties"]["cls"] == 2]
        assert flagged and all(
            p["flags"]
            == ("dorsale BPI (Brancher pour innover)", "CTI backbone (Connect to Innovate)")[
                lang == "en"
            ]
            for p in flagged
        )


def test_mrc_outlines(catalog):
    found = features(layers.mrcs(catalog, LEVELS[2]))
    assert [f["properties"]["code"] for f in found] == [f"240{n}" for n in range(1, 7)]


@pytest.mark.parametrize(
    ("share", "fr", "en"),
    [
        (0.0, f"0,0{NBSP}%", "0.0%"),
        (0.0004, f"<{NBSP}0,1{NBSP}%", f"<{NBSP}0.1%"),
        (0.9256, f"92,5{NBSP}%", "92.5%"),
        (0.99996, f"99,9{NBSP}%", "99.9%"),
        (1.0, f"100,0{NBSP}%", "100.0%"),
        (float("nan"), "—", "—"),
    ],
)
def test_percentages_never_round_up_to_all_served(share, fr, en):
    assert (percent(share, "fr"), percent(share, "en")) == (fr, en)


def test_counts_group_thousands_as_each_language_does():
    assert count(46701.4, "fr") == f"46{NBSP}701"
    assert count(46701.4, "en") == "46,701"


def test_share_classes_have_a_label_and_a_distinct_no_data_class():
    shares = np.array([0.1, 0.5, 0.85, 0.95, 0.9999, 1.0, np.nan])
    assert style.share_classes(shares).tolist() == [0, 1, 2, 3, 3, 4, style.NO_DATA]
    colours = style.colours(style.SHARE_CLASSES)
    assert len(set(colours)) == len(colours)
    assert style.point_classes(np.array([[0, 1, 1], [0, 0, 1], [0, 0, 0]])).tolist() == [1, 2, 3]
