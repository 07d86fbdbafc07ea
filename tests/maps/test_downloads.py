"""Downloads of the map pages, read back by real parsers: figures equal to the API's JSON."""

from __future__ import annotations

import io
import json
import subprocess
from xml.etree import ElementTree

import openpyxl
import pandas as pd
import pyogrio
import pytest

REGION = "/api/downloads/region"
CHANDLER = "2402028"
HAUTE_GASPESIE = "2404"
FIGURES = ("dwellings", "served_dwellings", "unserved_dwellings", "unknown_dwellings")


def french_csv(content: bytes) -> pd.DataFrame:
    """The CSV as a French-locale spreadsheet reads it: ';' between fields, decimal comma."""
    assert content.startswith("\ufeff".encode())
    return pd.read_csv(
        io.BytesIO(content), sep=";", decimal=",", encoding="utf-8-sig", dtype={"Code": str}
    )


def ranked(client, query: str = "") -> dict[str, dict]:
    rows = client.get(f"/api/gaps?{query}").json()["rows"]
    return {row["code"]: row for row in rows}


def test_french_csv_opens_in_columns_with_decimal_commas(client):
    response = client.get(f"{REGION}.csv?threshold=25/5")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert (
        'filename="ecarts-region-25-5-terrestrial.csv"' in response.headers["content-disposition"]
    )
    header, first = response.content.decode("utf-8-sig").splitlines()[:2]
    share = header.split(";").index("Part des logements desservis (%)")
    assert "," in first.split(";")[share] and "." not in first.split(";")[share]
    table = french_csv(response.content)
    assert len(table) == 54
    json_rows = ranked(client, "threshold=25/5")
    for _, row in table.iterrows():
        expected = json_rows[row["Code"]]
        assert row["Nom"] == expected["name"]
        assert row["Logements desservis"] == expected["served_dwellings"]
        assert row["Logements non desservis"] == expected["unserved_dwellings"]
        share = expected["served_share"]
        column = row["Part des logements desservis (%)"]
        assert (pd.isna(column) and share is None) or column == pytest.approx(share * 100)
    assert set(table["Seuil (Mbit/s)"]) == {"25/5 Mbit/s"}  # text, not the date 25 May
    # A hand-checked value: Gaspé, as its own JSON says it, written the French way.
    gaspe = table[table["Nom"] == "Gaspé"].iloc[0]
    assert gaspe["Logements (ménages)"] == json_rows["2403005"]["dwellings"]


def test_english_csv_uses_commas_and_points_and_overrides_change_them(client):
    english = client.get(f"{REGION}.csv?lang=en&table=mrcs")
    text = english.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Code,Name,Dwellings (households),Dwellings served,")
    table = pd.read_csv(io.StringIO(text), dtype={"Code": str})
    json_rows = ranked(client, "level=mrc")
    for _, row in table.iterrows():
        assert row["Share of dwellings served (%)"] == pytest.approx(
            json_rows[row["Code"]]["served_share"] * 100
        )
    tabbed = client.get(f"{REGION}.csv?lang=en&sep=tab&decimal=,")
    table = pd.read_csv(io.BytesIO(tabbed.content), sep="\t", decimal=",", encoding="utf-8-sig")
    assert len(table) == 54 and "Share of dwellings served (%)" in table
    french_points = client.get(f"{REGION}.csv?decimal=.").content.decode("utf-8-sig")
    assert ";" in french_points.splitlines()[0] and "," not in french_points.splitlines()[1][:80]


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("sep=x", "sep"),
        ("decimal=;", "decimal"),
        ("sep=,&decimal=,", "ne peuvent être tous deux"),
        ("table=people", "table"),
        ("theme=colour", "theme"),
        ("threshold=fast", "Seuil illisible"),
        ("separator=;", "Paramètre inconnu « separator »"),
    ],
)
def test_bad_download_options_are_422_saying_what_is_wrong(client, query, words):
    response = client.get(f"{REGION}.csv?{query}")
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert words in response.json()["detail"]


def test_a_table_the_page_does_not_show_and_unknown_places_are_refused(client):
    assert client.get("/api/downloads/mrc/2402.csv?table=mrcs").status_code == 422
    assert client.get("/api/downloads/mrc/2499.csv").status_code == 404
    assert client.get("/api/downloads/municipality/9999999.xlsx").status_code == 404
    assert client.get(f"{REGION}.pdf").status_code == 422


def test_an_mrc_page_downloads_its_municipalities(client):
    table = french_csv(client.get(f"/api/downloads/mrc/{HAUTE_GASPESIE}.csv").content)
    assert set(table["Code MRC"].astype(str)) == {HAUTE_GASPESIE}
    assert sorted(table["Code"]) == sorted(ranked(client, f"mrc={HAUTE_GASPESIE}"))


