"""What the map pages carry for finding and inspecting: search box, panel, words, sources."""

from __future__ import annotations

import html
import json
import re

import pytest
from fastapi.testclient import TestClient

from tests.maps.test_pages import Tables


def client_config(page: str) -> dict:
    found = re.search(r"data-config='([^']*)'", page)
    assert found
    return json.loads(html.unescape(found.group(1)))


def test_a_map_page_has_the_search_box_and_the_panel_in_its_language(client):
    page = client.get("/maps/mrc/2402?threshold=25/5").text
    assert 'role="combobox"' in page and 'aria-controls="gim-search-list"' in page
    assert 'role="listbox"' in page and "Chercher un lieu" in page
    assert 'id="gim-here"' in page and "Qu'y a-t-il ici ?" in html.unescape(page)
    config = client_config(page)
    assert config["search"] == "/api/search" and config["lookup"] == "/api/lookup"
    assert config["query"] == "?threshold=25/5&lang=fr"
    assert config["texts"]["outside"].count("{distance}") == 1
    assert config["texts"]["classes"].startswith("À 25/5 Mbit/s")
    assert [name for name, _ in config["classes"]] == [
        "served",
        "underserved",
        "unserved",
        "unknown",
    ]
    english = client_config(client.get("/maps/mrc/2402?lang=en").text)
    assert english["texts"]["title"] == "What is here?"


def test_table_views_have_no_search_box(client):
    assert 'role="combobox"' not in client.get("/maps/table").text


def test_every_new_address_starts_with_the_root_path(client):
    behind_a_proxy = TestClient(client.app, root_path="/gim")
    page = behind_a_proxy.get("/maps/municipality/2402028").text
    assert 'src="/gim/static/gim-search.js"' in page and 'src="/gim/static/gim-here.js"' in page
    assert 'href="/gim/static/gim-print.css" media="print"' in page
    config = client_config(page)
    assert config["search"] == "/gim/api/search" and config["municipality"].startswith("/gim/")
    plain = client.get("/maps/municipality/2402028").text
    assert 'src="/static/gim-search.js"' in plain  # each root path its own cached page


def test_the_emphasis_toggle_and_the_sparse_areas_are_explained(client):
    page = client.get("/").text
    assert 'name="gim-emphasis" value="below"' in page
    assert "territoire non organisé (TNO) ou moins de 50 logements" in page
    assert "gim-emphasis" not in client.get("/?theme=lte").text  # LTE: no circles of service


@pytest.mark.parametrize(
    ("lang", "words", "not_words"),
    [
        ("fr", ("ISDE", "points de collectivités", "Statistique Canada"), ("ISED",)),
        ("en", ("ISED", "community points", "Statistics Canada"), ("ISDE",)),
    ],
)
def test_the_words_of_the_page_are_those_of_its_language(client, lang, words, not_words):
    page = client.get(f"/?lang={lang}").text
    visible = re.sub(r"<script.*?</script>|<[^>]+>", " ", page, flags=re.DOTALL)
    text = html.unescape(visible).lower()
    for word in words:
        assert word.lower() in text, word
    for word in not_words:
        assert word.lower() not in text.replace("data_com_points", ""), word


def test_the_sources_table_is_in_the_page_language(client):
    french = Tables(client.get("/").text).tables["table-provenance"]
    english = Tables(client.get("/?lang=en").text).tables["table-provenance"]
    assert "Statistique Canada, Recensement de 2021" in french[1][1]
    assert "Licence ouverte de Statistique Canada" in french[1][4]
    assert english[1][1].startswith("Statistics Canada 2021 Census")
    assert any("Démonstration synthétique —" in row[1] for row in french)
    assert any(row[1].startswith("Synthetic demonstration —") for row in english)


def test_the_municipality_layer_carries_what_the_circles_need(client):
    body = client.get("/maps/data/municipalities/0.geojson").json()
    props = {f["properties"]["code"]: f["properties"] for f in body["features"]}
    sainte_anne = props["2404037"]
    assert sainte_anne["below_n"] > 0 and not sainte_anne["sparse"]
    assert len(sainte_anne["anchor"]) == 2
    assert props["2403902"]["sparse"]  # Rivière-Saint-Jean, a TNO of 3 dwellings
    assert sum(p["sparse"] for p in props.values()) == 8
    assert "link" not in json.dumps(body["features"][0]["properties"])


def test_the_tooltip_rows_follow_the_order_of_the_table_columns():
    from app.maps.builders import AREA_ROWS
    from app.maps.tables import AREA_COLUMNS

    assert tuple(column for column in AREA_COLUMNS["service"] if column in AREA_ROWS) == AREA_ROWS
    assert AREA_ROWS[-4:] == (
        "share",
        "underserved_dwellings",
        "unserved_dwellings",
        "unknown_dwellings",
    )
