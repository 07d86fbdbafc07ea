"""The layer kinds the service knows, and the canonical fields each one carries."""

from __future__ import annotations

from dataclasses import dataclass

from app.vocabulary import Kind


@dataclass(frozen=True)
class Schema:
    """Canonical fields of a kind: name -> dtype ("str", "int", "float", "bool")."""

    kind: Kind
    id_field: str
    fields: dict[str, str]
    geometry: tuple[str, ...]  # accepted shapely geometry types
    required: bool = True  # the service needs a current version to start


SCHEMAS: dict[Kind, Schema] = {
    Kind.MUNICIPALITIES: Schema(
        Kind.MUNICIPALITIES,
        id_field="code",
        fields={
            "code": "str",
            "name": "str",
            "type": "str",
            "mrc_code": "str",
            "mrc_name": "str",
            "population": "int",
            "dwellings": "int",
            "census_year": "int",
            "land_area_km2": "float",
        },
        geometry=("Polygon", "MultiPolygon"),
    ),
    Kind.MRCS: Schema(
        Kind.MRCS,
        id_field="code",
        fields={"code": "str", "name": "str"},
        geometry=("Polygon", "MultiPolygon"),
    ),
    Kind.COMMUNITY_POINTS: Schema(
        Kind.COMMUNITY_POINTS,
        id_field="id",
        fields={
            "id": "str",
            "name_fr": "str",
            "name_en": "str",
            "satellite_dependent": "bool",
            "no_fibre_backbone": "bool",
            "cti_backbone": "bool",
        },
        geometry=("Point",),
    ),
    Kind.HOUSEHOLDS: Schema(
        Kind.HOUSEHOLDS,
        id_field="phh_id",
        fields={
            "phh_id": "str",
            "phh_type": "int",
            "population": "float",
            "dwellings": "float",
            "services": "str",
            "lte": "int",
        },
        geometry=("Point",),
    ),
    Kind.HEXAGONS: Schema(
        Kind.HEXAGONS,
        id_field="hex_id",
        fields={
            "hex_id": "str",
            "population": "float",
            "dwellings": "float",
            "share_50_10_class": "str",
            "share_5_1_over_75": "bool",
        },
        geometry=("Polygon", "MultiPolygon"),
        required=False,
    ),
    Kind.PLACES: Schema(
        Kind.PLACES,
        id_field="id",
        fields={"id": "str", "name": "str", "source": "str", "csd_code": "str"},
        geometry=("Point",),
        required=False,  # populated places: found by the search box, not drawn
    ),
}
