"""The sources table of a page, in the page's language where the layer's metadata gives it."""

from __future__ import annotations

from typing import Any

from app.catalog import Catalog
from app.layers.kinds import Kind

TRANSLATED = ("source", "attribution")


def provenance_in(catalog: Catalog, lang: str, *kinds: Kind) -> list[dict[str, Any]]:
    """Provenance of ``kinds``; source and attribution from ``notes["source_fr"]`` and the like."""
    rows = catalog.provenance(*kinds)
    for row in rows:
        notes = catalog.layer(Kind(row["layer"])).meta.notes
        for name in TRANSLATED:
            row[name] = str(notes.get(f"{name}_{lang}") or row[name])
    return rows
