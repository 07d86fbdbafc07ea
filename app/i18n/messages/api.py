"""Messages of the REST API and of the OGC API – Features: errors, CSV headers, titles."""

_TECHNOLOGY = {
    "fibre": ("fibre", "fibre"),
    "cable": ("câble", "cable"),
    "dsl": ("DSL", "DSL"),
    "wired": ("filaire (non précisé)", "wired (unspecified)"),
    "fixed_wireless": ("sans-fil fixe", "fixed wireless"),
    "satellite": ("satellite", "satellite"),
    "none": ("aucun service", "no service"),
}
# French agrees in gender: "logements desservis", "population desservie".
_CLASS = {
    "served": ("desservis", "desservie", "served"),
    "underserved": ("mal desservis", "mal desservie", "underserved"),
    "unserved": ("non desservis", "non desservie", "unserved"),
    "unknown": ("indéterminés", "indéterminée", "unknown"),
}


def _estimates() -> dict[str, tuple[str, str]]:
    """Headings of the hexagon estimate's low, mid and high figures."""
    bounds = {"low": ("basse", "low"), "mid": ("médiane", "mid"), "high": ("haute", "high")}
    columns = {}
    for bound, (fr, en) in bounds.items():
        columns[f"served_dwellings_{bound}"] = (
            f"Logements desservis, estimation {fr}",
            f"Dwellings served, {en} estimate",
        )
        columns[f"served_share_{bound}"] = (
            f"Part des logements desservis, estimation {fr}",
            f"Share of dwellings served, {en} estimate",
        )
    return columns


def _columns() -> dict[str, dict[str, str]]:
    """CSV headers of the ranking: one per column of the gap tables."""
    columns = {
        "rank": ("Rang", "Rank"),
        "code": ("Code", "Code"),
        "name": ("Nom", "Name"),
        "mrc_code": ("Code MRC", "MRC code"),
        "mrc_name": ("MRC", "MRC"),
        "census_dwellings": ("Logements (recensement)", "Dwellings (census)"),
        "census_population": ("Population (recensement)", "Population (census)"),
        "dwellings": ("Logements (ménages)", "Dwellings (households)"),
        "population": ("Population (ménages)", "Population (households)"),
        "served_share": ("Part des logements desservis", "Share of dwellings served"),
        "unknown_share": ("Part des logements indéterminés", "Share of dwellings unknown"),
        "no_lte_share": ("Part des logements sans LTE", "Share of dwellings without LTE"),
        "no_service_dwellings": (
            "Logements sans service déclaré",
            "Dwellings with no service reported",
        ),
        "satellite_only_dwellings": (
            "Logements au satellite seulement",
            "Dwellings with satellite only",
        ),
        "satellite_only_population": (
            "Population au satellite seulement",
            "Population with satellite only",
        ),
        "no_lte_dwellings": ("Logements sans LTE mobile", "Dwellings without LTE mobile"),
        "no_lte_population": ("Population sans LTE mobile", "Population without LTE mobile"),
        "lte_unreported_dwellings": (
            "Logements sans donnée LTE",
            "Dwellings with no LTE data",
        ),
        "snapped_households": (
            "Ménages côtiers rattachés (hors polygone)",
            "Coastal households snapped (outside the polygon)",
        ),
        "snapped_dwellings": (
            "Logements côtiers rattachés (hors polygone)",
            "Coastal dwellings snapped (outside the polygon)",
        ),
        **_estimates(),
        "threshold": ("Seuil (Mbit/s)", "Threshold (Mbps)"),
        "technologies": ("Services comptés", "Services counted"),
        "demonstration": ("Données de démonstration", "Demonstration data"),
        "sources": ("Couches (version, millésime)", "Layers (version, vintage)"),
    }
    for name, (dwellings, population, en) in _CLASS.items():
        columns[f"{name}_dwellings"] = (f"Logements {dwellings}", f"Dwellings {en}")
        columns[f"{name}_population"] = (f"Population {population}", f"Population {en}")
    for name, (fr, en) in _TECHNOLOGY.items():
        columns[f"dwellings_{name}"] = (f"Logements : {fr}", f"Dwellings: {en}")
        columns[f"served_dwellings_{name}"] = (
            f"Logements desservis : {fr}",
            f"Dwellings served: {en}",
        )
    return {f"api.column.{key}": {"fr": fr, "en": en} for key, (fr, en) in columns.items()}


