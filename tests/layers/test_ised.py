import numpy as np
import pandas as pd
import pytest

from app.errors import LayerValidationError
from app.i18n import translate
from app.layers import ised
from app.layers.kinds import SCHEMAS, Kind
from app.vocabulary import parse_services

WIRED, WIRELESS, SATELLITE = ised.WIRED_MAX, ised.WIRELESS_MAX, ised.SATELLITE_MAX

# The speeds header as ISED ships it (SOURCES.md), typed out by hand.
SPEEDS_HEADER = [
    "PHH_ID",
    "Combined_lt5_1_Combine",
    "Wired_lt5_1_Filaire",
    "Wireless_lt5_Sans_fil",
    "Combined_5_1_Combine",
    "Wired_5_1_Filaire",
    "Wireless_5_1_Sans_fil",
    "Combined_10_2_Combine",
    "Wired_10_2_Filaire",
    "Wireless_10_2_Sans_fil",
    "Combined_25_5_Combine",
    "Wired_25_5_Filaire",
    "Wireless_25_5_Sans_fil",
    "Combined_50_10_Combine",
    "Wired_50_10_Filaire",
    "Wireless_50_10_Sans_fil",
    "Avail_LTE_Mobile_Dispo",
    "Combined_Max_Threshold-Combine_Seuil_Max",
    "Wired_Max_Threshold-Filaire_Seuil_Max",
    "Wireless_Max_Threshold-Sans_fil_Seuil_Max",
    "Satellite_Max_Threshold-Satellite_Seuil_Max",
]
POINTS_HEADER = [
    "PHH_ID",
    "Type",
    "Pop2021",
    "TDwell2021_TLog2021",
    "URDwell2021_RH2021",
    "DBUID_Ididu",
    "HEXUID_IdUHEX",
    "Pruid_Pridu",
    "Latitude",
    "Longitude",
]


def points(year: int = 2021, **columns) -> pd.DataFrame:
    table = {
        ised.PHH_ID: ["101", "102", "103", "104"],
        ised.PHH_TYPE: ["1", "3", "8", "1"],
        ised.population_column(year): ["10", "4", "7", ""],
        ised.dwellings_column(year): ["5", "2", "3", "1"],
        ised.LATITUDE: ["48.830640", "48.1", "48.2", "48.3"],
        ised.LONGITUDE: ["-64.491840", "-65.1", "-65.2", "-65.3"],
    }
    return pd.DataFrame(table | columns)


def tiers(rows, satellite: bool = True) -> pd.DataFrame:
    """A speeds table from (PHH_ID, combined, wired, wireless, satellite, LTE) rows."""
    names = [ised.PHH_ID, ised.COMBINED_MAX, WIRED, WIRELESS, SATELLITE, ised.LTE_MOBILE]
    table = pd.DataFrame(rows, columns=names)
    return table if satellite else table.drop(columns=SATELLITE)


def services(households: pd.DataFrame) -> list[str]:
    return households["services"].tolist()


def test_the_headers_we_write_are_ised_s_column_for_column():
    assert ised.speeds_columns() == SPEEDS_HEADER
    assert ised.speeds_columns(satellite=False) == SPEEDS_HEADER[:-1]
    assert ised.points_columns(2021) == POINTS_HEADER


def test_tiers_are_intervals_per_family_and_satellite_is_kept_apart():
    speeds = tiers(
        [
            ("101", "50_10", "50_10", "25_5", "50_10", "1"),
            ("102", "50_10", "<5_1", "25_5", "50_10", "0"),  # Combined folds satellite in
            ("103", "50_10", "", "", "50_10", ""),  # satellite only
        ]
    )
    households = ised.households_from_ised(points(), [speeds])
    assert services(households) == [
        "wired 50/10+; fixed_wireless 25/5-50/10; satellite 50/10+",
        "wired 0/0-5/1; fixed_wireless 25/5-50/10; satellite 50/10+",
        "satellite 50/10+",
        "",  # no speeds row: nothing reported
    ]
    assert households["lte"].tolist() == [1, 0, -1, -1]
    schema = SCHEMAS[Kind.HOUSEHOLDS]
    assert list(households.columns) == [*schema.fields, "geometry"]
    assert households.crs == "EPSG:4326"
    assert households["population"].tolist() == [10.0, 4.0, 0.0, 0.0]  # type 8; blank
    assert households["dwellings"].tolist() == [5.0, 2.0, 0.0, 1.0]
    assert (households.geometry.x[0], households.geometry.y[0]) == (-64.49184, 48.83064)


def test_older_files_without_the_satellite_field_are_read():
    speeds = tiers([("101", "25_5", "25_5", "", None, "1")], satellite=False)
    households = ised.households_from_ised(points(), [speeds])
    assert services(households)[0] == "wired 25/5-50/10"
    assert ised.families_reported([speeds]) == ["wired", "fixed_wireless"]
    assert ised.families_reported([tiers([])]) == ["wired", "fixed_wireless", "satellite"]


def test_repeated_rows_keep_every_service():
    speeds = tiers(
        [
            ("101", "25_5", "", "25_5", "", "1"),
            ("101", "50_10", "50_10", "", "", "0"),
            ("101", "25_5", "", "25_5", "", ""),
        ]
    )
    households = ised.households_from_ised(points(), [speeds])
    assert services(households)[0] == "wired 50/10+; fixed_wireless 25/5-50/10"
    assert households["lte"].tolist()[0] == 1  # LTE on any row


