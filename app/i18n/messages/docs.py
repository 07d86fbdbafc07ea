"""Descriptions of the documented operations (/docs, /redoc), in Markdown, by route name."""

_OPERATIONS = {
    "list_municipalities": (
        "Toutes les municipalités : code, nom, MRC, population et logements (recensement).",
        "Every municipality: code, name, MRC, population and dwellings (census).",
    ),
    "get_municipality": (
        "Les comptes de recensement d'une municipalité et ses logements desservis, mal "
        "desservis, non desservis et indéterminés au seuil `threshold`.",
        "A municipality's census counts and its served, underserved, unserved and unknown "
        "dwellings at `threshold`.",
    ),
    "list_mrcs": (
        "Toutes les MRC, avec les comptes de recensement de leurs municipalités.",
        "Every MRC with the census counts of its municipalities.",
    ),
    "get_mrc": (
        "Les municipalités d'une MRC et ses chiffres d'écarts au seuil `threshold`.",
        "An MRC's municipalities and its gap figures at `threshold`.",
    ),
    "get_region": (
        "Les chiffres d'écarts de toute la région, y compris les ménages hors de toute "
        "municipalité.",
        "The whole region's gap figures, including households outside every municipality.",
    ),
    "get_gaps": (
        "Les municipalités (ou les MRC) de la pire à la meilleure au seuil. `mrc` limite le "
        "classement aux municipalités d'une MRC. `format=csv` donne le même tableau pour "
        "Excel : en français, champs séparés par des points-virgules et virgule décimale ; en "
        "anglais, virgules et point décimal (`sep` et `decimal` les changent) ; les parts en "
        "pourcentage.",
        "Municipalities (or MRCs) worst first at the threshold. `mrc` limits the ranking to "
        "one MRC's municipalities. `format=csv` gives the same table for Excel: in French, "
        "semicolons and decimal commas; in English, commas and decimal points (`sep` and "
        "`decimal` change them); shares as percentages.",
    ),
    "get_hexagon_estimate": (
        "Logements desservis à 50/10 répartis selon la superficie à partir des hexagones "
        "ISDE (bas, milieu, haut). Approximatif : un hexagone ne publie qu'une classe de part "
        "(p. ex. « >50% - 75% ») et il est partagé entre municipalités selon la superficie. "
        "404 tant qu'aucune couche d'hexagones n'est chargée.",
        "Dwellings served at 50/10 apportioned by area from ISED hexagons (low, mid, high). "
        'Approximate: a hexagon publishes only a class of share (e.g. ">50% - 75%") and is '
        "split between municipalities by area. 404 until a hexagons layer is loaded.",
    ),
    "get_lookup": (
        "La municipalité et la MRC à un point (ménages côtiers rattachés), le ménage le "
        "plus proche avec ses services, et les logements à moins de `radius_m` mètres par "
        "famille de service et par classe au seuil.",
        "The municipality and MRC at a point (coastal homes snapped), the nearest household "
        "with its services, and the dwellings within `radius_m` metres by service family and "
        "by class at the threshold.",
    ),
    "get_changes": (
        "La part et le nombre de logements desservis avant, après et leur écart, pour la "
        "région, chaque MRC et chaque municipalité, entre deux versions de la couche des "
        "ménages (`from`, `to` ; par défaut la précédente et l'actuelle), comptées sur les "
        "limites municipales actuelles. `warnings` dit ce qui rend la comparaison fragile "
        "(limites changées, familles de service différentes). `format=csv` pour Excel.",
        "Served share and served dwellings before, after and their difference, for the region, "
        "every MRC and every municipality, between two versions of the households layer "
        "(`from`, `to`; by default the previous and the current), counted on the current "
        "municipal boundaries. `warnings` says what makes the comparison fragile (boundaries "
        "changed, different service families). `format=csv` for Excel.",
    ),
    "search": (
        "Les municipalités, MRC, points de collectivités ISDE et lieux habités dont le nom "
        "correspond à `q` (accents, majuscules et tirets facultatifs ; « ste » vaut "
        "« sainte »), du meilleur au moins bon : nom exact, début du nom, début d'un mot, "
        "puis partie du nom. Chaque résultat donne son genre et l'adresse de sa page.",
        "Municipalities, MRCs, ISED community points and populated places whose name matches "
        '`q` (accents, case and hyphens optional; "ste" reads "sainte"), best first: exact '
        "name, start of the name, start of a word, then part of the name. Each hit gives its "
        "kind and the address of its page.",
    ),
    "post_stats": (
        "Chiffres pondérés par les ménages pour toute zone dessinée (longitude/latitude).",
        "Household-weighted figures for any drawn area (longitude/latitude).",
    ),
    "landing_page": (
        "Titre, description et liens vers la définition de l'API, la conformité et les "
        "collections.",
        "Title, description and links to the API definition, conformance and collections.",
    ),
    "conformance": (
        "Les classes de conformité : core, GeoJSON et OpenAPI 3.0.",
        "The conformance classes: core, GeoJSON and OpenAPI 3.0.",
    ),
    "api_definition": (
        "La définition de cette API OGC en OpenAPI 3.0 (celle de tout le service est "
        "/openapi.json, en 3.1).",
        "This OGC API's definition in OpenAPI 3.0 (the whole service's is /openapi.json, 3.1).",
    ),
    "collections": (
        "Chaque couche comme collection, avec son étendue et sa provenance.",
        "Every layer as a collection, with its extent and provenance.",
    ),
    "collection": (
        "Une collection : titre, description, étendue, liens vers ses entités.",
        "One collection: title, description, extent, links to its items.",
    ),
    "queryables": (
        "Les propriétés des entités de la collection (JSON Schema), y compris les chiffres "
        "d'écarts que portent les municipalités et les MRC au seuil `threshold` en comptant "
        "`technology`.",
        "The properties of the collection's features (JSON Schema), including the gap figures "
        "municipalities and MRCs carry at `threshold`, counting `technology`.",
    ),
    "items": (
        "Une page d'entités, avec numberMatched, numberReturned et les liens next/prev. Les "
        "municipalités et les MRC portent leurs chiffres d'écarts au seuil `threshold`, en "
        "comptant `technology` (voir `/queryables`).",
        "A page of features, with numberMatched, numberReturned and next/prev links. "
        "Municipalities and MRCs carry their gap figures at `threshold`, counting "
        "`technology` (see `/queryables`).",
    ),
    "item": (
        "Une entité par son identifiant canonique, avec les liens vers elle-même et sa collection.",
        "One feature by its canonical id, with links to itself and its collection.",
    ),
    "reload_layers": (
        "Construit maintenant un catalogue des versions courantes des couches et le sert.",
        "Build a catalogue of the current layer versions now and serve it.",
    ),
    "upload_layer": (
        "Valide un fichier téléversé comme `gim-broadband load` et, sauf essai à blanc, le sert.",
        "Validate an uploaded file like `gim-broadband load` and, unless a dry run, serve it.",
    ),
    "healthz": (
        "État, versions de la pile géographique, chaque couche chargée et ce que le dépôt a "
        "dû réparer.",
        "Status, geo-stack versions, each loaded layer, and what the store had to repair.",
    ),
}
_DOWNLOADS_FR = (
    "Le CSV suit la langue (points-virgules et virgule décimale en français, virgules et point "
    "en anglais ; `sep` et `decimal` les changent), les parts en pourcentage, en UTF-8 avec BOM. "
    "Le XLSX a une feuille par tableau et une feuille des sources. Les couches portent les "
    "chiffres de chaque municipalité au seuil et aux services comptés ; le GeoPackage a un style "
    "QGIS aux couleurs de la carte."
)
_DOWNLOADS_EN = (
    "CSV follows the language (semicolons and decimal commas in French, commas and points in "
    "English; `sep` and `decimal` change them), shares as percentages, UTF-8 with a BOM. XLSX "
    "has a sheet per table and a sheet of sources. The layers carry each municipality's figures "
    "at the threshold and services counted; the GeoPackage has a QGIS style with the map's "
    "colours."
)
_OPERATIONS |= {
    "region_download": (
        "Les chiffres de la page de la région (MRC et municipalités) en CSV ou XLSX, ou ses "
        "municipalités en GeoJSON ou GeoPackage. " + _DOWNLOADS_FR,
        "The region page's figures (MRCs and municipalities) as CSV or XLSX, or its "
        "municipalities as GeoJSON or GeoPackage. " + _DOWNLOADS_EN,
    ),
    "area_download": (
        "Les chiffres de la page d'une MRC (ses municipalités) ou d'une municipalité (ses "
        "technologies) en CSV ou XLSX, ou ses municipalités en GeoJSON ou GeoPackage. "
        + _DOWNLOADS_FR,
        "The figures of an MRC's page (its municipalities) or a municipality's (its "
        "technologies) as CSV or XLSX, or its municipalities as GeoJSON or GeoPackage. "
        + _DOWNLOADS_EN,
    ),
}

MESSAGES = {
    f"docs.operation.{name}": {"fr": fr, "en": en} for name, (fr, en) in _OPERATIONS.items()
}
