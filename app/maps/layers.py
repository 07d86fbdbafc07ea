"""The GeoJSON layers the maps fetch, one payload per (catalogue, level, threshold, language)."""

from __future__ import annotations

from typing import Any

import numpy as np
import orjson
import shapely

from app.catalog import Catalog
from app.i18n import translate
from app.layers.kinds import Kind
from app.maps import places, style
from app.maps.borders import borders
from app.maps.cells import Cells, household_cells
from app.maps.client import TNO, anchors, emphasis
from app.maps.figures import formatted
from app.maps.formats import count
from app.maps.places import View
from app.maps.zoom import Level


def feature_collection(geometries: np.ndarray, properties: list[dict[str, Any]]) -> bytes:
    """A GeoJSON FeatureCollection, written without building Python dicts of coordinates."""
    features = [
        b'{"type":"Feature","geometry":%s,"properties":%s}'
        % (geometry.encode(), orjson.dumps(props))
        for geometry, props in zip(shapely.to_geojson(geometries), properties, strict=True)
    ]
    return b'{"type":"FeatureCollection","features":[%s]}' % b",".join(features)


def municipalities(catalog: Catalog, level: Level, view: View, lang: str) -> bytes:
    """Municipality polygons with their figures in ``view``, simplified for ``level``."""
    shapes = borders(catalog, level)
    properties = municipality_properties(catalog, shapes.codes, view, lang)
    for props, anchor in zip(properties, anchors(shapes.municipalities), strict=True):
        props["anchor"] = anchor
    return feature_collection(shapes.municipalities, properties)


def municipality_properties(
    catalog: Catalog, codes: np.ndarray, view: View, lang: str
) -> list[dict[str, Any]]:
    """The figures of each municipality of ``codes`` in ``view``, as the maps show them."""
    table = catalog.report(view.threshold, view.technologies).municipalities.loc[codes]
    if view.theme == places.LTE:
        classes = style.lte_classes(table["no_lte_share"].to_numpy())
    else:
        classes = style.share_classes(
            table["served_share"].to_numpy(), table["unknown_share"].to_numpy()
        )
    kinds = catalog.layer(Kind.MUNICIPALITIES).frame.set_index("code")["type"]
    tnos = (kinds.reindex(codes).astype(str) == TNO).to_numpy()
    properties = []
    for (code, row), cls, tno in zip(table.iterrows(), classes, tnos, strict=True):
        shown = {
            "code": code,
            "name": str(row["name"]),
            "mrc": str(row["mrc_name"]),
            "mrc_code": str(row["mrc_code"]),
            "cls": int(cls),
            "url": places.page_url(places.MUNICIPALITY, code, view, lang),
            **formatted(row, lang),
            **emphasis(row, [], tno),
        }
        del shown["anchor"]  # each map layer places its own (the GeoJSON one, per level)
        properties.append(shown)
    return properties


def mrcs(catalog: Catalog, level: Level) -> bytes:
    """MRC outlines: the union of their municipalities as simplified for ``level``."""
    shapes = borders(catalog, level)
    properties = [{"code": str(code)} for code in shapes.mrc_list]
    return feature_collection(shapes.mrcs, properties)


def cells(catalog: Catalog, level: Level, view: View, lang: str) -> bytes:
    """Hexagons with the dwellings unserved and underserved in ``view``."""
    found = household_cells(catalog, level, view.threshold, view.technologies)
    return feature_collection(found.polygons, cell_properties(found, lang))


def cell_properties(found: Cells, lang: str) -> list[dict[str, Any]]:
    """The class and counts of each cell, as the maps show them."""
    classes = style.cell_classes(found.below)
    return [
        {
            "cls": int(cls),
            "below": count(below, lang),
            "unserved_dwellings": count(unserved, lang),
            "underserved_dwellings": count(underserved, lang),
        }
        for cls, below, unserved, underserved in zip(
            classes, found.below, found.unserved, found.underserved, strict=True
        )
    ]


def community_points(catalog: Catalog, lang: str) -> bytes:
    """ISED community points, named in ``lang``, with their backbone flags as text."""
    frame = catalog.layer(Kind.COMMUNITY_POINTS).frame
    flags = frame[list(style.POINT_FLAGS)].fillna(False).to_numpy(bool)
    names = frame["name_en" if lang == "en" else "name_fr"].fillna(frame["name_fr"]).astype(str)
    properties = [
        {"name": name, "cls": int(cls), "flags": _flag_text(row, lang)}
        for name, cls, row in zip(names, style.point_classes(flags), flags, strict=True)
    ]
    return feature_collection(frame.geometry.to_numpy(), properties)


def _flag_text(flags: np.ndarray, lang: str) -> str:
    """The point's backbone flags, in words (or that it has none)."""
    named = [
        translate(f"maps.flag.{flag}", lang)
        for flag, on in zip(style.POINT_FLAGS, flags, strict=True)
        if on
    ]
    return ", ".join(named) if named else translate("maps.flag.none", lang)
