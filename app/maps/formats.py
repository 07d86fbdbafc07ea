"""Numbers as people read them: "1 234" and "92,5 %" in French, "1,234" and "92.5%" in English."""

from __future__ import annotations

import math

NBSP = "\u00a0"  # French typography: a no-break space between thousands and before "%"
_THOUSANDS = {"fr": NBSP, "en": ","}


def count(value: float, lang: str) -> str:
    """A count of dwellings or people, rounded to a whole number."""
    number = f"{round(value):,}" if math.isfinite(value) else "—"
    return number.replace(",", _THOUSANDS.get(lang, NBSP))


def percent(share: float, lang: str) -> str:
    """A share as a percentage with one decimal, rounded down: "100" only when whole.

    A share above zero but under 0.1 % reads "< 0.1 %", never "0 %"; NaN reads "—".
    """
    if not math.isfinite(share):
        return "—"
    tiny = 0 < share < 0.001
    tenths = 0.1 if tiny else math.floor(share * 1000 + 1e-9) / 10
    text = f"{tenths:.1f}"
    text = f"{text.replace('.', ',')}{NBSP}%" if lang != "en" else f"{text}%"
    return f"<{NBSP}{text}" if tiny else text
