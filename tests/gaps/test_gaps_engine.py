import math

import numpy as np
import pandas as pd
import pytest
import shapely

from app.errors import InvalidParameterError, LayerValidationError
from app.gaps import CLASSES, COUNT_COLUMNS, DEFAULT_THRESHOLD, GapIndex, Threshold
from app.vocabulary import TECHNOLOGIES, TechnologyChoice

CLASS_COLUMNS = [
    "dwellings",
    "population",
    "served_dwellings",
    "underserved_dwellings",
    "unserved_dwellings",
    "served_population",
    "underserved_population",
    "unserved_population",
    "unknown_dwellings",
    "unknown_population",
]
# Worked out by hand from conftest.HOMES at 50/10, terrestrial services only (Bravo's
# satellite home is not counted), in the order of CLASS_COLUMNS.
AT_50_10 = {
    "2401001": [7, 16, 6, 1, 0, 14, 2, 0, 0, 0],
    "2401002": [5, 10, 0, 0, 5, 0, 0, 10, 0, 0],
    "2402001": [3, 5, 0, 2, 1, 0, 3, 2, 0, 0],
    "2402002": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
}
MRCS_AT_50_10 = {"2401": [12, 26, 6, 1, 5, 14, 2, 10, 0, 0], "2402": [3, 5, 0, 2, 1, 0, 3, 2, 0, 0]}
REGION_AT_50_10 = [17, 35, 8, 3, 6, 18, 5, 12, 0, 0]  # the MRCs plus the unassigned household


@pytest.fixture(scope="module")
def index(homes, squares):
    return GapIndex.build(homes, squares)


@pytest.fixture(scope="module")
def report(index):
    return index.summarize(DEFAULT_THRESHOLD)


def test_each_household_goes_to_one_municipality_and_ties_go_to_the_smallest_code(index):
    assert list(index.household_codes) == [
        "2401001",
        "2401001",
        "2401001",  # on the Alpha | Bravo border
        "2401002",
        "2401002",
        "2402001",
        "2402001",
        "2402001",
        "",  # outside every municipality
        "2401001",  # corner shared by all four
    ]


def test_households_outside_every_municipality_are_counted(index):
    assert index.unassigned == {"households": 1, "points": 1, "dwellings": 2.0, "population": 4.0}


def test_municipality_figures_at_50_10(report):
    table = report.municipalities
    assert list(table.index) == list(AT_50_10)
    assert table.index.name == "code"
    for code, expected in AT_50_10.items():
        assert table.loc[code, CLASS_COLUMNS].tolist() == expected, code
    assert table.loc["2401001", "served_share"] == 6 / 7
    assert table.loc["2401002", "served_share"] == 0.0
    assert table.loc["2402001", "served_share"] == 0.0
    assert math.isnan(table.loc["2402002", "served_share"])  # no dwellings: no share


def test_municipality_labels_and_census(report):
    table = report.municipalities
    assert table.loc["2401002", ["name", "mrc_code", "mrc_name"]].tolist() == [
        "Bravo",
        "2401",
        "Les Îles",
    ]
    assert table["census_dwellings"].tolist() == [5.0, 6.0, 7.0, 8.0]
    assert table["census_population"].tolist() == [10.0, 20.0, 30.0, 40.0]
    assert list(table.columns) == ["name", "mrc_code", "mrc_name", *COUNT_COLUMNS]
    assert (table[list(COUNT_COLUMNS)].dtypes == np.float64).all()


def test_split_by_technology_reported(report):
    alpha = report.municipalities.loc["2401001"]
    assert alpha[[f"dwellings_{tech}" for tech in TECHNOLOGIES]].tolist() == [2, 3, 1, 1, 0, 0]
    served = alpha[[f"served_dwellings_{tech}" for tech in TECHNOLOGIES]].tolist()
    assert served == [2, 3, 0, 1, 0, 0]  # the DSL home is underserved
    bravo = report.municipalities.loc["2401002"]
    # Satellite reaches 50/10 at Bravo's home, but terrestrial figures do not count it.
    assert bravo["dwellings_satellite"] == 1 and bravo["served_dwellings_satellite"] == 1
    assert bravo["no_service_dwellings"] == 5 and bravo["satellite_only_dwellings"] == 1
    # The null point carries fibre but no dwelling.
    assert report.municipalities.loc["2402001", "dwellings_fibre"] == 0


def test_mrc_figures_at_50_10(report):
    assert list(report.mrcs.index) == ["2401", "2402"]
    assert report.mrcs.loc["2402", "name"] == "Le Rocher-Percé"
    for code, expected in MRCS_AT_50_10.items():
        assert report.mrcs.loc[code, CLASS_COLUMNS].tolist() == expected, code
    assert report.mrcs.loc["2401", "served_share"] == 6 / 12
    assert report.mrcs.loc["2401", "census_dwellings"] == 11


