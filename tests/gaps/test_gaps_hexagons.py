import math

import geopandas as gpd
import numpy as np
import pytest
import shapely

from app.errors import LayerValidationError
from app.gaps import DEFAULT_THRESHOLD, GapIndex, apportion_hexagons
from app.vocabulary import share_bounds

# Québec Lambert (EPSG:32198), metres, around Gaspé: a projected fixture on purpose.
X0, Y0 = 700_000.0, 400_000.0
SIDE = 10_000.0  # two 10 km squares side by side: 2403005 west, 2403010 east


def hexagon(x: float, y: float, radius: float = 2_000.0) -> shapely.Polygon:
    angles = np.deg2rad(np.arange(0, 360, 60))
    return shapely.Polygon(
        np.column_stack([x + radius * np.cos(angles), y + radius * np.sin(angles)])
    )


@pytest.fixture(scope="module")
def towns(make_municipalities):
    rows = [
        ("2403010", "Est", "2403", "La Côte-de-Gaspé", 100, 60),
        ("2403005", "Ouest", "2403", "La Côte-de-Gaspé", 200, 90),
        ("2404005", "Nord", "2404", "La Haute-Gaspésie", 50, 20),
    ]
    geometry = [
        shapely.box(X0 + SIDE, Y0, X0 + 2 * SIDE, Y0 + SIDE),
        shapely.box(X0, Y0, X0 + SIDE, Y0 + SIDE),
        shapely.box(X0, Y0 + SIDE, X0 + 2 * SIDE, Y0 + 2 * SIDE),
    ]
    return make_municipalities(rows, geometry, crs="EPSG:32198")


@pytest.fixture(scope="module")
def hexagons():
    frame = {
        "hex_id": ["QC1", "QC2", "QC3", "QC4", "QC5"],
        "dwellings": [100.0, 40.0, 10.0, 7.0, 8.0],
        "population": [200.0, 80.0, 20.0, 9.0, 16.0],
        "share_50_10_class": [">75% -  100%", ">0% - 25%", None, ">25% - 50%", "0"],
    }
    geometry = [
        hexagon(X0 + SIDE, Y0 + SIDE / 2),  # astride the west | east border: half each
        hexagon(X0 + SIDE / 2, Y0 + SIDE / 2),  # inside the west square
        hexagon(X0, Y0 + SIDE / 2),  # half out of the region, west of the map
        hexagon(X0 + 10 * SIDE, Y0),  # far out at sea: unassigned
        hexagon(X0 + SIDE / 2, Y0 + 1.5 * SIDE),  # inside the north square
    ]
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:32198")


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        (">0% - 25%", (0, 0.25)),
        (">25% - 50%", (0.25, 0.5)),
        (">50% - 75%", (0.5, 0.75)),
        (">75% -  100%", (0.75, 1)),  # ISED's double space
        (">75% - 100%", (0.75, 1)),
        ("> 25 % – 50 %", (0.25, 0.5)),
        ("25-50", (0.25, 0.5)),
        ("0", (0, 0)),
        ("0%", (0, 0)),
        (0, (0, 0)),
        (0.0, (0, 0)),
        ("", (0, 0)),
        (None, (0, 0)),
        (float("nan"), (0, 0)),
        ("100%", (1, 1)),
        (">0% to 25%", (0, 0.25)),  # ISED's ArcGIS service
        (">75% to 100%", (0.75, 1)),
    ],
)
def test_share_classes(value, bounds):
    assert share_bounds(value) == bounds


@pytest.mark.parametrize("value", ["most", "50% - 25%", "75% - 150%", ">-5% - 25%", "25/50"])
def test_unreadable_share_classes_are_refused(value):
    with pytest.raises(LayerValidationError) as caught:
        share_bounds(value)
    assert caught.value.key == "hexagons.share_class_unknown"


@pytest.fixture(scope="module")
def estimate_of(make_households):
    def estimate(hexagons, towns, households=()):
        """The estimate with these household rows in the catalogue (none: an empty layer)."""
        homes = make_households(list(households), crs="EPSG:32198")
        return apportion_hexagons(hexagons, GapIndex.build(homes, towns), homes)

    return estimate


