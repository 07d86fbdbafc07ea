"""``/healthz``: is the service up, on which geo stack, with which layers."""

from __future__ import annotations

from typing import Any

import fastapi
import folium
import geopandas
import pyogrio
import pyproj
import shapely
from fastapi import APIRouter, Request

from app.dependencies import CatalogDep, LangDep
from app.i18n import translate
from app.layers.kinds import Kind
from app.layers.loader import Reason

router = APIRouter(tags=["health"])


def stack_versions() -> dict[str, str]:
    """Versions of the libraries every figure depends on."""
    return {
        "geopandas": geopandas.__version__,
        "shapely": shapely.__version__,
        "geos": shapely.geos_version_string,
        "pyproj": pyproj.__version__,
        "proj": pyproj.proj_version_str,
        "gdal": pyogrio.__gdal_version_string__,
        "folium": folium.__version__,
        "fastapi": fastapi.__version__,
    }


@router.get("/healthz", summary="État du service / service health")
def healthz(request: Request, catalog: CatalogDep, lang: LangDep) -> dict[str, Any]:
    """Status, geo-stack versions, each loaded layer, and what the store had to repair."""
    layers = {
        str(kind): {
            "features": layer.meta.feature_count,
            "version": layer.meta.version,
            "vintage": layer.meta.vintage,
            "source": layer.meta.source,
            "loaded_at": layer.meta.loaded_at,
            "demonstration": layer.meta.demonstration,
        }
        for kind, layer in catalog.layers.items()
    }
    if Kind.HOUSEHOLDS in catalog.layers:  # from the engine's sums: no pass over the rows
        layers["households"]["dwellings"] = catalog.gaps.totals["dwellings"]
        layers["households"]["population"] = catalog.gaps.totals["population"]
    notices = [translate(key, lang, **params) for key, params in catalog.notices]
    reloader = getattr(request.app.state, "reloader", None)
    if reloader is not None and reloader.failure is not None:
        notices.append(translate("health.reload_refused", lang, reason=Reason(reloader.failure)))
    return {
        "status": "degraded" if notices else "ok",
        "notices": notices,
        "catalog": catalog.token,
        "demonstration": catalog.demonstration,
        "versions": stack_versions(),
        "layers": layers,
    }
