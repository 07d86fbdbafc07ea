"""Region map page against GeoDataFrame.explore(): `python -m benchmarks.maps [--repeat N]`.

Serves the embedded store in-process and requests what a browser opening ``/`` requests: the
HTML page, then the GeoJSON layers its script fetches at the page's first zoom (level 0). Prints
the bytes transferred (as sent, and without compression), the server time of a cold start (the
first requests after start-up: coverage cleaning, simplification, cells, report, page) and of a
warm one (the same requests again), then the same layers drawn by ``explore()`` in the same run:
municipalities at full resolution and every household point.
"""

from __future__ import annotations

import argparse
import gzip
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient
from starlette.types import ASGIApp, Receive, Scope, Send

from app.layers.kinds import Kind
from app.layers.store import LayerStore
from app.main import create_app
from app.settings import EMBEDDED_STORE, Settings

HEADERS = {"accept": "text/html", "accept-language": "fr-CA", "accept-encoding": "gzip"}
ASSETS = re.compile(r'(?:src|href)="(/static/[^"]+)"')
LAYER_URLS = re.compile(r'"url": "([^"]+)"')


class ServerClock:
    """ASGI wrapper timing each request inside the server, from its start to its last byte."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.seconds: list[float] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        start = time.perf_counter()
        await self.app(scope, receive, send)
        if scope["type"] == "http":
            self.seconds.append(time.perf_counter() - start)


def page_requests(client: TestClient) -> list[tuple[str, int, int]]:
    """(url, bytes sent, bytes uncompressed) of the page and of each layer its script fetches."""
    page = client.get("/", headers=HEADERS)
    results = [("/", page.num_bytes_downloaded, len(page.content))]
    for url in LAYER_URLS.findall(page.text):
        url = url.replace("\\u0026", "&").replace("{level}", "0")
        response = client.get(url, headers=HEADERS)
        response.raise_for_status()
        # httpx decodes gzip: the bytes on the wire are the ones it downloaded.
        results.append((url, response.num_bytes_downloaded, len(response.content)))
    return results


def asset_bytes(client: TestClient) -> int:
    """Bytes of the scripts and styles the page links (cached by browsers after one visit)."""
    html = client.get("/", headers=HEADERS).text
    return sum(
        client.get(url, headers=HEADERS).num_bytes_downloaded for url in set(ASSETS.findall(html))
    )


def explore_baseline(store_dir: Path) -> tuple[int, int, float]:
    """Bytes and seconds of explore() drawing the same layers, at full resolution."""
    store = LayerStore(store_dir)
    municipalities, _ = store.read(Kind.MUNICIPALITIES)
    households, _ = store.read(Kind.HOUSEHOLDS)
    start = time.perf_counter()
    folium_map = municipalities.explore(column="dwellings", name="municipalities")
    households.explore(m=folium_map, name="households", marker_kwds={"radius": 2})
    html = folium_map.get_root().render().encode()
    elapsed = time.perf_counter() - start
    return len(html), len(gzip.compress(html, compresslevel=6)), elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="warm page loads (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store_dir = Path(shutil.copytree(EMBEDDED_STORE, Path(folder) / "store"))
        settings = Settings(store_dir=store_dir, reload_interval_s=0, tiles_url="", _env_file=None)
        clock = ServerClock(create_app(settings))
        with TestClient(clock) as client:
            cold = page_requests(client)
            cold_s = sum(clock.seconds)
            warm = []
            for _ in range(args.repeat):
                clock.seconds.clear()
                start = time.perf_counter()
                page_requests(client)
                warm.append((sum(clock.seconds), time.perf_counter() - start))
            assets = asset_bytes(client)
        warm_s, warm_client_s = (statistics.median(column) for column in zip(*warm, strict=True))
        sent, raw = print_page(cold, (cold_s, warm_s, warm_client_s), assets)
        try:
            explore = [explore_baseline(store_dir) for _ in range(2)]
        except ImportError as error:  # explore() needs matplotlib and mapclassify (dev lock)
            raise SystemExit(f"no explore() baseline: {error}") from None
    print_comparison((sent, raw), (cold_s, warm_s), explore)


def print_page(
    cold: list[tuple[str, int, int]], times: tuple[float, float, float], assets: int
) -> tuple[int, int]:
    """Print what the region page costs; return its bytes sent and uncompressed."""
    cold_s, warm_s, warm_client_s = times
    for url, sent, raw in cold:
        print(f"  {url:<66} {sent / 1e3:7.1f} kB sent {raw / 1e3:7.1f} kB uncompressed")
    sent = sum(item[1] for item in cold)
    raw = sum(item[2] for item in cold)
    print(f"region page, HTML + data: {sent / 1e3:.1f} kB sent ({raw / 1e3:.1f} kB uncompressed)")
    print(f"  plus static scripts and styles, cached by browsers: {assets / 1e3:.1f} kB sent")
    print(f"  server time: cold {cold_s * 1e3:.1f} ms, warm {warm_s * 1e3:.2f} ms (median)")
    print(f"  warm, as the in-process test client sees it: {warm_client_s * 1e3:.2f} ms")
    return sent, raw


def print_comparison(
    sizes: tuple[int, int], times: tuple[float, float], explore: list[tuple[int, int, float]]
) -> None:
    """Print explore()'s figures and the ratios against the targets."""
    (sent, raw), (cold_s, warm_s) = sizes, times
    explore_bytes, explore_gzipped, explore_first_s = explore[0]
    explore_s = min(seconds for *_, seconds in explore)
    print(
        f"explore(): {explore_bytes / 1e6:.2f} MB of HTML ({explore_gzipped / 1e6:.2f} MB if "
        f"gzipped) in {explore_first_s:.2f} s (best of two: {explore_s:.2f} s)"
    )
    print(
        f"ratio, bytes: {explore_bytes / sent:.0f}x smaller sent; "
        f"{explore_gzipped / sent:.0f}x gzipped to gzipped, {explore_bytes / raw:.0f}x raw to raw"
    )
    print(f"ratio, time: {explore_s / warm_s:.0f}x faster warm, {explore_s / cold_s:.1f}x cold")
    met = sent < 500_000 and explore_bytes / sent >= 30 and explore_s / warm_s >= 100
    print("targets (< 500 kB, >= 30x smaller, >= 100x faster warm):", "met" if met else "MISSED")


if __name__ == "__main__":
    main()
