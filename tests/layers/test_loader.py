"""Loading each accepted format, and refusing each kind of bad file with the store unchanged."""

from __future__ import annotations

import numpy as np
import pytest

from app.catalog import load_layer
from app.errors import LayerValidationError
from app.i18n import translate
from app.layers.kinds import SCHEMAS, Kind
from app.layers.loader import LoadOptions
from app.layers.region import Region


def load(store, layer_files, kind, name, **options):
    speeds = options.pop("speeds", None)
    speeds = (layer_files / speeds,) if speeds else ()
    return load_layer(store, LoadOptions(Kind(kind), layer_files / name, speeds, **options))


def test_a_canonical_geopackage_becomes_the_next_current_version(store, layer_files):
    before = store.read(Kind.MUNICIPALITIES)[0]
    report = load(store, layer_files, "municipalities", "municipalities.gpkg", vintage="2021")
    frame, meta = store.read(Kind.MUNICIPALITIES)
    assert (report.version, report.preset, report.features) == (2, "canonical", 54)
    assert store.current()[Kind.MUNICIPALITIES] == 2
    assert list(frame.columns) == [*SCHEMAS[Kind.MUNICIPALITIES].fields, "geometry"]
    assert frame["population"].sum() == before["population"].sum()
    assert (meta.vintage, meta.feature_count, meta.source) == ("2021", 54, "municipalities.gpkg")
    assert meta.checksum == report.checksum and not meta.demonstration
    assert meta.notes["file"] == "municipalities.gpkg"


@pytest.mark.parametrize("name", ["munic_s_lambert.zip", "munic_s/munic_s.shp"])
def test_quebec_sda_boundaries_in_lambert_keep_the_current_census_counts(store, layer_files, name):
    current = store.read(Kind.MUNICIPALITIES)[0].set_index("code")
    report = load(store, layer_files, "municipalities", name)
    frame = store.read(Kind.MUNICIPALITIES)[0].set_index("code")
    assert report.preset == "quebec-sda"
    assert report.findings.counts["source_crs"] == "EPSG:32198"
    assert frame.crs.to_epsg() == 4326
    assert sorted(frame.index) == sorted(current.index)  # 02028 became 2402028
    assert (frame["population"] == current.loc[frame.index, "population"]).all()
    assert (frame["mrc_code"] == frame.index.str[:4]).all()
    assert frame.loc["2402028", "name"] == "Chandler"
    assert frame.loc["2402028", "mrc_name"] == current.loc["2402028", "mrc_name"]
    keys = [key for key, _params in report.findings.warnings]
    assert "layers.warn_counts_kept" in keys and "layers.warn_area_computed" in keys


def test_sda_boundaries_with_an_unknown_code_say_which_fields_are_needed(store, layer_files):
    store.write(
        Kind.MUNICIPALITIES,
        store.read(Kind.MUNICIPALITIES)[0].iloc[1:],
        store.meta(Kind.MUNICIPALITIES),
    )
    with pytest.raises(LayerValidationError) as refusal:
        load(store, layer_files, "municipalities", "munic_s_lambert.zip")
    assert refusal.value.reason_key == "layers.counts_missing"
    assert "2401023" in str(refusal.value) and "population, dwellings" in str(refusal.value)


def test_ised_hexagons_from_a_zipped_shapefile_with_truncated_names(store, layer_files):
    report = load(store, layer_files, "hexagons", "hexagons_ised_shp.zip", vintage="2023-12")
    frame = store.read(Kind.HEXAGONS)[0].set_index("hex_id")
    assert (report.preset, report.features) == ("ised-hexagons", 3)
    assert report.findings.counts["source_crs"] == "EPSG:3347"
    assert frame.loc["QC001", "dwellings"] == 400 and frame.loc["QC001", "population"] == 820
    assert frame.loc["QC001", "share_50_10_class"] == ">75% -  100%"
    assert frame.loc["QC003", "share_50_10_class"] == ""
    west, south, east, north = frame.total_bounds
    assert -64.6 < west < east < -64.3 and 48.7 < south < north < 48.95


