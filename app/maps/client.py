"""What the page's own scripts need from the server: addresses and texts in the page's language.

Texts keep their ``{placeholders}`` for the browser to fill (a distance, a name).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import shapely

from app.i18n import translate
from app.maps import places
from app.maps.places import View
from app.vocabulary import FAMILIES, describe

SPARSE_DWELLINGS = 50  # fewer dwellings than this, or a TNO: a colour resting on very few homes
TNO = "NO"  # Statistics Canada's type of an unorganized territory
NEARBY_RADIUS_M = 1000
# Circles of dwellings below the threshold: radius in pixels per square root of dwellings
# (static/gim-here.js draws them with the same number), and the sizes the legend shows.
RADIUS_PER_ROOT = 1.4
SCALE_DWELLINGS = (25, 100, 400)
SEARCH_TEXTS = ("maps.search.none", "maps.search.failed", "maps.search.help")
HERE_TEXTS = (
    "maps.here.title",
    "maps.here.close",
    "maps.here.loading",
    "maps.here.failed",
    "maps.here.municipality",
    "maps.here.mrc",
    "maps.here.family",
    "maps.here.dwellings",
    "maps.here.best",
    "maps.here.lte",
    "maps.here.lte_yes",
    "maps.here.lte_no",
    "maps.here.lte_unknown",
    "maps.here.crosshair",
    "maps.here.layers",
    "maps.here.mbps",
    "maps.emphasis.circles",
)
# Texts with placeholders the browser fills: (key, placeholders).
TEMPLATES = (
    ("maps.here.outside", ("distance",)),
    ("maps.here.snapped", ("distance",)),
    ("maps.here.nearby", ("radius",)),
    ("maps.here.nearby_none", ("radius",)),
    ("maps.here.nearest", ("distance", "label")),
    ("maps.here.open", ("name",)),
    ("maps.here.card", ("name",)),
    ("maps.here.point", ("point",)),
)
CLASS_KEYS = ("served", "underserved", "unserved", "unknown")


def client_config(view: View, lang: str) -> dict[str, Any]:
    """Addresses, state and texts of the search box and the "what is here" panel."""
    root = view.root
    counted = describe(view.technologies, lang)
    texts = {key.rpartition(".")[2]: translate(key, lang) for key in (*SEARCH_TEXTS, *HERE_TEXTS)}
    texts |= {
        key.rpartition(".")[2]: translate(key, lang, **{name: f"{{{name}}}" for name in names})
        for key, names in TEMPLATES
    }
    texts["classes"] = translate(
        "maps.here.classes", lang, threshold=view.threshold.label, technologies=counted
    )
    return {
        "lang": lang,
        "search": root + "/api/search",
        "lookup": root + "/api/lookup",
        "municipality": root + "/maps/municipality/",
        "report": root + "/reports/municipality/",
        "query": places.query(view, lang),
        "radius": NEARBY_RADIUS_M,
        "radius_per_root": RADIUS_PER_ROOT,
        "texts": texts,
        # Lists, not objects: the page's JSON sorts object keys, and these are in table order.
        "classes": [[name, translate(f"gaps.class.{name}", lang)] for name in CLASS_KEYS],
        "families": [[str(f), translate(f"maps.family.{f}", lang)] for f in FAMILIES],
    }


def emphasis(row: pd.Series, anchor: list[float], tno: bool) -> dict[str, Any]:
    """What the "dwellings below the threshold" view of an area needs: a count, a place, a flag."""
    below = float(row["underserved_dwellings"]) + float(row["unserved_dwellings"])
    sparse = bool(tno) or float(row["dwellings"]) < SPARSE_DWELLINGS
    return {"below_n": round(below, 1), "anchor": anchor, "sparse": sparse}


def anchors(polygons: np.ndarray) -> list[list[float]]:
    """A point inside each polygon, longitude/latitude rounded to about 10 m."""
    points = shapely.point_on_surface(polygons)
    return np.round(shapely.get_coordinates(points), 4).tolist()


def circle_scale() -> list[dict[str, float]]:
    """The legend's sample circles: dwellings and radius in pixels."""
    return [
        {"dwellings": count, "radius": round(RADIUS_PER_ROOT * count**0.5, 1)}
        for count in SCALE_DWELLINGS
    ]
