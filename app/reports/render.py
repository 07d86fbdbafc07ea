"""Report cards as HTML (Jinja, print-ready) and as PDF (WeasyPrint, fonts embedded)."""

from __future__ import annotations

from typing import Any

import jinja2

from app.i18n import translate
from app.reports.card import Card

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader(str(__package__), "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_html(card: Card, links: dict[str, Any] | None = None) -> str:
    """The card as one HTML page; ``links`` (PDF, map, languages) shown on screen only."""

    def t(key: str, **params: Any) -> str:
        return translate(key, card.lang, region=card.region, **params)

    return _ENV.get_template("card.html").render(
        lang=card.lang, t=t, card=card, links=links or {}, with_links=bool(links)
    )


def render_pdf(card: Card) -> bytes:
    """The card as a one-page PDF, its text selectable and its fonts embedded."""
    import weasyprint  # heavy (Pango): loaded when a PDF is first asked for

    html = render_html(card)
    return weasyprint.HTML(string=html, base_url=None).write_pdf()
