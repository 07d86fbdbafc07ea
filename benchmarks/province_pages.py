"""Pages at province scale: `python -m benchmarks.province_pages [--households N]`.

Builds a store of the synthetic province of ``benchmarks.gaps`` (about 1,100 municipalities in
MRCs of ten) and serves it in-process under the name "Québec". Prints, for the region page, an
MRC page and a municipality page, the HTML's bytes on the wire with gzip and with Brotli (static
assets left out: browsers cache them) and the bytes of the layers the page's script fetches at
its first zoom; then the server time of a cold and a warm request of each page, /api/gaps and
the OGC municipalities collection.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from fastapi.testclient import TestClient

from app.layers.kinds import Kind
from app.layers.store import LayerMeta, LayerStore
from app.main import create_app
from app.maps.zoom import MAX_ZOOM
from app.settings import Settings
from benchmarks.gaps import households, municipalities

NAME = "Québec"
TARGET_KB = 300
REMOTE_LAYERS = re.compile(r"GIM\.remoteLayer\((\{.*?\})\);")
ENCODINGS = ("gzip", "br")
GEOJSON_LEVEL = re.compile(r"/(\d+)\.geojson")
MAP_PIXELS = (800, 600)  # the map of a page in a 1200 x 900 browser window


def meta(kind: Kind, count: int, **notes: object) -> LayerMeta:
    """Metadata of a synthetic layer."""
    return LayerMeta(
        kind=str(kind),
        version=0,
        source="synthetic province (benchmarks.gaps)",
        vintage="2021",
        loaded_at="2026-01-01T00:00:00+00:00",
        feature_count=count,
        demonstration=True,
        notes=dict(notes),
    )


def province_store(
    folder: Path, municipality_count: int, household_count: int, seed: int = 14
) -> LayerStore:
    """A layer store holding the synthetic province: municipalities, MRCs, households, points."""
    rng = np.random.default_rng(seed)
    store = LayerStore(folder)
    areas = municipalities(municipality_count, rng)
    towns = shapely.get_coordinates(shapely.point_on_surface(areas.geometry.to_numpy()))
    homes = households(household_count, towns, rng)
    mrcs = areas.dissolve("mrc_code", as_index=False)[["mrc_code", "mrc_name", "geometry"]]
    mrcs = mrcs.rename(columns={"mrc_code": "code", "mrc_name": "name"})
    points = gpd.GeoDataFrame(
        {
            "id": [f"cp{index}" for index in range(len(towns[:50]))],
            "name_fr": [f"Collectivité {index}" for index in range(len(towns[:50]))],
            "name_en": [f"Community {index}" for index in range(len(towns[:50]))],
            "satellite_dependent": False,
            "no_fibre_backbone": False,
            "cti_backbone": True,
        },
        geometry=shapely.points(towns[:50]),
        crs="EPSG:4326",
    )
    layers = (
        (Kind.MUNICIPALITIES, areas, {"region": NAME}),
        (Kind.MRCS, mrcs, {}),
        (Kind.COMMUNITY_POINTS, points, {}),
        (Kind.HOUSEHOLDS, homes, {}),
    )
    for kind, frame, notes in layers:
        store.write(kind, frame, meta(kind, len(frame), **notes))
    return store


def sent(client: TestClient, url: str, encoding: str) -> tuple[int, int]:
    """Bytes of ``url`` on the wire with ``encoding``, and uncompressed."""
    headers = {"accept": "text/html", "accept-language": "fr-CA", "accept-encoding": encoding}
    response = client.get(url, headers=headers)
    response.raise_for_status()
    return response.num_bytes_downloaded, len(response.content)  # httpx decodes: raw is content


def fitted_zoom(html: str) -> float:
    """The zoom Leaflet's fitBounds gives the page's area in a MAP_PIXELS map (zoomSnap 0.25)."""
    found = re.search(r"fitBounds\(\[\[([-\d.]+), ([-\d.]+)\], \[([-\d.]+), ([-\d.]+)\]\]", html)
    south, west, north, east = (float(value) for value in found.groups())
    width = (east - west) / 360 * 256
    height = (_mercator_y(north) - _mercator_y(south)) / (2 * math.pi) * 256
    fits = math.log2(min(MAP_PIXELS[0] / width, MAP_PIXELS[1] / height))
    minimum = int(re.search(r'"minZoom": (\d+)', html).group(1))
    return max(minimum, min(MAX_ZOOM, math.floor(fits * 4) / 4))


def _mercator_y(latitude: float) -> float:
    """Web Mercator's y of a latitude, in radians of the equator."""
    return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))


