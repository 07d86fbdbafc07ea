"""Report card and change routes: every card as HTML, PDFs read back with poppler, the changes."""

import csv
import io
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.maps.formats import count, percent
from app.reports.changes import COLUMNS

# Every card as PDF in both languages: a guard against a card that takes pathologically long
# (measured 0.5–0.9 s each on 2 cores), not a benchmark (that is `make bench`, reports).
PDF_BUDGET_S = 300.0


@pytest.fixture(scope="module")
def poppler() -> None:
    """Poppler's command-line tools (Debian poppler-utils), which read the PDFs back."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: install the Debian package 'poppler-utils' (.ci/run)")


def codes(client):
    return [row["code"] for row in client.get("/api/municipalities").json()["municipalities"]]


def every_place(client):
    mrcs = [row["code"] for row in client.get("/api/mrcs").json()["mrcs"]]
    return (
        ["region"] + [f"mrc/{code}" for code in mrcs] + [f"municipality/{c}" for c in codes(client)]
    )


def test_every_card_renders_as_html_in_both_languages(client):
    places = every_place(client)
    assert len(places) == 1 + 6 + 54
    for place in places:
        for lang in ("fr", "en"):
            response = client.get(f"/reports/{place}?lang={lang}")
            assert response.status_code == 200, place
            assert response.headers["content-type"].startswith("text/html")
            html = response.text
            assert f'<html lang="{lang}">' in html and 'class="gim-sketch"' in html
            assert html.count('role="img"') == 3  # the map and two charts


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "card.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return re.sub(r"[\u00a0\u202f ]+", " ", text)


def plain(text: str) -> str:
    return re.sub(r"[\u00a0\u202f ]+", " ", text)


@pytest.mark.slow
def test_every_pdf_carries_the_api_s_figures_within_the_time_budget(client, tmp_path, poppler):
    start = time.perf_counter()
    places = every_place(client)
    assert len(places) == 1 + 6 + 54
    for place in places:
        scope, _, code = place.partition("/")
        api = {"municipality": f"/api/municipalities/{code}", "mrc": f"/api/mrcs/{code}"}
        api = api.get(scope, "/api/region")
        figures = client.get(api).json()["figures"]
        for lang in ("fr", "en"):
            response = client.get(f"/reports/{place}.pdf?lang={lang}")
            assert response.status_code == 200, place
            assert response.headers["content-type"] == "application/pdf"
            assert response.content.startswith(b"%PDF-")
            text = pdf_text(response.content, tmp_path)
            assert "50/10" in text
            for column in ("dwellings", "served_dwellings", "unserved_dwellings"):
                assert plain(count(figures[column], lang)) in text, (place, column)
            assert plain(count(figures["population"], lang)) in text
            if figures["dwellings"]:
                assert plain(percent(figures["served_share"], lang)) in text, place
    assert time.perf_counter() - start < PDF_BUDGET_S


def test_a_pdf_names_the_place_and_threshold_on_one_page_with_fonts_embedded(
    client, tmp_path, poppler
):
    response = client.get("/reports/municipality/2406804.pdf?threshold=100/20&technology=all")
    text = pdf_text(response.content, tmp_path)
    assert "Listuguj" in text and "100/20" in text and "2016" in text
    assert "satellite" in text.lower()
    path = tmp_path / "card.pdf"
    info = subprocess.run(["pdfinfo", path], check=True, capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE)
    fonts = subprocess.run(["pdffonts", path], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all("yes" in row[-5:-2] for row in rows), fonts  # every font embedded
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", path, tmp_path / "p"])
    page = next(tmp_path.glob("p*.png")).read_bytes()
    assert page.startswith(b"\x89PNG") and len(page) > 10_000
    assert response.headers["content-disposition"] == 'inline; filename="gim-2406804-fr.pdf"'


def test_a_card_links_its_pdf_map_and_changes_under_the_root_path(settings):
    with TestClient(create_app(settings), root_path="/gim") as client:
        html = client.get("/reports/municipality/2402028?lang=en&threshold=25/5").text
    assert 'href="/gim/reports/municipality/2402028.pdf?lang=en&amp;threshold=25/5"' in html
    assert 'href="/gim/maps/municipality/2402028?' in html
    assert 'href="/gim/maps/changes?lang=en"' in html
    assert 'href="/gim/reports/municipality/2402028?threshold=25/5&amp;lang=fr"' in html


def test_unknown_places_are_problems(client):
    response = client.get("/reports/municipality/9999999.pdf")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert client.get("/reports/mrc/2499?lang=en").status_code == 404
    assert client.get("/reports/region.pdf?threshold=1/1").status_code == 422


def test_changes_json_names_the_versions_and_adds_up(client):
    body = client.get("/api/changes?lang=en").json()
    assert (body["from"]["version"], body["to"]["version"]) == (1, 2)
    assert body["from"]["vintage"] == "2019" and body["from"]["demonstration"] is True
    assert [w["key"] for w in body["warnings"]] == ["changes.demonstration"]
    rows = body["rows"]
    assert [row["level"] for row in rows].count("municipality") == 54
    region = rows[0]
    towns = [row for row in rows if row["level"] == "municipality"]
    total = sum(row["change_served_dwellings"] for row in towns)
    assert (
        total + body["unassigned"]["change_served_dwellings"] == region["change_served_dwellings"]
    )
    assert region["change_served_share"] > 0.1  # the demo's fibre projects show
    assert set(COLUMNS) <= set(region)


def test_changes_csv_is_for_excel_in_the_request_s_language(client):
    response = client.get("/api/changes?format=csv&lang=en&threshold=25/5")
    assert response.headers["content-type"].startswith("text/csv")
    assert "changes-v1-v2-25-5.csv" in response.headers["content-disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Level", "Code", "Name"]
    assert any(header.startswith("Change in share") and "(%)" in header for header in rows[0])
    assert len(rows) == 1 + 1 + 6 + 54
    assert client.get("/api/changes?from=99").status_code == 404
    french = client.get("/api/changes?format=csv").content.decode("utf-8-sig")
    assert french.startswith("Niveau;Code;Nom")  # a French Excel opens it in columns
    region = list(csv.reader(io.StringIO(french), delimiter=";"))[1]
    assert any("," in cell for cell in region[4:])  # decimal commas


def test_the_changes_page_has_a_map_a_sortable_table_and_a_csv_link(client):
    response = client.get("/maps/changes?lang=en")
    assert response.status_code == 200
    html = response.text
    assert 'class="gim-table gim-sortable"' in html and "/static/gim-sort.js" in html
    assert html.count('href="/reports/municipality/') == 54
    assert 'href="/api/changes?' in html and "format=csv" in html
    assert "/maps/changes/data/{level}.geojson" in html
    assert "cdn" not in html.lower()
    layer = client.get("/maps/changes/data/0.geojson?measure=served_dwellings&lang=en").json()
    assert len(layer["features"]) == 54
    first = layer["features"][0]["properties"]
    assert {"cls", "name", "url", "change_served_dwellings"} <= set(first)
    assert client.get("/static/gim-sort.js").status_code == 200


def test_map_pages_chart_served_shares_and_link_the_card_and_changes(client):
    region = client.get("/?lang=en&threshold=25/5").text
    assert region.count('id="chart-served-figure"') == 1
    assert "by MRC" in region and region.count('<rect x="150"') == 2 * 7  # 6 MRCs, region
    assert 'href="/reports/region.pdf?threshold=25/5&amp;lang=en"' in region
    assert 'href="/maps/changes?threshold=25/5&amp;lang=en"' in region
    mrc = client.get("/maps/mrc/2402/table").text
    assert "par municipalité de Le Rocher-Percé" in mrc and 'href="/reports/mrc/2402.pdf' in mrc
    town = client.get("/maps/municipality/2402028?theme=lte").text
    assert 'id="chart-served-figure"' not in town
    assert 'href="/reports/municipality/2402028.pdf?threshold=50/10&amp;lang=fr"' in town
