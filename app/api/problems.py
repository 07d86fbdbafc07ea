"""The one place where errors become HTTP responses (RFC 9457 problem+json, or HTML)."""

from __future__ import annotations

import html
import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette._utils import get_route_path
from starlette.exceptions import HTTPException

from app.errors import GimError, http_status
from app.i18n import all_messages, negotiate, translate

logger = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"
MAX_DETAIL = 500  # a detail quoting a 100 kB code or 20,000 layer names is cut short


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    app.add_exception_handler(GimError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)


def request_lang(request: Request) -> str:
    """The language of the request, as the handlers negotiate it."""
    return negotiate(request.query_params.get("lang"), request.headers.get("accept-language"))


def problem(request: Request, status: int, key: str, detail: str) -> Response:
    """A problem response: JSON for API clients, a small HTML page for browsers."""
    lang = request_lang(request)
    title = translate(_status_key(status), lang)
    detail = detail if len(detail) <= MAX_DETAIL else detail[: MAX_DETAIL - 1] + "…"
    if _wants_html(request):
        root = request.scope.get("root_path", "")
        return HTMLResponse(_html_page(lang, title, detail, root), status_code=status)
    body = {"type": f"urn:gim:problem:{key}", "title": title, "status": status, "detail": detail}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


def _domain_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, GimError)
    detail = translate(exc.key, request_lang(request), **exc.params)
    response = problem(request, _ogc_status(request, http_status(exc)), exc.key, detail)
    for name, value in getattr(exc, "headers", {}).items():
        response.headers[name] = value
    return response


def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    lang = request_lang(request)
    first = exc.errors()[0] if exc.errors() else {}
    field = ".".join(str(part) for part in first.get("loc", ())[1:]) or "?"
    # Pydantic's own text is English: say it in the request's language when we know the kind.
    ctx = first.get("ctx", {})
    # Length limits are counts: they choose the plural form of their message.
    count = next((ctx[name] for name in ("min_length", "max_length") if name in ctx), None)
    params = ctx if count is None else {**ctx, "count": count}
    try:
        explained = translate(f"api.validation.{first.get('type')}", lang, **params)
    except (KeyError, IndexError, ValueError):
        explained = ""
    if not explained or explained.startswith("api.validation."):
        explained = first.get("msg", "?")
    detail = translate("error.validation", lang, field=field, problem=explained)
    return problem(request, _ogc_status(request, 422), "invalid-parameter", detail)


def _ogc_status(request: Request, status: int) -> int:
    """OGC API – Features requires 400 for an invalid query parameter (422 elsewhere)."""
    return 400 if status == 422 and get_route_path(request.scope).startswith("/ogc") else status


def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    lang = request_lang(request)
    if exc.status_code == 404:
        detail = translate("error.not_found", lang, path=request.url.path)
    else:
        detail = translate(_status_key(exc.status_code), lang)
    response = problem(request, exc.status_code, f"http-{exc.status_code}", detail)
    response.headers.update(exc.headers or {})  # e.g. the Allow header of a 405
    return response


def _status_key(status: int) -> str:
    """The message of an HTTP status, or of its class (400, 500) when it has none of its own."""
    key = f"http.{status}"
    return key if key in all_messages() else f"http.{status // 100 * 100}"


def _unexpected_error(request: Request, exc: Exception) -> Response:
    logger.exception("unexpected error on %s", request.url.path, exc_info=exc)
    detail = translate("error.internal", request_lang(request))
    return problem(request, 500, "internal", detail)


def _wants_html(request: Request) -> bool:
    if get_route_path(request.scope).startswith(("/api", "/ogc", "/admin", "/healthz")):
        return False
    return "text/html" in request.headers.get("accept", "")


def _html_page(lang: str, title: str, detail: str, root: str) -> str:
    home = translate("error.home_link", lang)
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body><main><h1>{html.escape(title)}</h1>"
        f"<p>{html.escape(detail)}</p>"
        f'<p><a href="{html.escape(root)}/?lang={lang}">{html.escape(home)}</a></p>'
        "</main></body></html>"
    )
