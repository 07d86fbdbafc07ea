"""Province-scale households load: `python -m benchmarks.load_households [--rows N] [--keep]`.

Writes a synthetic ISED PHH points CSV and its speeds CSV (2.4 million rows, like Québec's,
about 2 % of them in GÎM around the real populated places, the rest spread over southern Québec)
into a temporary folder, then in one run times:

- `gim-broadband load households PHH.csv --speeds SPEEDS.csv` into a temporary copy of the
  embedded store (read, validate, join the speeds, keep the points of the region, assign them to
  municipalities with the gap engine, write a new version);
- `ogr2ogr -f GPKG` converting the same points CSV (no speeds, no validation).

Each runs as a child process under `/usr/bin/time -v`, which reports its peak memory (maximum
resident set size). The temporary folder is removed at the end unless `--keep` is given.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from app.layers import ised, presets
from app.layers.readers import read
from app.settings import EMBEDDED_STORE

ROWS = 2_400_000
REGION_SHARE = 0.02
SOUTHERN_QUEBEC = (-79.5, 45.0, -64.0, 49.0)  # where the other points go, GÎM excluded below
GIM_WEST = -67.7
SEED = 6
ENUM_TIERS = np.array(["", "<5_1", "5_1", "10_2", "25_5", "50_10"])  # "" then TIER_VALUES
ENUM_SHARES = np.array([0.02, 0.01, 0.02, 0.05, 0.10, 0.80])


def region_points(count: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Points around the populated places of GÎM (a few kilometres of spread)."""
    places = gpd.read_file(EMBEDDED_STORE / "reference" / "places.gpkg")
    anchors = rng.integers(0, len(places), count)
    lon = places.geometry.x.to_numpy()[anchors] + rng.normal(0, 0.012, count)
    lat = places.geometry.y.to_numpy()[anchors] + rng.normal(0, 0.006, count)
    return lon, lat


