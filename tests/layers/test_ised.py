import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.errors import LayerValidationError
from app.i18n import translate
from app.layers import ised
from app.layers.kinds import SCHEMAS, Kind, Technology

WIRED, WIRELESS, SATELLITE = ised.WIRED_MAX, ised.WIRELESS_MAX, ised.SATELLITE_MAX


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


def enums(rows: list[tuple[str, str, str, str, str]]) -> pd.DataFrame:
    names = [ised.PHH_ID, ised.COMBINED_MAX, WIRED, WIRELESS, SATELLITE]
    return pd.DataFrame(rows, columns=names)


def test_join_with_extension_columns_gives_the_canonical_schema():
    speeds = pd.DataFrame(
        {
            ised.PHH_ID: [101, 102, 103],  # numbers here, text in the points file
            ised.COMBINED_MAX: ["50_10", "25_5", "50_10"],
            ised.GIM_DOWN: [1000, 25, 100],
            ised.GIM_UP: [500, 5, 20],
            ised.GIM_TECHNOLOGY: ["fibre", "dsl", "cable"],
        }
    )
    households = ised.households_from_ised(points(), speeds)
    schema = SCHEMAS[Kind.HOUSEHOLDS]
    assert list(households.columns) == [*schema.fields, "geometry"]
    assert households.crs == "EPSG:4326"
    assert households["phh_id"].tolist() == ["101", "102", "103", "104"]
    assert households["technology"].tolist() == ["fibre", "dsl", "cable", "none"]
    assert households["down_mbps"].tolist() == [1000.0, 25.0, 100.0, 0.0]
    assert households["up_mbps"].tolist() == [500.0, 5.0, 20.0, 0.0]
    assert households["population"].tolist() == [10.0, 4.0, 0.0, 0.0]  # type 8; blank
    assert households["dwellings"].tolist() == [5.0, 2.0, 0.0, 1.0]
    assert households["phh_type"].dtype == "int64"
    assert (households.geometry.x[0], households.geometry.y[0]) == (-64.49184, 48.83064)


def test_without_extension_speeds_are_tier_floors_and_technology_the_best_family():
    speeds = enums(
        [
            ("101", "50_10", "50_10", "25_5", ""),  # wired reaches the best tier
            ("102", "25_5", "<5_1", "25_5", "10_2"),  # the wireless tier is the best one
            ("103", "", "", "", "25_5"),  # satellite only
            ("104", "<5_1", "lt5_1", "", ""),  # below 5/1: 0/0, still wired
        ]
    )
    households = ised.households_from_ised(points(), speeds)
    assert households["technology"].tolist() == ["wired", "fixed_wireless", "satellite", "wired"]
    assert households["down_mbps"].tolist() == [50.0, 25.0, 25.0, 0.0]
    assert households["up_mbps"].tolist() == [10.0, 5.0, 5.0, 0.0]


def test_without_extension_blank_everywhere_means_no_service():
    speeds = enums([("101", "", "", "", ""), ("102", "10_2", "", "", "")])
    households = ised.households_from_ised(points(), speeds)
    assert households["technology"].tolist() == ["none", "wired", "none", "none"]
    assert households["down_mbps"].tolist() == [0.0, 10.0, 0.0, 0.0]


def test_type_8_null_points_carry_no_households():
    households = ised.households_from_ised(points(), enums([("103", "50_10", "50_10", "", "")]))
    null_point = households.set_index("phh_id").loc["103"]
    assert null_point["phh_type"] == ised.NULL_POINT_TYPE
    assert (null_point["dwellings"], null_point["population"]) == (0.0, 0.0)
    assert null_point["technology"] == "wired"


def test_2016_counts_and_tolerant_column_names():
    frame = points(year=2016).rename(columns={ised.PHH_ID: "\ufeffphh_id", ised.PHH_TYPE: "TYPE"})
    speeds = pd.DataFrame(
        {
            "PHH_ID": ["101"],
            "Combine_Seuil_Max": ["50_10"],  # the French half only
            "wired_max_threshold": ["50_10"],  # lower case, English half only
            "Wireless Max Threshold - Sans fil Seuil Max": [""],
            "Satellite_Max_Threshold_Satellite_Seuil_Max": [""],
        }
    )
    households = ised.households_from_ised(frame, speeds)
    assert households["population"].tolist() == [10.0, 4.0, 0.0, 0.0]
    assert households["technology"].tolist() == ["wired", "none", "none", "none"]


def test_a_point_repeated_in_the_speeds_file_keeps_its_best_service():
    speeds = enums([("101", "10_2", "10_2", "", ""), ("101", "50_10", "", "50_10", "")])
    households = ised.households_from_ised(points(), speeds)
    assert len(households) == 4
    assert households.loc[0, "technology"] == "fixed_wireless"


def test_missing_columns_are_named_with_those_present():
    frame = points().drop(columns=[ised.LATITUDE, ised.dwellings_column(2021)])
    with pytest.raises(LayerValidationError) as caught:
        ised.households_from_ised(frame, enums([]))
    error = caught.value
    assert error.key == "ised.points_missing_columns"
    assert error.params["missing"] == "TDwell2021_TLog2021, Latitude"
    for lang in ("fr", "en"):
        text = translate(error.key, lang, **error.params)
        assert "Latitude" in text and "Pop2021" in text


