"""What the service publishes equals an independent geopandas computation on its own exports."""

import geopandas as gpd
import pandas as pd
import pytest

THRESHOLDS = ("25/5", "50/10", "100/20")
CLASSES = ("served", "underserved", "unserved")


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
    joined = joined.sort_values("code").reset_index().drop_duplicates("index")
    assert joined["code"].notna().all(), "every shipped household lies in a municipality"
    return joined


def independent_figures(households: pd.DataFrame, threshold: str) -> pd.DataFrame:
    """Household-weighted classes, straight from DOMAIN.md's definitions."""
    down, up = map(float, threshold.split("/"))
    service = households["technology"] != "none"
    served = service & (households["down_mbps"] >= down) & (households["up_mbps"] >= up)
    below_lowest_tier = ~service | (households["down_mbps"] < 5) | (households["up_mbps"] < 1)
    klass = pd.Series("underserved", index=households.index)
    klass[~served & below_lowest_tier] = "unserved"
    klass[served] = "served"
    table = households.assign(klass=klass).pivot_table(
        index="code", columns="klass", values="dwellings", aggfunc="sum", fill_value=0.0
    )
    return table.reindex(columns=list(CLASSES), fill_value=0.0)


@pytest.mark.parametrize("threshold", THRESHOLDS)
def test_published_municipal_figures_equal_an_independent_computation(
    client, households_by_municipality, threshold
):
    published = pd.DataFrame(
        client.get(f"/api/gaps?threshold={threshold}&level=municipality").json()["rows"]
    ).set_index("code")
    expected = independent_figures(households_by_municipality, threshold)
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