def other_points(count: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Points over southern Québec, west of GÎM."""
    west, south, _east, north = SOUTHERN_QUEBEC
    lon = rng.uniform(west, GIM_WEST, count)
    lat = south + (north - south) * rng.beta(1.5, 3.0, count)
    return lon, lat


def points_table(rows: int, rng: np.random.Generator) -> pa.Table:
    """An ISED PHH points table (2021 columns), shuffled."""
    inside = int(rows * REGION_SHARE)
    lon_in, lat_in = region_points(inside, rng)
    lon_out, lat_out = other_points(rows - inside, rng)
    order = rng.permutation(rows)
    lon = np.concatenate([lon_in, lon_out])[order].round(6)
    lat = np.concatenate([lat_in, lat_out])[order].round(6)
    types = rng.choice([1, 2, 3, 4, 5, 6, 8], rows, p=[0.5, 0.03, 0.2, 0.2, 0.03, 0.02, 0.02])
    dwellings = rng.integers(1, 12, rows)
    dwellings[types == ised.NULL_POINT_TYPE] = 0
    columns = {
        ised.PHH_ID: np.arange(10_000_000, 10_000_000 + rows),
        ised.PHH_TYPE: types,
        ised.population_column(2021): (dwellings * rng.uniform(1.5, 2.8, rows)).round(),
        ised.dwellings_column(2021): dwellings,
        ised.resident_dwellings_column(2021): (dwellings * 0.9).round(),
        ised.DBUID: np.arange(rows) // 40 + 24_000_000_000,
        ised.HEXUID: np.char.add("QC", (np.arange(rows) // 400).astype(str)),
        ised.PRUID: np.full(rows, 24),
        ised.LATITUDE: lat,
        ised.LONGITUDE: lon,
    }
    return pa.table(columns)


def speeds_table(ids: pa.Array, rng: np.random.Generator) -> pa.Table:
    """An ISED PHH speeds table, column for column as ISED ships it, for ``ids``."""
    rows = len(ids)
    best = rng.choice(len(ENUM_TIERS), rows, p=ENUM_SHARES) - 1  # -1: nothing reported
    wired = np.where(rng.random(rows) < 0.85, best, -1)
    wireless = np.where(wired == best, -1, best)
    tiers = {ised.WIRED_MAX: wired, ised.WIRELESS_MAX: wireless}
    tiers[ised.SATELLITE_MAX] = np.full(rows, 4)  # LEO at the top tier everywhere
    lte = (rng.random(rows) < 0.9).astype(np.int8)
    table = ised.speeds_table(ids.to_numpy(zero_copy_only=False), tiers, lte)
    return pa.Table.from_pandas(table, preserve_index=False)


def convert_province(points: Path, speeds: Path) -> tuple[float, int]:
    """Seconds to read both files and convert every row (no region cut) through the preset."""
    started = time.perf_counter()
    text = presets.TEXT_COLUMNS
    frame = read(points, text_columns=text).to_pandas()
    table = read(speeds, text_columns=text).to_pandas()
    households = ised.households_from_ised(frame, [table])
    return time.perf_counter() - started, len(households)


def write_inputs(folder: Path, rows: int) -> tuple[Path, Path]:
    """Write the PHH points and speeds CSV files; return their paths."""
    rng = np.random.default_rng(SEED)
    points = points_table(rows, rng)
    points_path = folder / "PHH-QC.csv"
    speeds_path = folder / "PHH_Speeds_Current-PHH_Vitesses_Actuelles_QC.csv"
    pacsv.write_csv(points, points_path)
    pacsv.write_csv(speeds_table(points[ised.PHH_ID], rng), speeds_path)
    return points_path, speeds_path


def timed(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """Run ``command`` under ``/usr/bin/time -v``: seconds, peak memory in MiB, its output."""
    started = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-v", *command], cwd=cwd, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{command[0]} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    peak_kib = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    peak = int(peak_kib.group(1)) / 1024 if peak_kib else float("nan")
    return seconds, peak, result.stdout


def gim_command(store: Path, points: Path, speeds: Path) -> list[str]:
    """The loader's command line."""
    cli = Path(sys.executable).with_name("gim-broadband")
    load = ["load", "households", str(points), "--speeds", str(speeds), "--vintage", "2024-01"]
    return [str(cli), *load, "--source", "benchmark", "--store", str(store), "--json"]


def ogr2ogr_command(points: Path, target: Path) -> list[str]:
    """ogr2ogr converting the points CSV to a GeoPackage, coordinates from the lat/lon columns."""
    options = [
        "-oo",
        f"X_POSSIBLE_NAMES={ised.LONGITUDE}",
        "-oo",
        f"Y_POSSIBLE_NAMES={ised.LATITUDE}",
    ]
    return ["ogr2ogr", "-f", "GPKG", str(target), str(points), *options, "-a_srs", "EPSG:4326"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gim-load-bench-"))
    try:
        started = time.perf_counter()
        points, speeds = write_inputs(folder, options.rows)
        print(f"inputs: {options.rows:,} rows in {time.perf_counter() - started:.1f} s")
        shutil.copytree(EMBEDDED_STORE, folder / "store")
        gim = timed(gim_command(folder / "store", points, speeds), folder)
        ogr = timed(ogr2ogr_command(points, folder / "points.gpkg"), folder)
        whole, count = convert_province(points, speeds)
        print(
            f"whole province through the preset (read + convert, no cut): {whole:6.1f} s, "
            f"{count:,} households"
        )
        print(f"gim-broadband load households: {gim[0]:6.1f} s, peak {gim[1]:7.0f} MiB")
        print(f"ogr2ogr -f GPKG (points only):  {ogr[0]:6.1f} s, peak {ogr[1]:7.0f} MiB")
        print(f"ratio ogr2ogr / gim-broadband: {ogr[0] / gim[0]:.1f}×")
        report = json.loads(gim[2])
        print(f"loaded: {report['features']:,} households of {report['rows_read']:,} rows;")
        counts = report["counts"].items()
        print(
            "counts: "
            + ", ".join(
                f"{k}={v:,}" if isinstance(v, int | float) else f"{k}={v}" for k, v in counts
            )
        )
    finally:
        if options.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
