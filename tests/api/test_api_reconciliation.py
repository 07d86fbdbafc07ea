"""What the service publishes equals an independent geopandas computation on its own exports."""

import math

import geopandas as gpd
import pandas as pd
import pytest

THRESHOLDS = ("25/5", "50/10", "100/20", "30/5")
CLASSES = ("served", "underserved", "unserved", "unknown")
CHOICES = {
    "terrestrial": ("wired", "fixed_wireless"),
    "all": ("wired", "fixed_wireless", "satellite"),
    "satellite": ("satellite",),
}
FAMILY = {"fixed_wireless": "fixed_wireless", "satellite": "satellite"}  # the rest: wired


def exported(client, collection: str) -> gpd.GeoDataFrame:
    """Every feature of an OGC collection, paging as a GIS client would."""
    features, url = [], f"/ogc/collections/{collection}/items?limit=10000"
    while url:
        page = client.get(url).json()
        features += page["features"]
        url = next((link["href"] for link in page["links"] if link["rel"] == "next"), None)
    return gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")


@pytest.fixture(scope="module")
def households_by_municipality(client) -> gpd.GeoDataFrame:
    households = exported(client, "households")
    municipalities = exported(client, "municipalities")[["code", "geometry"]]
    joined = households.sjoin(municipalities, how="left", predicate="intersects")
    # A point on a shared border counts once, in the municipality with the smallest code.
    joined = joined.sort_values("code").reset_index().drop_duplicates("index").set_index("index")
    # Coastal rule: a point outside every polygon goes to the nearest within 1 km.
    outside = joined[joined["code"].isna()].drop(columns=["code", "index_right"])
    if len(outside):
        near = outside.to_crs("EPSG:32198").sjoin_nearest(
            municipalities.to_crs("EPSG:32198"), max_distance=1000
        )
        joined.loc[near.index, "code"] = near["code"]
    assert joined["code"].notna().all(), "every shipped household lies in a municipality"
    return joined


def services_of(text: str) -> list[tuple[str, float, float, float, float, bool]]:
    """(family, down, up, cap down, cap up, exact) of each service, read independently."""
    found = []
    for part in filter(None, (piece.strip() for piece in str(text).split(";"))):
        technology, speeds = part.split(" ")
        family = FAMILY.get(technology, "wired")
        low, _, high = speeds.rstrip("+").partition("-")
        down, up = map(float, low.split("/"))
        if speeds.endswith("+"):
            found.append((family, down, up, math.inf, math.inf, False))
        elif high:
            found.append((family, down, up, *map(float, high.split("/")), False))
        else:
            found.append((family, down, up, down, up, True))
    return found


def klass(text: str, down: float, up: float, families: tuple[str, ...]) -> str:
    """DOMAIN.md's classes: served, unknown when the tier cannot tell, underserved, unserved."""
    counted = [service for service in services_of(text) if service[0] in families]
    if any(d >= down and u >= up for _, d, u, *_ in counted):
        return "served"
    if any(not exact and not (down >= cd and up >= cu) for _, _, _, cd, cu, exact in counted):
        return "unknown"
    if any(d >= 5 and u >= 1 for _, d, u, *_ in counted):
        return "underserved"
    return "unserved"


def independent_figures(households: pd.DataFrame, threshold: str, choice: str) -> pd.DataFrame:
    """Household-weighted classes, straight from DOMAIN.md's definitions."""
    down, up = map(float, threshold.split("/"))
    classes = [klass(text, down, up, CHOICES[choice]) for text in households["services"]]
    table = households.assign(klass=classes).pivot_table(
        index="code", columns="klass", values="dwellings", aggfunc="sum", fill_value=0.0
    )
    return table.reindex(columns=list(CLASSES), fill_value=0.0)


@pytest.mark.parametrize("threshold", THRESHOLDS)
@pytest.mark.parametrize("choice", list(CHOICES))
def test_published_municipal_figures_equal_an_independent_computation(
    client, households_by_municipality, threshold, choice
):
    query = f"threshold={threshold}&technology={choice}&level=municipality"
    answer = client.get(f"/api/gaps?{query}").json()
    assert answer["technologies"]["families"] == list(CHOICES[choice])
    published = pd.DataFrame(answer["rows"]).set_index("code")
    expected = independent_figures(households_by_municipality, threshold, choice)
    for klass in CLASSES:
        got = published[f"{klass}_dwellings"]
        assert got.to_dict() == expected[klass].reindex(got.index, fill_value=0.0).to_dict()


@pytest.mark.parametrize("threshold", THRESHOLDS)
def test_published_figures_reconcile_exactly(client, threshold):
    towns = pd.DataFrame(client.get(f"/api/gaps?threshold={threshold}").json()["rows"])
    mrcs = pd.DataFrame(client.get(f"/api/gaps?threshold={threshold}&level=mrc").json()["rows"])
    region = client.get(f"/api/region?threshold={threshold}").json()["figures"]
    classes = [f"{klass}_dwellings" for klass in CLASSES]
    assert (towns[classes].sum(axis=1) == towns["dwellings"]).all()
    by_mrc = towns.groupby("mrc_code")[[*classes, "dwellings"]].sum()
    assert by_mrc.to_dict() == mrcs.set_index("code")[[*classes, "dwellings"]].to_dict()
    assert {c: region[c] for c in classes} == mrcs[classes].sum().to_dict()
    # The shipped households add up to the census, municipality by municipality.
    assert (towns["dwellings"] == towns["census_dwellings"]).all()
    assert (towns["population"] == towns["census_population"]).all()