def test_missing_speed_enums_are_named():
    speeds = pd.DataFrame({ised.PHH_ID: ["101"], ised.COMBINED_MAX: ["50_10"]})
    with pytest.raises(LayerValidationError) as caught:
        ised.households_from_ised(points(), speeds)
    assert caught.value.key == "ised.speeds_missing_columns"
    assert caught.value.params["missing"] == f"{WIRED}, {WIRELESS}, {SATELLITE}"


@pytest.mark.parametrize(
    ("frame", "speeds", "key", "column"),
    [
        (points(Pop2021=["10", "x", "1", "1"]), enums([]), "ised.bad_values", "Pop2021"),
        (points(Latitude=["48", "", "48", "48"]), enums([]), "ised.blank_values", "Latitude"),
        (points(), enums([("101", "60_10", "", "", "")]), "ised.bad_values", ised.COMBINED_MAX),
        (points(PHH_ID=["1", "2", "2", "3"]), enums([]), "ised.duplicate_ids", None),
    ],
)
def test_bad_values_are_reported(frame, speeds, key, column):
    with pytest.raises(LayerValidationError) as caught:
        ised.households_from_ised(frame, speeds)
    assert caught.value.key == key
    assert caught.value.params.get("column") == column


def test_the_two_files_are_recognized_by_their_columns():
    assert ised.ised_file_kind(ised.points_columns(2016)) == ised.POINTS
    assert ised.ised_file_kind(ised.speeds_columns(extension=False)) == ised.SPEEDS
    assert ised.ised_file_kind([ised.PHH_ID, *ised.EXTENSION]) == ised.SPEEDS
    assert ised.ised_file_kind(["CSDUID", "geometry"]) is None


@pytest.mark.parametrize(
    ("down", "up", "tier"),
    [
        (0, 0, "<5_1"),
        (3, 0.8, "<5_1"),
        (5, 0.99, "<5_1"),
        (5, 1, "5_1"),
        (10, 1.5, "5_1"),
        (25, 5, "25_5"),
        (50, 9.9, "25_5"),
        (50, 10, "50_10"),
        (1000, 500, "50_10"),
    ],
)
def test_ised_speed_tier_is_the_highest_tier_met(down, up, tier):
    assert ised.ised_speed_tier(down, up) == tier


households_rows = st.lists(
    st.tuples(
        st.sampled_from([str(t) for t in Technology]),
        st.floats(0, 2000, allow_nan=False),
        st.floats(0, 1000, allow_nan=False),
    ),
    min_size=1,
    max_size=20,
)


@settings(max_examples=50, deadline=None)
@given(households_rows)
def test_speeds_from_households_round_trips(rows):
    households = pd.DataFrame(rows, columns=["technology", "down_mbps", "up_mbps"])
    households["phh_id"] = [f"9{i:03d}" for i in range(len(rows))]
    frame = pd.DataFrame({ised.PHH_ID: households["phh_id"], ised.PHH_TYPE: 1})
    frame[["Pop2021", "TDwell2021_TLog2021", ised.LATITUDE, ised.LONGITUDE]] = [1, 1, 48.0, -65.0]
    speeds = ised.speeds_from_households(households)
    assert list(speeds.columns) == ised.speeds_columns()

    exact = ised.households_from_ised(frame, speeds)
    assert exact["technology"].tolist() == households["technology"].tolist()
    assert exact["down_mbps"].tolist() == households["down_mbps"].tolist()

    floors = ised.households_from_ised(frame, speeds.drop(columns=list(ised.EXTENSION)))
    for row, derived in zip(households.itertuples(), floors.itertuples(), strict=True):
        tier = ised.ised_speed_tier(row.down_mbps, row.up_mbps)
        if row.technology == "none":
            assert (derived.technology, derived.down_mbps) == ("none", 0.0)
        else:
            assert (derived.down_mbps, derived.up_mbps) == ised.TIER_SPEEDS[tier]
            family = ised.TECHNOLOGY_FAMILY[Technology(row.technology)]
            assert derived.technology == ised.FAMILY_TECHNOLOGY[family]


def test_flags_follow_the_max_threshold_enums():
    households = pd.DataFrame(
        {
            "phh_id": ["1", "2"],
            "technology": ["fixed_wireless", "satellite"],
            "down_mbps": [25.0, 50.0],
            "up_mbps": [5.0, 10.0],
        }
    )
    speeds = ised.speeds_from_households(households).set_index(ised.PHH_ID)
    assert speeds.loc["1", ised.COMBINED_MAX] == "25_5"
    assert speeds.loc["1", WIRELESS] == "25_5" and speeds.loc["1", WIRED] == ""
    wireless = [speeds.loc["1", ised.flag_column("Wireless", t)] for t in ised.TIERS]
    assert wireless == [1, 1, 1, 1, 0]
    assert speeds.loc["2", SATELLITE] == "50_10" and speeds.loc["2", ised.COMBINED_MAX] == ""
    assert speeds.loc["2", ised.flag_column("Combined", "lt5_1")] == 0