def test_apportionment_by_area_without_households(hexagons, towns, estimate_of):
    estimate = estimate_of(hexagons, towns)
    table = estimate.municipalities
    assert list(table.index) == ["2403005", "2403010", "2404005"]
    # West: half of QC1 (50) + QC2 (40) + the half of QC3 on land (5): nothing says where
    # QC3's homes are, so the half beyond the region goes out with its share.
    assert table["dwellings"].tolist() == pytest.approx([95, 50, 8])
    assert table["population"].tolist() == pytest.approx([190, 100, 16])
    assert table["served_dwellings_low"].tolist() == pytest.approx([37.5, 37.5, 0])
    assert table["served_dwellings_high"].tolist() == pytest.approx([60, 50, 0])
    assert table["served_dwellings_mid"].tolist() == pytest.approx([48.75, 43.75, 0])
    assert table["served_share_low"].tolist() == pytest.approx([37.5 / 95, 0.75, 0])
    assert table["served_share_high"].tolist() == pytest.approx([60 / 95, 1.0, 0])
    assert table["approximate"].all() and estimate.approximate
    assert estimate.threshold == DEFAULT_THRESHOLD
    assert table.loc["2404005", ["name", "mrc_code", "mrc_name"]].tolist() == [
        "Nord",
        "2404",
        "La Haute-Gaspésie",
    ]


def test_homes_in_a_hexagon_say_where_its_dwellings_are(hexagons, towns, estimate_of):
    # A home in QC3 on land (a coastal hexagon): all of QC3 to the west. In QC1, homes on
    # both sides (3 dwellings east, 1 west) split it 3:1 rather than by area.
    homes = [
        ((X0 + 500, Y0 + SIDE / 2), "fibre", 1000, 500, 2, 4),
        ((X0 + SIDE + 800, Y0 + SIDE / 2), "fibre", 1000, 500, 3, 6),
        ((X0 + SIDE - 800, Y0 + SIDE / 2), "fibre", 1000, 500, 1, 2),
    ]
    table = estimate_of(hexagons, towns, homes).municipalities
    assert table["dwellings"].tolist() == pytest.approx([25 + 40 + 10, 75, 8])


def test_a_hexagon_across_the_region_border_gives_the_region_only_its_share(
    hexagons, towns, estimate_of
):
    # A home outside every municipality (New Brunswick, say) in QC3 takes its share out.
    homes = [
        ((X0 + 500, Y0 + SIDE / 2), "fibre", 1000, 500, 1, 1),
        ((X0 - 1500, Y0 + SIDE / 2), "fibre", 1000, 500, 3, 3),  # 1.5 km out: not snapped
    ]
    estimate = estimate_of(hexagons, towns, homes)
    assert estimate.municipalities.loc["2403005", "dwellings"] == pytest.approx(50 + 40 + 2.5)
    assert estimate.unassigned["dwellings"] == pytest.approx(7.5 + 7)


def test_what_lies_outside_the_region_is_reported_not_counted(hexagons, towns, estimate_of):
    estimate = estimate_of(hexagons, towns)
    assert estimate.unassigned["hexagons"] == 2  # QC3 in part, QC4 wholly
    assert estimate.unassigned["dwellings"] == pytest.approx(5 + 7)
    assert estimate.unassigned["served_dwellings_low"] == pytest.approx(1.75)
    assert estimate.unassigned["served_dwellings_high"] == pytest.approx(3.5)


def test_mrcs_and_region_add_up(hexagons, towns, estimate_of):
    estimate = estimate_of(hexagons, towns)
    assert estimate.mrcs["dwellings"].tolist() == pytest.approx([145, 8])
    assert estimate.mrcs.loc["2403", "served_dwellings_low"] == pytest.approx(75)
    outside = estimate.unassigned["dwellings"]
    assert estimate.region["dwellings"] + outside == pytest.approx(hexagons["dwellings"].sum())
    assert estimate.region["population"] == pytest.approx(190 + 100 + 16)
    assert estimate.region["served_dwellings_low"] == pytest.approx(75)
    assert estimate.region["approximate"] is True


def test_any_crs_in_gives_the_same_estimate(hexagons, towns, estimate_of):
    projected = estimate_of(hexagons, towns).municipalities
    geographic = estimate_of(hexagons.to_crs("EPSG:4326"), towns.to_crs("EPSG:4326"))
    assert geographic.municipalities["dwellings"].tolist() == pytest.approx(
        projected["dwellings"].tolist(), rel=1e-3
    )


def test_a_municipality_without_hexagon_has_no_share(hexagons, towns, estimate_of):
    estimate = estimate_of(hexagons.iloc[[1]], towns)
    assert estimate.municipalities.loc["2403010", "dwellings"] == 0
    assert math.isnan(estimate.municipalities.loc["2403010", "served_share_mid"])


def test_layers_without_crs_or_fields_are_refused(hexagons, towns, estimate_of):
    with pytest.raises(LayerValidationError) as caught:
        estimate_of(hexagons.set_crs(None, allow_override=True), towns)
    assert caught.value.key == "gaps.crs_missing"
    with pytest.raises(LayerValidationError) as caught:
        estimate_of(hexagons.drop(columns="share_50_10_class"), towns)
    assert caught.value.params == {"kind": "hexagons", "fields": "share_50_10_class"}
