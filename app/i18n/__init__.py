"""French-first messages: every user-visible string has a French and an English text.

A message is ``{"fr": text, "en": text}``. One that counts something gives, in each language, a
text per CLDR plural form, ``{"one": ..., "other": ...}``: its ``count`` parameter chooses the
form by Babel's rules for fr_CA or en_CA ("other" stands in for a form not given, such as
French "many"). Counting parameters (``COUNTS``) are written as numbers are read there:
"12 345" in French, "12,345" in English.
"""

from __future__ import annotations

import importlib
import math
import numbers
import pkgutil
from functools import cache
from typing import Any

import babel
from babel.numbers import format_decimal

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
LOCALES = {"fr": "fr_CA", "en": "en_CA"}
PLURAL_PARAMETER = "count"
# Parameters that hold counts; others (years, versions, codes) are written as given.
COUNTS = frozenset(
    {PLURAL_PARAMETER, "households", "dwellings", "points", "kept", "features", "max", "rows"}
)

Text = str | dict[str, str]


class UnknownMessage(KeyError):
    """A message key that no module of ``app.i18n.messages`` defines."""


@cache
def all_messages() -> dict[str, dict[str, Text]]:
    """All messages, merged from the modules of ``app.i18n.messages`` (one per concern)."""
    package = importlib.import_module(f"{__name__}.messages")
    merged: dict[str, dict[str, Text]] = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for key, texts in module.MESSAGES.items():
            if key in merged:
                raise RuntimeError(f"message key {key!r} is defined twice")
            merged[key] = texts
    return merged


@cache
def locale(lang: str) -> babel.Locale:
    """The Babel locale of a language: fr_CA or en_CA (French if unknown)."""
    return babel.Locale.parse(LOCALES.get(lang, LOCALES[DEFAULT_LANGUAGE]))


def number(value: Any, lang: str) -> Any:
    """A finite number as the locale writes it ("12 345" / "12,345"); anything else unchanged."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value):
        plain = int(value) if isinstance(value, numbers.Integral) else float(value)
        return format_decimal(plain, locale=locale(lang))
    return value


def translate(key: str, lang: str, /, **params: Any) -> str:
    """The text of ``key`` in ``lang`` (French if unknown), formatted with ``params``."""
    try:
        texts = all_messages()[key]
    except KeyError:
        raise UnknownMessage(f"no message has the key {key!r}") from None
    text = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    if isinstance(text, dict):
        text = _plural(text, key, lang, params)
    if not params:
        return text
    counted = {
        name: number(value, lang) if name in COUNTS else value for name, value in params.items()
    }
    return text.format(**counted)


def _plural(forms: dict[str, str], key: str, lang: str, params: dict[str, Any]) -> str:
    """The form of a counting message that its ``count`` parameter calls for."""
    if PLURAL_PARAMETER not in params:
        raise TypeError(f"message {key!r} needs a {PLURAL_PARAMETER!r} parameter")
    count = params[PLURAL_PARAMETER]
    if isinstance(count, numbers.Real) and float(count).is_integer():
        count = int(float(count))  # numpy numbers too; 1.0 is "one", not "1.0 households"
    form = locale(lang).plural_form(abs(count))
    return forms.get(form) or forms["other"]


def negotiate(query_lang: str | None, accept_language: str | None) -> str:
    """The one language choice: ``?lang=``/``--lang`` first, then the header, else French.

    ``accept_language`` is an ``Accept-Language`` header or, for the command line, ``LANG``
    (``en_CA.UTF-8`` reads as English).
    """
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
