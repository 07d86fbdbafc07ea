"""The region's names in texts: its full name, and the short one that titles use."""

from __future__ import annotations

from app.gaps.engine import REGION_NAME

# Short names people use for a region in titles ("Connectivité GÎM"); others use the full name.
SHORT_NAMES = {REGION_NAME: "GÎM"}


def short_name(region_name: str) -> str:
    """The region's name as titles write it: GÎM for the default region, else the full name."""
    return SHORT_NAMES.get(region_name, region_name)