@pytest.mark.parametrize(
    "name", ["community_points_cp1252.csv", "community_points_semicolon_bom.csv"]
)
def test_ised_community_points_in_cp1252_or_with_semicolons_and_a_bom(store, layer_files, name):
    report = load(store, layer_files, "community_points", name)
    frame = store.read(Kind.COMMUNITY_POINTS)[0].set_index("id")
    assert (report.preset, report.features) == ("ised-community-points", 3)
    assert frame.loc["2674", "name_fr"] == "Gaspé"
    assert frame.loc["2674", "geometry"].x == pytest.approx(-64.491844)
    assert frame.loc["2674", "geometry"].y == pytest.approx(48.830641)
    assert frame["satellite_dependent"].tolist() == [False, False, True]
    assert frame["cti_backbone"].tolist() == [True, False, False]


def test_ised_phh_points_join_their_speeds_and_the_province_is_cut(store, layer_files):
    report = load(store, layer_files, "households", "phh_points.csv", speeds="phh_speeds_bom.csv")
    frame = store.read(Kind.HOUSEHOLDS)[0].set_index("phh_id")
    assert (report.preset, report.rows_read, report.features) == ("ised-phh", 8, 7)
    assert "99990002" not in frame.index  # the Montréal point
    assert report.findings.counts["outside_region"] == 1
    assert frame.loc["99990001", ["phh_type", "dwellings"]].tolist() == [8, 0]
    assert frame.loc["24010230001", "services"] == "wired 50/10+; satellite 50/10+"
    # Two rows: the wired and the fixed wireless services are both kept.
    assert frame.loc["24010230003", "services"] == (
        "wired 50/10+; fixed_wireless 50/10+; satellite 50/10+"
    )
    assert frame.loc["24010230004", "services"] == "fixed_wireless 25/5-50/10; satellite 50/10+"
    assert frame.loc["24010230003", "lte"] == 0 and frame.loc["24010230001", "lte"] == 1
    counts = report.findings.counts
    assert counts["assigned_points"] + counts["unassigned_points"] == 7
    assert counts["families_reported"] == ["wired", "fixed_wireless", "satellite"]
    assert store.meta(Kind.HOUSEHOLDS).notes["families_reported"] == counts["families_reported"]


def test_an_older_speeds_file_without_satellite_reports_two_families(store, layer_files):
    report = load(
        store, layer_files, "households", "phh_points.csv", speeds="phh_speeds_no_satellite.csv"
    )
    frame = store.read(Kind.HOUSEHOLDS)[0].set_index("phh_id")
    assert frame.loc["24010230001", "services"] == "wired 50/10+"
    assert report.findings.counts["families_reported"] == ["wired", "fixed_wireless"]


def write_speeds(path, ids, header=None):
    """A speeds file naming ``ids``, each with a wired 50_10 service."""
    from app.layers import ised

    tiers = {ised.WIRED_MAX: np.full(len(ids), 4), ised.WIRELESS_MAX: np.full(len(ids), -1)}
    tiers[ised.SATELLITE_MAX] = np.full(len(ids), 4)
    ised.speeds_table(ids, tiers, np.ones(len(ids), int)).to_csv(path, index=False)
    return path


def test_a_speeds_file_matching_no_phh_is_refused(store, layer_files, tmp_path, snapshot):
    before = snapshot(store.root)
    speeds = write_speeds(tmp_path / "speeds.csv", ["1", "2", "3"])
    options = LoadOptions(Kind.HOUSEHOLDS, layer_files / "phh_points.csv", (speeds,))
    with pytest.raises(LayerValidationError) as caught:
        load_layer(store, options)
    assert caught.value.reason_key == "layers.speeds_match_none"
    assert "\n" not in str(caught.value)
    assert snapshot(store.root) == before


def in_region_points(layer_files, tmp_path):
    """The PHH points fixture without its Montréal point (so --strict has nothing else)."""
    import pandas as pd

    frame = pd.read_csv(layer_files / "phh_points.csv", dtype=str)
    frame[frame["PHH_ID"] != "99990002"].to_csv(tmp_path / "points.csv", index=False)
    return tmp_path / "points.csv"


def test_speeds_for_few_phh_warn_and_strict_refuses(store, layer_files, tmp_path, snapshot):
    speeds = write_speeds(tmp_path / "speeds.csv", ["24010230001", "24010230002"])
    options = LoadOptions(Kind.HOUSEHOLDS, in_region_points(layer_files, tmp_path), (speeds,))
    report = load_layer(store, options)
    keys = [key for key, _ in report.findings.warnings]
    assert "layers.speeds_coverage_low" in keys
    recorded = store.meta(Kind.HOUSEHOLDS).notes["warning_keys"]
    assert "layers.speeds_coverage_low" in [key for key, _ in recorded]
    before = snapshot(store.root)
    with pytest.raises(LayerValidationError) as caught:
        load_layer(store, LoadOptions(**{**options.__dict__, "strict": True}))
    assert caught.value.reason_key == "layers.speeds_coverage_low"
    assert snapshot(store.root) == before


