"""Downloads of the map pages: `python -m benchmarks.downloads [--repeat N]`.

For each download of the region, an MRC and a municipality page (CSV, XLSX, GeoJSON,
GeoPackage) prints its size (and gzipped size), the median time to encode it once the gap
report is warm (the work a new threshold or catalogue costs, measured in-process on
``app.maps.downloads.encode``) and the median time of a warm HTTP request (answered by the
response cache, as every repeat of a download is).
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import time
from functools import partial

from fastapi.testclient import TestClient

from app.main import create_app
from app.maps import downloads, places
from app.maps.places import View
from app.settings import Settings

PAGES = (("region", ""), ("mrc", "2403"), ("municipality", "2403005"))


def median_ms(run, repeat: int) -> float:
    """The median wall time of ``run()`` in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    """Print one line per download."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=21)
    repeat = parser.parse_args().repeat
    with TestClient(create_app(Settings(reload_interval_s=0, tiles_url="", _env_file=None))) as c:
        catalog = c.app.state.catalog
        view = View()
        catalog.report(view.threshold, view.technologies)  # the report is warm
        print(f"{'download':<44} {'bytes':>10} {'gzip':>9} {'encode ms':>10} {'HTTP warm ms':>13}")
        for scope, code in PAGES:
            place = places.find(catalog, scope, code)
            where = "region" if scope == "region" else f"{scope}/{code}"
            for fmt in downloads.FORMATS:
                url = f"/api/downloads/{where}.{fmt}"
                body = c.get(url).content  # the first request fills the response cache
                encode = median_ms(
                    partial(downloads.encode, catalog, place, view, "fr", fmt), repeat
                )
                warm = median_ms(partial(c.get, url), repeat)
                size, packed = len(body), len(gzip.compress(body, 6))
                print(f"{url:<44} {size:>10,} {packed:>9,} {encode:>10.1f} {warm:>13.2f}")


if __name__ == "__main__":
    main()
