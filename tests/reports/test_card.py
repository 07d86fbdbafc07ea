"""Report cards: the engine's figures for the place, counts behind shares, rank, notes, charts."""

from datetime import date
from xml.etree import ElementTree

import pytest

from app.gaps.engine import CLASSES
from app.gaps.threshold import Threshold
from app.maps import places, style
from app.maps.formats import NBSP, count, percent
from app.reports.card import build_card, points, signed
from app.reports.charts import Bar, Chart
from app.reports.render import render_html
from app.vocabulary import DEFAULT_CHOICE, TechnologyChoice

CHANDLER, LISTUGUJ, ILES = "2402028", "2406804", "2401023"
SVG = "{http://www.w3.org/2000/svg}"
FIFTY = Threshold(50, 10)


def card_of(catalog, scope, code, lang="fr", threshold=FIFTY, store=None, **kw):
    place = places.find(catalog, scope, code)
    return build_card(catalog, place, threshold, DEFAULT_CHOICE, lang, store, **kw)


@pytest.mark.parametrize(
    ("scope", "code"), [("municipality", CHANDLER), ("mrc", "2402"), ("region", "")]
)
def test_key_figures_are_the_engine_s_with_their_counts(catalog, scope, code):
    card = card_of(catalog, scope, code, threshold=Threshold(100, 20))
    report = catalog.report(Threshold(100, 20), DEFAULT_CHOICE)
    row = {"municipality": report.municipalities, "mrc": report.mrcs}.get(scope)
    row = row.loc[code] if row is not None else report.region
    assert card.row.equals(row)
    lines = card.lines[1:]
    assert len(lines) == len(CLASSES) + 2
    for line, name in zip(lines, (*CLASSES, "satellite_only", "no_lte"), strict=True):
        assert line.dwellings == count(row[f"{name}_dwellings"], "fr")
        assert line.population == count(row[f"{name}_population"], "fr")
        assert line.dwellings_share == percent(row[f"{name}_dwellings"] / row["dwellings"], "fr")
    assert card.lines[0].dwellings == count(row["dwellings"], "fr")


def test_rank_in_the_mrc_counts_from_the_best_served(catalog):
    report = catalog.report(Threshold(50, 10), DEFAULT_CHOICE)
    peers = report.municipalities[report.municipalities["mrc_code"] == "2402"]
    best = peers["served_share"].idxmax()
    worst = peers["served_share"].idxmin()
    assert card_of(catalog, "municipality", best).rank.startswith(f"Rang 1 sur {len(peers)} ")
    ranked = peers["served_share"].notna().sum()  # areas without dwellings come last
    assert f"Rang {ranked} sur {len(peers)} " in card_of(catalog, "municipality", worst).rank
    assert card_of(catalog, "region", "").rank == ""
    assert "of 6 MRCs" in card_of(catalog, "mrc", "2401", "en").rank


def test_listuguj_says_its_counts_are_from_2016(catalog):
    card = card_of(catalog, "municipality", LISTUGUJ, "en")
    assert any("2016 census" in note and "Listuguj" in note for note in card.notes)
    assert any("Listuguj" in note for note in card_of(catalog, "mrc", "2406").notes)
    assert card_of(catalog, "municipality", CHANDLER).notes == []


def test_french_typography_in_the_rendered_card(catalog):
    html = render_html(card_of(catalog, "region", "", today=date(2026, 3, 1)))
    assert "1 mars 2026" in html
    assert f"{NBSP}%" in html and f"{NBSP}:" in html
    text = html.partition("</style>")[2]
    assert " :" not in text.replace(f"{NBSP}:", "")  # no breakable space before a colon
    english = render_html(card_of(catalog, "region", "", "en", today=date(2026, 3, 1)))
    assert "March 1, 2026" in english and f"{NBSP}%" not in english


def test_the_demonstration_flag_and_the_vintages_come_from_the_layers(catalog):
    card = card_of(catalog, "municipality", CHANDLER)
    households = next(layer for layer in card.provenance if layer["layer"] == "households")
    assert card.demonstration is households["demonstration"] is True
    html = render_html(card)
    assert "DÉMONSTRATION" in html and households["vintage"] in html


def test_the_change_since_the_previous_version_is_on_the_card(catalog, store):
    card = card_of(catalog, "municipality", ILES, store=store)
    assert card.change_title and "2019" in card.change_title
    share, dwellings = card.changes
    assert share.change.startswith("+") and share.change.endswith(f"{NBSP}points")
    assert dwellings.change.startswith("+")
    assert card_of(catalog, "municipality", ILES).changes == []  # no store, no comparison


def test_signed_changes_for_fr_and_en():
    assert points(0.0345, "fr") == f"+3,4{NBSP}points"
    assert points(-0.012, "en") == "−1.2 points"
    assert signed(1234, "fr") == f"+1{NBSP}234"
    assert signed(0, "en") == "0"
    assert signed(float("nan"), "en") == "—"


def test_a_chart_is_accessible_svg_with_title_description_and_its_bars():
    chart = Chart(
        "c", "Title <b>", "Description", (Bar("A", 0.5, "50 %"), Bar("B", 1.2, "x", True))
    )
    svg = ElementTree.fromstring(str(chart.svg()))
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "c-title c-desc"
    assert svg.find(f"{SVG}title").text == "Title <b>"
    assert svg.find(f"{SVG}desc").text == "Description"
    widths = [float(r.get("width")) for r in svg.findall(f"{SVG}rect")]
    track = widths[0]
    assert widths == [track, track / 2, track, track]  # a share above 1 is drawn full, no more


def test_charts_compare_the_place_with_its_mrc_and_the_region(catalog):
    card = card_of(catalog, "municipality", CHANDLER, "en")
    technologies, comparison = card.charts
    assert [bar.label for bar in comparison.bars] == ["Chandler", "Le Rocher-Percé", "Whole region"]
    assert [bar.highlight for bar in comparison.bars] == [True, False, False]
    row = card.row
    assert comparison.bars[0].text.startswith(percent(row["served_share"], "en"))
    assert (
        f"({count(row['served_dwellings'], 'en')} of {count(row['dwellings'], 'en')})"
        in comparison.bars[0].text
    )
    fibre = technologies.bars[0]
    assert fibre.label == "Fibre" and fibre.share == pytest.approx(
        row["dwellings_fibre"] / row["dwellings"]
    )
    assert len(card_of(catalog, "mrc", "2402").charts[1].bars) == 7  # six MRCs and the region


def test_the_static_map_colours_the_place_and_greys_its_neighbours(catalog):
    card = card_of(catalog, "municipality", CHANDLER)
    svg = ElementTree.fromstring(str(card.map_svg))
    fills = [path.get("fill") for path in svg.iter(f"{SVG}path")]
    share = card.row["served_share"]
    own = style.SHARE_CLASSES[int(style.share_classes([share])[0])].colour
    assert own in fills and "#e4e4e4" in fills  # the place, and at least one neighbour
    assert svg.find(f"{SVG}title").text.startswith("Carte de Chandler")
    width, height = map(float, svg.get("viewBox").split()[2:])
    assert 0 < width <= 600 and 0 < height <= 400


def test_a_technology_choice_changes_the_figures_of_the_card(catalog):
    place = places.municipality(catalog, "2403005")
    every = TechnologyChoice.parse("all")
    card = build_card(catalog, place, Threshold(50, 10), every, "en")
    assert card.row.equals(catalog.report(Threshold(50, 10), every).municipalities.loc["2403005"])
    assert "satellite" in card.technologies
