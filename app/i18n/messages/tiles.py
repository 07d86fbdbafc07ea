"""Texts of the vector tiles (/tiles): what tile exists and why one is refused."""

MESSAGES = {
    "tiles.layer_unknown": {
        "fr": "Aucune couche de tuiles ne s'appelle « {layer} » : choisissez parmi {layers}.",
        "en": "No tile layer is called '{layer}': choose one of {layers}.",
    },
    "tiles.zoom_unknown": {
        "fr": "Niveau de zoom {z} sans tuiles : de 0 à {last}.",
        "en": "Zoom level {z} has no tiles: 0 to {last}.",
    },
    "tiles.outside": {
        "fr": "La tuile {z}/{x}/{y} est hors du monde : au zoom {z}, x et y vont de 0 à {last}.",
        "en": "Tile {z}/{x}/{y} is outside the world: at zoom {z}, x and y run from 0 to {last}.",
    },
    "tiles.households_zoom": {
        "fr": "Les logements ne sont servis en tuiles qu'à partir du zoom {first} (demandé : "
        "{z}) ; plus loin, utilisez la couche « cells », qui les compte par hexagone.",
        "en": "Households are served as tiles from zoom {first} only (asked: {z}); further "
        "out, use the 'cells' layer, which counts them per hexagon.",
    },
}
