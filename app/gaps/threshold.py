"""Speed thresholds: a pair of download / upload speeds in Mbps, such as 50/10."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from app.errors import InvalidParameterError
from app.vocabulary import LOWEST_TIER

MAX_MBPS = 100_000.0
# Decimal point or French decimal comma; a sign is accepted so that "-5/1" is reported as out of
# range (what the user must fix) rather than as malformed.
_NUMBER = r"[-+]?\d+(?:[.,]\d*)?|[-+]?[.,]\d+"
_PATTERN = re.compile(rf"\s*({_NUMBER})\s*/\s*({_NUMBER})\s*(?:mbps|mbit/s|mb/s)?\s*", re.I)
_SHOWN_CHARS = 40


@dataclass(frozen=True)
class Threshold:
    """A household is served at D/U when one of its services offers at least D down and U up."""

    down: float
    up: float

    def __post_init__(self) -> None:
        try:
            down, up = float(self.down), float(self.up)
        except (TypeError, ValueError):
            raise InvalidParameterError(
                "threshold.malformed", value=_shown(f"{self.down}/{self.up}")
            ) from None
        _check_range(down, up, f"{down}/{up}")
        # Plain floats whatever the caller passed (ints, numpy scalars), for labels and hashing.
        object.__setattr__(self, "down", down)
        object.__setattr__(self, "up", up)

    @classmethod
    def parse(cls, text: str) -> Threshold:
        """Read a threshold written as "50/10", "1.5/0.5" or " 25 / 5 "."""
        match = _PATTERN.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            raise InvalidParameterError("threshold.malformed", value=_shown(text))
        down, up = (float(group.replace(",", ".")) for group in match.groups())
        _check_range(down, up, text)
        return cls(down, up)

    @property
    def label(self) -> str:
        """The threshold as "50/10" or "1.5/0.5", without trailing zeros."""
        return f"{_number(self.down)}/{_number(self.up)}"

    def __str__(self) -> str:
        return self.label


def _check_range(down: float, up: float, text: str) -> None:
    """Refuse speeds out of (0, MAX], and thresholds below ISED's lowest tier (5/1).

    Below 5/1 no source can tell served from unserved ("unserved" means below 5/1), so every
    figure would be wrong there.
    """
    finite = math.isfinite(down) and math.isfinite(up)
    if not (finite and 0 < down <= MAX_MBPS and 0 <= up <= MAX_MBPS):
        raise InvalidParameterError(
            "threshold.out_of_range", value=_shown(text), max=_number(MAX_MBPS)
        )
    if down < LOWEST_TIER[0] or up < LOWEST_TIER[1]:
        raise InvalidParameterError("threshold.below_lowest_tier", value=_shown(text), lowest="5/1")


def _number(value: float) -> str:
    """A speed without trailing zeros nor exponent: 50, 1.5, 0.25."""
    return np.format_float_positional(value, trim="-")


def _shown(text: object) -> str:
    """The user's input, cut short enough to quote in a message."""
    shown = str(text).strip()
    return shown if len(shown) <= _SHOWN_CHARS else shown[: _SHOWN_CHARS - 1] + "…"


PRESETS: tuple[Threshold, ...] = tuple(
    Threshold(down, up) for down, up in ((5, 1), (10, 2), (25, 5), (50, 10), (100, 20), (1000, 500))
)
DEFAULT_THRESHOLD: Threshold = Threshold(50, 10)  # CRTC universal service objective
# The lowest ISED tier: below it (or with no service at all) a household is unserved.
LOWEST_THRESHOLD: Threshold = PRESETS[0]
