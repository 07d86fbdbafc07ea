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
        "fr": "le champ {field} a {count} valeur(s) qui ne sont pas des nombres (p. ex. "
        "{values}) ; corrigez-les.",
        "en": "field {field} has {count} value(s) that are not numbers (e.g. {values}); fix them.",
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
        "fr": "le champ {field} est vide ou NaN pour {count} entité(s) (p. ex. {ids}) ; "
        "remplissez-le.",
        "en": "field {field} is blank or NaN for {count} feature(s) (e.g. {ids}); fill it in.",
    },
    "layers.values_negative": {
        "fr": "le champ {field} est négatif pour {count} entité(s) (p. ex. {ids} : {values}) ; "
        "un compte ou une vitesse ne peut être négatif.",
        "en": "field {field} is negative for {count} feature(s) (e.g. {ids}: {values}); a count "
        "or a speed cannot be negative.",
    },
    "layers.values_unknown": {
        "fr": "le champ {field} contient des valeurs inconnues ({values}) ; valeurs acceptées : "
        "{accepted}.",
        "en": "field {field} holds unknown values ({values}); accepted values: {accepted}.",
    },
    "layers.ids_blank": {
        "fr": "l'identifiant {field} est vide pour {count} entité(s) ; chaque entité en a besoin.",
        "en": "identifier {field} is blank for {count} feature(s); every feature needs one.",
    },
    "layers.ids_duplicated": {
        "fr": "l'identifiant {field} se répète ({count} doublon(s), p. ex. {ids}) ; chaque "
        "valeur doit être unique.",
        "en": "identifier {field} repeats ({count} duplicate(s), e.g. {ids}); each value must be "
        "unique.",
    },
    "layers.geometry_missing": {
        "fr": "{count} entité(s) sans géométrie (p. ex. {ids}) ; ajoutez-la ou retirez-les.",
        "en": "{count} feature(s) without geometry (e.g. {ids}); add it or remove them.",
    },
    "layers.geometry_type": {
        "fr": "la couche « {kind} » demande des géométries {accepted}, le fichier a {found} "
        "({count} entité(s)) ; fournissez la bonne couche.",
        "en": "layer '{kind}' needs {accepted} geometries, the file has {found} ({count} "
        "feature(s)); provide the right layer.",
    },
    "layers.geometry_invalid": {
        "fr": "{count} géométrie(s) invalide(s) (p. ex. {ids} : {reason}) ; corrigez-les, ou "
        "chargez sans --strict pour les réparer.",
        "en": "{count} invalid geometry(ies) (e.g. {ids}: {reason}); fix them, or load without "
        "--strict to repair them.",
    },
    "layers.geometry_unrepairable": {
        "fr": "{count} géométrie(s) invalide(s) irréparable(s) (p. ex. {ids}) ; corrigez-les "
        "dans un SIG.",
        "en": "{count} invalid geometry(ies) cannot be repaired (e.g. {ids}); fix them in a GIS.",
    },
    "layers.coordinates_swapped": {
        "fr": "latitude et longitude inversées pour {count} entité(s) (p. ex. {ids}) ; "
        "échangez les colonnes (ou l'ordre des axes) et rechargez.",
        "en": "latitude and longitude are swapped for {count} feature(s) (e.g. {ids}); swap "
        "the columns (or the axis order) and load again.",
    },
    "layers.coordinates_blank": {
        "fr": "{count} point(s) sans latitude ou longitude ; remplissez-les ou retirez ces lignes.",
        "en": "{count} point(s) without latitude or longitude; fill them in or remove the rows.",
    },
    "layers.outside_region": {
        "fr": "aucune entité dans la région (étendue du fichier : {bounds} ; région : {region}) "
        "; vérifiez le système de coordonnées (--crs) et la zone couverte.",
        "en": "no feature in the region (file extent: {bounds}; region: {region}); check the "
        "coordinate reference system (--crs) and the area covered.",
    },
    "layers.outside_some": {
        "fr": "{count} entité(s) hors de la région (p. ex. {ids}) ; retirez-les ou chargez sans "
        "--strict pour les écarter.",
        "en": "{count} feature(s) outside the region (e.g. {ids}); remove them or load without "
        "--strict to leave them out.",
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
        "fr": "ce n'est pas un fichier de vitesses PHH d'ISDE (PHH_ID et "
        "Combined_Max_Threshold-Combine_Seuil_Max attendus ; colonnes présentes : {present}).",
        "en": "not an ISED PHH speeds file (PHH_ID and Combined_Max_Threshold-Combine_Seuil_Max "
        "expected; columns present: {present}).",
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
        "fr": "{count} géométrie(s) invalide(s) réparée(s) (p. ex. {ids}).",
        "en": "{count} invalid geometry(ies) repaired (e.g. {ids}).",
    },
    "layers.warn_outside": {
        "fr": "{count} entité(s) hors de la région écartée(s) ; {kept} conservée(s).",
        "en": "{count} feature(s) outside the region left out; {kept} kept.",
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
        "fr": "{count} point(s) PHH sans ligne de vitesses : comptés sans service.",
        "en": "{count} PHH point(s) without a speeds row: counted as without service.",
    },
    "layers.warn_unassigned": {
        "fr": "{count} point(s) ({dwellings} logements) dans la région mais hors de toute "
        "municipalité : comptés à part comme « non attribués ».",
        "en": "{count} point(s) ({dwellings} dwellings) in the region but outside every "
        "municipality: counted apart as 'unassigned'.",
    },
    "layers.warn_no_vintage": {
        "fr": "aucun millésime (--vintage AAAA-MM) : la provenance l'indiquera comme inconnu.",
        "en": "no vintage (--vintage YYYY-MM): provenance will show it as unknown.",
    },
    # Command line.
    "cli.help": {
        "fr": "Charger et gérer les couches de la carte de connectivité GÎM.",
        "en": "Load and manage the layers of the GÎM connectivity map.",
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
        "fr": "fichier de vitesses PHH d'ISDE, joint aux points sur PHH_ID (households)",
        "en": "ISED PHH speeds file, joined to the points on PHH_ID (households)",
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
        "fr": "{kind} : version {version} chargée et rendue courante ({features} entités, "
        "{seconds} s).",
        "en": "{kind}: version {version} loaded and made current ({features} features, "
        "{seconds} s).",
    },
    "cli.dry_run": {
        "fr": "{kind} : fichier valide, rien d'écrit (--dry-run) ; {features} entités seraient "
        "chargées.",
        "en": "{kind}: file valid, nothing written (--dry-run); {features} features would be "
        "loaded.",
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
}
