"""/docs (Swagger UI) and /redoc served with their assets from a pip package, never a CDN.

The assets are those of ``fastapi-offline``; the pages are FastAPI's own, pointed at them and
at the request's root path. The OpenAPI document's operation descriptions are replaced by their
French and English texts (``app/i18n/messages/docs.py``), so that neither docstrings' markup
nor English alone reaches the reader.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import fastapi_offline
from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles

from app.dependencies import CatalogDep
from app.gaps.engine import REGION_NAME
from app.i18n import LANGUAGES, all_messages, translate
from app.naming import short_name

ASSETS = Path(fastapi_offline.__file__).parent / "static"
ASSETS_PATH = "/static/vendor/docs"
DOCS, REDOC, OAUTH_REDIRECT = "/docs", "/redoc", "/docs/oauth2-redirect"
# ReDoc's side menu shows Redocly's logo from their CDN: served here with an empty image instead.
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
EMPTY_IMAGE = "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'/%3E"
# No validator badge: Swagger UI would send the document to validator.swagger.io.
SWAGGER_PARAMETERS = {"validatorUrl": None, "defaultModelsExpandDepth": 0}

router = APIRouter(include_in_schema=False)


def _root(request: Request) -> str:
    return request.scope.get("root_path", "")


@router.get(DOCS)
def swagger_ui(request: Request, catalog: CatalogDep) -> HTMLResponse:
    """Swagger UI on this service's OpenAPI document."""
    root = _root(request)
    title = service_info(catalog.gaps.region_name)["title"]
    return get_swagger_ui_html(
        openapi_url=f"{root}{request.app.openapi_url}",
        title=f"{title} — Swagger UI",
        oauth2_redirect_url=f"{root}{OAUTH_REDIRECT}",
        swagger_js_url=f"{root}{ASSETS_PATH}/swagger-ui-bundle.js",
        swagger_css_url=f"{root}{ASSETS_PATH}/swagger-ui.css",
        swagger_favicon_url=f"{root}/static/favicon.svg",
        swagger_ui_parameters=SWAGGER_PARAMETERS,
    )


@router.get(OAUTH_REDIRECT)
def swagger_ui_redirect() -> HTMLResponse:
    """Swagger UI's OAuth2 redirect page."""
    return get_swagger_ui_oauth2_redirect_html()


@router.get(REDOC)
def redoc(request: Request, catalog: CatalogDep) -> HTMLResponse:
    """ReDoc on this service's OpenAPI document, without web fonts."""
    root = _root(request)
    title = service_info(catalog.gaps.region_name)["title"]
    return get_redoc_html(
        openapi_url=f"{root}{request.app.openapi_url}",
        title=f"{title} — ReDoc",
        redoc_js_url=f"{root}{ASSETS_PATH}/redoc.standalone.js",
        redoc_favicon_url=f"{root}/static/favicon.svg",
        with_google_fonts=False,
    )


def install(app: FastAPI, documented: Sequence[APIRouter]) -> None:
    """Serve the documentation pages and their assets, and describe ``documented`` bilingually."""
    app.include_router(router)
    redoc_js = (
        (ASSETS / "redoc.standalone.js")
        .read_bytes()
        .replace(REDOC_LOGO.encode(), EMPTY_IMAGE.encode())
    )

    # Declared before the assets' mount, so that it answers in place of the packaged file.
    @app.get(f"{ASSETS_PATH}/redoc.standalone.js", include_in_schema=False)
    def redoc_script() -> Response:
        """ReDoc, its one outside address (a logo) replaced."""
        headers = {"Cache-Control": "public, max-age=86400"}
        return Response(redoc_js, media_type="text/javascript", headers=headers)

    app.mount(ASSETS_PATH, StaticFiles(directory=ASSETS), name="docs-assets")
    names = route_names(documented)
    app.openapi = bilingual(app, app.openapi, names)  # type: ignore[method-assign]


def bilingual(
    app: FastAPI, build: Callable[[], dict[str, Any]], names: dict[tuple[str, str], str]
) -> Callable[[], dict[str, Any]]:
    """``build`` with every operation described in French, then English, built once.

    The service's title and description name the region of the current catalogue.
    """

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            for path, operations in schema.get("paths", {}).items():
                for method, operation in operations.items():
                    name = names.get((path, method.upper()))
                    if name:
                        operation["description"] = description(name)
            app.openapi_schema = schema
        info = app.openapi_schema["info"] | service_info(_region_name(app))
        return app.openapi_schema | {"info": info}

    return openapi


def _region_name(app: FastAPI) -> str:
    """The current catalogue's region; before the app starts, the setting's or the default."""
    catalog = getattr(app.state, "catalog", None)
    if catalog is not None:
        return str(catalog.gaps.region_name)
    return app.state.settings.region_name or REGION_NAME


def service_info(region_name: str) -> dict[str, str]:
    """The service's title and description naming the region, in French / English."""
    title = " / ".join(translate("api.service.title", lang) for lang in LANGUAGES)
    text = (translate("api.service.description", lang, region=region_name) for lang in LANGUAGES)
    return {"title": f"{short_name(region_name)} {title}", "description": " / ".join(text)}


def description(name: str) -> str:
    """The French and English description of the operation of route ``name``."""
    key = f"docs.operation.{name}"
    if key not in all_messages():
        raise KeyError(f"no description {key!r}: add it to app/i18n/messages/docs.py")
    return f"{translate(key, 'fr')}\n\n*{translate(key, 'en')}*"


def route_names(routers: Sequence[APIRouter]) -> dict[tuple[str, str], str]:
    """The name of the route of each documented (path, method) of ``routers``."""
    return {
        (route.path, method): route.name
        for each in routers
        for route in each.routes
        if isinstance(route, APIRoute) and route.include_in_schema
        for method in route.methods or ()
    }
