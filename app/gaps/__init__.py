"""Gap analysis: household-weighted served / underserved / unserved homes at any threshold."""

from app.gaps.engine import CLASSES, COUNT_COLUMNS, GapIndex, GapReport
from app.gaps.hexagons import HexagonEstimate, apportion_hexagons
from app.gaps.threshold import DEFAULT_THRESHOLD, PRESETS, Threshold

__all__ = [
    "CLASSES",
    "COUNT_COLUMNS",
    "DEFAULT_THRESHOLD",
    "PRESETS",
    "GapIndex",
    "GapReport",
    "HexagonEstimate",
    "Threshold",
    "apportion_hexagons",
]