_VALIDATION = {
    "missing": ("paramètre obligatoire manquant", "this parameter is required"),
    "int_parsing": ("un nombre entier est attendu", "a whole number is expected"),
    "int_type": ("un nombre entier est attendu", "a whole number is expected"),
    "int_from_float": ("un nombre entier est attendu", "a whole number is expected"),
    "float_parsing": ("un nombre est attendu", "a number is expected"),
    "float_type": ("un nombre est attendu", "a number is expected"),
    "finite_number": ("un nombre fini est attendu", "a finite number is expected"),
    "bool_parsing": ("true ou false est attendu", "true or false is expected"),
    "string_type": ("du texte est attendu", "text is expected"),
    "list_type": ("une liste est attendue", "a list is expected"),
    "dict_type": ("un objet JSON est attendu", "a JSON object is expected"),
    "model_type": ("un objet JSON est attendu", "a JSON object is expected"),
    "model_attributes_type": ("un objet JSON est attendu", "a JSON object is expected"),
    "json_invalid": ("le corps n'est pas du JSON valide", "the body is not valid JSON"),
    "greater_than": ("doit être supérieur à {gt}", "must be greater than {gt}"),
    "greater_than_equal": ("doit être au moins {ge}", "must be at least {ge}"),
    "less_than": ("doit être inférieur à {lt}", "must be less than {lt}"),
    "less_than_equal": ("doit être au plus {le}", "must be at most {le}"),
    "literal_error": ("valeurs permises : {expected}", "accepted values: {expected}"),
    "enum": ("valeurs permises : {expected}", "accepted values: {expected}"),
    "too_short": (
        {"one": "au moins {count} élément attendu", "other": "au moins {count} éléments attendus"},
        {"one": "at least {count} item expected", "other": "at least {count} items expected"},
    ),
    "too_long": (
        {"one": "au plus {count} élément permis", "other": "au plus {count} éléments permis"},
        {"one": "at most {count} item allowed", "other": "at most {count} items allowed"},
    ),
    "union_tag_invalid": (
        "« type » doit valoir {expected_tags}",
        "'type' must be one of {expected_tags}",
    ),
    "union_tag_not_found": ("le membre « type » manque", "the 'type' member is missing"),
}