def test_a_phh_file_covering_part_of_the_region_names_the_municipalities_left_empty(
    store, layer_files, tmp_path
):
    points = in_region_points(layer_files, tmp_path)
    options = LoadOptions(Kind.HOUSEHOLDS, points, (layer_files / "phh_speeds_bom.csv",))
    report = load_layer(store, options)
    empty = dict(report.findings.warnings)["layers.municipalities_empty"]
    assert empty["count"] > 40 and "Gaspé (2403005)" in empty["names"]
    with pytest.raises(LayerValidationError) as caught:
        load_layer(store, LoadOptions(**{**options.__dict__, "strict": True}))
    assert caught.value.reason_key == "layers.municipalities_empty"


def test_ised_zips_are_read_as_shipped(store, layer_files, tmp_path):
    import zipfile

    points = tmp_path / "PHH_2021_CSV.zip"
    with zipfile.ZipFile(points, "w") as archive:
        archive.write(layer_files / "phh_points.csv", "PHH_2021_CSV/PHH-QC.csv")
        archive.write(layer_files / "phh_points.csv", "PHH_2021_CSV/PHH-ON.csv")
    speeds = tmp_path / "NBD_PHH_Speeds.zip"
    with zipfile.ZipFile(speeds, "w") as archive:
        for name in ("Current-PHH_Vitesses_Actuelles_QC", "Current-PHH_Vitesses_Actuelles_BC"):
            archive.write(layer_files / "phh_speeds_bom.csv", f"PHH_Speeds_{name}.csv")
        archive.write(layer_files / "phh_speeds_bom.csv", "PHH_Speeds_UBF_Core_QC.csv")
    report = load_layer(store, LoadOptions(Kind.HOUSEHOLDS, points, (speeds,)))
    assert (report.preset, report.features) == ("ised-phh", 7)


def test_coastal_households_are_snapped_and_counted(store, tmp_path):
    from app.layers import ised

    gaspe = (-64.48, 48.83)  # Gaspé's town centre, just off the municipal polygon
    table = {
        ised.PHH_ID: ["1", "2"],
        ised.PHH_TYPE: [1, 1],
        ised.population_column(2021): [10, 5],
        ised.dwellings_column(2021): [4, 2],
        ised.LATITUDE: [gaspe[1], 48.85],
        ised.LONGITUDE: [gaspe[0], -64.60],
    }
    import pandas as pd

    pd.DataFrame(table).to_csv(tmp_path / "points.csv", index=False)
    speeds = write_speeds(tmp_path / "speeds.csv", ["1", "2"])
    report = load_layer(store, LoadOptions(Kind.HOUSEHOLDS, tmp_path / "points.csv", (speeds,)))
    assert report.findings.counts["snapped_points"] == 1
    assert report.findings.counts["unassigned_points"] == 0


def test_canonical_households_from_geoparquet(store, layer_files):
    report = load(store, layer_files, "households", "households.parquet")
    assert (report.preset, report.features) == ("canonical", 5)
    assert report.findings.counts["assigned_points"] == 5


def test_a_dry_run_validates_and_reports_without_writing(store, layer_files, snapshot):
    before = snapshot(store.root)
    report = load(store, layer_files, "mrcs", "mrcs.geojson", dry_run=True)
    assert report.dry_run and report.version is None and report.features == 6
    assert snapshot(store.root) == before


def test_invalid_polygons_are_repaired_and_counted(store, layer_files):
    report = load(store, layer_files, "municipalities", "bowtie_municipality.geojson")
    frame = store.read(Kind.MUNICIPALITIES)[0]
    assert report.findings.counts["repaired_geometries"] == 1
    assert frame.geometry.is_valid.all() and report.to_dict("en")["repairs"] == 1