def first_layers(client: TestClient, url: str) -> tuple[float, list[str]]:
    """The map's first zoom, and what the page's script fetches at it (gim-map.js's rule): the
    GeoJSON layer of the zoom's level, or, for a layer drawn from tiles, the tiles in view."""
    html = client.get(url).text
    zoom = fitted_zoom(html)
    layers = [json.loads(found) for found in REMOTE_LAYERS.findall(html)]
    levels = json.loads(re.search(r'"levels": (\[[\d, ]+\])', html).group(1))
    numbers = re.search(r'"numbers": (\[[\d, ]+\])', html)
    index = next((i for i, top in enumerate(levels) if zoom <= top), len(levels) - 1)
    number = json.loads(numbers.group(1))[index] if numbers else index
    fetched = []
    for layer in layers:
        if "tiles" in layer:
            fetched += tiles_in_view(layer["tiles"], html, math.floor(zoom))
        else:
            fetched.append(layer["url"].replace("{level}", str(number)))
    return zoom, fetched


def tiles_in_view(template: str, html: str, zoom: int) -> list[str]:
    """The addresses of the tiles covering the page's fitted bounds at ``zoom``."""
    found = re.search(r"fitBounds\(\[\[([-\d.]+), ([-\d.]+)\], \[([-\d.]+), ([-\d.]+)\]\]", html)
    south, west, north, east = (float(value) for value in found.groups())
    count = 2**zoom

    def column(longitude: float) -> int:
        return min(count - 1, max(0, int((longitude + 180) / 360 * count)))

    def row(latitude: float) -> int:
        return min(count - 1, max(0, int((1 - _mercator_y(latitude) / math.pi) / 2 * count)))

    return [
        template.replace("{z}", str(zoom)).replace("{x}", str(x)).replace("{y}", str(y))
        for x in range(column(west), column(east) + 1)
        for y in range(row(north), row(south) + 1)
    ]


def page_bytes(client: TestClient, url: str) -> dict[str, tuple[int, int]]:
    """Per encoding, the page's HTML bytes sent and with its first layers, before assets."""
    _zoom, layers = first_layers(client, url)
    totals = {}
    for encoding in ENCODINGS:
        html, _raw = sent(client, url, encoding)
        totals[encoding] = (html, html + sum(sent(client, layer, encoding)[0] for layer in layers))
    return totals


def timings(client: TestClient, url: str, repeat: int) -> tuple[float, float]:
    """Seconds of the first request of ``url`` (nothing cached) and the median of the next."""
    start = time.perf_counter()
    client.get(url, headers={"accept-encoding": "identity"}).raise_for_status()
    cold = time.perf_counter() - start
    warm = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url, headers={"accept-encoding": "identity"}).raise_for_status()
        warm.append(time.perf_counter() - start)
    return cold, statistics.median(warm)


def main() -> None:
    """Build the synthetic province, serve it, print bytes and times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=1_100)
    parser.add_argument("--households", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=5, help="warm requests per address")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        province_store(Path(folder), args.municipalities, args.households)
        made = time.perf_counter() - start
        print(f"synthetic province: {args.municipalities:,} municipalities, ", end="")
        print(f"{args.households:,} households, stored in {made:.1f} s")
        settings = Settings(
            store_dir=Path(folder), reload_interval_s=0, tiles_url="", _env_file=None
        )
        start = time.perf_counter()
        with TestClient(create_app(settings)) as client:
            print(f"  service started in {time.perf_counter() - start:.1f} s")
            report(client, args.repeat)


def report(client: TestClient, repeat: int) -> None:
    """Print the pages' bytes against the target, then the times of every address."""
    frame = client.app.state.catalog.layer(Kind.MUNICIPALITIES).frame
    mrc, municipality = str(frame["mrc_code"].iloc[0]), str(frame["code"].iloc[0])
    pages = {
        "region": "/",
        "MRC": f"/maps/mrc/{mrc}",
        "municipality": f"/maps/municipality/{municipality}",
    }
    addresses = [*pages.values(), "/api/gaps", "/ogc/collections/municipalities/items"]
    print("server times, first request / warm median (compression left out):")
    for url in addresses:
        cold, warm = timings(client, url, repeat)
        print(f"  {url:<44} {cold * 1e3:8.1f} ms / {warm * 1e3:6.2f} ms")

    print("bytes on the wire before static assets (HTML / HTML + layers at the first zoom):")
    for label, url in pages.items():
        line = ", ".join(
            f"{encoding} {html / 1e3:.1f} / {total / 1e3:.1f} kB"
            for encoding, (html, total) in page_bytes(client, url).items()
        )
        zoom, layers = first_layers(client, url)
        level = next((found.group(1) for found in map(GEOJSON_LEVEL.search, layers) if found), "-")
        tiles = sum("/tiles/" in layer for layer in layers)
        print(f"  {label + ' page':<18} {line} (zoom {zoom:g}, level {level}, {tiles} tiles)")
    region = page_bytes(client, "/")
    worst = max(total for _html, total in region.values()) / 1e3
    verdict = "within" if worst <= TARGET_KB else "OVER"
    print(
        f"region page with its layers: {worst:.1f} kB at most, {verdict} the {TARGET_KB} kB target"
    )


if __name__ == "__main__":
    main()
