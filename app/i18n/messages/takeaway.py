"""Messages of the downloads (CSV, XLSX, GeoJSON, GeoPackage), sortable tables and query checks."""

MESSAGES = {
    "exports.sep_unknown": {
        "fr": "Séparateur « {value} » inconnu : valeurs permises {accepted} (tab pour une "
        "tabulation).",
        "en": "Unknown separator '{value}': accepted values are {accepted} (tab for a tab).",
    },
    "exports.decimal_unknown": {
        "fr": "Marque décimale « {value} » inconnue : valeurs permises {accepted}.",
        "en": "Unknown decimal mark '{value}': accepted values are {accepted}.",
    },
    "exports.sep_is_decimal": {
        "fr": "Le séparateur et la marque décimale ne peuvent être tous deux « {value} » : "
        "choisissez sep=; avec decimal=, (ou sep=, avec decimal=.).",
        "en": "The separator and the decimal mark cannot both be '{value}': choose sep=; with "
        "decimal=, (or sep=, with decimal=.).",
    },
    "exports.table_unknown": {
        "fr": "Cette page n'a pas de tableau « {value} » : tableaux offerts {accepted}.",
        "en": "This page has no table '{value}': its tables are {accepted}.",
    },
    "exports.threshold_value": {"fr": "{label} Mbit/s", "en": "{label} Mbps"},
    "exports.sheet.mrcs": {"fr": "MRC", "en": "MRCs"},
    "exports.sheet.municipalities": {"fr": "Municipalités", "en": "Municipalities"},
    "exports.sheet.technologies": {"fr": "Technologies", "en": "Technologies"},
    "exports.sheet.sources": {"fr": "Sources", "en": "Sources"},
    "exports.style_name.service": {
        "fr": "Part des logements desservis",
        "en": "Share of dwellings served",
    },
    "exports.style_name.lte": {
        "fr": "Part des logements sans LTE mobile",
        "en": "Share of dwellings without LTE mobile",
    },
    "exports.style_description.service": {
        "fr": "Couleurs de la carte {region} : part des logements desservis au seuil (map_class).",
        "en": "The {region} map's colours: share of dwellings served at the threshold (map_class).",
    },
    "exports.style_description.lte": {
        "fr": "Couleurs de la carte {region} : part des logements sans LTE mobile (map_class).",
        "en": "The {region} map's colours: share of dwellings without LTE mobile (map_class).",
    },
    "exports.region_slug": {"fr": "region", "en": "region"},
    "exports.file_prefix": {"fr": "ecarts", "en": "gaps"},
    "exports.title": {"fr": "Télécharger ces chiffres", "en": "Download these figures"},
    "exports.link.csv": {
        "fr": "CSV (Excel en français : « ; » et virgule décimale)",
        "en": "CSV (comma-separated, decimal point)",
    },
    "exports.link.xlsx": {"fr": "Classeur Excel (XLSX)", "en": "Excel workbook (XLSX)"},
    "exports.link.geojson": {"fr": "{what} en GeoJSON", "en": "{what} as GeoJSON"},
    "exports.link.gpkg": {
        "fr": "{what} en GeoPackage (QGIS, avec style)",
        "en": "{what} as GeoPackage (QGIS, styled)",
    },
    "exports.what.region": {"fr": "Les municipalités", "en": "The municipalities"},
    "exports.what.mrc": {"fr": "Les municipalités de la MRC", "en": "The MRC's municipalities"},
    "exports.what.municipality": {"fr": "Cette municipalité", "en": "This municipality"},
    "exports.table_csv": {"fr": "Ce tableau en CSV", "en": "This table as CSV"},
    "exports.note": {
        "fr": "Les fichiers donnent les mêmes chiffres que la page, au seuil {threshold} et en "
        "comptant {technologies}; les parts sont en pourcentage.",
        "en": "The files hold the page's figures, at {threshold} counting {technologies}; "
        "shares are percentages.",
    },
    "tables.sort": {
        "fr": "Trier par « {column} »",
        "en": "Sort by '{column}'",
    },
    "tables.sorted_ascending": {
        "fr": "Trié par « {column} », croissant.",
        "en": "Sorted by '{column}', ascending.",
    },
    "tables.sorted_descending": {
        "fr": "Trié par « {column} », décroissant.",
        "en": "Sorted by '{column}', descending.",
    },
    "tables.filter_label": {"fr": "Filtrer par MRC", "en": "Filter by MRC"},
    "tables.filter_all": {"fr": "Toutes les MRC", "en": "All MRCs"},
    "tables.filter_shown": {
        "fr": "{shown} municipalités affichées sur {total}.",
        "en": "{shown} of {total} municipalities shown.",
    },
    "tables.help": {
        "fr": "Les en-têtes de colonne sont des boutons : Entrée ou un clic trie le tableau.",
        "en": "Column headers are buttons: Enter or a click sorts the table.",
    },
    "api.parameter_unknown": {
        "fr": "Paramètre inconnu « {name} » : cette adresse accepte {accepted}.",
        "en": "Unknown parameter '{name}': this address accepts {accepted}.",
    },
    "api.parameter_none": {"fr": "aucun paramètre", "en": "no parameter"},
}