def test_region_includes_the_unassigned_households(report):
    assert report.region[CLASS_COLUMNS].tolist() == REGION_AT_50_10
    assert report.region["served_share"] == 8 / 17
    assert report.region["census_dwellings"] == 26
    assert report.region["name"] == "Gaspésie–Îles-de-la-Madeleine"
    assert list(report.region.index) == ["name", *COUNT_COLUMNS]
    assert report.unassigned["households"] == 1
    assert report.unassigned["dwellings"] == 2
    assert report.unassigned["served_dwellings"] == 2
    assert report.unassigned["unserved_dwellings"] == 0
    assert report.unassigned["dwellings_fibre"] == 2
    assert report.threshold == DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("threshold", "served", "unserved"),
    [
        # Alpha, Bravo, Charlie, Delta, then the region.
        ("5/1", [7, 0, 2, 0, 11], [0, 5, 1, 0, 6]),
        ("25/5", [6, 0, 2, 0, 10], [0, 5, 1, 0, 6]),
        ("50/10", [6, 0, 0, 0, 8], [0, 5, 1, 0, 6]),
        ("100/10", [5, 0, 0, 0, 7], [0, 5, 1, 0, 6]),
        ("100/20", [2, 0, 0, 0, 4], [0, 5, 1, 0, 6]),
        ("1000/500", [2, 0, 0, 0, 4], [0, 5, 1, 0, 6]),
    ],
)
def test_figures_at_other_thresholds(index, threshold, served, unserved):
    report = index.summarize(Threshold.parse(threshold))
    assert report.municipalities["served_dwellings"].tolist() == served[:4]
    assert report.region["served_dwellings"] == served[4]
    assert report.municipalities["unserved_dwellings"].tolist() == unserved[:4]
    assert report.region["unserved_dwellings"] == unserved[4]


def test_household_classes(index):
    names = np.asarray(CLASSES)[index.household_classes(DEFAULT_THRESHOLD)]
    assert names.tolist() == [
        "served",
        "underserved",
        "served",
        "unserved",  # satellite only: not counted by default
        "unserved",
        "underserved",
        "unserved",
        "served",  # the null point: fibre, but it weighs nothing
        "served",
        "served",
    ]
    assert index.household_classes(Threshold(25, 5))[5] == CLASSES.index("served")
    every = TechnologyChoice.parse("all")
    assert index.household_classes(DEFAULT_THRESHOLD, every)[3] == CLASSES.index("served")


def test_ranking_by_unserved_dwellings(report):
    ranking = report.ranking()
    assert list(ranking.index) == ["2401002", "2402001", "2401001", "2402002"]  # ties by code
    assert ranking["rank"].tolist() == [1, 2, 3, 4]
    assert ranking["unserved_dwellings"].tolist() == [5, 1, 0, 0]
    assert ranking.loc["2401002", "name"] == "Bravo"


def test_ranking_by_served_share_puts_the_worst_first_and_no_dwellings_last(report):
    ranking = report.ranking("municipality", "served_share")
    assert list(ranking.index) == ["2401002", "2402001", "2401001", "2402002"]  # 0 %: by code
    assert ranking["rank"].tolist() == [1, 2, 3, 4]


def test_ranking_of_mrcs(report):
    assert list(report.ranking("mrc").index) == ["2401", "2402"]
    assert list(report.ranking("mrc", sort="served_share").index) == ["2402", "2401"]


def test_ranking_ties_go_by_code(make_households, squares):
    rows = [((x + 0.5, 0.5), "none", 0, 0, 1, 1) for x in (1, 0)]
    report = GapIndex.build(make_households(rows), squares).summarize(DEFAULT_THRESHOLD)
    assert list(report.ranking().index) == ["2401001", "2401002", "2402001", "2402002"]
    assert list(report.ranking(sort="served_share").index)[:2] == ["2401001", "2401002"]


@pytest.mark.parametrize(("level", "sort"), [("csd", "unserved"), ("mrc", "worst")])
def test_ranking_rejects_unknown_level_or_sort(report, level, sort):
    with pytest.raises(InvalidParameterError) as caught:
        report.ranking(level, sort)
    assert caught.value.params["value"] in (level, sort)
    assert (
        "municipality" in caught.value.params["accepted"]
        or "unserved" in (caught.value.params["accepted"])
    )


def test_households_order_does_not_matter(homes, squares, index):
    shuffled = homes.iloc[::-1]
    other = GapIndex.build(shuffled, squares)
    assert list(other.household_codes) == list(index.household_codes[::-1])
    pd.testing.assert_frame_equal(
        other.summarize(DEFAULT_THRESHOLD).municipalities,
        index.summarize(DEFAULT_THRESHOLD).municipalities,
    )


def test_municipality_rows_come_sorted_by_code_whatever_the_layer_order(homes, squares):
    report = GapIndex.build(homes, squares.iloc[::-1]).summarize(DEFAULT_THRESHOLD)
    assert list(report.municipalities.index) == sorted(squares["code"])
    assert report.municipalities.loc["2401001", "dwellings"] == 7  # tie rule unchanged


