"""Messages of the gap analysis: thresholds, classes, rankings, hexagon estimates."""

MESSAGES = {
    "threshold.malformed": {
        "fr": "Seuil illisible : « {value} ». Le seuil doit ressembler à 50/10 : débit "
        "descendant / débit montant en Mbit/s, par exemple 25/5 ou 1.5/0.5.",
        "en": "Unreadable threshold: '{value}'. A threshold looks like 50/10: download / upload "
        "speed in Mbps, for example 25/5 or 1.5/0.5.",
    },
    "threshold.out_of_range": {
        "fr": "Seuil hors limites : « {value} ». Le débit descendant doit être supérieur à 0 et "
        "le débit montant au moins 0, tous deux au plus {max} Mbit/s (par exemple 50/10).",
        "en": "Threshold out of range: '{value}'. The download speed must be above 0 and the "
        "upload speed at least 0, both at most {max} Mbps (for example 50/10).",
    },
    "gaps.level_unknown": {
        "fr": "Niveau de classement inconnu : « {value} ». Choisissez parmi : {accepted}.",
        "en": "Unknown ranking level: '{value}'. Choose one of: {accepted}.",
    },
    "gaps.sort_unknown": {
        "fr": "Ordre de classement inconnu : « {value} ». Choisissez parmi : {accepted}.",
        "en": "Unknown ranking order: '{value}'. Choose one of: {accepted}.",
    },
    "gaps.fields_missing": {
        "fr": "La couche « {kind} » n'a pas les champs {fields}. Ajoutez-les, puis rechargez "
        "la couche.",
        "en": "Layer '{kind}' lacks the fields {fields}. Add them, then load the layer again.",
    },
    "gaps.code_duplicated": {
        "fr": "Le code de municipalité « {code} » apparaît plus d'une fois. Chaque municipalité "
        "doit avoir un seul polygone (fusionnez les parties en un multipolygone).",
        "en": "Municipality code '{code}' appears more than once. Each municipality must have "
        "one feature (merge its parts into one multipolygon).",
    },
    "gaps.technology_unknown": {
        "fr": "Technologie inconnue dans la couche des ménages : {value}. Valeurs permises : "
        "{accepted}.",
        "en": "Unknown technology in the households layer: {value}. Allowed values: {accepted}.",
    },
    "gaps.crs_missing": {
        "fr": "La couche « {kind} » n'a pas de système de coordonnées. Déclarez-le (par "
        "exemple EPSG:4326), puis rechargez la couche.",
        "en": "Layer '{kind}' has no coordinate reference system. Declare it (for example "
        "EPSG:4326), then load the layer again.",
    },
    "hexagons.share_class_unknown": {
        "fr": "Classe de part des logements à 50/10 illisible dans la couche des hexagones : "
        "« {value} ». Valeurs attendues : >0% - 25%, >25% - 50%, >50% - 75%, >75% - 100% ou 0.",
        "en": "Unreadable 50/10 dwelling-share class in the hexagons layer: '{value}'. "
        "Expected values: >0% - 25%, >25% - 50%, >50% - 75%, >75% - 100% or 0.",
    },
    "gaps.class.served": {"fr": "desservi", "en": "served"},
    "gaps.class.underserved": {"fr": "mal desservi", "en": "underserved"},
    "gaps.class.unserved": {"fr": "non desservi", "en": "unserved"},
    "gaps.class.unknown": {"fr": "indéterminé", "en": "unknown"},
    "gaps.unassigned": {
        "fr": {
            "one": "{count} ménage (logements : {dwellings}) est hors de toute municipalité : "
            "il compte dans la région, pas dans une municipalité ni une MRC.",
            "other": "{count} ménages (logements : {dwellings}) sont hors de toute "
            "municipalité : ils comptent dans la région, pas dans une municipalité ni "
            "une MRC.",
        },
        "en": {
            "one": "{count} household (dwellings: {dwellings}) lies outside every "
            "municipality: it counts in the region, not in any municipality or MRC.",
            "other": "{count} households (dwellings: {dwellings}) lie outside every "
            "municipality: they count in the region, not in any municipality or MRC.",
        },
    },
    "gaps.approximate": {
        "fr": "Approximatif : estimé à partir des hexagones d'ISDE, répartis entre les "
        "municipalités au prorata de la superficie.",
        "en": "Approximate: estimated from ISED hexagons, split between municipalities in "
        "proportion to area.",
    },
    "threshold.below_lowest_tier": {
        "fr": "Seuil trop bas : « {value} ». Les données d'ISDE commencent au palier {lowest} "
        "(en dessous, « non desservi » ne voudrait plus rien dire) ; choisissez un seuil d'au "
        "moins {lowest}, par exemple 5/1, 25/5 ou 50/10.",
        "en": "Threshold too low: '{value}'. ISED's data start at the {lowest} tier (below it "
        "'unserved' would mean nothing); choose a threshold of at least {lowest}, for example "
        "5/1, 25/5 or 50/10.",
    },
    "technology.unknown": {
        "fr": "Choix de technologies inconnu : « {value} ». Choisissez parmi : {accepted} "
        "(plusieurs familles séparées par des virgules).",
        "en": "Unknown technology choice: '{value}'. Choose among: {accepted} (several "
        "families separated by commas).",
    },
    "technology.choice.terrestrial": {
        "fr": "services terrestres (filaire et sans-fil fixe)",
        "en": "terrestrial services (wired and fixed wireless)",
    },
    "technology.choice.all": {
        "fr": "tous les services, satellite compris",
        "en": "all services, satellite included",
    },
    "technology.choice.wired": {"fr": "filaire seulement", "en": "wired only"},
    "technology.choice.fixed_wireless": {
        "fr": "sans-fil fixe seulement",
        "en": "fixed wireless only",
    },
    "technology.choice.satellite": {"fr": "satellite seulement", "en": "satellite only"},
    "services.unreadable": {
        "fr": "Service illisible : « {value} ». Écrivez « technologie descendant/montant » "
        "(fibre 1000/500), « wired 50/10+ » (au moins) ou « wired 25/5-50/10 » (intervalle), "
        "séparés par « ; » ; technologies : fibre, cable, dsl, wired, fixed_wireless, satellite.",
        "en": "Unreadable service: '{value}'. Write 'technology down/up' (fibre 1000/500), "
        "'wired 50/10+' (at least) or 'wired 25/5-50/10' (interval), separated by ';'; "
        "technologies: fibre, cable, dsl, wired, fixed_wireless, satellite.",
    },
    "gaps.rows_not_in_memory": {
        "fr": "Ce service lit les ménages dans la base de données : leurs lignes ne sont pas en "
        "mémoire. Posez GIM_HOUSEHOLDS_IN_MEMORY=true pour les y garder.",
        "en": "This service reads households from the database: their rows are not in memory. "
        "Set GIM_HOUSEHOLDS_IN_MEMORY=true to keep them there.",
    },
    "gaps.keys_unknown": {
        "fr": "Des ménages lus ne figurent pas dans les sommes de leur version : rechargez le "
        "service.",
        "en": "Households read are not in the sums of their version: reload the service.",
    },
    "gaps.lte_unknown": {
        "fr": "Valeurs LTE inconnues dans la couche des ménages : {values}. Valeurs permises : "
        "1 (oui), 0 (non), -1 (non déclaré).",
        "en": "Unknown LTE values in the households layer: {values}. Allowed values: 1 (yes), "
        "0 (no), -1 (not reported).",
    },
}
