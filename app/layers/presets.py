"""Column presets: the real schemas a layer file comes in, mapped to our canonical fields.

A preset names, for each canonical field, the source columns that stand for it (compared
without case or punctuation). The first preset of a kind whose required fields are all present
wins; ``--columns src=dst`` renames columns beforehand for anything else. Presets:

- canonical: our own field names (what ``gim-broadband`` writes), plus StatCan's CSDUID/CDUID;
- Québec SDA (``munic_s``: MUS_CO_GEO, MUS_NM_MUN, MUS_CO_MRC, MUS_NM_MRC; ``mrc_s``);
- ISED hexagons (full names, or the 10-character names of the shapefile, or Expr2);
- ISED community points (PNuid_NLidu, Nom_fr, Name_en and the three flags);
- ISED PHH points + speeds for households (see ``app.layers.ised``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.errors import LayerValidationError
from app.layers import ised
from app.layers.kinds import SCHEMAS, Kind
from app.layers.readers import Source, column_key

LATITUDE_NAMES = ("latitude", "lat", "y")
LONGITUDE_NAMES = ("longitude", "lon", "long", "lng", "x")
GEOGRAPHIC_NAMES = ("latitude", "lat", "longitude", "lon", "long", "lng")
# Households given as one exact service per row (see ``app.layers.canonical``).
SPEED_FIELDS = ("down_mbps", "up_mbps", "technology")
SPEED_TYPES = {"down_mbps": "float", "up_mbps": "float", "technology": "str"}


@dataclass(frozen=True)
class Preset:
    """A known schema of a kind: canonical field -> accepted source column names."""

    name: str
    kind: Kind
    columns: dict[str, tuple[str, ...]]
    required: tuple[str, ...]

    def match(self, source: Source) -> dict[str, str]:
        """Canonical field -> the source column standing for it, for the fields found."""
        found = {field: source.find(*names) for field, names in self.columns.items()}
        return {field: column for field, column in found.items() if column is not None}


def _canonical(kind: Kind, required: tuple[str, ...], **aliases: tuple[str, ...]) -> Preset:
    """Our own field names, each also accepting the given aliases."""
    fields = SCHEMAS[kind].fields
    # A shapefile cuts names to 10 characters: land_area_km2 comes back as land_area_.
    columns = {field: (field, *aliases.get(field, ()), field[:10]) for field in fields}
    return Preset("canonical", kind, columns, required)


PRESETS: dict[Kind, tuple[Preset, ...]] = {
    Kind.MUNICIPALITIES: (
        _canonical(
            Kind.MUNICIPALITIES,
            ("code", "name"),
            code=("CSDUID",),
            name=("CSDNAME",),
            type=("CSDTYPE",),
            mrc_code=("CDUID",),
            mrc_name=("CDNAME",),
        ),
        Preset(
            "quebec-sda",
            Kind.MUNICIPALITIES,
            {
                "code": ("MUS_CO_GEO",),
                "name": ("MUS_NM_MUN",),
                "type": ("MUS_CO_DES",),
                "mrc_name": ("MUS_NM_MRC",),
            },
            ("code", "name"),
        ),
    ),
    Kind.MRCS: (
        _canonical(Kind.MRCS, ("code", "name"), code=("CDUID",), name=("CDNAME",)),
        Preset(
            "quebec-sda",
            Kind.MRCS,
            {"code": ("MRS_CO_MRC", "MUS_CO_MRC"), "name": ("MRS_NM_MRC", "MUS_NM_MRC")},
            ("code", "name"),
        ),
    ),
    Kind.COMMUNITY_POINTS: (
        _canonical(Kind.COMMUNITY_POINTS, ("id", "name_fr")),
        Preset(
            "ised-community-points",
            Kind.COMMUNITY_POINTS,
            {
                "id": ("PNuid_NLidu",),
                "name_fr": ("Nom_fr",),
                "name_en": ("Name_en",),
                "satellite_dependent": ("satellite_dep",),
                "no_fibre_backbone": ("wo_backbone_fibre_sans_fibre_dorsale",),
                "cti_backbone": ("CTI_backbone_dorsale_BPI",),
            },
            ("id", "name_fr"),
        ),
    ),
    Kind.HOUSEHOLDS: (
        _canonical(Kind.HOUSEHOLDS, ("phh_id", "population", "dwellings", "services")),
        # One service per row with exact speeds (an operator's list); rows may repeat a PHH.
        Preset(
            "canonical-speeds",
            Kind.HOUSEHOLDS,
            {
                **{field: (field, field[:10]) for field in SCHEMAS[Kind.HOUSEHOLDS].fields},
                **{field: (field, field[:10]) for field in SPEED_FIELDS},
            },
            ("phh_id", "population", "dwellings", *SPEED_FIELDS),
        ),
    ),
    Kind.HEXAGONS: (
        _canonical(Kind.HEXAGONS, ("hex_id", "dwellings", "share_50_10_class")),
        Preset(
            "ised-hexagons",
            Kind.HEXAGONS,
            {
                "hex_id": ("HEXuid_HEXidu", "HEXuid_HEX", "HEXuid"),
                "population": (
                    "SumPop_2021_SommePop",
                    "SumPop_2016_SommePop",
                    "SumPop_202",
                    "SumPop_201",
                ),
                "dwellings": (
                    "SumTD_2021_SommeTL",
                    "SumTD_2016_SommeTL",
                    "SumTD_2021",
                    "SumTD_2016",
                ),
                "share_50_10_class": ("Avail_50_10_Gradient_Dispo", "Avail_50_1", "Expr2"),
                "share_5_1_over_75": ("Avail_5_1_75PctPlus_Dispo", "Avail_5_1_", "Expr1"),
            },
            ("hex_id", "dwellings", "share_50_10_class"),
        ),
    ),
}

MAIN, TABLE = "main", "table"
# Which member of an ISED zip to read when the zip holds several (the Québec file, "Current"
# speeds rather than program variants), by layer kind and role; None: the only layer.
ZIP_MEMBERS: dict[tuple[Kind, str], tuple[str, ...]] = {
    (Kind.HOUSEHOLDS, MAIN): (r"(^|/)PHH-QC\.csv$",),
    (Kind.HOUSEHOLDS, ised.SPEEDS): (
        r"(^|/)PHH_Speeds_Current[^/]*_QC\.csv$",
        r"(^|/)PHH_Speeds_Current[^/]*\.csv$",
    ),
    (Kind.HEXAGONS, MAIN): (r"(^|/)CHX_EXO_geo[^/]*\.(shp|tab|kml|gpkg|geojson)$",),
    (Kind.HEXAGONS, TABLE): (r"(^|/)Data_Hex[^/]*\.csv$",),
}
# The id a layer file and its attribute table (--table) are joined on.
JOIN_KEYS = {Kind.HEXAGONS: ("HEXuid_HEXidu", "HEXuid_HEX", "HEXuid")}


def zip_members(kind: Kind, role: str) -> tuple[str, ...]:
    """Patterns naming, in order of preference, the member of a zip to read."""
    return ZIP_MEMBERS.get((kind, role), ())


# Columns read as text whatever they look like: codes and ids keep their leading zeros.
TEXT_FIELDS = ("code", "mrc_code", "id", "phh_id", "hex_id", "name", "name_fr", "name_en")
TEXT_COLUMNS = frozenset(
    column_key(name)
    for presets in PRESETS.values()
    for preset in presets
    for field, names in preset.columns.items()
    if field in TEXT_FIELDS
    for name in names
) | {column_key(ised.PHH_ID)}


@dataclass(frozen=True)
class Match:
    """The preset a file was recognised as, and its canonical field -> source column."""

    preset: Preset
    columns: dict[str, str]


def recognise(kind: Kind, source: Source) -> Match:
    """The first preset of ``kind`` whose required fields the file has, or a clear refusal."""
    matches = [Match(preset, preset.match(source)) for preset in PRESETS[kind]]
    for match in matches:
        if all(field in match.columns for field in match.preset.required):
            return match
    nearest = max(matches, key=lambda match: len(match.columns))
    missing = [field for field in nearest.preset.required if field not in nearest.columns]
    raise LayerValidationError(
        "layers.fields_missing",
        missing=", ".join(missing),
        present=listed(source.columns),
        kind=str(kind),
    )


def is_ised_points(source: Source) -> bool:
    """Whether the file looks like ISED's PHH points file."""
    return ised.ised_file_kind(source.columns) == ised.POINTS


