"""Write the hostile-file corpus of issue 11 into a folder: each file must be refused in one line.

The files are small on disk even when they claim gigabytes: the zip bomb is a deflate stream of
zeros built from one repeated compressed block (about 4 MB for 4 GB expanded), so generating
the whole corpus takes a couple of seconds and no large file is ever committed.

    python scripts/make_hostile_corpus.py OUTPUT_FOLDER   # prints one line per case
"""

from __future__ import annotations

import gzip
import json
import sqlite3
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import geopandas as gpd
import pyarrow as pa
import pyarrow.parquet as pq
import shapely

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "layers"
BLOCK = 16 << 20  # zeros compressed as one repeated deflate block
BOMB_BYTES = 238 * BLOCK  # 3.99 GB, under the 4 GiB a zip without zip64 can declare
RATIO_BYTES = 64 * BLOCK  # 1 GiB: under the size limit, caught by the ratio limit
COMMUNITY_HEADER = "PNuid_NLidu,Name_en,Nom_fr,Latitude,Longitude,satellite_dep"


@dataclass(frozen=True)
class Case:
    """A hostile file, the kind it is loaded as, and the reason key its refusal must carry."""

    name: str
    kind: str
    key: str


def zip_bomb(path: Path, member: str, size: int = BOMB_BYTES, declared: int | None = None) -> None:
    """A zip whose one member expands to ``size`` zero bytes (declaring ``declared``)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = b"\0" * BLOCK
    first = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = size // BLOCK
    data = first + repeated * (count - 1) + compressor.flush()
    crc = _zeros_crc(count) if declared is None else 0
    _write_zip(path, member, data, crc, declared if declared is not None else count * BLOCK)


@cache
def _zeros_crc(blocks: int) -> int:
    """The CRC-32 of ``blocks`` blocks of zeros."""
    crc, block = 0, b"\0" * BLOCK
    for _ in range(blocks):
        crc = zlib.crc32(block, crc)
    return crc


def _write_zip(path: Path, member: str, data: bytes, crc: int, size: int) -> None:
    """A one-member deflated zip written field by field (zipfile would compress for real)."""
    name = member.encode()
    fields = (20, 0, 8, 0, 0x21, crc, len(data), size, len(name))
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + name
    central = struct.pack("<IH", 0x02014B50, 20)
    central += struct.pack("<HHHHHIIIHHHHHII", *fields, 0, 0, 0, 0, 0, 0) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + len(data), 0)
    path.write_bytes(local + data + central + end)


def _geojson(folder: Path, name: str, source: str, change: Callable[[dict], None]) -> None:
    """A committed GeoJSON fixture, changed by ``change`` and written under ``name``."""
    document = json.loads((FIXTURES / source).read_text())
    change(document)
    (folder / name).write_text(json.dumps(document, ensure_ascii=True), encoding="utf-8")


def _households(folder: Path, name: str, field: str, value: float) -> None:
    def change(document: dict) -> None:
        for feature in document["features"]:
            feature["properties"]["dwellings"] = 2.0
        document["features"][1]["properties"][field] = value

    _geojson(folder, name, "negative_dwellings.geojson", change)


def _mrcs(folder: Path, name: str, edit: Callable[[dict], None]) -> None:
    _geojson(folder, name, "mrcs.geojson", lambda document: edit(document["features"][0]))


def _infinite_polygon(feature: dict) -> None:
    feature["geometry"]["coordinates"][0][0][1] = [float("inf"), 48.0]


def _nul_name(feature: dict) -> None:
    feature["properties"]["name"] = "Ga\0spé"


def _recursive_view(path: Path) -> None:
    """A GeoPackage whose only layer is a recursive view without end."""
    frame = gpd.GeoDataFrame({"code": ["1"]}, geometry=[shapely.Point(-64.5, 48.8)], crs=4326)
    frame.to_file(path, layer="seed", driver="GPKG")
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE VIEW loop AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r)"
            " SELECT x AS fid, 'Gaspé' AS name, CAST(x AS TEXT) AS code, NULL AS geom FROM r"
        )
        db.execute("DELETE FROM gpkg_contents")
        db.execute("DELETE FROM gpkg_geometry_columns")
        db.execute("DELETE FROM gpkg_extensions")
        db.execute("DROP TABLE rtree_seed_geom")
        db.execute("DROP TABLE seed")
        db.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id)"
            " VALUES ('loop', 'features', 'loop', 4326)"
        )
        db.execute("INSERT INTO gpkg_geometry_columns VALUES ('loop', 'geom', 'POINT', 4326, 0, 0)")


def _many_layers(path: Path, count: int = 3000) -> None:
    """A GeoPackage of ``count`` empty layers (its refusal must not list them all)."""
    frame = gpd.GeoDataFrame({"code": ["1"]}, geometry=[shapely.Point(-64.5, 48.8)], crs=4326)
    frame.to_file(path, layer="seed", driver="GPKG")
    with sqlite3.connect(path) as db:
        for index in range(count):
            name = f"layer_{index:05d}"
            db.execute(f"CREATE TABLE {name} (fid INTEGER PRIMARY KEY, geom BLOB)")
            db.execute(
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id)"
                " VALUES (?, 'features', ?, 4326)",
                (name, name),
            )
            db.execute(
                "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POINT', 4326, 0, 0)",
                (name,),
            )


def _garbage_wkb(path: Path) -> None:
    """GeoParquet metadata over a geometry column of random bytes."""
    geo = {
        "version": "1.0.0",
        "primary_column": "geometry",
        "columns": {"geometry": {"encoding": "WKB", "geometry_types": []}},
    }
    table = pa.table({"code": ["2401"], "geometry": [b"\x01\x03garbage-not-wkb"]})
    table = table.replace_schema_metadata({"geo": json.dumps(geo)})
    pq.write_table(table, path)


def _many_members(path: Path, count: int = 1500) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("layer.csv", COMMUNITY_HEADER + "\n1,a,a,48.8,-64.5,0\n")
        for index in range(count):
            archive.writestr(f"extra/{index}.txt", "")


def _gzip_in_zip(path: Path) -> None:
    body = (COMMUNITY_HEADER + "\n" + "1,Gaspé,Gaspé,48.83,-64.49,0\n" * 100).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("points.csv", gzip.compress(body))


def _municipalities_overflow(path: Path) -> None:
    frame = gpd.read_file(FIXTURES / "municipalities.gpkg")
    frame.loc[0, "population"] = 9_200_000_000_000_000_000
    frame.to_file(path, driver="GeoJSON")


def write_corpus(folder: Path, bomb_bytes: int = BOMB_BYTES) -> list[Case]:
    """Write every hostile file into ``folder``; the cases, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    zip_bomb(folder / "zip_bomb.zip", "points.csv", bomb_bytes)
    zip_bomb(folder / "zip_bomb_ratio.zip", "points.csv", RATIO_BYTES)
    zip_bomb(folder / "zip_bomb_geojson.zip", "mrcs.geojson", RATIO_BYTES)
    zip_bomb(folder / "zip_bomb_lying.zip", "points.csv", 64 * BLOCK, declared=1000)
    _many_members(folder / "zip_many_members.zip")
    _gzip_in_zip(folder / "gzip_named_csv.zip")
    body = f"{COMMUNITY_HEADER}\n2674,Ga\x81spé,Ga\x81spé,48.83,-64.49,0\n"
    (folder / "cp1252_undefined.csv").write_bytes(body.encode("latin-1"))
    duplicated = "PNuid_NLidu,Name_en,Name_en,Latitude,Longitude\n1,a,b,48.83,-64.49\n"
    (folder / "duplicate_columns.csv").write_text(duplicated)
    _garbage_wkb(folder / "garbage_wkb.parquet")
    _many_layers(folder / "many_layers.gpkg")
    escape = f"{COMMUNITY_HEADER}\n2674,Gasp\x1b[2Jé,Gaspé,48.83,-64.49,0\n"
    (folder / "escape_in_name.csv").write_text(escape, encoding="utf-8")
    _recursive_view(folder / "recursive_view.gpkg")
    _mrcs(folder, "infinite_polygon.geojson", _infinite_polygon)
    _mrcs(folder, "nul_name.geojson", _nul_name)
    _households(folder, "dwellings_inf.geojson", "dwellings", float("inf"))
    _households(folder, "dwellings_1e308.geojson", "dwellings", 1e308)
    _municipalities_overflow(folder / "population_overflow.geojson")
    return CASES


