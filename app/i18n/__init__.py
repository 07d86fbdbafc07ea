"""French-first messages: every user-visible string has a French and an English text."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import Any

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"


@cache
def all_messages() -> dict[str, dict[str, str]]:
    """All messages, merged from the modules of ``app.i18n.messages`` (one per concern)."""
    package = importlib.import_module(f"{__name__}.messages")
    merged: dict[str, dict[str, str]] = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for key, texts in module.MESSAGES.items():
            if key in merged:
                raise RuntimeError(f"message key {key!r} is defined twice")
            merged[key] = texts
    return merged


def translate(key: str, lang: str, /, **params: Any) -> str:
    """The text of ``key`` in ``lang`` (French if unknown), formatted with ``params``."""
    texts = all_messages().get(key)
    if texts is None:
        return key
    text = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    return text.format(**params) if params else text


def negotiate(query_lang: str | None, accept_language: str | None) -> str:
    """Pick the language: ``?lang=`` first, then ``Accept-Language``, else French."""
    if query_lang and query_lang.lower()[:2] in LANGUAGES:
        return query_lang.lower()[:2]
    for tag, _quality in _ranked(accept_language or ""):
        if tag[:2] in LANGUAGES:
            return tag[:2]
    return DEFAULT_LANGUAGE


def _ranked(header: str) -> list[tuple[str, float]]:
    """Language tags of an ``Accept-Language`` header, best first."""
    ranked = []
    for part in header.split(","):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag:
            ranked.append((tag.lower(), quality))
    return sorted(ranked, key=lambda pair: -pair[1])
