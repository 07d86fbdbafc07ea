"""Reading files: formats, encodings, separators, zips and multi-layer files."""

from __future__ import annotations

import zipfile

import geopandas as gpd
import pytest
import shapely

from app.errors import LayerValidationError
from app.layers.readers import SNIFF_BYTES, column_key, read, to_numbers


def test_cp1252_further_down_than_the_sniffed_bytes_is_still_found(tmp_path):
    filler = "".join(f"{i},Gaspe\n" for i in range(SNIFF_BYTES // 8 + 10))
    path = tmp_path / "late.csv"
    path.write_bytes(("id,name\n" + filler).encode() + "999,Percé\n".encode("cp1252"))
    source = read(path)
    assert source.encoding == "cp1252"
    assert source.to_pandas()["name"].iloc[-1] == "Percé"


def test_utf8_with_a_bom_and_semicolons(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_text("code;nom\n02028;Chandler\n", encoding="utf-8-sig")
    source = read(path, text_columns={"code"})
    frame = source.to_pandas()
    assert source.columns == ["code", "nom"] and source.encoding == "utf-8"
    assert frame["code"].tolist() == ["02028"]  # a text column keeps its leading zero


def test_tab_separated(tmp_path):
    path = tmp_path / "tabs.tsv"
    path.write_text("a\tb\n1\t2\n")
    assert read(path).columns == ["a", "b"]


def test_numbers_accept_decimal_commas_and_spaces():
    import pandas as pd

    values = to_numbers(pd.Series(["48,83", " 12 ", "", "abc", None]))
    assert values.tolist()[:2] == [48.83, 12.0]
    assert values.iloc[2:].isna().all()


def test_column_keys_ignore_case_and_punctuation():
    assert column_key("Combined_Max_Threshold-Combine_Seuil_Max") == column_key(
        "combined max threshold combine seuil max"
    )


def test_a_geopackage_with_several_layers_needs_a_layer_name(tmp_path):
    path = tmp_path / "two.gpkg"
    frame = gpd.GeoDataFrame({"code": ["1"]}, geometry=[shapely.Point(-64, 48)], crs=4326)
    frame.to_file(path, layer="first")
    frame.assign(code="2").to_file(path, layer="second")
    with pytest.raises(LayerValidationError) as refusal:
        read(path)
    assert refusal.value.key == "layers.several_layers" and "first, second" in str(refusal.value)
    assert read(path, layer="second").frame["code"].tolist() == ["2"]
    with pytest.raises(LayerValidationError, match="no layer 'third'"):
        read(path, layer="third")


def test_a_zip_with_several_layers_can_be_read_with_a_layer_name(layer_files):
    source = read(layer_files / "zip_two_layers.zip", layer="b")
    assert source.name == "zip_two_layers.zip/b.geojson" and source.rows == 6


@pytest.mark.parametrize("member", ["/etc/evil.csv", "a/../../evil.csv", "C:\\evil.csv"])
def test_zip_members_that_leave_the_folder_are_refused(tmp_path, member):
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(member, "a,b\n1,2\n")
    with pytest.raises(LayerValidationError) as refusal:
        read(path)
    assert refusal.value.key == "layers.zip_unsafe"
    assert not (tmp_path.parent / "evil.csv").exists()


def test_a_damaged_zip_is_unreadable(tmp_path):
    path = tmp_path / "damaged.zip"
    path.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(LayerValidationError) as refusal:
        read(path)
    assert refusal.value.key == "layers.unreadable"


def test_cp1252_in_a_text_column_after_64_kib_is_found_by_reading_the_whole_text(tmp_path):
    filler = "".join(f"{i},Gaspe\n" for i in range(SNIFF_BYTES // 8 + 10))
    path = tmp_path / "late_text.csv"
    path.write_bytes(("code,name\n" + filler).encode() + "999,Percé\n".encode("cp1252"))
    source = read(path, text_columns={"code", "name"})
    assert source.encoding == "cp1252" and source.to_pandas()["name"].iloc[-1] == "Percé"


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"a,b\n1,\x00\n", "layers.not_text"),
        (b"a,b\n1,\x81\x8d\n", "layers.not_encoded"),
        (b"a,a\n1,2\n", "layers.columns_duplicated"),
        (b"\n \n", "layers.empty"),
    ],
)
def test_text_that_is_not_a_table_is_refused(tmp_path, data, key):
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    with pytest.raises(LayerValidationError) as refusal:
        read(path)
    assert refusal.value.key == key


def test_a_nul_escape_split_across_chunks_is_found(tmp_path):
    from app.layers.readers import CHUNK

    path = tmp_path / "split.geojson"
    start = b'{"type":"FeatureCollection","features":[],"x":"'
    prefix = start + b"a" * (CHUNK - len(start) - 3)  # the escape starts 3 bytes before the end
    path.write_bytes(prefix + b"\\u0000" + b'"}')
    with pytest.raises(LayerValidationError) as refusal:
        read(path)
    assert refusal.value.key == "layers.text_nul"


def test_a_nul_inside_geopackage_text_is_refused_not_cut(tmp_path, layer_files):
    import sqlite3

    frame = gpd.read_file(layer_files / "municipalities.gpkg")
    path = tmp_path / "nul.gpkg"
    frame.to_file(path, layer="municipalities")
    with sqlite3.connect(path) as database:  # what another tool may write; GDAL reads "Ga"
        triggers = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        for (name,) in database.execute(triggers).fetchall():
            database.execute(f'DROP TRIGGER "{name}"')
        update = "UPDATE municipalities SET name = 'Ga' || char(0) || 'spé' WHERE rowid = 1"
        database.execute(update)
    with pytest.raises(LayerValidationError) as caught:
        read(path)
    assert caught.value.key == "layers.text_nul_features" and caught.value.params["count"] == 1


def test_a_nul_inside_shapefile_text_is_refused_but_nul_padding_is_not(tmp_path, layer_files):
    frame = gpd.read_file(layer_files / "municipalities.gpkg")[["code", "name", "geometry"]]
    frame.to_file(tmp_path / "towns.shp")
    table = tmp_path / "towns.dbf"
    data = bytearray(table.read_bytes())
    start = data.find("Sainte-Thérèse-de-Gaspé".encode())
    padded = bytearray(data)
    data[start + 20] = 0  # "Sainte-Thérèse-de-Ga\0pé": GDAL would read "…-de-Ga"
    table.write_bytes(bytes(data))
    with pytest.raises(LayerValidationError) as caught:
        read(tmp_path / "towns.shp")
    assert caught.value.key == "layers.text_nul_features"
    end = start + len("Sainte-Thérèse-de-Gaspé".encode())
    padded[end : end + 2] = b"\0\0"  # NUL padding after the name loses nothing
    table.write_bytes(bytes(padded))
    assert read(tmp_path / "towns.shp").rows == 54