def is_ised_speeds(source: Source) -> bool:
    """Whether the file looks like ISED's PHH speeds file."""
    return ised.ised_file_kind(source.columns) == ised.SPEEDS


def coordinate_columns(source: Source) -> tuple[str, str] | None:
    """The (longitude or x, latitude or y) columns of a table, if it has both."""
    lon, lat = source.find(*LONGITUDE_NAMES), source.find(*LATITUDE_NAMES)
    return (lon, lat) if lon and lat else None


def parse_columns(text: str | None) -> dict[str, str]:
    """``--columns "src=dst,src2=dst2"`` as {src: dst}, or a refusal saying how to write it."""
    mapping: dict[str, str] = {}
    for pair in (text or "").split(","):
        if not pair.strip():
            continue
        source, equals, target = pair.partition("=")
        if not equals or not source.strip() or not target.strip():
            raise LayerValidationError("layers.columns_malformed", pair=pair.strip())
        mapping[source.strip()] = target.strip()
    return mapping


def renamed(source: Source, mapping: dict[str, str]) -> Source:
    """The source with columns renamed by ``--columns``; refused if one is not in the file."""
    unknown = [name for name in mapping if name not in source.columns]
    if unknown:
        raise LayerValidationError(
            "layers.columns_unknown", columns=", ".join(unknown), present=listed(source.columns)
        )
    if not mapping:
        return source
    if source.table is not None:
        names = [mapping.get(name, name) for name in source.table.column_names]
        table = source.table.rename_columns(names)
        return Source(source.name, table=table, encoding=source.encoding)
    assert source.frame is not None
    return Source(source.name, frame=source.frame.rename(columns=mapping))


def listed(names: Iterable[str], limit: int = 30) -> str:
    """Column names for a message, cut after ``limit``."""
    names = list(names)
    shown = ", ".join(names[:limit])
    return shown + (f", … (+{len(names) - limit})" if len(names) > limit else "") or "—"
