import math

import geopandas as gpd
import numpy as np
import pytest
import shapely

from app.errors import LayerValidationError
from app.gaps import DEFAULT_THRESHOLD, apportion_hexagons
from app.gaps.hexagons import share_bounds

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
        hexagon(X0, Y0 + SIDE / 2),  # half over the sea west of the map: all to the west
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
    ],
)
def test_share_classes(value, bounds):
    assert share_bounds(value) == bounds


@pytest.mark.parametrize("value", ["most", "50% - 25%", "75% - 150%", ">-5% - 25%", "25/50"])
def test_unreadable_share_classes_are_refused(value):
    with pytest.raises(LayerValidationError) as caught:
        share_bounds(value)
    assert caught.value.key == "hexagons.share_class_unknown"


def test_apportionment_by_area(hexagons, towns):
    estimate = apportion_hexagons(hexagons, towns)
    table = estimate.municipalities
    assert list(table.index) == ["2403005", "2403010", "2404005"]
    # West: half of QC1 (50) + QC2 (40) + all of QC3 (10, its other half is at sea).
    assert table["dwellings"].tolist() == pytest.approx([100, 50, 8])
    assert table["population"].tolist() == pytest.approx([200, 100, 16])
    assert table["served_dwellings_low"].tolist() == pytest.approx([37.5, 37.5, 0])
    assert table["served_dwellings_high"].tolist() == pytest.approx([60, 50, 0])
    assert table["served_dwellings_mid"].tolist() == pytest.approx([48.75, 43.75, 0])
    assert table["served_share_low"].tolist() == pytest.approx([0.375, 0.75, 0])
    assert table["served_share_high"].tolist() == pytest.approx([0.6, 1.0, 0])
    assert table["approximate"].all() and estimate.approximate
    assert estimate.threshold == DEFAULT_THRESHOLD
    assert table.loc["2404005", ["name", "mrc_code", "mrc_name"]].tolist() == [
        "Nord",
        "2404",
        "La Haute-Gaspésie",
    ]


def test_hexagons_outside_every_municipality_are_reported(hexagons, towns):
    estimate = apportion_hexagons(hexagons, towns)
    assert estimate.unassigned["hexagons"] == 1
    assert estimate.unassigned["dwellings"] == 7
    assert estimate.unassigned["served_dwellings_low"] == pytest.approx(1.75)
    assert estimate.unassigned["served_dwellings_high"] == pytest.approx(3.5)


def test_mrcs_and_region_add_up(hexagons, towns):
    estimate = apportion_hexagons(hexagons, towns)
    assert estimate.mrcs["dwellings"].tolist() == pytest.approx([150, 8])
    assert estimate.mrcs.loc["2403", "served_dwellings_low"] == pytest.approx(75)
    assert estimate.region["dwellings"] == pytest.approx(hexagons["dwellings"].sum())
    assert estimate.region["population"] == pytest.approx(hexagons["population"].sum())
    low = hexagons["dwellings"].to_numpy() @ [0.75, 0, 0, 0.25, 0]
    assert estimate.region["served_dwellings_low"] == pytest.approx(low)
    assert estimate.region["approximate"] is True


def test_any_crs_in_gives_the_same_estimate(hexagons, towns):
    projected = apportion_hexagons(hexagons, towns).municipalities
    geographic = apportion_hexagons(hexagons.to_crs("EPSG:4326"), towns.to_crs("EPSG:4326"))
    assert geographic.municipalities["dwellings"].tolist() == pytest.approx(
        projected["dwellings"].tolist(), rel=1e-3
    )


def test_a_municipality_without_hexagon_has_no_share(hexagons, towns):
    estimate = apportion_hexagons(hexagons.iloc[[1]], towns)
    assert estimate.municipalities.loc["2403010", "dwellings"] == 0
    assert math.isnan(estimate.municipalities.loc["2403010", "served_share_mid"])


def test_layers_without_crs_or_fields_are_refused(hexagons, towns):
    with pytest.raises(LayerValidationError) as caught:
        apportion_hexagons(hexagons.set_crs(None, allow_override=True), towns)
    assert caught.value.key == "gaps.crs_missing"
    with pytest.raises(LayerValidationError) as caught:
        apportion_hexagons(hexagons.drop(columns="share_50_10_class"), towns)
    assert caught.value.params == {"kind": "hexagons", "fields": "share_50_10_class"}
