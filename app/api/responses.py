"""Responses serialised with orjson: JSON, GeoJSON, OpenAPI and CSV."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import orjson
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

GEOJSON = "application/geo+json"
OPENAPI_30 = "application/vnd.oai.openapi+json;version=3.0"
CSV = "text/csv"
# A spreadsheet runs a cell starting with one of these as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_OPTIONS = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS
# How errors and 304s look in the OpenAPI document.
Documented = dict[int | str, dict[str, Any]]
PROBLEM: dict[str, Any] = {
    "description": "Problème / problem (RFC 9457), in the request's language",
    "content": {
        "application/problem+json": {
            "schema": {
                "type": "object",
                "properties": {
                    "type": {"type": "string"},
                    "title": {"type": "string"},
                    "status": {"type": "integer"},
                    "detail": {"type": "string"},
                },
                "required": ["type", "title", "status", "detail"],
            }
        }
    },
}
NOT_MODIFIED: dict[str, Any] = {
    "description": "Inchangé depuis l'ETag donné / not modified (If-None-Match)"
}
CACHED: Documented = {304: NOT_MODIFIED}
CACHED_OR_UNKNOWN: Documented = {304: NOT_MODIFIED, 404: PROBLEM}


def dumps(content: Any) -> bytes:
    """Serialise to JSON; NaN and missing values become null."""
    return orjson.dumps(content, default=_plain, option=_OPTIONS)


def _plain(value: Any) -> Any:
    """What orjson cannot serialise itself: models, numpy scalars, pandas NA."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, np.generic):
        return value.item()
    if value is None or _is_missing(value):
        return None
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _is_missing(value: Any) -> bool:
    try:
        return bool(value != value)  # NaN and pandas.NA
    except TypeError:
        return True


class JsonBytes(JSONResponse):
    """JSON from any content, through orjson (a JSONResponse, so /docs shows its model)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        """Bytes pass through untouched; anything else is serialised."""
        return content if isinstance(content, bytes) else dumps(content)


class GeoJsonBytes(JsonBytes):
    """GeoJSON (RFC 7946)."""

    media_type = GEOJSON


class OpenApi30(JsonBytes):
    """An OpenAPI 3.0 document."""

    media_type = OPENAPI_30


def csv_response(header: Sequence[str], rows: Iterable[Sequence[Any]], filename: str) -> Response:
    """CSV in UTF-8 with a byte-order mark, so that Excel reads accented names correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_csv_cell(value) for value in header])
    writer.writerows([_csv_cell(value) for value in row] for row in rows)
    disposition = f'attachment; filename="{filename}"'
    return Response(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"),
        media_type=f"{CSV}; charset=utf-8",
        headers={"Content-Disposition": disposition},
    )


def _csv_cell(value: Any) -> Any:
    """Empty cells for missing values; whole numbers without a trailing .0; text made inert."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value  # shown as text by Excel and LibreOffice; numbers stay numbers
    return value
