"""Texts of finding and inspecting: the place search, the "what is here" panel, the emphasis."""

MESSAGES = {
    # Search
    "maps.search.empty": {
        "fr": "Recherche vide : donnez au moins une lettre ou un chiffre d'un nom (q=gaspe).",
        "en": "Empty search: give at least one letter or digit of a name (q=gaspe).",
    },
    "maps.search.too_long": {
        "fr": "Recherche trop longue : au plus {maximum} caractères.",
        "en": "Search too long: at most {maximum} characters.",
    },
    "maps.search.limit": {
        "fr": "Nombre de résultats « {value} » hors limites : de 1 à {maximum}.",
        "en": "Number of results '{value}' out of range: 1 to {maximum}.",
    },
    "maps.search.kind.municipality": {"fr": "Municipalité", "en": "Municipality"},
    "maps.search.kind.mrc": {"fr": "MRC", "en": "MRC"},
    "maps.search.kind.community": {"fr": "Collectivité ISDE", "en": "ISED community"},
    "maps.search.kind.place": {"fr": "Lieu habité", "en": "Populated place"},
    "maps.search.label": {"fr": "Chercher un lieu", "en": "Find a place"},
    "maps.search.placeholder": {"fr": "p. ex. {examples}", "en": "e.g. {examples}"},
    "maps.search.help": {
        "fr": "Flèches pour choisir, Entrée pour ouvrir, Échap pour fermer.",
        "en": "Arrows to choose, Enter to open, Escape to close.",
    },
    "maps.search.none": {"fr": "Aucun lieu trouvé", "en": "No place found"},
    "maps.search.failed": {
        "fr": "La recherche n'a pas répondu ; réessayez.",
        "en": "The search did not answer; try again.",
    },
    # What is here
    "maps.here.title": {"fr": "Qu'y a-t-il ici ?", "en": "What is here?"},
    "maps.here.close": {"fr": "Fermer", "en": "Close"},
    "maps.here.loading": {"fr": "Recherche…", "en": "Looking…"},
    "maps.here.failed": {
        "fr": "Le point n'a pas pu être examiné ; réessayez.",
        "en": "The point could not be looked up; try again.",
    },
    "maps.here.municipality": {"fr": "Municipalité", "en": "Municipality"},
    "maps.here.mrc": {"fr": "MRC", "en": "MRC"},
    "maps.here.outside": {
        "fr": "Hors de la région, à {distance} de la municipalité la plus proche",
        "en": "Outside the region, {distance} from the nearest municipality",
    },
    "maps.here.snapped": {
        "fr": "Hors de toute limite, rattaché à la municipalité à {distance} (règle côtière)",
        "en": "Outside every border, assigned to the municipality {distance} away (coastal rule)",
    },
    "maps.here.nearby": {
        "fr": "Logements à moins de {radius} (points de ménage ISDE)",
        "en": "Dwellings within {radius} (ISED household points)",
    },
    "maps.here.nearby_none": {
        "fr": "Aucun ménage à moins de {radius}.",
        "en": "No household within {radius}.",
    },
    "maps.here.family": {"fr": "Famille de service", "en": "Service family"},
    "maps.here.dwellings": {"fr": "Logements", "en": "Dwellings"},
    "maps.here.best": {"fr": "Meilleure vitesse signalée", "en": "Best speed reported"},
    "maps.here.classes": {
        "fr": "À {threshold} Mbit/s, {technologies}",
        "en": "At {threshold} Mbps, {technologies}",
    },
    "maps.here.nearest": {
        "fr": "Ménage le plus proche : {distance}, {label}",
        "en": "Nearest household: {distance}, {label}",
    },
    "maps.here.lte": {
        "fr": "LTE mobile au ménage le plus proche",
        "en": "LTE mobile at the nearest household",
    },
    "maps.here.lte_yes": {"fr": "disponible", "en": "available"},
    "maps.here.lte_no": {"fr": "non disponible", "en": "not available"},
    "maps.here.lte_unknown": {"fr": "non indiqué par la source", "en": "not given by the source"},
    "maps.here.open": {"fr": "Ouvrir la page de {name}", "en": "Open the page of {name}"},
    "maps.here.help": {
        "fr": "Clavier : quand la carte a le focus, Entrée affiche une croix ; les flèches la "
        "déplacent, Entrée examine le point, Échap la retire.",
        "en": "Keyboard: with the map focused, Enter shows a crosshair; arrows move it, Enter "
        "looks the point up, Escape removes it.",
    },
    "maps.here.mbps": {"fr": "Mbit/s", "en": "Mbps"},
    "maps.here.point": {"fr": "Point examiné : {point}", "en": "Point looked up: {point}"},
    "maps.here.layers": {"fr": "Couches", "en": "Layers"},
    "maps.here.crosshair": {
        "fr": "Croix de visée : flèches pour la déplacer, Entrée pour examiner le point",
        "en": "Crosshair: arrows to move it, Enter to look the point up",
    },
    # Emphasis
    "maps.emphasis.label": {"fr": "Mettre en évidence", "en": "Emphasis"},
    "maps.emphasis.share": {"fr": "part des logements", "en": "share of dwellings"},
    "maps.emphasis.below": {
        "fr": "logements sous le seuil (cercles)",
        "en": "dwellings below the threshold (circles)",
    },
    "maps.emphasis.circles": {
        "fr": "Cercle : logements mal desservis ou non desservis ; sa surface suit leur nombre.",
        "en": "Circle: underserved or unserved dwellings; its area follows their number.",
    },
    "maps.emphasis.scale": {"fr": "{count} logements", "en": "{count} dwellings"},
    "maps.legend.sparse": {
        "fr": "hachuré, bord en tirets : territoire non organisé (TNO) ou moins de {dwellings} "
        "logements — sa couleur repose sur très peu de logements",
        "en": "hatched, dashed border: unorganized territory (TNO) or fewer than {dwellings} "
        "dwellings — its colour rests on very few homes",
    },
    "maps.map.help_touch": {
        "fr": "Touchez la carte pour voir ce qu'il y a à cet endroit : la municipalité, ses "
        "chiffres, les services signalés tout près et le lien vers sa page. Les mêmes chiffres "
        "figurent dans les tableaux plus bas.",
        "en": "Tap the map to see what is there: the municipality, its figures, the services "
        "reported close by and the link to its page. The same figures are in the tables below.",
    },
}
