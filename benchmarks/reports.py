"""Report card PDFs: `python -m benchmarks.reports [--quick]`.

Builds the card of every municipality once (cold: borders, cells and the change comparison are
computed on the way), then again (warm: the catalogue's derived values are there, each PDF is laid
out anew), and prints the median and worst time and size of one PDF; the target is at most 1 s
and 500 kB. Then renders every card, 54 municipalities, 6 MRCs and the region, in both languages
(the full loop the test suite only samples), unless ``--quick``.
"""

from __future__ import annotations

import argparse
import statistics
import time

from app.catalog import load_catalog
from app.gaps.threshold import DEFAULT_THRESHOLD
from app.layers.kinds import Kind
from app.layers.store import LayerStore
from app.maps import places
from app.reports.card import build_card
from app.reports.render import render_pdf
from app.settings import EMBEDDED_STORE
from app.vocabulary import DEFAULT_CHOICE

TARGET_S, TARGET_BYTES = 1.0, 500_000


def one_pdf(catalog, store, place, lang: str) -> tuple[float, int]:
    start = time.perf_counter()
    card = build_card(catalog, place, DEFAULT_THRESHOLD, DEFAULT_CHOICE, lang, store)
    pdf = render_pdf(card)
    return time.perf_counter() - start, len(pdf)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the loop over every card")
    every = not parser.parse_args().quick
    store = LayerStore(EMBEDDED_STORE)
    catalog = load_catalog(store)
    codes = catalog.layer(Kind.MUNICIPALITIES).frame["code"].astype(str).sort_values()
    towns = [places.municipality(catalog, code) for code in codes]
    start = time.perf_counter()
    cold = [one_pdf(catalog, store, place, "fr") for place in towns]
    print(f"cold: {len(cold)} municipality PDFs in {time.perf_counter() - start:.1f} s")
    warm = [one_pdf(catalog, store, place, "fr") for place in towns]
    seconds, sizes = [w[0] for w in warm], [w[1] for w in warm]
    median_s, median_b = statistics.median(seconds), statistics.median(sizes)
    print(f"warm, one municipality PDF: median {median_s:.3f} s (worst {max(seconds):.3f} s)")
    print(f"size: median {median_b / 1000:.0f} kB (largest {max(sizes) / 1000:.0f} kB)")
    verdict = median_s <= TARGET_S and max(sizes) <= TARGET_BYTES
    print(
        f"target <= {TARGET_S} s and <= {TARGET_BYTES / 1000:.0f} kB:",
        "met" if verdict else "MISSED",
    )
    if every:
        others = [places.region(catalog)]
        others += [
            places.mrc(catalog, code) for code in catalog.report(DEFAULT_THRESHOLD).mrcs.index
        ]
        start = time.perf_counter()
        results = [
            one_pdf(catalog, store, p, lang) for p in [*towns, *others] for lang in ("fr", "en")
        ]
        print(
            f"all {len(results)} PDFs (54 + 6 + 1, fr and en): "
            f"{time.perf_counter() - start:.1f} s, "
            f"largest {max(r[1] for r in results) / 1000:.0f} kB"
        )


if __name__ == "__main__":
    main()
