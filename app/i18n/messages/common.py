"""Messages shared by every part of the service."""

MESSAGES = {
    "app.title": {
        "fr": "Carte de la connectivité — {region}",
        "en": "Connectivity map — {region}",
    },
    "demo.banner": {
        "fr": "Données de démonstration : la couche des ménages est synthétique et ne décrit "
        "pas le service réel. Chargez les fichiers ISDE pour voir la réalité.",
        "en": "Demonstration data: the households layer is synthetic and does not describe "
        "real service. Load the ISED files to see the real picture.",
    },
    "error.not_found": {
        "fr": "Rien à cette adresse : {path}. Voir /docs pour les adresses disponibles.",
        "en": "Nothing at this address: {path}. See /docs for the available addresses.",
    },
    "error.internal": {
        "fr": "Erreur interne du service. Réessayez ; si elle persiste, signalez-la.",
        "en": "Internal service error. Try again; if it persists, report it.",
    },
    "error.validation": {
        "fr": "Paramètre invalide « {field} » : {problem}.",
        "en": "Invalid parameter '{field}': {problem}.",
    },
    "layer.missing": {
        "fr": "La couche « {kind} » n'est pas chargée : chargez-la avec "
        "« gim-broadband load {kind} FICHIER ».",
        "en": "Layer '{kind}' is not loaded: load it with 'gim-broadband load {kind} FILE'.",
    },
}
