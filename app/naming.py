"""The region's names in texts: its full name, and the short one that titles use."""

from __future__ import annotations

import pandas as pd

from app.gaps.engine import REGION_NAME

# Short names people use for a region in titles ("Connectivité GÎM"); others use the full name.
SHORT_NAMES = {REGION_NAME: "GÎM"}
# What the search box suggests typing: a town, and an abbreviation the search unfolds.
SEARCH_EXAMPLES = {REGION_NAME: "Gaspé, ste-anne"}


def short_name(region_name: str) -> str:
    """The region's name as titles write it: GÎM for the default region, else the full name."""
    return SHORT_NAMES.get(region_name, region_name)


def search_examples(region_name: str, municipalities: pd.DataFrame) -> str:
    """What the search box suggests: GÎM's examples, else the most populous municipality."""
    if region_name in SEARCH_EXAMPLES:
        return SEARCH_EXAMPLES[region_name]
    if municipalities.empty:
        return ""
    return str(municipalities.loc[municipalities["population"].idxmax(), "name"])