def test_xlsx_has_typed_cells_formats_and_a_sources_sheet(client, tmp_path):
    response = client.get(f"{REGION}.xlsx?lang=en")
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    path = tmp_path / "region.xlsx"
    path.write_bytes(response.content)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["MRCs", "Municipalities", "Sources"]
    sheet = book["Municipalities"]
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["Code", "Name", "MRC code"] and sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    at = {name: index for index, name in enumerate(header)}
    json_rows = ranked(client)
    for row in sheet.iter_rows(min_row=2):
        expected = json_rows[row[0].value]
        assert row[0].data_type == "s"  # codes stay text
        served = row[at["Dwellings served"]]
        assert served.value == expected["served_dwellings"] and served.number_format == "#,##0"
        share = row[at["Share of dwellings served"]]
        if expected["served_share"] is None:
            assert share.value is None
        else:
            assert share.value == pytest.approx(expected["served_share"])
            assert share.number_format == "0.0%"
        assert row[at["Threshold (Mbps)"]].value == "50/10 Mbps"
    sources = book["Sources"]
    assert [cell.value for cell in sources[1]][:3] == ["Layer", "Source", "Vintage"]
    assert sources.max_row >= 3


def test_french_xlsx_headers_and_municipality_technologies(client, tmp_path):
    path = tmp_path / "chandler.xlsx"
    path.write_bytes(client.get(f"/api/downloads/municipality/{CHANDLER}.xlsx").content)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Municipalités", "Technologies", "Sources"]
    figures = client.get(f"/api/municipalities/{CHANDLER}").json()["figures"]
    technologies = {row[0].value: row[1].value for row in book["Technologies"].iter_rows(min_row=2)}
    assert technologies["Fibre optique"] == figures["dwellings_fibre"]
    assert book["Municipalités"]["A2"].value == CHANDLER


def test_geopackage_opens_in_gdal_with_the_apis_figures(client, tmp_path):
    response = client.get(f"{REGION}.gpkg?threshold=100/20&technology=all")
    assert response.headers["content-type"] == "application/geopackage+sqlite3"
    path = tmp_path / "region.gpkg"
    path.write_bytes(response.content)
    info = subprocess.run(
        ["ogrinfo", "-ro", "-so", str(path), "municipalities"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Feature Count: 54" in info and "served_share: Real" in info
    assert (
        "layer_styles"
        in subprocess.run(
            ["ogrinfo", "-ro", str(path)], capture_output=True, text=True, check=True
        ).stdout
    )
    layer = pyogrio.read_dataframe(path, layer="municipalities")
    assert layer.crs.to_epsg() == 4326
    json_rows = ranked(client, "threshold=100/20&technology=all")
    for _, row in layer.iterrows():
        expected = json_rows[row["code"]]
        assert row["household_dwellings"] == expected["dwellings"]
        assert row["served_dwellings"] == expected["served_dwellings"]
        assert row["unknown_dwellings"] == expected["unknown_dwellings"]
    assert set(layer["threshold"]) == {"100/20"} and set(layer["technologies"]) == {"all"}
    styles = pyogrio.read_dataframe(path, layer="layer_styles")
    assert styles["f_table_name"].tolist() == ["municipalities"]
    qml = ElementTree.fromstring(styles["styleQML"].iloc[0])
    renderer = qml.find("renderer-v2")
    assert renderer.get("type") == "categorizedSymbol" and renderer.get("attr") == "map_class"
    labels = [category.get("label") for category in renderer.iter("category")]
    assert len(labels) == len(set(labels)) == 7 and set(layer["map_class"]) <= set(range(7))


def test_geojson_matches_the_ogc_collection(client):
    body = client.get(f"/api/downloads/mrc/{HAUTE_GASPESIE}.geojson?threshold=25/5").json()
    ogc = client.get("/ogc/collections/municipalities/items?threshold=25/5&limit=100").json()
    ogc_by_code = {feature["id"]: feature["properties"] for feature in ogc["features"]}
    assert {feature["properties"]["mrc_code"] for feature in body["features"]} == {HAUTE_GASPESIE}
    for feature in body["features"]:
        properties = feature["properties"]
        expected = ogc_by_code[properties["code"]]
        for name in ("household_dwellings", *FIGURES[1:], "served_share"):
            assert properties[name] == pytest.approx(expected[name], nan_ok=True) or (
                properties[name] is None and expected[name] is None
            )
    json.dumps(body)  # plain JSON


def test_every_page_links_its_downloads(client):
    page = client.get(f"/maps/municipality/{CHANDLER}?lang=en").text
    for fmt in ("csv", "xlsx", "geojson", "gpkg"):
        assert (
            f'href="/api/downloads/municipality/{CHANDLER}.{fmt}?threshold=50/10&amp;lang=en"'
            in page
        )
    table = client.get("/maps/mrc/2402/table?threshold=25/5").text
    assert (
        'href="/api/downloads/mrc/2402.csv?threshold=25/5&amp;lang=fr&amp;table=municipalities"'
        in table
    )
    for link in ("/api/downloads/mrc/2402.csv?threshold=25/5&lang=fr&table=municipalities",):
        assert client.get(link).status_code == 200


def test_the_lte_theme_styles_the_geopackage_as_the_lte_map(client, tmp_path):
    path = tmp_path / "lte.gpkg"
    path.write_bytes(client.get(f"{REGION}.gpkg?theme=lte&lang=en").content)
    layer = pyogrio.read_dataframe(path, layer="municipalities")
    worst = layer.sort_values("no_lte_share", ascending=False).iloc[0]
    assert worst["map_class"] >= 1  # the map's LTE classes, not its service classes
    style = pyogrio.read_dataframe(path, layer="layer_styles").iloc[0]
    assert style["styleName"] == "Share of dwellings without LTE mobile"
    labels = [c.get("label") for c in ElementTree.fromstring(style["styleQML"]).iter("category")]
    assert len(labels) == 6