def test_enclave_and_multipolygon(make_households, make_municipalities):
    # A town (2402010) inside a hole of an unorganized territory (2402900), which also has an
    # island: the second part of its multipolygon.
    territory = shapely.MultiPolygon(
        [
            shapely.Polygon([(0, 0), (4, 0), (4, 4), (0, 4)], [[(1, 1), (2, 1), (2, 2), (1, 2)]]),
            shapely.box(10, 10, 11, 11),
        ]
    )
    layer = make_municipalities(
        [("2402900", "TNO", "2402", "MRC", 1, 1), ("2402010", "Ville", "2402", "MRC", 1, 1)],
        [territory, shapely.box(1, 1, 2, 2)],
    )
    rows = [
        ((1.5, 1.5), "fibre", 1000, 500, 3, 6),  # in the town, inside the hole
        ((1.0, 1.5), "fibre", 1000, 500, 1, 1),  # on the hole's border: the smaller code
        ((3.0, 3.0), "dsl", 10, 1, 2, 4),  # in the territory
        ((10.5, 10.5), "none", 0, 0, 5, 9),  # on the island
    ]
    index = GapIndex.build(make_households(rows), layer)
    assert list(index.household_codes) == ["2402010", "2402010", "2402900", "2402900"]
    table = index.summarize(DEFAULT_THRESHOLD).municipalities
    assert table["dwellings"].tolist() == [4, 7]


def test_municipalities_in_another_crs_are_reprojected(homes, squares, index):
    other = GapIndex.build(homes, squares.to_crs("EPSG:32198"))
    inside = [0, 1, 3, 4, 5, 6, 7, 8]  # not on a border, where rounding may tip the balance
    assert list(other.household_codes[inside]) == list(index.household_codes[inside])
    assert other.summarize(DEFAULT_THRESHOLD).region["dwellings"] == 17


def test_fractional_counts_are_kept(make_households, squares):
    rows = [((0.5, 0.5), "fibre", 1000, 500, 0.5, 1.25), ((0.6, 0.5), "none", 0, 0, 0.25, 0.5)]
    report = GapIndex.build(make_households(rows), squares).summarize(DEFAULT_THRESHOLD)
    alpha = report.municipalities.loc["2401001"]
    assert alpha[["dwellings", "served_dwellings", "unserved_dwellings"]].tolist() == [
        0.75,
        0.5,
        0.25,
    ]
    assert alpha["population"] == 1.75


def test_missing_values_count_as_nothing_and_no_service(make_households, squares):
    frame = make_households(
        [((0.5, 0.5), "fibre", 1000, 500, 2, 2), ((0.6, 0.5), "fibre", 1000, 500, 3, 3)]
    )
    frame.loc[0, "dwellings"] = np.nan
    frame.loc[1, "services"] = None
    alpha = GapIndex.build(frame, squares).summarize(DEFAULT_THRESHOLD).municipalities.iloc[0]
    assert alpha[["dwellings", "served_dwellings", "unserved_dwellings"]].tolist() == [3, 0, 3]


def test_missing_or_empty_geometries_are_unassigned(make_households, squares):
    frame = make_households([((0.5, 0.5), "fibre", 1000, 500, 2, 2)] * 3)
    frame.loc[1, "geometry"] = None
    frame.loc[2, "geometry"] = shapely.Point()
    index = GapIndex.build(frame, squares)
    assert list(index.household_codes) == ["2401001", "", ""]
    assert index.unassigned["dwellings"] == 4


def test_an_empty_households_layer_gives_zeros(make_households, squares):
    report = GapIndex.build(make_households([]), squares).summarize(DEFAULT_THRESHOLD)
    assert report.municipalities["dwellings"].tolist() == [0, 0, 0, 0]
    assert report.region["dwellings"] == 0 and math.isnan(report.region["served_share"])


def test_unknown_technology_is_refused(make_households, squares):
    frame = make_households([((0.5, 0.5), "carrier_pigeon 1/1", 1, 1, 1, 1)])
    with pytest.raises(LayerValidationError) as caught:
        GapIndex.build(frame, squares)
    assert caught.value.key == "services.unreadable"
    assert "carrier_pigeon" in caught.value.params["value"]


def test_missing_fields_are_refused(homes, squares):
    with pytest.raises(LayerValidationError) as caught:
        GapIndex.build(homes.drop(columns=["services", "lte"]), squares)
    assert caught.value.params == {"kind": "households", "fields": "services, lte"}
    with pytest.raises(LayerValidationError) as caught:
        GapIndex.build(homes, squares.drop(columns="mrc_code"))
    assert caught.value.params["kind"] == "municipalities"


def test_duplicate_municipality_codes_are_refused(homes, squares):
    doubled = squares.assign(code=["2401001", "2401001", "2402001", "2402002"])
    with pytest.raises(LayerValidationError) as caught:
        GapIndex.build(homes, doubled)
    assert caught.value.params == {"code": "2401001"}


def test_reports_are_independent_copies(index):
    first = index.summarize(DEFAULT_THRESHOLD)
    first.municipalities.loc["2401001", "dwellings"] = -1
    assert index.summarize(DEFAULT_THRESHOLD).municipalities.loc["2401001", "dwellings"] == 7
