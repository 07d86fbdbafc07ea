"""Layers as GeoJSON features, serialised once per layer version, then paged by slicing."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from app.api.responses import dumps
from app.catalog import Layer
from app.i18n import all_messages, translate
from app.layers.kinds import SCHEMAS

GEOGRAPHIC_CRS = "EPSG:4326"
# Simplification tolerances are in metres, so simplify in Québec Lambert (EPSG:32198).
PROJECTED_CRS = "EPSG:32198"


@dataclass(frozen=True, eq=False)
class LayerFeatures:
    """Every feature of a layer as GeoJSON bytes, in layer order, and where each id is."""

    features: list[bytes]
    row_of: dict[str, int]

    def page(self, rows: np.ndarray) -> bytes:
        """The features of ``rows`` as the members of a JSON array."""
        features = self.features
        return b",".join([features[row] for row in rows])


def serialise(
    layer: Layer, simplify_m: float = 0.0, figures: pd.DataFrame | None = None
) -> LayerFeatures:
    """Every feature of ``layer``: canonical id, geometry (simplified on request), attributes.

    ``figures`` (indexed by id) are added to the attributes of the features they name.
    """
    frame = layer.frame
    id_field = SCHEMAS[layer.kind].id_field
    ids = frame[id_field].astype(str).tolist()
    geometries = _geojson(_geometry(frame, simplify_m))
    attributes = frame.drop(columns=frame.geometry.name)
    if figures is not None:
        joined = figures.reindex(pd.Index(ids)).reset_index(drop=True)
        attributes = pd.concat([attributes.reset_index(drop=True), joined], axis=1)
    features = [
        b'{"type":"Feature","id":%b,"geometry":%b,"properties":%b}'
        % (dumps(feature_id), geometry, dumps(properties))
        for feature_id, geometry, properties in zip(
            ids, geometries, attributes.to_dict("records"), strict=True
        )
    ]
    row_of: dict[str, int] = {}
    for row, feature_id in enumerate(ids):
        row_of.setdefault(feature_id, row)
    return LayerFeatures(features, row_of)


def _geometry(frame: gpd.GeoDataFrame, simplify_m: float) -> np.ndarray:
    """The geometries in longitude/latitude, simplified to ``simplify_m`` metres when asked."""
    series = frame.geometry if frame.crs is None else frame.geometry.to_crs(GEOGRAPHIC_CRS)
    if not simplify_m:
        return series.to_numpy()
    projected = series.to_crs(PROJECTED_CRS)
    simplified = projected.simplify(simplify_m, preserve_topology=True)
    return simplified.to_crs(GEOGRAPHIC_CRS).to_numpy()


def _geojson(geometries: np.ndarray) -> list[bytes]:
    """Each geometry as GeoJSON bytes; ``null`` for missing or empty ones."""
    present = ~(shapely.is_missing(geometries) | shapely.is_empty(geometries))
    texts = np.full(len(geometries), None, dtype=object)
    texts[present] = shapely.to_geojson(geometries[present])
    return [b"null" if text is None else text.encode() for text in texts]


def rows_in_bbox(layer: Layer, bbox: tuple[float, float, float, float] | None) -> np.ndarray:
    """Rows of the features that intersect ``bbox`` (all of them without one), in layer order."""
    if bbox is None:
        return np.arange(len(layer.frame))
    return np.sort(layer.frame.sindex.query(shapely.box(*bbox), predicate="intersects"))


def rows_features(layer: Layer, rows: gpd.GeoDataFrame, simplify_m: float | None) -> LayerFeatures:
    """Some rows of a layer (read from the database) as its features would be serialised."""
    return serialise(Layer(layer.kind, rows, layer.meta), float(simplify_m or 0.0))


def attribute_types(layer: Layer) -> pd.DataFrame:
    """No row, but every attribute of the layer with its dtype."""
    frame = layer.frame if layer.in_memory or layer.source is None else layer.source.template()
    return frame.drop(columns=frame.geometry.name).head(0)


def bounds(layer: Layer) -> list[float]:
    """West, south, east, north of the layer in longitude/latitude."""
    if layer.source is not None:
        return layer.source.bounds()
    frame = layer.frame if layer.frame.crs is None else layer.frame.to_crs(GEOGRAPHIC_CRS)
    return [float(value) for value in frame.total_bounds]


JSON_TYPES = {"b": "boolean", "i": "integer", "u": "integer", "f": "number"}


# An area's own dwellings and population are the census's; the households' are renamed.
AREA_TITLES = {
    "dwellings": "census_dwellings",
    "population": "census_population",
    "household_dwellings": "dwellings",
    "household_population": "population",
}


def queryables_schema(
    properties: pd.DataFrame, href: str, title: str, lang: str, titles: dict[str, str]
) -> dict[str, object]:
    """OGC API – Features Part 3 queryables: a JSON Schema of the features' properties.

    A property is titled by the API's column header of its name (or of ``titles[name]``).
    """
    described = {}
    for name, dtype in properties.dtypes.items():
        entry: dict[str, str] = {"type": JSON_TYPES.get(dtype.kind, "string")}
        key = f"api.column.{titles.get(str(name), name)}"
        if key in all_messages():
            entry["title"] = translate(key, lang)
        described[str(name)] = entry
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": href,
        "type": "object",
        "title": title,
        "properties": {"geometry": {"format": "geometry-any"}, **described},
        "additionalProperties": False,
    }