def test_exact_speeds_of_our_extension_replace_their_family_s_tier():
    speeds = tiers([("101", "50_10", "50_10", "50_10", "50_10", "1")])
    exact = pd.DataFrame(
        {
            ised.PHH_ID: [101, 101, 102],  # numbers here, text in the points file
            ised.GIM_TECHNOLOGY: ["fixed_wireless", "fibre", "none"],
            ised.GIM_DOWN: [100, 50, 0],
            ised.GIM_UP: [5, 10, 0],
        }
    )
    households = ised.households_from_ised(points(), [speeds, exact])
    first = parse_services(services(households)[0])
    assert [str(s) for s in first] == ["fibre 50/10", "fixed_wireless 100/5", "satellite 50/10+"]
    assert services(households)[1] == ""


def test_2016_points_and_tolerant_column_names():
    frame = points(year=2016).rename(columns={ised.PHH_ID: "\ufeffphh_id", ised.PHH_TYPE: "TYPE"})
    speeds = tiers([("101", "50_10", "50_10", "", "", "1")]).rename(
        columns={WIRED: "Wired_Max_Threshold", WIRELESS: "Sans_fil_Seuil_Max"}
    )
    households = ised.households_from_ised(frame, [speeds])
    assert households["population"].tolist()[:2] == [10.0, 4.0]
    assert services(households)[0] == "wired 50/10+"


def test_decimal_commas_in_coordinates_are_read():
    frame = points(Latitude=["48,83064", "48,1", "48,2", "48,3"])
    households = ised.households_from_ised(frame, [])
    assert households.geometry.y[0] == 48.83064


def test_missing_points_columns_are_named():
    frame = points().drop(columns=[ised.LATITUDE, ised.dwellings_column(2021)])
    with pytest.raises(LayerValidationError) as caught:
        ised.households_from_ised(frame, [])
    error = caught.value
    assert error.key == "ised.points_missing_columns"
    assert "Latitude" in error.params["missing"] and "TDwell2021" in error.params["missing"]
    assert "PHH-QC.csv" in translate(error.key, "fr", **error.params)


def test_a_speeds_table_without_the_family_fields_is_refused():
    speeds = pd.DataFrame({ised.PHH_ID: ["101"], ised.COMBINED_MAX: ["50_10"]})
    with pytest.raises(LayerValidationError) as caught:
        ised.households_from_ised(points(), [speeds])
    assert caught.value.key == "ised.speeds_missing_columns"


@pytest.mark.parametrize(
    ("frame", "speeds", "key", "column"),
    [
        (points(Pop2021=["10", "x", "1", "1"]), [], "ised.bad_values", "Pop2021"),
        (points(Latitude=["48", "", "48", "48"]), [], "ised.blank_values", "Latitude"),
        (points(), [tiers([("101", "", "60_10", "", "", "1")])], "ised.bad_values", WIRED),
        (points(), [tiers([("101", "", "", "", "", "2")])], "ised.bad_values", ised.LTE_MOBILE),
        (points(PHH_ID=["1", "2", "2", "3"]), [], "ised.duplicate_ids", None),
    ],
)
def test_bad_values_are_refused_with_the_column(frame, speeds, key, column):
    with pytest.raises(LayerValidationError) as caught:
        ised.households_from_ised(frame, speeds)
    assert caught.value.key == key
    if column:
        assert caught.value.params["column"] == column


def test_file_kinds_are_recognised():
    assert ised.ised_file_kind(ised.points_columns(2016)) == ised.POINTS
    assert ised.ised_file_kind(SPEEDS_HEADER) == ised.SPEEDS
    assert ised.ised_file_kind(SPEEDS_HEADER[:-1]) == ised.SPEEDS  # no satellite field
    assert ised.ised_file_kind(list(ised.EXTENSION)) == ised.SPEEDS
    assert ised.ised_file_kind(["CSDUID", "geometry"]) is None


@pytest.mark.parametrize(
    ("down", "up", "tier"),
    [(0, 0, 0), (4.9, 1, 0), (5, 1, 1), (10, 1.9, 1), (25, 5, 3), (1000, 9.9, 3), (50, 10, 4)],
)
def test_tier_of_speeds(down, up, tier):
    assert ised.tier_of(down, up) == tier


def test_speeds_table_round_trips_through_the_reader():
    ids = ["101", "102", "103"]
    table = {WIRED: np.array([4, -1, 0]), WIRELESS: np.array([-1, 2, -1])}
    table[SATELLITE] = np.array([4, 4, -1])
    speeds = ised.speeds_table(ids, table, np.array([1, 0, 1]))
    assert list(speeds.columns) == SPEEDS_HEADER
    assert speeds[ised.COMBINED_MAX].tolist() == ["50_10", "10_2", "<5_1"]
    assert speeds.loc[1, "Wireless_lt5_Sans_fil"] == 1 and speeds.loc[1, "Wired_5_1_Filaire"] == 0
    households = ised.households_from_ised(points(), [speeds])
    assert services(households)[:3] == [
        "wired 50/10+; satellite 50/10+",
        "fixed_wireless 10/2-25/5; satellite 50/10+",
        "wired 0/0-5/1",
    ]


def test_lte_flags_are_read_in_their_usual_spellings():
    speeds = tiers([(str(101 + i), "", "", "", "", flag) for i, flag in enumerate("1F ")])
    speeds.loc[3] = ["104", "", "", "", "", "True"]
    households = ised.households_from_ised(points(), [speeds])
    assert households["lte"].tolist() == [1, 0, -1, 1]


def test_lte_flags_read_as_floats_keep_their_value():
    speeds = tiers([("101", "", "", "", "", "1.0"), ("102", "", "", "", "", "0.0")])
    assert ised.households_from_ised(points(), [speeds])["lte"].tolist()[:2] == [1, 0]
