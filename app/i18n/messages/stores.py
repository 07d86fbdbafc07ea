"""Messages of the layer stores: the PostGIS database and copying the folder into it."""

MESSAGES = {
    "stores.households_in_memory_needed": {
        "fr": "Seule une base PostGIS garde les ménages hors de la mémoire : posez "
        "GIM_DATABASE_URL, ou GIM_HOUSEHOLDS_IN_MEMORY=true.",
        "en": "Only a PostGIS database keeps the households out of memory: set "
        "GIM_DATABASE_URL, or GIM_HOUSEHOLDS_IN_MEMORY=true.",
    },
    "cli.help.copy-store": {
        "fr": "Copier toutes les versions du magasin de fichiers (geodata/ ou --store) dans une "
        "base PostGIS (GIM_DATABASE_URL ou --database), version courante comprise.",
        "en": "Copy every version of the folder store (geodata/ or --store) into a PostGIS "
        "database (GIM_DATABASE_URL or --database), current versions included.",
    },
    "cli.opt.database": {
        "fr": "base PostGIS de destination (par défaut GIM_DATABASE_URL)",
        "en": "PostGIS database to copy into (default GIM_DATABASE_URL)",
    },
    "cli.copied": {
        "fr": "{kind} : version {version} copiée.",
        "en": "{kind}: version {version} copied.",
    },
    "stores.database_needed": {
        "fr": "Aucune base de données : donnez --database postgresql://… ou GIM_DATABASE_URL.",
        "en": "No database: give --database postgresql://… or set GIM_DATABASE_URL.",
    },
    "stores.database_failed": {
        "fr": "La base de données a refusé ou n'a pas répondu ; rien n'a changé pour la version "
        "en cours : {reason}",
        "en": "The database refused or did not answer; the version in progress was not "
        "written: {reason}",
    },
}