def test_crs_and_columns_options_fix_what_the_file_lacks(store, layer_files):
    load(store, layer_files, "municipalities", "no_crs_shp.zip", crs="EPSG:32198")
    west, south, east, north = store.read(Kind.MUNICIPALITIES)[0].total_bounds
    assert -65 < west < east < -61 and 47 < south < north < 49
    report = load(
        store, layer_files, "municipalities", "missing_fields.geojson", columns="nom=name"
    )
    assert report.version == 3


def test_the_region_is_the_current_municipalities_with_a_margin(store):
    region = Region.from_store(store)
    west, south, east, north = region.bounds
    assert -67.8 < west < -67.6 and 49.2 < north < 49.4 and -61.2 < east < -61
    gaspe, montreal, sea = (-64.49, 48.83), (-73.57, 45.5), (-63.5, 48.0)
    inside = region.covers_xy(*map(np.array, zip(gaspe, montreal, sea, strict=True)))
    assert inside.tolist() == [True, False, False]


REFUSALS = [
    ("community_points", "empty.csv", {}, "layers.empty"),
    ("community_points", "header_only.csv", {}, "layers.empty"),
    ("municipalities", "not_a_geopackage.gpkg", {}, "layers.unreadable"),
    ("municipalities", "no_crs_shp.zip", {}, "layers.crs_missing"),
    ("municipalities", "missing_fields.geojson", {}, "layers.fields_missing"),
    ("households", "negative_dwellings.geojson", {}, "layers.values_negative"),
    ("households", "nan_speeds.csv", {}, "layers.values_blank"),
    ("community_points", "duplicate_ids.csv", {}, "layers.ids_duplicated"),
    ("municipalities", "points_as_municipalities.geojson", {}, "layers.geometry_type"),
    ("municipalities", "bowtie_municipality.geojson", {"strict": True}, "layers.geometry_invalid"),
    ("community_points", "outside_region.csv", {}, "layers.outside_region"),
    ("community_points", "swapped.csv", {}, "layers.coordinates_swapped"),
    ("mrcs", "zip_no_layer.zip", {}, "layers.zip_no_layer"),
    ("mrcs", "zip_two_layers.zip", {}, "layers.zip_several"),
    ("mrcs", "zip_slip.zip", {}, "layers.zip_unsafe"),
    ("households", "phh_points.csv", {}, "layers.speeds_needed"),
    ("households", "phh_speeds_bom.csv", {}, "layers.speeds_as_points"),
    (
        "households",
        "phh_points.csv",
        {"speeds": "phh_speeds_bom.csv", "strict": True},
        "layers.outside_some",
    ),
    ("mrcs", "mrcs.geojson", {"vintage": "juin 2024"}, "layers.vintage_malformed"),
    ("mrcs", "mrcs.geojson", {"columns": "code"}, "layers.columns_malformed"),
    ("mrcs", "mrcs.geojson", {"columns": "CODE=code"}, "layers.columns_unknown"),
    ("mrcs", "missing.gpkg", {}, "layers.file_missing"),
    ("mrcs", "make_fixtures.py", {}, "layers.format_unknown"),
]


@pytest.mark.parametrize(("kind", "name", "options", "key"), REFUSALS)
def test_a_bad_file_is_refused_in_one_line_and_the_store_is_unchanged(
    store, layer_files, snapshot, kind, name, options, key
):
    before = snapshot(store.root)
    with pytest.raises(LayerValidationError) as refusal:
        load(store, layer_files, kind, name, **options)
    error = refusal.value
    assert error.key == "layers.refused" and error.reason_key == key
    for lang in ("fr", "en"):
        message = translate(error.key, lang, **error.params)
        assert message.startswith(f"{error.params['file']}") and "\n" not in message
        assert message != error.key and "{" not in message
    assert translate(error.key, "fr", **error.params) != translate(error.key, "en", **error.params)
    assert snapshot(store.root) == before


def test_refusals_name_what_is_missing_and_what_is_there(store, layer_files):
    with pytest.raises(LayerValidationError) as refusal:
        load(store, layer_files, "municipalities", "missing_fields.geojson")
    message = translate("layers.refused", "en", **refusal.value.params)
    assert message.startswith("missing_fields.geojson: required fields missing")
    assert "name;" in message and "nom" in message and "--columns" in message


def test_swapped_coordinates_are_named_as_such(store, layer_files):
    with pytest.raises(LayerValidationError) as refusal:
        load(store, layer_files, "community_points", "swapped.csv")
    assert "latitude and longitude are swapped" in str(refusal.value)
    assert "2674" in str(refusal.value)


