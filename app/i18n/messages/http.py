"""Titles of HTTP problems and generic error texts."""

MESSAGES = {
    "http.400": {"fr": "Requête invalide", "en": "Bad request"},
    "http.401": {"fr": "Authentification requise", "en": "Authentication required"},
    "http.403": {"fr": "Accès refusé", "en": "Forbidden"},
    "http.404": {"fr": "Introuvable", "en": "Not found"},
    "http.405": {"fr": "Méthode non permise", "en": "Method not allowed"},
    "http.406": {"fr": "Format non disponible", "en": "Not acceptable"},
    "http.413": {"fr": "Fichier trop volumineux", "en": "Payload too large"},
    "http.415": {"fr": "Type de contenu non pris en charge", "en": "Unsupported media type"},
    "http.422": {"fr": "Paramètre invalide", "en": "Invalid parameter"},
    "http.500": {"fr": "Erreur interne", "en": "Internal error"},
    "http.503": {"fr": "Service indisponible", "en": "Service unavailable"},
    "error.home_link": {"fr": "Retour à la carte", "en": "Back to the map"},
    "http.408": {"fr": "Délai dépassé", "en": "Request timeout"},
    "http.body_too_large": {
        "fr": "Requête trop volumineuse : la limite est de {limit} Mo (GIM_MAX_BODY_MB).",
        "en": "Request too large: the limit is {limit} MB (GIM_MAX_BODY_MB).",
    },
    "http.head_too_large": {
        "fr": "En-têtes de requête trop grands : la limite est de {limit} octets.",
        "en": "Request headers too large: the limit is {limit} bytes.",
    },
    "http.body_timeout": {
        "fr": "Requête trop lente : le corps doit arriver en {seconds} s (GIM_BODY_TIMEOUT_S).",
        "en": "Request too slow: the body must arrive within {seconds} s (GIM_BODY_TIMEOUT_S).",
    },
    "health.reload_refused": {
        "fr": "Les dernières versions du magasin n'ont pas pu être servies ; les précédentes "
        "restent en service : {reason:fr}",
        "en": "The newest versions in the store could not be served; the previous ones are "
        "still served: {reason:en}",
    },
}
