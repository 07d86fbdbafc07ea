"""The gap figures a page shows, from the engine's report, formatted for the reader."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from app.i18n import translate
from app.maps.formats import count, percent

COUNTS = (
    "dwellings",
    "served_dwellings",
    "underserved_dwellings",
    "unserved_dwellings",
    "unknown_dwellings",
    "satellite_only_dwellings",
    "no_lte_dwellings",
    "no_lte_population",
    "lte_unreported_dwellings",
    "population",
    "census_dwellings",
)


def formatted(row: pd.Series | dict[str, Any], lang: str) -> dict[str, str]:
    """The counts and served share of one area, as text for tables and tooltips."""
    texts = {column: count(float(row[column]), lang) for column in COUNTS if column in row}
    share = float(row["served_share"])
    no_dwellings = math.isnan(share)
    texts["share"] = translate("maps.no_dwellings", lang) if no_dwellings else percent(share, lang)
    no_lte = float(row["no_lte_share"])
    texts["no_lte_share"] = "—" if math.isnan(no_lte) else percent(no_lte, lang)
    return texts