def test_text_where_numbers_are_needed_is_quoted(store, tmp_path):
    path = tmp_path / "homes.csv"
    path.write_text(
        "phh_id,population,dwellings,down_mbps,up_mbps,technology,latitude,longitude\n"
        "1,2,deux,50,10,fibre,48.83,-64.49\n"
    )
    with pytest.raises(LayerValidationError) as refusal:
        load_layer(store, LoadOptions(Kind.HOUSEHOLDS, path))
    assert refusal.value.reason_key == "layers.values_not_numbers"
    assert "dwellings" in str(refusal.value) and "deux" in str(refusal.value)


def test_ised_hexagon_geometry_joined_to_its_data_table(store, layer_files, tmp_path):
    import geopandas as gpd
    import pandas as pd

    shapes = gpd.read_file(f"zip://{layer_files / 'hexagons_ised_shp.zip'}")
    geometry = shapes[["HEXuid_HEX", "geometry"]].rename(columns={"HEXuid_HEX": "HEXuid_HEXidu"})
    geometry["PRNAME"] = "Quebec / Québec"
    geometry.to_file(tmp_path / "CHX_EXO_geo.shp")  # geometry only, as ISED ships it
    table = pd.DataFrame(
        {
            "HEXuid_HEXidu": ["QC001", "QC002", "QC003"],
            "SumPop_2021_SommePop": ["820", "<10", "0"],
            "SumURD_2021_SommeRH": ["380", "<5", "0"],
            "SumTD_2021_SommeTL": ["400", "<5", "0"],
            "Expr1": ["T", "F", "F"],
            "Expr2": [">75% to 100%", ">0% to 25%", ""],
        }
    )
    data = tmp_path / "Map_Data_CSV.zip"
    import zipfile

    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("Data_Hex_Données.csv", table.to_csv(index=False))
        archive.writestr("Data_Com_Points_Col_Données.csv", "PNuid_NLidu,Nom_fr\n1,a\n")
    options = LoadOptions(Kind.HEXAGONS, tmp_path / "CHX_EXO_geo.shp", table=data)
    report = load_layer(store, options)
    frame = store.read(Kind.HEXAGONS)[0].set_index("hex_id")
    assert report.features == 3
    assert frame.loc["QC001", "dwellings"] == 400 and frame.loc["QC001", "share_5_1_over_75"]
    assert frame.loc["QC002", "dwellings"] == 2.5  # "<5": half of the bound, with a warning
    assert frame.loc["QC002", "share_50_10_class"] == ">0% to 25%"
    assert "layers.warn_suppressed" in [key for key, _ in report.findings.warnings]


def test_land_area_is_derived_in_true_square_kilometres(store, layer_files, tmp_path):
    import geopandas as gpd

    municipalities = gpd.read_file(layer_files / "municipalities.gpkg").drop(
        columns="land_area_km2"
    )
    municipalities.to_file(tmp_path / "towns.geojson")
    load_layer(store, LoadOptions(Kind.MUNICIPALITIES, tmp_path / "towns.geojson"))
    frame = store.read(Kind.MUNICIPALITIES)[0].set_index("code")
    lambert = municipalities.set_index("code").to_crs("EPSG:32198").area / 1e6
    ratio = frame["land_area_km2"] / lambert.reindex(frame.index)
    # Québec Lambert is conformal: it under-reads GÎM areas by 0.5-1 %.
    assert 1.004 < ratio.median() < 1.012


def test_a_bad_value_in_a_speeds_file_is_refused_naming_that_file(store, layer_files, tmp_path):
    import pandas as pd

    speeds = pd.read_csv(layer_files / "phh_speeds_bom.csv", dtype=str, encoding="utf-8-sig")
    speeds.loc[0, "Wired_Max_Threshold-Filaire_Seuil_Max"] = "60_10"
    speeds.to_csv(tmp_path / "bad_speeds.csv", index=False)
    options = LoadOptions(
        Kind.HOUSEHOLDS, layer_files / "phh_points.csv", (tmp_path / "bad_speeds.csv",)
    )
    with pytest.raises(LayerValidationError) as caught:
        load_layer(store, options)
    assert str(caught.value).startswith("bad_speeds.csv: ") and "60_10" in str(caught.value)
