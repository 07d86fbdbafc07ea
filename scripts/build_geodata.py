"""Build the embedded layer store (geodata/) from the shared GÎM data (../shared/data).

Run once by maintainers when the shared data changes; the service itself never reads
../shared. The output is deterministic: running it again gives the same bytes.

    python scripts/build_geodata.py [--shared ../shared/data] [--store geodata]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from app.layers.kinds import SCHEMAS, Kind
from app.layers.store import GPKG_TIMESTAMP, LayerMeta, LayerStore

ROOT = Path(__file__).resolve().parents[1]
ASSEMBLED = "2026-11-27T00:00:00+00:00"  # when the shared data was cut to GÎM; fixed on purpose
STATCAN_LICENCE = "Statistics Canada Open Licence"
OGL = "Open Government Licence – Canada"


def municipalities(shared: Path) -> gpd.GeoDataFrame:
    """The 54 census subdivisions with canonical fields; Listuguj keeps its 2016 counts."""
    raw = gpd.read_file(shared / "gim_municipalities.geojson")
    has_2021 = raw["tdwell_2021"].notna()
    frame = gpd.GeoDataFrame(
        {
            "code": raw["CSDUID"].astype(str),
            "name": raw["CSDNAME"],
            "type": raw["CSDTYPE"],
            "mrc_code": raw["CDUID"].astype(str),
            "mrc_name": raw["CDNAME"],
            "population": raw["pop_2021"].where(has_2021, raw["pop_2016"]).astype("int64"),
            "dwellings": raw["tdwell_2021"].where(has_2021, raw["tdwell_2016"]).astype("int64"),
            "census_year": has_2021.map({True: 2021, False: 2016}).astype("int64"),
            "land_area_km2": raw["LANDAREA_KM2"].astype(float),
        },
        geometry=raw.geometry,
        crs="EPSG:4326",
    )
    return frame.sort_values("code").reset_index(drop=True)


def mrcs(shared: Path) -> gpd.GeoDataFrame:
    """The 6 census divisions, the MRC level in GÎM."""
    raw = gpd.read_file(shared / "gim_census_divisions.geojson")
    frame = gpd.GeoDataFrame(
        {"code": raw["CDUID"].astype(str), "name": raw["CDNAME"]},
        geometry=raw.geometry,
        crs="EPSG:4326",
    )
    return frame.sort_values("code").reset_index(drop=True)


def community_points(shared: Path) -> gpd.GeoDataFrame:
    """The 186 ISED community points with their backbone flags."""
    raw = gpd.read_file(shared / "gim_ised_community_points.geojson")
    frame = gpd.GeoDataFrame(
        {
            "id": raw["PNuid_NLidu"].astype(str),
            "name_fr": raw["Nom_fr"],
            "name_en": raw["Name_en"],
            "satellite_dependent": raw["satellite_dep"].astype(bool),
            "no_fibre_backbone": raw["wo_backbone_fibre_sans_fibre_dorsale"].astype(bool),
            "cti_backbone": raw["CTI_backbone_dorsale_BPI"].astype(bool),
        },
        geometry=raw.geometry,
        crs="EPSG:4326",
    )
    return frame.sort_values("id", key=lambda ids: ids.astype(int)).reset_index(drop=True)


def places(shared: Path) -> gpd.GeoDataFrame:
    """Populated places (Québec lieux habités and Who's On First), for the demo generator."""
    quebec = gpd.read_file(shared / "gim_lieux_habites_mrnf.geojson")
    wof = gpd.read_file(shared / "gim_places_wof.geojson")
    wof = wof[wof["deprecated"].isna()]
    frame = pd.concat(
        [
            gpd.GeoDataFrame(
                {
                    "name": quebec["nomcartrou"],
                    "source": "MRNF lieux habités",
                    "csd_code": quebec["CSDUID"],
                },
                geometry=quebec.geometry,
            ),
            gpd.GeoDataFrame(
                {"name": wof["wof_name"], "source": "Who's On First", "csd_code": wof["CSDUID"]},
                geometry=wof.geometry,
            ),
        ],
        ignore_index=True,
    )
    frame = gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")
    return frame.sort_values(["csd_code", "source", "name"]).reset_index(drop=True)


def place_layer(shared: Path) -> gpd.GeoDataFrame:
    """The populated places as a layer: the reference places, numbered in their order."""
    frame = places(shared)
    frame.insert(0, "id", [str(number) for number in range(1, len(frame) + 1)])
    return frame


LAYERS = {
    Kind.MUNICIPALITIES: (
        municipalities,
        LayerMeta(
            kind="municipalities",
            version=1,
            source="Statistics Canada 2021 Census (table 98-10-0002-02, CSD codes); boundaries: "
            "Who's On First / quattroshapes (NRCan, StatCan) clipped to StatCan census "
            "divisions; TNOs derived from StatCan census divisions",
            vintage="2021",
            loaded_at=ASSEMBLED,
            feature_count=0,
            licence=f"{STATCAN_LICENCE}; {OGL}; CC0 (Who's On First); CC BY 2.0 (quattroshapes)",
            attribution="Data from Who's On First. Includes data from foursquare quattroshapes. "
            "Contains information licensed under the Statistics Canada Open Licence.",
            notes={
                "counts": "2021 population and private dwellings; Listuguj (2406804): 2016 "
                "counts, incompletely enumerated in 2021 (census_year = 2016)",
                "boundaries_vintage": "about 2013 (quattroshapes); TNO split approximate",
                "source_fr": "Statistique Canada, Recensement de 2021 (tableau 98-10-0002-02, "
                "codes de SDR) ; limites : Who's On First / quattroshapes (RNCan, StatCan) "
                "découpées aux divisions de recensement de StatCan ; TNO dérivés des divisions "
                "de recensement de StatCan",
                "attribution_fr": "Données de Who's On First. Comprend des données de foursquare "
                "quattroshapes. Contient des renseignements visés par la Licence ouverte de "
                "Statistique Canada.",
            },
        ),
    ),
    Kind.MRCS: (
        mrcs,
        LayerMeta(
            kind="mrcs",
            version=1,
            source="Statistics Canada census divisions 2401–2406, via Who's On First",
            vintage="2011",
            loaded_at=ASSEMBLED,
            feature_count=0,
            licence=f"{STATCAN_LICENCE}; CC0 (Who's On First)",
            attribution="Data from Who's On First. Contains information licensed under the "
            "Statistics Canada Open Licence.",
            notes={
                "vintage": "not stated in the files; most likely the 2011 cartographic file",
                "source_fr": "Divisions de recensement 2401 à 2406 de Statistique Canada, par "
                "Who's On First",
                "attribution_fr": "Données de Who's On First. Contient des renseignements visés "
                "par la Licence ouverte de Statistique Canada.",
            },
        ),
    ),
    Kind.COMMUNITY_POINTS: (
        community_points,
        LayerMeta(
            kind="community_points",
            version=1,
            source="ISED National Broadband Data, Data_Com_Points_Col_Données.csv",
            vintage="2023",
            loaded_at=ASSEMBLED,
            feature_count=0,
            licence=OGL,
            attribution="Contains information licensed under the Open Government Licence – "
            "Canada (Innovation, Science and Economic Development Canada).",
            notes={
                "vintage": "ISED release current in late 2023; exact date not recorded",
                "source_fr": "Données nationales sur la large bande d'ISDE, "
                "Data_Com_Points_Col_Données.csv",
                "attribution_fr": "Contient des renseignements visés par la Licence du "
                "gouvernement ouvert – Canada (Innovation, Sciences et Développement économique "
                "Canada).",
            },
        ),
    ),
    Kind.PLACES: (
        place_layer,
        LayerMeta(
            kind="places",
            version=1,
            source="Québec lieux habités (MRNF, via Données Québec); Who's On First localities",
            vintage="—",
            loaded_at=ASSEMBLED,
            feature_count=0,
            licence="CC BY 4.0 (Gouvernement du Québec); CC0 (Who's On First); CC BY (GeoNames); "
            "CC BY 2.0 (quattroshapes)",
            attribution="Lieux habités © Gouvernement du Québec (ministère des Ressources "
            "naturelles et des Forêts), Données Québec, CC BY 4.0. Data from Who's On First.",
            notes={
                "use": "populated places found by the map's search box; not drawn",
                "vintage": "not stated in the files (MRNF subset of the UQAC-CREB/MAMH "
                "repository; Who's On First)",
                "source_fr": "Lieux habités du Québec (MRNF, par Données Québec) ; localités de "
                "Who's On First",
                "attribution_fr": "Lieux habités © Gouvernement du Québec (ministère des "
                "Ressources naturelles et des Forêts), Données Québec, CC BY 4.0. Données de "
                "Who's On First.",
            },
        ),
    ),
}


def build(shared: Path, store_dir: Path) -> None:
    """Write version 1 of each layer, and the reference places, into the store."""
    store = LayerStore(store_dir)
    for kind, (make, meta) in LAYERS.items():
        frame = make(shared)
        columns = list(SCHEMAS[kind].fields)
        stored = store.write(kind, frame[[*columns, "geometry"]], meta, version=1)
        print(f"{kind}: {stored.feature_count} features, sha256 {stored.checksum[:12]}")
    reference = store_dir / "reference"
    reference.mkdir(exist_ok=True)
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": GPKG_TIMESTAMP})
    target = reference / "places.gpkg"
    target.unlink(missing_ok=True)
    pyogrio.write_dataframe(places(shared), target, layer="places", driver="GPKG")
    print(f"reference/places: {len(places(shared))} points")


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--store", type=Path, default=ROOT / "geodata")
    args = parser.parse_args()
    build(args.shared, args.store)


if __name__ == "__main__":
    main()