CASES = [
    Case("zip_bomb.zip", "community_points", "layers.zip_too_large"),
    Case("zip_bomb_ratio.zip", "community_points", "layers.zip_ratio"),
    Case("zip_bomb_geojson.zip", "mrcs", "layers.zip_ratio"),
    Case("zip_bomb_lying.zip", "community_points", "layers.unreadable"),
    Case("zip_many_members.zip", "community_points", "layers.zip_members"),
    Case("gzip_named_csv.zip", "community_points", "layers.not_text"),
    Case("cp1252_undefined.csv", "community_points", "layers.not_encoded"),
    Case("duplicate_columns.csv", "community_points", "layers.columns_duplicated"),
    Case("garbage_wkb.parquet", "mrcs", "layers.unreadable"),
    Case("recursive_view.gpkg", "mrcs", "layers.not_a_table"),
    Case("many_layers.gpkg", "mrcs", "layers.several_layers"),
    Case("escape_in_name.csv", "community_points", "layers.text_control"),
    Case("infinite_polygon.geojson", "mrcs", "layers.coordinates_not_finite"),
    Case("nul_name.geojson", "mrcs", "layers.text_nul"),
    Case("dwellings_inf.geojson", "households", "layers.values_impossible"),
    Case("dwellings_1e308.geojson", "households", "layers.values_impossible"),
    Case("population_overflow.geojson", "municipalities", "layers.values_impossible"),
]


if __name__ == "__main__":
    for case in write_corpus(Path(sys.argv[1])):
        print(f"{case.name}\t{case.kind}\t{case.key}")
