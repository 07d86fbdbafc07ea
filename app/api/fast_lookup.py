"""``/api/lookup`` without FastAPI's router: "what is here" answered in a fraction of a millisecond.

A map click asks one look-up at a point never asked before, so no cache helps, and FastAPI's
route matching and dependency solving cost several times the look-up itself. This middleware
answers a plain, well-formed look-up directly, with the same payload builder and serialiser as
the route (``app.api.rest.get_lookup``), so the bytes are the same. Anything else, an unknown
or repeated parameter, a value out of range, a threshold to refuse, HEAD, goes on to the route,
which stays the one contract: documentation, validation and error messages.
"""

from __future__ import annotations

import math
import re
from typing import Any
from urllib.parse import parse_qsl

from starlette._utils import get_route_path
from starlette.types import ASGIApp, Receive, Scope, Send

from app.api import payloads
from app.errors import GimError
from app.gaps.threshold import DEFAULT_THRESHOLD, Threshold
from app.i18n import negotiate
from app.vocabulary import DEFAULT_CHOICE, TechnologyChoice

PATH = "/api/lookup"
# The route's bounds (app.api.rest.get_lookup): name -> (low, high, default).
_NUMBERS = {
    "lat": (-90.0, 90.0, None),
    "lon": (-180.0, 180.0, None),
    "radius_m": (0.0, 5000.0, 1000.0),
}
_WORDS = ("threshold", "technology", "lang")
_DECIMAL = re.compile(r"-?[0-9]{1,4}(\.[0-9]{1,12})?")  # what any map sends; the rest: the route
_HEADERS = [(b"content-type", b"application/json")]


class FastLookup:
    """Answers plain ``GET /api/lookup`` itself; passes every other request on."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer a plain look-up; let the app have anything else."""
        answer = _answer(scope) if scope["type"] == "http" else None
        if answer is None:
            await self.app(scope, receive, send)
            return
        headers = [*_HEADERS, (b"content-length", str(len(answer)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": answer})


def _answer(scope: Scope) -> bytes | None:
    """The look-up's JSON, or None when the route must answer (or refuse) this request."""
    if scope["method"] != "GET" or get_route_path(scope) != PATH:
        return None
    catalog = scope.get("state", {}).get("catalog") or getattr(scope["app"].state, "catalog", None)
    asked = _read(scope["query_string"].decode("latin-1"))
    if asked is None or catalog is None:
        return None
    try:
        threshold = Threshold.parse(asked.get("threshold", DEFAULT_THRESHOLD.label))
        choice = TechnologyChoice.parse(asked.get("technology", DEFAULT_CHOICE.label))
    except GimError:
        return None  # the route says precisely what is wrong
    lang = negotiate(asked.get("lang"), _header(scope, b"accept-language"))
    latitude, longitude, radius_m = (asked["numbers"][name] for name in ("lat", "lon", "radius_m"))
    found = payloads.lookup(catalog, longitude, latitude, threshold, choice, lang, radius_m)
    return found.__pydantic_serializer__.to_json(found)


def _read(query: str) -> dict[str, Any] | None:
    """The parameters of a plain look-up, or None for anything the route should judge."""
    pairs = parse_qsl(query, keep_blank_values=True)
    names = [name for name, _ in pairs]
    if len(set(names)) != len(names) or not set(names) <= {*_NUMBERS, *_WORDS}:
        return None
    given = dict(pairs)
    numbers = {}
    for name, (low, high, default) in _NUMBERS.items():
        text = given.get(name)
        if text is None and default is not None:
            numbers[name] = default
            continue
        if text is None or not _DECIMAL.fullmatch(text):
            return None
        value = float(text)
        if not (low <= value <= high and math.isfinite(value)):
            return None
        numbers[name] = value
    return {name: given[name] for name in _WORDS if name in given} | {"numbers": numbers}


def _header(scope: Scope, name: bytes) -> str | None:
    """A request header's value, if sent."""
    for key, value in scope["headers"]:
        if key == name:
            return value.decode("latin-1")
    return None
