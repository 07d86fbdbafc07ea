"""Application factory: ``uvicorn app.main:create_app --factory``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

import xstatic.pkg.leaflet
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from app.api import (
    admin,
    caching,
    docs,
    downloads,
    health,
    ogc,
    pages,
    problems,
    reports,
    rest,
    search,
    security,
    tiles,
)
from app.api.fast_lookup import FastLookup
from app.catalog import load_catalog
from app.layers.stores import open_store
from app.reload import Reloader, freeze_heap
from app.settings import Settings, shipped

STATIC_DIR = shipped("static")


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the service; the catalogue is loaded when the app starts, not at import."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = open_store(settings)
        build = partial(
            load_catalog,
            snap_m=settings.snap_distance_m,
            region_name=settings.region_name,
            households_in_memory=settings.households_in_memory,
        )
        app.state.catalog = build(app.state.store, fallback=True)
        freeze_heap()
        app.state.reloader = Reloader(app.state.store, app.state, build)
        app.state.reloader.start(settings.reload_interval_s)
        yield
        app.state.reloader.stop()

    app = FastAPI(
        title="connectivité / connectivity",  # the region is named by app.api.docs
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # app.api.docs serves /docs and /redoc without a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    problems.install(app)
    app.add_middleware(FastLookup)  # innermost: plain look-ups skip the router (fast_lookup.py)
    # Pages get their script policy as written, before the cache compresses them.
    app.add_middleware(security.ScriptPolicy, settings=settings)
    # Added before CORS so that CORS wraps it: answers from the cache get CORS headers too.
    app.add_middleware(caching.ResponseCache, max_age_s=settings.cache_max_age_s)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["*"],
        )
    # Outermost: limits before anything reads a body; headers on every answer, cached or not.
    app.add_middleware(security.RequestLimits, settings=settings)
    app.add_middleware(security.SecurityHeaders, settings=settings)
    app.add_middleware(caching.HeadAsGet)  # outermost: every layer below sees a GET
    modules = (pages, rest, search, downloads, ogc, admin, health, reports, tiles)
    for module in modules:
        app.include_router(module.router)
    docs.install(app, [module.router for module in modules])
    _mount_static(app)
    return app


def _mount_static(app: FastAPI) -> None:
    """Serve Leaflet (its pip package, never a CDN) under /static/vendor, ours under /static."""
    leaflet = StaticFiles(directory=xstatic.pkg.leaflet.BASE_DIR)
    app.mount("/static/vendor/leaflet", leaflet, name="leaflet")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
