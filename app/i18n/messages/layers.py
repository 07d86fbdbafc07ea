"""Messages of layer loading: refusals, warnings, the command line and the admin endpoints."""

MESSAGES = {
    # Refusals: "<file>: <problem>. <fix>." — the file name is added by "layers.refused".
    # {reason:fr} quotes another message in that language (see app.layers.loader.Reason).
    "layers.refused": {"fr": "{file} : {reason:fr}", "en": "{file}: {reason:en}"},
    "layer.version_unknown": {
        "fr": "La couche « {kind} » n'a pas de version {version} : voyez « gim-broadband layers "
        "{kind} ».",
        "en": "Layer '{kind}' has no version {version}: see 'gim-broadband layers {kind}'.",
    },
    "layers.file_missing": {
        "fr": "fichier introuvable ; vérifiez le chemin.",
        "en": "file not found; check the path.",
    },
    "layers.format_unknown": {
        "fr": "format « {suffix} » non reconnu ; formats acceptés : {accepted}.",
        "en": "format '{suffix}' not recognised; accepted formats: {accepted}.",
    },
    "layers.unreadable": {
        "fr": "fichier illisible ({reason}) ; vérifiez qu'il est complet et du bon format.",
        "en": "unreadable file ({reason}); check that it is complete and of the right format.",
    },
    "layers.empty": {
        "fr": "le fichier ne contient aucune entité ; fournissez un fichier avec des données.",
        "en": "the file holds no feature; provide a file with data.",
    },
    "layers.zip_unsafe": {
        "fr": "l'archive contient un chemin qui sort du dossier (« {member} ») ; refaites le zip "
        "avec des chemins relatifs.",
        "en": "the archive holds a path that escapes the folder ('{member}'); make the zip again "
        "with relative paths.",
    },
    "layers.zip_no_layer": {
        "fr": "l'archive ne contient aucune couche ({accepted}) ; mettez-y le fichier de la "
        "couche.",
        "en": "the archive holds no layer ({accepted}); put the layer file in it.",
    },
    "layers.zip_several": {
        "fr": "l'archive contient plusieurs couches ({layers}) ; choisissez-en une avec --layer "
        "NOM (sans extension).",
        "en": "the archive holds several layers ({layers}); choose one with --layer NAME "
        "(without extension).",
    },
    "layers.several_layers": {
        "fr": "le fichier contient plusieurs couches ({layers}) ; choisissez-en une avec "
        "--layer NOM.",
        "en": "the file holds several layers ({layers}); choose one with --layer NAME.",
    },
    "layers.layer_unknown": {
        "fr": "pas de couche « {layer} » dans le fichier ; couches présentes : {layers}.",
        "en": "no layer '{layer}' in the file; layers present: {layers}.",
    },
    "layers.columns_malformed": {
        "fr": "--columns mal écrit près de « {pair} » ; écrivez source=cible,source2=cible2.",
        "en": "--columns malformed near '{pair}'; write source=target,source2=target2.",
    },
    "layers.columns_unknown": {
        "fr": "--columns nomme des colonnes absentes du fichier ({columns}) ; colonnes présentes "
        ": {present}.",
        "en": "--columns names columns the file lacks ({columns}); columns present: {present}.",
    },
    "layers.fields_missing": {
        "fr": "champs requis absents pour « {kind} » : {missing} ; colonnes présentes : "
        "{present}. Indiquez la correspondance avec --columns source=champ.",
        "en": "required fields missing for '{kind}': {missing}; columns present: {present}. "
        "Give the mapping with --columns source=field.",
    },
    "layers.column_missing": {
        "fr": "colonne {column} absente ; colonnes présentes : {present}.",
        "en": "column {column} missing; columns present: {present}.",
    },
    "layers.geometry_none": {
        "fr": "aucune géométrie ni colonnes latitude/longitude (ou x/y) ; colonnes présentes : "
        "{present}. Ajoutez-les ou renommez-les avec --columns.",
        "en": "no geometry and no latitude/longitude (or x/y) columns; columns present: "
        "{present}. Add them or rename them with --columns.",
    },
    "layers.crs_missing": {
        "fr": "le fichier ne déclare aucun système de coordonnées ; indiquez-le avec --crs "
        "EPSG:NNNN (p. ex. EPSG:32198 pour Québec Lambert).",
        "en": "the file declares no coordinate reference system; give it with --crs EPSG:NNNN "
        "(e.g. EPSG:32198 for Québec Lambert).",
    },
    "layers.crs_invalid": {
        "fr": "système de coordonnées « {crs} » inconnu ; écrivez-le EPSG:NNNN.",
        "en": "unknown coordinate reference system '{crs}'; write it as EPSG:NNNN.",
    },
    "layers.values_not_numbers": {
        "fr": {
            "one": "le champ {field} a {count} valeur qui n'est pas un nombre (p. ex. {values}) "
            "; corrigez-la.",
            "other": "le champ {field} a {count} valeurs qui ne sont pas des nombres (p. ex. "
            "{values}) ; corrigez-les.",
        },
        "en": {
            "one": "field {field} has {count} value that is not a number (e.g. {values}); fix it.",
            "other": "field {field} has {count} values that are not numbers (e.g. {values}); "
            "fix them.",
        },
    },
    "layers.values_not_integers": {
        "fr": "le champ {field} doit contenir des entiers (p. ex. {values}) ; corrigez-les.",
        "en": "field {field} must hold whole numbers (e.g. {values}); fix them.",
    },
    "layers.values_not_booleans": {
        "fr": "le champ {field} doit valoir 0/1, oui/non ou true/false (trouvé : {values}).",
        "en": "field {field} must be 0/1, yes/no or true/false (found: {values}).",
    },
    "layers.values_blank": {
        "fr": {
            "one": "le champ {field} est vide ou NaN pour {count} entité (p. ex. {ids}) ; "
            "remplissez-le.",
            "other": "le champ {field} est vide ou NaN pour {count} entités (p. ex. {ids}) ; "
            "remplissez-le.",
        },
        "en": {
            "one": "field {field} is blank or NaN for {count} feature (e.g. {ids}); fill it in.",
            "other": "field {field} is blank or NaN for {count} features (e.g. {ids}); fill it in.",
        },
    },
    "layers.values_negative": {
        "fr": {
            "one": "le champ {field} est négatif pour {count} entité (p. ex. {ids} : {values}) "
            "; un compte ou une vitesse ne peut être négatif.",
            "other": "le champ {field} est négatif pour {count} entités (p. ex. {ids} : "
            "{values}) ; un compte ou une vitesse ne peut être négatif.",
        },
        "en": {
            "one": "field {field} is negative for {count} feature (e.g. {ids}: {values}); a "
            "count or a speed cannot be negative.",
            "other": "field {field} is negative for {count} features (e.g. {ids}: {values}); a "
            "count or a speed cannot be negative.",
        },
    },
    "layers.values_unknown": {
        "fr": "le champ {field} contient des valeurs inconnues ({values}) ; valeurs acceptées : "
        "{accepted}.",
        "en": "field {field} holds unknown values ({values}); accepted values: {accepted}.",
    },
    "layers.ids_blank": {
        "fr": {
            "one": "l'identifiant {field} est vide pour {count} entité ; chaque entité en a "
            "besoin.",
            "other": "l'identifiant {field} est vide pour {count} entités ; chaque entité en a "
            "besoin.",
        },
        "en": {
            "one": "identifier {field} is blank for {count} feature; every feature needs one.",
            "other": "identifier {field} is blank for {count} features; every feature needs one.",
        },
    },
    "layers.ids_duplicated": {
        "fr": {
            "one": "l'identifiant {field} se répète ({count} doublon, p. ex. {ids}) ; chaque "
            "valeur doit être unique.",
            "other": "l'identifiant {field} se répète ({count} doublons, p. ex. {ids}) ; chaque "
            "valeur doit être unique.",
        },
        "en": {
            "one": "identifier {field} repeats ({count} duplicate, e.g. {ids}); each value must "
            "be unique.",
            "other": "identifier {field} repeats ({count} duplicates, e.g. {ids}); each value "
            "must be unique.",
        },
    },
    "layers.geometry_missing": {
        "fr": {
            "one": "{count} entité sans géométrie (p. ex. {ids}) ; ajoutez-la ou retirez-la.",
            "other": "{count} entités sans géométrie (p. ex. {ids}) ; ajoutez-la ou retirez-les.",
        },
        "en": {
            "one": "{count} feature without geometry (e.g. {ids}); add it or remove it.",
            "other": "{count} features without geometry (e.g. {ids}); add it or remove them.",
        },
    },
    "layers.geometry_type": {
        "fr": {
            "one": "la couche « {kind} » demande des géométries {accepted}, le fichier a "
            "{found} ({count} entité) ; fournissez la bonne couche.",
            "other": "la couche « {kind} » demande des géométries {accepted}, le fichier a "
            "{found} ({count} entités) ; fournissez la bonne couche.",
        },
        "en": {
            "one": "layer '{kind}' needs {accepted} geometries, the file has {found} ({count} "
            "feature); provide the right layer.",
            "other": "layer '{kind}' needs {accepted} geometries, the file has {found} ({count} "
            "features); provide the right layer.",
        },
    },
    "layers.geometry_invalid": {
        "fr": {
            "one": "{count} géométrie invalide (p. ex. {ids} : {reason}) ; corrigez-la, ou "
            "chargez sans --strict pour la réparer.",
            "other": "{count} géométries invalides (p. ex. {ids} : {reason}) ; corrigez-les, ou "
            "chargez sans --strict pour les réparer.",
        },
        "en": {
            "one": "{count} invalid geometry (e.g. {ids}: {reason}); fix it, or load without "
            "--strict to repair it.",
            "other": "{count} invalid geometries (e.g. {ids}: {reason}); fix them, or load "
            "without --strict to repair them.",
        },
    },
    "layers.geometry_unrepairable": {
        "fr": {
            "one": "{count} géométrie invalide irréparable (p. ex. {ids}) ; corrigez-la dans un "
            "SIG.",
            "other": "{count} géométries invalides irréparables (p. ex. {ids}) ; corrigez-les "
            "dans un SIG.",
        },
        "en": {
            "one": "{count} invalid geometry cannot be repaired (e.g. {ids}); fix it in a GIS.",
            "other": "{count} invalid geometries cannot be repaired (e.g. {ids}); fix them in a "
            "GIS.",
        },
    },
    "layers.coordinates_swapped": {
        "fr": {
            "one": "latitude et longitude inversées pour {count} entité (p. ex. {ids}) ; "
            "échangez les colonnes (ou l'ordre des axes) et rechargez.",
            "other": "latitude et longitude inversées pour {count} entités (p. ex. {ids}) ; "
            "échangez les colonnes (ou l'ordre des axes) et rechargez.",
        },
        "en": {
            "one": "latitude and longitude are swapped for {count} feature (e.g. {ids}); swap "
            "the columns (or the axis order) and load again.",
            "other": "latitude and longitude are swapped for {count} features (e.g. {ids}); swap "
            "the columns (or the axis order) and load again.",
        },
    },
    "layers.coordinates_blank": {
        "fr": {
            "one": "{count} point sans latitude ou longitude ; remplissez-les ou retirez cette "
            "ligne.",
            "other": "{count} points sans latitude ou longitude ; remplissez-les ou retirez ces "
            "lignes.",
        },
        "en": {
            "one": "{count} point without latitude or longitude; fill them in or remove the row.",
            "other": "{count} points without latitude or longitude; fill them in or remove the "
            "rows.",
        },
    },
    "layers.outside_region": {
        "fr": "aucune entité dans la région (étendue du fichier : {bounds} ; région : {region}) "
        "; vérifiez le système de coordonnées (--crs) et la zone couverte.",
        "en": "no feature in the region (file extent: {bounds}; region: {region}); check the "
        "coordinate reference system (--crs) and the area covered.",
    },
    "layers.outside_some": {
        "fr": {
            "one": "{count} entité hors de la région (p. ex. {ids}) ; retirez-la ou chargez sans "
            "--strict pour l'écarter.",
            "other": "{count} entités hors de la région (p. ex. {ids}) ; retirez-les ou chargez "
            "sans --strict pour les écarter.",
        },
        "en": {
            "one": "{count} feature outside the region (e.g. {ids}); remove it or load without "
            "--strict to leave it out.",
            "other": "{count} features outside the region (e.g. {ids}); remove them or load "
            "without --strict to leave them out.",
        },
    },
    "layers.counts_missing": {
        "fr": "le fichier n'a pas {fields} et les codes {codes} sont absents de la couche "
        "actuelle ; ajoutez ces colonnes (ou --columns source=population,…).",
        "en": "the file lacks {fields} and codes {codes} are not in the current layer; add those "
        "columns (or --columns source=population,…).",
    },
    "layers.speeds_needed": {
        "fr": "fichier de points PHH d'ISDE sans fichier de vitesses ; ajoutez --speeds "
        "NBD_PHH_Speeds.csv.",
        "en": "ISED PHH points file without a speeds file; add --speeds NBD_PHH_Speeds.csv.",
    },
    "layers.speeds_unknown": {
        "fr": "ce n'est pas un fichier de vitesses PHH d'ISDE (PHH_ID, "
        "Wired_Max_Threshold-Filaire_Seuil_Max et Wireless_Max_Threshold-Sans_fil_Seuil_Max "
        "attendus, ou nos colonnes GIM_Technology, GIM_Max_Down_Mbps, GIM_Max_Up_Mbps ; "
        "colonnes présentes : {present}).",
        "en": "not an ISED PHH speeds file (PHH_ID, Wired_Max_Threshold-Filaire_Seuil_Max and "
        "Wireless_Max_Threshold-Sans_fil_Seuil_Max expected, or our columns GIM_Technology, "
        "GIM_Max_Down_Mbps, GIM_Max_Up_Mbps; columns present: {present}).",
    },
    "layers.speeds_is_points": {
        "fr": "c'est un fichier de points PHH, pas de vitesses ; donnez les points en premier et "
        "les vitesses avec --speeds.",
        "en": "this is a PHH points file, not speeds; give the points first and the speeds with "
        "--speeds.",
    },
    "layers.speeds_as_points": {
        "fr": "c'est un fichier de vitesses PHH ; donnez le fichier de points PHH en premier et "
        "celui-ci avec --speeds.",
        "en": "this is a PHH speeds file; give the PHH points file first and this one with "
        "--speeds.",
    },
    "layers.vintage_malformed": {
        "fr": "millésime « {vintage} » invalide ; écrivez AAAA ou AAAA-MM (p. ex. 2024-06).",
        "en": "invalid vintage '{vintage}'; write YYYY or YYYY-MM (e.g. 2024-06).",
    },
    "layers.rollback_none": {
        "fr": "la couche « {kind} » n'a pas de version antérieure à {version} ; rien à annuler.",
        "en": "layer '{kind}' has no version before {version}; nothing to roll back.",
    },
    "layers.write_failed": {
        "fr": "écriture impossible dans le magasin {store} ({reason}) ; la version courante est "
        "inchangée.",
        "en": "cannot write to the store {store} ({reason}); the current version is unchanged.",
    },
    # Warnings: the load goes on.
    "layers.warn_repaired": {
        "fr": {
            "one": "{count} géométrie invalide réparée (p. ex. {ids}).",
            "other": "{count} géométries invalides réparées (p. ex. {ids}).",
        },
        "en": {
            "one": "{count} invalid geometry repaired (e.g. {ids}).",
            "other": "{count} invalid geometries repaired (e.g. {ids}).",
        },
    },
    "layers.warn_outside": {
        "fr": {
            "one": "{count} entité hors de la région écartée ; entités conservées : {kept}.",
            "other": "{count} entités hors de la région écartées ; entités conservées : {kept}.",
        },
        "en": {
            "one": "{count} feature outside the region left out; features kept: {kept}.",
            "other": "{count} features outside the region left out; features kept: {kept}.",
        },
    },
    "layers.warn_crs_replaced": {
        "fr": "le système du fichier ({file_crs}) est remplacé par --crs {crs}.",
        "en": "the file's reference system ({file_crs}) is replaced by --crs {crs}.",
    },
    "layers.warn_counts_kept": {
        "fr": "{fields} repris de la couche actuelle des municipalités, code par code.",
        "en": "{fields} taken from the current municipalities layer, code by code.",
    },
    "layers.warn_area_computed": {
        "fr": "superficie (land_area_km2) calculée à partir des polygones (Québec Lambert).",
        "en": "area (land_area_km2) computed from the polygons (Québec Lambert).",
    },
    "layers.warn_default": {
        "fr": "champ {field} absent : mis à {value}.",
        "en": "field {field} absent: set to {value}.",
    },
    "layers.warn_no_speeds": {
        "fr": {
            "one": "{count} point PHH sans ligne de vitesses : compté « aucun service déclaré » "
            "(non desservi).",
            "other": "{count} points PHH sans ligne de vitesses : comptés « aucun service "
            "déclaré » (non desservis).",
        },
        "en": {
            "one": "{count} PHH point without a speeds row: counted as 'no service reported' "
            "(unserved).",
            "other": "{count} PHH points without a speeds row: counted as 'no service reported' "
            "(unserved).",
        },
    },
    "layers.warn_unassigned": {
        "fr": {
            "one": "{count} point (logements : {dwellings}) dans la région mais hors de toute "
            "municipalité : compté à part comme « non attribué ».",
            "other": "{count} points (logements : {dwellings}) dans la région mais hors de toute "
            "municipalité : comptés à part comme « non attribués ».",
        },
        "en": {
            "one": "{count} point (dwellings: {dwellings}) in the region but outside every "
            "municipality: counted apart as 'unassigned'.",
            "other": "{count} points (dwellings: {dwellings}) in the region but outside every "
            "municipality: counted apart as 'unassigned'.",
        },
    },
    "layers.warn_no_vintage": {
        "fr": "aucun millésime (--vintage AAAA-MM) : la provenance l'indiquera comme inconnu.",
        "en": "no vintage (--vintage YYYY-MM): provenance will show it as unknown.",
    },
    # Command line.
    "cli.help": {
        "fr": "Charger et gérer les couches de la carte de connectivité.",
        "en": "Load and manage the layers of the connectivity map.",
    },
    "cli.help.load": {
        "fr": "Valider un fichier et l'ajouter comme nouvelle version courante de la couche KIND "
        "(municipalities, mrcs, households, hexagons, community_points). S'il est refusé, rien "
        "n'est écrit et la version courante reste servie. Les fichiers provinciaux (points PHH "
        "d'ISDE, limites SDA) sont découpés à la région ; des limites sans population ni "
        "logements reprennent, code par code, ceux de la couche actuelle.",
        "en": "Validate a file and add it as the new current version of layer KIND "
        "(municipalities, mrcs, households, hexagons, community_points). If it is refused, "
        "nothing is written and the current version stays served. Province-wide files (ISED "
        "PHH points, SDA boundaries) are cut to the region; boundaries without population and "
        "dwellings keep, code by code, those of the current layer.",
    },
    "cli.short.load": {
        "fr": "Valider un fichier et l'ajouter comme nouvelle version courante de KIND.",
        "en": "Validate a file and add it as the new current version of KIND.",
    },
    "cli.help.layers": {
        "fr": "Lister les versions de chaque couche (ou de KIND), la courante marquée *.",
        "en": "List the versions of every layer (or of KIND), the current one marked *.",
    },
    "cli.help.rollback": {
        "fr": "Rendre courante la version précédente de KIND (ou la version --to N).",
        "en": "Make the previous version of KIND (or version --to N) current.",
    },
    "cli.examples": {"fr": "Exemples", "en": "Examples"},
    "cli.opt.kind": {
        "fr": "municipalities, mrcs, households, hexagons ou community_points",
        "en": "municipalities, mrcs, households, hexagons or community_points",
    },
    "cli.opt.path": {
        "fr": "GeoPackage, GeoJSON, Shapefile (.shp ou .zip), CSV avec latitude/longitude, "
        "GeoParquet",
        "en": "GeoPackage, GeoJSON, Shapefile (.shp or .zip), CSV with latitude/longitude, "
        "GeoParquet",
    },
    "cli.opt.speeds": {
        "fr": "fichier de vitesses PHH d'ISDE (PHH_Speeds_Current-…_QC.csv, ou le zip "
        "NBD_PHH_Speeds.zip), joint aux points sur PHH_ID (households) ; répétable, p. ex. "
        "pour ajouter nos vitesses exactes GIM_",
        "en": "ISED PHH speeds file (PHH_Speeds_Current-…_QC.csv, or the zip NBD_PHH_Speeds.zip), "
        "joined to the points on PHH_ID (households); may be repeated, e.g. to add our exact "
        "GIM_ speeds",
    },
    "cli.opt.table": {
        "fr": "table d'attributs jointe sur l'identifiant (hexagons : Data_Hex_Données.csv ou "
        "Map_Data_CSV.zip pour la géométrie CHX_EXO_geo)",
        "en": "attribute table joined on the id (hexagons: Data_Hex_Données.csv or "
        "Map_Data_CSV.zip for the CHX_EXO_geo geometry)",
    },
    "cli.opt.columns": {
        "fr": "renommer des colonnes : source=cible,… (p. ex. CODE_MUN=code,NOM=name)",
        "en": "rename columns: source=target,… (e.g. CODE_MUN=code,NOM=name)",
    },
    "cli.opt.crs": {
        "fr": "système de coordonnées du fichier s'il n'en déclare pas (p. ex. EPSG:32198)",
        "en": "the file's reference system if it declares none (e.g. EPSG:32198)",
    },
    "cli.opt.vintage": {
        "fr": "millésime des données, AAAA-MM",
        "en": "vintage of the data, YYYY-MM",
    },
    "cli.opt.source": {
        "fr": "provenance affichée (par défaut : le nom du fichier)",
        "en": "provenance shown (default: the file name)",
    },
    "cli.opt.layer": {
        "fr": "couche à lire quand le fichier ou le zip en a plusieurs",
        "en": "layer to read when the file or zip holds several",
    },
    "cli.opt.demonstration": {
        "fr": "marquer la version comme données de démonstration (bandeau sur les cartes, "
        "indicateur dans l'API)",
        "en": "flag the version as demonstration data (banner on maps, flag in the API)",
    },
    "cli.opt.strict": {
        "fr": "refuser les géométries invalides et les entités hors région au lieu de les "
        "réparer ou de les écarter",
        "en": "refuse invalid geometries and features outside the region instead of repairing "
        "or leaving them out",
    },
    "cli.opt.dry_run": {
        "fr": "valider et rendre compte sans rien écrire",
        "en": "validate and report without writing anything",
    },
    "cli.opt.json": {
        "fr": "rapport lisible par machine (JSON) sur la sortie standard",
        "en": "machine-readable report (JSON) on standard output",
    },
    "cli.opt.store": {
        "fr": "magasin de couches (par défaut GIM_STORE_DIR ou geodata/)",
        "en": "layer store (default GIM_STORE_DIR or geodata/)",
    },
    "cli.opt.lang": {
        "fr": "langue des messages : fr (défaut) ou en ; sinon d'après LANG",
        "en": "language of the messages: fr (default) or en; else from LANG",
    },
    "cli.opt.to": {
        "fr": "version à rendre courante",
        "en": "version to make current",
    },
    "cli.error": {"fr": "Erreur : {message}", "en": "Error: {message}"},
    "cli.warning": {"fr": "Avertissement : {message}", "en": "Warning: {message}"},
    "cli.loaded": {
        "fr": {
            "one": "{kind} : version {version} chargée et rendue courante ({count} entité, "
            "{seconds} s).",
            "other": "{kind} : version {version} chargée et rendue courante ({count} entités, "
            "{seconds} s).",
        },
        "en": {
            "one": "{kind}: version {version} loaded and made current ({count} feature, "
            "{seconds} s).",
            "other": "{kind}: version {version} loaded and made current ({count} features, "
            "{seconds} s).",
        },
    },
    "cli.dry_run": {
        "fr": {
            "one": "{kind} : fichier valide, rien d'écrit (--dry-run) ; {count} entité serait "
            "chargée.",
            "other": "{kind} : fichier valide, rien d'écrit (--dry-run) ; {count} entités "
            "seraient chargées.",
        },
        "en": {
            "one": "{kind}: file valid, nothing written (--dry-run); {count} feature would be "
            "loaded.",
            "other": "{kind}: file valid, nothing written (--dry-run); {count} features would be "
            "loaded.",
        },
    },
    "cli.counts": {"fr": "Comptes : {counts}", "en": "Counts: {counts}"},
    "cli.rolled_back": {
        "fr": "{kind} : la version {version} est maintenant courante.",
        "en": "{kind}: version {version} is now current.",
    },
    "cli.no_versions": {"fr": "aucune version", "en": "no version"},
    "cli.columns": {
        "fr": "version|millésime|chargée le|entités|source|démo",
        "en": "version|vintage|loaded at|features|source|demo",
    },
    "cli.step.read": {"fr": "Lecture", "en": "Reading"},
    "cli.step.recognise": {"fr": "Reconnaissance du schéma", "en": "Recognising the schema"},
    "cli.step.check": {"fr": "Vérification", "en": "Checking"},
    "cli.step.region": {"fr": "Découpe à la région", "en": "Cutting to the region"},
    "cli.step.assign": {"fr": "Attribution aux municipalités", "en": "Assigning municipalities"},
    "cli.step.write": {"fr": "Écriture de la version", "en": "Writing the version"},
    # Admin endpoints and hot reload.
    "admin.disabled": {
        "fr": "Administration désactivée : définissez GIM_ADMIN_TOKEN pour l'activer.",
        "en": "Administration is disabled: set GIM_ADMIN_TOKEN to enable it.",
    },
    "admin.unauthorized": {
        "fr": "Jeton manquant ou invalide : envoyez « Authorization: Bearer <GIM_ADMIN_TOKEN> ».",
        "en": "Missing or wrong token: send 'Authorization: Bearer <GIM_ADMIN_TOKEN>'.",
    },
    "admin.too_large": {
        "fr": "Fichier trop volumineux : la limite est de {limit} Mo (GIM_MAX_UPLOAD_MB).",
        "en": "File too large: the limit is {limit} MB (GIM_MAX_UPLOAD_MB).",
    },
    "admin.reload_failed": {
        "fr": "Rechargement impossible, le catalogue précédent reste servi : {reason:fr}",
        "en": "Reload failed, the previous catalogue is still served: {reason:en}",
    },
    "layers.speeds_match_none": {
        "fr": "aucune des {rows} lignes de vitesses ne correspond à un PHH_ID des {points} points "
        "de la région ; fournissez le fichier de vitesses de la même édition et de la même "
        "province que les points.",
        "en": "none of the {rows} speeds rows matches a PHH_ID of the {points} points in the "
        "region; provide the speeds file of the same release and province as the points.",
    },
    "layers.speeds_coverage_low": {
        "fr": "ATTENTION : seuls {share} des {points} points PHH de la région ont des vitesses "
        "({count} sans ligne, comptés « aucun service déclaré ») ; vérifiez que les fichiers "
        "sont de la même édition (--strict refuse ce cas).",
        "en": "WARNING: only {share} of the region's {points} PHH points have speeds ({count} "
        "without a row, counted as 'no service reported'); check that the files are of the same "
        "release (--strict refuses this).",
    },
    "layers.municipalities_empty": {
        "fr": {
            "one": "ATTENTION : {count} municipalité habitée sans aucun ménage dans le fichier "
            "(couverture partielle de la région ?) : {names}.",
            "other": "ATTENTION : {count} municipalités habitées sans aucun ménage dans le "
            "fichier (couverture partielle de la région ?) : {names}.",
        },
        "en": {
            "one": "WARNING: {count} inhabited municipality without any household in the file "
            "(partial cover of the region?): {names}.",
            "other": "WARNING: {count} inhabited municipalities without any household in the "
            "file (partial cover of the region?): {names}.",
        },
    },
    "layers.warn_snapped": {
        "fr": {
            "one": "{count} point hors des polygones municipaux mais à moins de {metres:g} m "
            "d'une municipalité (côte) : rattaché à la plus proche.",
            "other": "{count} points hors des polygones municipaux mais à moins de {metres:g} m "
            "d'une municipalité (côte) : rattachés à la plus proche.",
        },
        "en": {
            "one": "{count} point outside the municipal polygons but within {metres:g} m of a "
            "municipality (coast): assigned to the nearest.",
            "other": "{count} points outside the municipal polygons but within {metres:g} m of a "
            "municipality (coast): assigned to the nearest.",
        },
    },
    "layers.households_rows_disagree": {
        "fr": "des lignes répètent un même PHH avec des comptes ou une position différents "
        "(par exemple {ids}) ; une ligne par service est permise, mais les autres colonnes "
        "doivent être identiques.",
        "en": "rows repeat one PHH with different counts or position (for example {ids}); one row "
        "per service is allowed, but the other columns must be the same.",
    },
    "layers.warn_rows_merged": {
        "fr": {
            "one": "{count} ménage est décrit par plusieurs lignes (lignes : {rows}) : tous ses "
            "services sont gardés.",
            "other": "{count} ménages sont décrits par plusieurs lignes (lignes : {rows}) : "
            "tous leurs services sont gardés.",
        },
        "en": {
            "one": "{count} household is described by several rows (rows: {rows}): all its "
            "services are kept.",
            "other": "{count} households are described by several rows (rows: {rows}): all "
            "their services are kept.",
        },
    },
    "layers.lte_unknown": {
        "fr": "valeurs LTE inconnues ({values}) ; permises : 1 (oui), 0 (non), -1 (non déclaré).",
        "en": "unknown LTE values ({values}); allowed: 1 (yes), 0 (no), -1 (not reported).",
    },
    "layers.join_impossible": {
        "fr": "impossible de joindre la table : l'identifiant ({keys}) manque dans l'un des "
        "fichiers.",
        "en": "cannot join the table: the id ({keys}) is missing from one of the files.",
    },
    "layers.join_none": {
        "fr": "aucune ligne de la table ne correspond à un {column} de la géométrie ; "
        "fournissez la table de la même édition.",
        "en": "no row of the table matches a {column} of the geometry; provide the table of the "
        "same release.",
    },
    "layers.warn_suppressed": {
        "fr": {
            "one": "{count} compte de {field} supprimé par ISDE (« <N ») : compté N/2.",
            "other": "{count} comptes de {field} supprimés par ISDE (« <N ») : comptés N/2.",
        },
        "en": {
            "one": "{count} {field} count suppressed by ISED ('<N'): counted as N/2.",
            "other": "{count} {field} counts suppressed by ISED ('<N'): counted as N/2.",
        },
    },
    "layers.columns_duplicated": {
        "fr": "plusieurs colonnes portent le même nom ({columns}) ; renommez-les pour qu'elles "
        "soient uniques.",
        "en": "several columns have the same name ({columns}); rename them so that each is unique.",
    },
    "layers.zip_members": {
        "fr": "l'archive contient {count} fichiers, plus que la limite de {limit} ; ne zippez "
        "que la couche et ses fichiers compagnons.",
        "en": "the archive holds {count} files, more than the limit of {limit}; zip only the "
        "layer and its companion files.",
    },
    "layers.zip_too_large": {
        "fr": "l'archive décompressée ferait {size} Mo, plus que la limite de {limit} Mo ; "
        "chargez le fichier sans zip ou découpez-le.",
        "en": "the archive would expand to {size} MB, more than the limit of {limit} MB; load "
        "the file unzipped or split it.",
    },
    "layers.zip_ratio": {
        "fr": "« {member} » se décompresse {ratio} fois (limite {limit}) : ce n'est pas une "
        "vraie couche (bombe zip ?) ; vérifiez l'archive.",
        "en": "'{member}' expands {ratio} times (limit {limit}): not a real layer (a zip "
        "bomb?); check the archive.",
    },
    "layers.not_a_table": {
        "fr": "la couche « {layer} » n'est pas une table (une vue, par exemple) ; exportez-la "
        "en table depuis QGIS.",
        "en": "layer '{layer}' is not a table (a view, for example); export it as a table "
        "from QGIS.",
    },
    "layers.too_many_rows": {
        "fr": "la couche a {count} entités, plus que la limite de {limit} ; ne gardez que la "
        "région.",
        "en": "the layer has {count} features, more than the limit of {limit}; keep only the "
        "region.",
    },
    "layers.coordinates_not_finite": {
        "fr": "{count} géométries ont des coordonnées infinies ou non numériques ; corrigez-les "
        "dans le fichier source.",
        "en": "{count} geometries have infinite or non-numeric coordinates; correct them in "
        "the source file.",
    },
    "layers.not_encoded": {
        "fr": "le texte n'est ni en UTF-8 ni en Windows-1252 (octet {offset}) ; "
        "réenregistrez-le en UTF-8.",
        "en": "the text is neither UTF-8 nor Windows-1252 (byte {offset}); save it again as UTF-8.",
    },
    "layers.not_text": {
        "fr": "ce n'est pas un fichier texte (octet nul à la position {offset} : compressé ou "
        "binaire ?) ; fournissez le CSV lui-même.",
        "en": "this is not a text file (a NUL byte at offset {offset}: compressed or "
        "binary?); provide the CSV itself.",
    },
    "layers.text_nul": {
        "fr": "le texte contient un caractère nul (position {offset}) qui couperait les noms ; "
        "retirez-le du fichier.",
        "en": "the text holds a NUL character (offset {offset}) that would cut names short; "
        "remove it from the file.",
    },
    "layers.text_control": {
        "fr": "{count} valeurs de « {field} » contiennent des caractères de contrôle "
        "(identifiants : {ids} ; valeurs : {values}) ; retirez-les du fichier.",
        "en": "{count} values of '{field}' hold control characters (ids: {ids}; values: "
        "{values}); remove them from the file.",
    },
    "layers.values_impossible": {
        "fr": "{count} valeurs de « {field} » sont impossibles : infinies ou au-delà de {limit} "
        "(identifiants : {ids} ; valeurs : {values}) ; corrigez le fichier source.",
        "en": "{count} values of '{field}' cannot be true: infinite or beyond {limit} (ids: "
        "{ids}; values: {values}); correct the source file.",
    },
    "layer.checksum_mismatch": {
        "fr": "La couche « {kind} » version {version} ne se vérifie pas : le fichier {file} a été "
        "modifié ou abîmé depuis son chargement ; rechargez-la ou faites « gim-broadband "
        "rollback {kind} ».",
        "en": "Layer '{kind}' version {version} does not verify: file {file} was changed or "
        "damaged since it was loaded; load it again or run 'gim-broadband rollback {kind}'.",
    },
    "layer.unreadable": {
        "fr": "La couche « {kind} » est illisible (fichier {file}) ; rechargez-la ou faites « "
        "gim-broadband rollback {kind} ».",
        "en": "Layer '{kind}' cannot be read (file {file}); load it again or run 'gim-broadband "
        "rollback {kind}'.",
    },
    "layer.fallback": {
        "fr": "Couche « {kind} » : le fichier {file} de la version {current} ne se vérifie pas ; "
        "la version {version}, intacte, est servie. Rechargez la couche pour corriger.",
        "en": "Layer '{kind}': file {file} of version {current} does not verify; version "
        "{version}, intact, is served. Load the layer again to fix this.",
    },
    "layer.pointer_rebuilt": {
        "fr": "Le pointeur current.json manquait ou était abîmé ; il a été refait à partir des "
        "versions complètes les plus récentes ({versions}).",
        "en": "The current.json pointer was missing or damaged; it was rebuilt from the newest "
        "complete versions ({versions}).",
    },
    "layer.meta_unreadable": {
        "fr": "Les métadonnées {file} de la couche « {kind} » sont illisibles ; restaurez le "
        "fichier ou retirez cette version du magasin.",
        "en": "The metadata {file} of layer '{kind}' cannot be read; restore the file or "
        "remove that version from the store.",
    },
    "layers.speeds_impossible": {
        "fr": "vitesses impossibles dans {field} (par exemple {values}, PHH {ids}) ; une vitesse "
        "est un nombre de 0 à 100 000 Mbit/s.",
        "en": "impossible speeds in {field} (for example {values}, PHH {ids}); a speed is a "
        "number from 0 to 100,000 Mbps.",
    },
    "layers.text_nul_features": {
        "fr": {
            "one": "{count} entité a un texte contenant un caractère nul (que GDAL couperait) ; "
            "corrigez ce texte dans la couche.",
            "other": "{count} entités ont un texte contenant un caractère nul (que GDAL "
            "couperait) ; corrigez ces textes dans la couche.",
        },
        "en": {
            "one": "{count} feature has text holding a NUL character (which GDAL would cut); fix "
            "that text in the layer.",
            "other": "{count} features have text holding a NUL character (which GDAL would cut); "
            "fix those texts in the layer.",
        },
    },
}
