"""Numbers as people read them, by Babel: "1 234", "92,5 %" (fr_CA); "1,234", "92.5%" (en_CA)."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from functools import cache

from babel.numbers import format_decimal, format_percent

from app.i18n import locale

NBSP = "\u00a0"  # French typography: a no-break space between thousands and before "%"


def count(value: float, lang: str) -> str:
    """A count of dwellings or people, rounded to a whole number."""
    if not math.isfinite(value):
        return "—"
    return format_decimal(round(value), locale=locale(lang))


def percent(share: float, lang: str) -> str:
    """A share as a percentage with one decimal, rounded down: "100" only when whole.

    A share above zero but under 0.1 % reads "< 0.1 %", never "0 %"; NaN reads "—".
    """
    if not math.isfinite(share):
        return "—"
    tiny = 0 < share < 0.001
    # Exact tenths of a percent, so that Babel has nothing left to round.
    thousandths = 1 if tiny else math.floor(share * 1000 + 1e-9)
    text = format_percent(Decimal(thousandths) / 1000, _one_decimal(lang), locale=locale(lang))
    return f"<{NBSP}{text}" if tiny else text


@cache
def _one_decimal(lang: str) -> str:
    """The locale's percent pattern with exactly one decimal ("#,##0.0 %", "#,##0.0%")."""
    pattern = locale(lang).percent_formats[None].pattern
    return re.sub(r"0(?![0-9#,.])", "0.0", pattern, count=1)
