"""Accessible SVG bar charts drawn on the server: a title, a description, the table beside.

No charting library: a chart is a few rectangles and labels, sized in a fixed view box so that it
scales with the page (screen or print) and stays selectable text in a PDF.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from app.i18n import translate
from app.maps.formats import count, percent

WIDTH = 520.0
LABEL_WIDTH = 150.0
VALUE_WIDTH = 180.0
BAR_HEIGHT = 16.0
GAP = 6.0
TOP = 4.0
BAR_COLOUR = "#74a9cf"
HIGHLIGHT_COLOUR = "#08306b"
TRACK_COLOUR = "#eeeeee"


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its share (0-1, NaN for none), the text written after it."""

    label: str
    share: float
    text: str
    highlight: bool = False


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart and the table that is its text alternative."""

    id: str
    title: str
    description: str
    bars: tuple[Bar, ...]
    columns: tuple[str, str] = ("", "")  # headers of the table alternative

    @property
    def height(self) -> float:
        """The height of the view box."""
        return TOP * 2 + len(self.bars) * (BAR_HEIGHT + GAP)

    def svg(self) -> Markup:
        """The chart as inline SVG: role img, labelled by its title and description."""
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="gim-chart" role="img" '
            f'viewBox="0 0 {WIDTH:g} {self.height:g}" '
            f'aria-labelledby="{self.id}-title {self.id}-desc">',
            f'<title id="{self.id}-title">{escape(self.title)}</title>',
            f'<desc id="{self.id}-desc">{escape(self.description)}</desc>',
        ]
        parts += [_bar(bar, index) for index, bar in enumerate(self.bars)]
        parts.append("</svg>")
        return Markup("".join(parts))


def _bar(bar: Bar, index: int) -> str:
    """One row of the chart: label, track, bar, value text."""
    y = TOP + index * (BAR_HEIGHT + GAP)
    track = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    length = 0.0 if not math.isfinite(bar.share) else max(0.0, min(1.0, bar.share)) * track
    colour = HIGHLIGHT_COLOUR if bar.highlight else BAR_COLOUR
    middle = y + BAR_HEIGHT / 2 + 4
    weight = ' font-weight="bold"' if bar.highlight else ""
    return (
        f'<text x="{LABEL_WIDTH - 6:g}" y="{middle:g}" text-anchor="end" font-size="10.5"{weight}>'
        f"{escape(_cut(bar.label))}</text>"
        f'<rect x="{LABEL_WIDTH:g}" y="{y:g}" width="{track:g}" height="{BAR_HEIGHT:g}" '
        f'fill="{TRACK_COLOUR}"/>'
        f'<rect x="{LABEL_WIDTH:g}" y="{y:g}" width="{length:.1f}" height="{BAR_HEIGHT:g}" '
        f'fill="{colour}"/>'
        f'<text x="{LABEL_WIDTH + track + 6:g}" y="{middle:g}" font-size="10.5">'
        f"{escape(bar.text)}</text>"
    )


def _cut(label: str, limit: int = 26) -> str:
    """A label short enough for the label column (the table alternative has it whole)."""
    return label if len(label) <= limit else label[: limit - 1] + "…"


def served_chart(chart_id: str, title: str, rows: list[tuple[str, Any, bool]], lang: str) -> Chart:
    """A bar of served share per row, written with its served and total dwellings."""
    bars = tuple(
        Bar(
            name,
            float(row["served_share"]),
            share_text(float(row["served_dwellings"]), float(row["dwellings"]), lang),
            highlight,
        )
        for name, row, highlight in rows
    )
    return Chart(
        id=chart_id,
        title=title,
        description=translate("reports.chart.served_desc", lang),
        bars=bars,
        columns=(translate("reports.column.area", lang), translate("reports.column", lang)),
    )


def share_text(part: float, whole: float, lang: str) -> str:
    """The share and the counts behind it: "93,4 % (1 234 / 1 321)"."""
    return translate(
        "reports.share_of",
        lang,
        share=percent(ratio(part, whole), lang),
        part=count(part, lang),
        whole=count(whole, lang),
    )


def ratio(part: float, whole: float) -> float:
    """The ratio part / whole, NaN without a whole."""
    return part / whole if whole > 0 else math.nan
