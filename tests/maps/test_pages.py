"""The map pages and their data over HTTP: state in the URL, both languages, errors, caching."""

import json
from html.parser import HTMLParser

import pytest

from app.gaps.threshold import PRESETS
from app.maps.formats import count

BROWSER = {"accept": "text/html,application/xhtml+xml"}


class Tables(HTMLParser):
    """The text of every cell of every table, by table id, row by row."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.scopes: list[str] = []
        self._table = self._cell = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._table = self.tables.setdefault(attrs["id"], [])
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = []
            if tag == "th":
                self.scopes.append(attrs.get("scope", ""))

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._table[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None


def test_region_page_is_french_by_default_with_every_part(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert '<html lang="fr">' in page
    assert "Données de démonstration" in page  # the households layer is a demonstration
    assert 'class="gim-skip" href="#main"' in page
    tables = Tables(page)
    municipalities = tables.tables["table-municipalities"]
    assert len(municipalities) == 1 + 54 + 1  # header, municipalities, region total
    assert len(tables.tables["table-mrcs"]) == 1 + 6 + 1
    assert set(tables.scopes) == {"col", "row"}
    assert page.count("<caption") >= 4
    assert "/maps/data/municipalities/{level}.geojson?threshold=50/10\\u0026lang=fr" in page
    assert "maps." not in page.replace("/maps.", "").replace("/maps/", "")  # no raw message key


def test_provenance_lists_each_layer_shown_with_source_vintage_and_attribution(client, catalog):
    page = client.get("/?lang=en").text
    provenance = Tables(page).tables["table-provenance"]
    assert [row[0] for row in provenance[1:]] == [
        "Municipalities",
        "Households (demonstration)",
        "Community points",
    ]
    meta = catalog.layer("community_points").meta
    assert provenance[3][1:] == [meta.source, meta.vintage, str(meta.version), meta.attribution]


def test_the_same_figures_in_both_languages(client, catalog):
    french = Tables(client.get("/maps/table").text).tables["table-municipalities"]
    english = Tables(client.get("/maps/table", params={"lang": "en"}).text)
    english = english.tables["table-municipalities"]
    assert english[0][0] == "Municipality" and french[0][0] == "Municipalité"
    figures = catalog.gaps.summarize(PRESETS[3]).municipalities
    chandler = next(row for row in english if row[0] == "Chandler")
    assert chandler[2] == count(figures.loc["2402028", "dwellings"], "en")
    # Names are the official French ones in both languages (only the census note is translated).
    names = [[row[0].split(" (")[0] for row in table[1:-1]] for table in (french, english)]
    assert names[0] == names[1]


def test_accept_language_chooses_english_and_the_query_wins(client):
    assert '<html lang="en">' in client.get("/", headers={"accept-language": "en-CA"}).text
    page = client.get("/?lang=fr", headers={"accept-language": "en-CA"}).text
    assert '<html lang="fr">' in page


def test_the_threshold_changes_the_figures_and_stays_in_every_link(client):
    low = client.get("/maps/table", params={"threshold": "5/1"}).text
    high = client.get("/maps/table", params={"threshold": "1000/500"}).text
    assert Tables(low).tables["table-mrcs"] != Tables(high).tables["table-mrcs"]
    assert 'href="/maps/mrc/2402?threshold=1000/500&amp;lang=fr"' in high
    assert 'aria-current="true">1000/500</a>' in high
    custom = client.get("/", params={"threshold": "30/3"}).text
    assert 'value="30/3"' in custom and "30/3 Mbit/s" in custom


@pytest.mark.parametrize(
    "path",
    ["/maps/mrc/2402", "/maps/mrc/2402/table", "/maps/municipality/2402028", "/maps/table"],
)
def test_every_view_answers(client, path):
    response = client.get(path, params={"lang": "en"})
    assert response.status_code == 200
    assert "Le Rocher-Percé" in response.text


def test_municipality_page_has_its_trail_summary_and_technologies(client):
    page = client.get("/maps/municipality/2402028", params={"threshold": "100/20"}).text
    assert 'aria-current="page">Chandler</span>' in page
    assert 'href="/maps/mrc/2402?threshold=100/20&amp;lang=fr">Le Rocher-Percé</a>' in page
    technologies = Tables(page).tables["table-technologies"]
    assert [row[0] for row in technologies[1:]][:2] == ["Fibre optique", "Câble"]
    assert "GIM.remoteLayer" in page
    assert '"field": "code", "value": "2402028"' in page


def test_the_table_views_carry_no_map(client):
    page = client.get("/maps/mrc/2405/table").text
    assert "leaflet" not in page and "GIM.remoteLayer" not in page
    assert 'href="/maps/mrc/2405?threshold=50/10&amp;lang=fr">Voir la carte</a>' in page


def test_mrc_selector_redirects_to_the_chosen_page(client):
    response = client.get(
        "/maps/mrc",
        params={"code": "2404", "threshold": "25/5", "lang": "en"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/maps/mrc/2404?threshold=25/5&lang=en"
    region = client.get("/maps/mrc", params={"code": "", "view": "table"}, follow_redirects=False)
    assert region.headers["location"] == "/maps/table?threshold=50/10&lang=fr"


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/maps/mrc/9999", "9999"),
        ("/maps/municipality/2402999", "2402999"),
        ("/maps/mrc?code=1", "1"),
    ],
)
def test_unknown_codes_are_404_as_json_or_as_a_page(client, path, code):
    problem = client.get(path, follow_redirects=False)
    assert problem.status_code == 404
    assert problem.headers["content-type"] == "application/problem+json"
    assert f"« {code} »" in problem.json()["detail"]
    page = client.get(path, headers=BROWSER, follow_redirects=False)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert '<html lang="fr">' in page.text


def test_a_bad_threshold_is_the_engines_error(client):
    response = client.get("/", params={"threshold": "vite", "lang": "en"})
    assert response.status_code == 422
    assert response.json()["type"] == "urn:gim:problem:threshold.malformed"
    assert client.get("/maps/data/cells/0.geojson?threshold=0/0").status_code == 422


def test_layers_are_geojson_per_level(client):
    for number in range(3):
        response = client.get(f"/maps/data/municipalities/{number}.geojson")
        assert response.headers["content-type"] == "application/geo+json"
        assert len(response.json()["features"]) == 54
    assert client.get("/maps/data/mrcs/4.geojson").status_code == 404
    assert client.get("/maps/data/mrcs/x.geojson").status_code == 422
    points = client.get("/maps/data/community_points.geojson?lang=en").json()
    assert len(points["features"]) == 186


def test_answers_are_compressed_and_each_coding_revalidated_by_its_own_etag(client):
    url = "/maps/data/municipalities/0.geojson?threshold=25/5&lang=fr"
    response = client.get(url, headers={"accept-encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    plain = client.get(url, headers={"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert json.loads(plain.content) == response.json()
    etag = response.headers["etag"]
    assert plain.headers["etag"] != etag  # two representations, two validators
    assert response.headers["cache-control"].startswith("public, max-age=")
    again = client.get(url, headers={"if-none-match": etag, "accept-encoding": "gzip"})
    assert again.status_code == 304 and not again.content


def test_pages_are_not_in_the_api_schema(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert not [path for path in paths if path == "/" or path.startswith("/maps")]


def test_hostile_names_are_shown_as_text_in_every_page_and_layer(hostile_client, hostile_name):
    escaped = "&lt;img src=x onerror=alert(1)&gt;"
    for path in ("/", "/maps/mrc/2402/table", "/maps/municipality/2402028"):
        page = hostile_client.get(path).text
        assert hostile_name not in page and "<img" not in page
        assert escaped in page
    title = hostile_client.get("/maps/municipality/2402028").text.split("</title>")[0]
    assert title.endswith(
        f"<title>{escaped} — Carte de la connectivité — Gaspésie–Îles-de-la-"
        "Madeleine — logements desservis à 50/10 Mbit/s, services terrestres (filaire et "
        "sans-fil fixe)"
    )
    layer = hostile_client.get("/maps/data/municipalities/0.geojson").json()
    names = {feature["properties"]["name"] for feature in layer["features"]}
    assert hostile_name in names  # data stays data: the browser shows it with textContent


def test_listuguj_is_marked_as_counted_in_the_2016_census(client):
    french = client.get("/maps/table").text
    assert "Listuguj (dénombrements du recensement de 2016)" in french
    assert "Listuguj (2016 census counts)" in client.get("/maps/table?lang=en").text
    assert "Chandler (" not in french


def test_listuguj_page_says_its_counts_are_from_2016(client):
    assert "recensement de 2016" in client.get("/maps/municipality/2406804").text
    assert "2016 census" in client.get("/maps/municipality/2406804?lang=en").text
    assert "recensement de 2016" not in client.get("/maps/municipality/2402028").text


def test_the_technology_choice_is_on_every_page_and_in_every_link(client):
    page = client.get("/?technology=all&threshold=100/20").text
    assert '<select id="technology" name="technology">' in page
    assert '<option value="all" selected>' in page
    assert "technology=all" in page.split('id="table-municipalities"')[1]  # row links keep it
    assert "tous les services, satellite compris" in page
    tables = Tables(page).tables
    header = tables["table-municipalities"][0]
    assert "Indéterminés" in header and "Satellite seulement" in header
    default = client.get("/").text
    assert "technology=" not in default.split('id="table-municipalities"')[1]  # the default


def test_unknown_has_its_own_column_colour_and_words(client):
    page = client.get("/?threshold=100/20&technology=satellite&lang=en").text
    assert "mostly unknown" in page  # legend entry
    assert "s stop at 50/10" in page  # ISED's, escaped
    summary = Tables(page).tables["table-summary"]
    unknown = [row for row in summary if row and row[0] == "Unknown"][0]
    assert unknown[2] == "100.0%"
    layer = client.get("/maps/data/municipalities/0.geojson?threshold=100/20&technology=satellite")
    classes = {feature["properties"]["cls"] for feature in layer.json()["features"]}
    assert 5 in classes  # style.UNKNOWN


def test_the_lte_theme_maps_dwellings_without_mobile(client):
    page = client.get("/maps/mrc/2403?theme=lte").text
    assert "logements sans réseau mobile LTE" in page
    header = Tables(page).tables["table-municipalities"][0]
    assert "Sans LTE mobile" in header and "Part sans LTE" in header
    assert "50 % ou plus sans LTE" in page  # legend
    layer = client.get("/maps/data/municipalities/0.geojson?theme=lte").json()
    assert all("no_lte_share" in feature["properties"] for feature in layer["features"])
    assert client.get("/?theme=weather").status_code == 422


def test_any_combination_of_families_is_a_page_with_words_for_it(client):
    page = client.get("/maps/mrc/2402?technology=satellite,wired&lang=en")
    assert page.status_code == 200
    assert "wired + satellite" in page.text
    api = client.get("/api/region?technology=satellite,wired").json()["technologies"]
    assert api["label"] == {"fr": "filaire + satellite", "en": "wired + satellite"}
    assert api["choice"] == "wired,satellite"


def test_the_technology_selector_keeps_a_choice_it_does_not_list(client):
    page = client.get("/?technology=satellite,wired").text
    assert '<option value="wired,satellite" selected>filaire + satellite</option>' in page
