"""Vector tiles at province scale: `python -m benchmarks.tiles [--households N] [--tiles N]`.

The synthetic province of benchmarks.gaps (about 1,100 municipalities, 2.4 million households)
written into an embedded store and a PostGIS one (``GIM_DATABASE_URL``, else a private cluster
started like the tests'); then, on each store, random tiles that hold data (around random
households) at zoom 8 to 14 (households from 12), each encoded without the HTTP cache. Prints
the first tile of each layer (indexes and figures built) and the p50/p99 of the others; the
target is p99 ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import math
import statistics
import tempfile
import time

import numpy as np
import shapely

from app.catalog import Catalog, Layer
from app.gaps.engine import GapIndex
from app.gaps.threshold import DEFAULT_THRESHOLD
from app.layers.kinds import Kind
from app.layers.pgstore import PgStore
from app.layers.store import LayerStore
from app.layers.stores import Store
from app.maps import pgtiles, tiles
from app.maps.places import SERVICE, View
from app.vocabulary import DEFAULT_CHOICE
from benchmarks.gaps import households, municipalities, peak_mib, seconds, show
from benchmarks.pgstore import database, meta

ZOOMS = range(8, 15)
VIEW = View(DEFAULT_THRESHOLD, DEFAULT_CHOICE, SERVICE, "")


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    """The slippy-map tile holding a point."""
    n = 2**z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return min(max(x, 0), n - 1), min(max(y, 0), n - 1)


def catalogs(stores: list[Store], options: argparse.Namespace) -> list[Catalog]:
    """The province written into each store, and a catalogue of it per store."""
    rng = np.random.default_rng(20211)
    areas = municipalities(options.municipalities, rng)
    towns = shapely.get_coordinates(shapely.point_on_surface(areas.geometry.to_numpy()))
    homes = households(options.households, towns, rng)
    print(f"synthetic: {len(homes):,} households, {len(areas):,} municipalities")
    took, gaps = seconds(lambda: GapIndex.build(homes, areas))
    show("gap index", f"{took:8.1f} s")
    made = []
    for store in stores:
        layers = {}
        for kind, frame in ((Kind.MUNICIPALITIES, areas), (Kind.HOUSEHOLDS, homes)):
            took, written = seconds(lambda: store.write(kind, frame, meta(kind)))  # noqa: B023
            show(f"{type(store).__name__}: write {kind}", f"{took:8.1f} s")
            layers[kind] = Layer(kind, frame, written)
        made.append(Catalog(layers, gaps, f"bench-{type(store).__name__}"))
    return made


def addresses(catalog: Catalog, count: int, seed: int) -> list[tiles.TileAddress]:
    """Random tiles holding data: around random households, at every zoom, every layer."""
    rng = np.random.default_rng(seed)
    points = catalog.layer(Kind.HOUSEHOLDS).frame.geometry.to_numpy()
    chosen = points[rng.integers(0, len(points), count)]
    found = []
    for i, (lon, lat) in enumerate(shapely.get_coordinates(chosen)):
        z = ZOOMS[i % len(ZOOMS)]
        layers = [layer for layer in tiles.LAYERS if layer != "households" or z >= 12]
        layer = layers[(i // len(ZOOMS)) % len(layers)]
        found.append(tiles.address(layer, z, *tile_of(lon, lat, z)))
    return found


def measure(catalog: Catalog, store: object, asked: list[tiles.TileAddress]) -> None:
    """Warm each (layer, zoom) once (reported), then time every tile asked."""
    name = "PostGIS" if isinstance(store, pgtiles.Connections) else "embedded"
    for layer in tiles.LAYERS:
        first = next(a for a in asked if a.layer == layer)
        took, _ = seconds(lambda: tiles.tile(catalog, store, first, VIEW, "fr"))  # noqa: B023
        show(f"{name}: first {layer} tile (builds)", f"{took * 1000:8.0f} ms")
    for address in asked:  # every zoom's simplified shapes, as a serving process has them
        tiles.tile(catalog, store, tiles.TileAddress(address.layer, address.z, 0, 0), VIEW, "fr")
    by_layer: dict[str, list[float]] = {layer: [] for layer in tiles.LAYERS}
    sizes = []
    for address in asked:
        started = time.perf_counter()
        body = tiles.tile(catalog, store, address, VIEW, "fr")
        by_layer[address.layer].append(time.perf_counter() - started)
        sizes.append(len(body))
    for layer, times in by_layer.items():
        show(f"{name}: {layer} z {ZOOMS[0]}–{ZOOMS[-1]}", summary(times))
    every = sorted(t for times in by_layer.values() for t in times)
    show(f"{name}: all tiles", summary(every))
    show(f"{name}: tile size", f"median {statistics.median(sizes) / 1024:.1f} kB, max "
         f"{max(sizes) / 1024:.1f} kB")  # fmt: skip


def summary(times: list[float]) -> str:
    """p50 and p99 in milliseconds, and the count."""
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    median = statistics.median(ordered)
    return f"p50 {median * 1000:6.1f} ms, p99 {p99 * 1000:6.1f} ms ({len(ordered)})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=2_400_000)
    parser.add_argument("--municipalities", type=int, default=1_100)
    parser.add_argument("--tiles", type=int, default=700, help="random tiles per store")
    options = parser.parse_args()
    with database() as url, tempfile.TemporaryDirectory() as folder:
        stores: list[Store] = [LayerStore(folder), PgStore(url)]
        made = catalogs(stores, options)
        asked = addresses(made[0], options.tiles, seed=7)
        sources = [stores[0], pgtiles.Connections(PgStore(url))]
        for catalog, source in zip(made, sources, strict=True):
            measure(catalog, source, asked)
    show("peak memory", f"{peak_mib():8.0f} MiB")


if __name__ == "__main__":
    main()