MESSAGES = {
    "api.municipality_unknown": {
        "fr": "Aucune municipalité n'a le code « {code} ». Le code est le numéro de subdivision "
        "de recensement à 7 chiffres, par exemple 2402028 (Chandler) ; la liste est à "
        "/api/municipalities.",
        "en": "No municipality has code '{code}'. The code is the 7-digit census subdivision "
        "number, for example 2402028 (Chandler); the list is at /api/municipalities.",
    },
    "api.mrc_unknown": {
        "fr": "Aucune MRC n'a le code « {code} ». Le code est le numéro de division de "
        "recensement à 4 chiffres, de 2401 à 2406 ; la liste est à /api/mrcs.",
        "en": "No MRC has code '{code}'. The code is the 4-digit census division number, "
        "2401 to 2406; the list is at /api/mrcs.",
    },
    "api.stats.not_polygon": {
        "fr": "Le corps doit être une géométrie GeoJSON de type Polygon ou MultiPolygon (ou une "
        "Feature qui en contient une), en longitude/latitude.",
        "en": "The body must be a GeoJSON geometry of type Polygon or MultiPolygon (or a Feature "
        "holding one), in longitude/latitude.",
    },
    "api.stats.geometry_malformed": {
        "fr": "Polygone illisible : chaque anneau doit compter au moins 4 positions "
        "[longitude, latitude], la dernière égale à la première.",
        "en": "Unreadable polygon: each ring needs at least 4 [longitude, latitude] positions, "
        "the last equal to the first.",
    },
    "api.stats.geometry_empty": {
        "fr": "La zone dessinée n'a pas de superficie : dessinez un polygone qui entoure une "
        "surface.",
        "en": "The drawn area has no surface: draw a polygon that encloses some area.",
    },
    "api.stats.too_complex": {
        "fr": "La zone compte trop de sommets (au plus {max}) : simplifiez-la.",
        "en": "The area has too many vertices (at most {max}): simplify it.",
    },
    "api.stats.out_of_range": {
        "fr": "Coordonnées hors limites : les positions sont [longitude, latitude] en degrés, "
        "longitude entre -180 et 180, latitude entre -90 et 90.",
        "en": "Coordinates out of range: positions are [longitude, latitude] in degrees, "
        "longitude between -180 and 180, latitude between -90 and 90.",
    },
    "api.stats.not_finite": {
        "fr": "Coordonnées invalides : chaque position doit être un nombre fini (NaN ou "
        "Infinity trouvé).",
        "en": "Invalid coordinates: every position must be a finite number (NaN or Infinity "
        "found).",
    },
    "api.demonstration.yes": {"fr": "oui", "en": "yes"},
    "api.demonstration.no": {"fr": "non", "en": "no"},
    "api.csv_filename": {
        "fr": "ecarts-{level}-{threshold}-{technologies}.csv",
        "en": "gaps-{level}-{threshold}-{technologies}.csv",
    },
    "api.level.municipality": {"fr": "municipalites", "en": "municipalities"},
    "api.level.mrc": {"fr": "mrc", "en": "mrcs"},
    "ogc.title": {
        "fr": "Connectivité {region} — OGC API – Entités",
        "en": "{region} connectivity — OGC API – Features",
    },
    "ogc.description": {
        "fr": "Municipalités, MRC, ménages et points de collectivités — {region} — en GeoJSON, "
        "pour QGIS, ArcGIS et GDAL.",
        "en": "Municipalities, MRCs, households and community points — {region} — as GeoJSON, "
        "for QGIS, ArcGIS and GDAL.",
    },
    "api.service.title": {"fr": "connectivité", "en": "connectivity"},
    "api.service.description": {
        "fr": "Carte et API des écarts de connectivité — {region}.",
        "en": "Broadband gap map and API — {region}.",
    },
    "ogc.link.self": {"fr": "Ce document", "en": "This document"},
    "ogc.link.service_desc": {
        "fr": "Définition OpenAPI 3.0 de l'API OGC",
        "en": "OpenAPI 3.0 definition of the OGC API",
    },
    "ogc.link.service_desc_full": {
        "fr": "Définition OpenAPI 3.1 du service entier",
        "en": "OpenAPI 3.1 definition of the whole service",
    },
    "ogc.link.service_doc": {"fr": "Documentation de l'API", "en": "API documentation"},
    "ogc.link.conformance": {"fr": "Classes de conformité", "en": "Conformance classes"},
    "ogc.link.data": {"fr": "Collections", "en": "Collections"},
    "ogc.link.items": {"fr": "Entités de la collection", "en": "Features of the collection"},
    "ogc.link.collection": {"fr": "La collection", "en": "The collection"},
    "ogc.link.next": {"fr": "Page suivante", "en": "Next page"},
    "ogc.link.prev": {"fr": "Page précédente", "en": "Previous page"},
    "ogc.collection.municipalities": {
        "fr": "Municipalités (subdivisions de recensement)",
        "en": "Municipalities (census subdivisions)",
    },
    "ogc.collection.mrcs": {
        "fr": "MRC (divisions de recensement)",
        "en": "Regional county municipalities (census divisions)",
    },
    "api.hexagons_missing": {
        "fr": "Aucune couche d'hexagones ISDE n'est chargée : chargez-la avec "
        "« gim-broadband load hexagons FICHIER » (par exemple CHX_EXO_geo.zip).",
        "en": "No ISED hexagons layer is loaded: load one with "
        "'gim-broadband load hexagons FILE' (for example CHX_EXO_geo.zip).",
    },
    "ogc.collection.demonstration_title": {
        "fr": "{title} — DONNÉES DE DÉMONSTRATION",
        "en": "{title} — DEMONSTRATION DATA",
    },
    "ogc.collection.households": {
        "fr": "Ménages (pseudo-ménages, vitesses disponibles)",
        "en": "Households (pseudo-households, available speeds)",
    },
    "ogc.collection.community_points": {
        "fr": "Points de collectivités ISDE",
        "en": "ISED community points",
    },
    "ogc.collection.places": {"fr": "Lieux habités", "en": "Populated places"},
    "ogc.collection.hexagons": {"fr": "Hexagones ISDE", "en": "ISED hexagons"},
    "ogc.collection.description": {
        "fr": "Source : {source}. Millésime : {vintage}. Version {version}.{demonstration}",
        "en": "Source: {source}. Vintage: {vintage}. Version {version}.{demonstration}",
    },
    "ogc.collection.demonstration": {
        "fr": " Données de démonstration, synthétiques : elles ne décrivent pas le service réel.",
        "en": " Demonstration data, synthetic: it does not describe real service.",
    },
    "ogc.collection_unknown": {
        "fr": "Aucune collection « {collection} ». Collections disponibles : {accepted}.",
        "en": "No collection '{collection}'. Available collections: {accepted}.",
    },
    "ogc.feature_unknown": {
        "fr": "Aucune entité « {feature} » dans la collection « {collection} ».",
        "en": "No feature '{feature}' in collection '{collection}'.",
    },
    "ogc.bbox_malformed": {
        "fr": "bbox illisible : « {value} ». Donnez 4 nombres séparés par des virgules : "
        "ouest,sud,est,nord en degrés (longitude/latitude), par exemple -66.5,48,-64,49.3.",
        "en": "Unreadable bbox: '{value}'. Give 4 comma-separated numbers: west,south,east,north "
        "in degrees (longitude/latitude), for example -66.5,48,-64,49.3.",
    },
    "ogc.bbox_out_of_range": {
        "fr": "bbox hors limites : « {value} ». La longitude va de -180 à 180, la latitude de "
        "-90 à 90, et le sud ne peut pas dépasser le nord.",
        "en": "bbox out of range: '{value}'. Longitude runs from -180 to 180, latitude from -90 "
        "to 90, and south cannot exceed north.",
    },
    "ogc.datetime_malformed": {
        "fr": "datetime illisible : « {value} ». Donnez une date RFC 3339 (2021-05-11 ou "
        "2021-05-11T00:00:00Z) ou un intervalle début/fin, « .. » pour ouvert.",
        "en": "Unreadable datetime: '{value}'. Give an RFC 3339 date (2021-05-11 or "
        "2021-05-11T00:00:00Z) or a start/end interval, '..' for open.",
    },
    "ogc.parameter_unknown": {
        "fr": "Paramètre inconnu : « {name} ». Paramètres permis : {accepted}.",
        "en": "Unknown parameter: '{name}'. Accepted parameters: {accepted}.",
    },
    **_columns(),
    **{f"api.validation.{kind}": {"fr": fr, "en": en} for kind, (fr, en) in _VALIDATION.items()},
}
