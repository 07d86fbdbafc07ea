"""Texts of the map pages, their legends, tables and tooltips."""

MESSAGES = {
    "maps.census_year_page_note": {
        "fr": "Population et logements : recensement de {year}, le plus récent qui les donne.",
        "en": "Population and dwellings: {year} census, the latest that gives them.",
    },
    "maps.census_year_note": {
        "fr": "{name} (dénombrements du recensement de {year})",
        "en": "{name} ({year} census counts)",
    },
    # Errors
    "maps.mrc_unknown": {
        "fr": "Aucune MRC n'a le code « {code} ». Choisissez-en une dans la liste de la carte "
        "(codes 2401 à 2406).",
        "en": "No MRC has code '{code}'. Pick one from the list on the map (codes 2401 to 2406).",
    },
    "maps.municipality_unknown": {
        "fr": "Aucune municipalité n'a le code « {code} ». Cliquez sur une municipalité de la "
        "carte ou du tableau.",
        "en": "No municipality has code '{code}'. Click a municipality on the map or in the table.",
    },
    "maps.level_unknown": {
        "fr": "Niveau de détail {level} inconnu : de 0 à {last}.",
        "en": "Unknown level of detail {level}: 0 to {last}.",
    },
    # Page chrome
    "maps.title.threshold": {
        "fr": "logements desservis à {threshold} Mbit/s",
        "en": "dwellings served at {threshold} Mbps",
    },
    "maps.skip.main": {"fr": "Aller au contenu", "en": "Skip to content"},
    "maps.skip.table": {"fr": "Aller aux tableaux de données", "en": "Skip to the data tables"},
    "maps.controls": {"fr": "Réglages de la carte", "en": "Map settings"},
    "maps.threshold.label": {
        "fr": "Seuil (descendant/montant, Mbit/s)",
        "en": "Threshold (download/upload, Mbps)",
    },
    "maps.threshold.help": {
        "fr": "p. ex. 50/10, l'objectif du CRTC",
        "en": "e.g. 50/10, the CRTC objective",
    },
    "maps.threshold.presets": {"fr": "Seuils courants", "en": "Common thresholds"},
    "maps.apply": {"fr": "Appliquer", "en": "Apply"},
    "maps.mrc.label": {"fr": "MRC", "en": "MRC"},
    "maps.show": {"fr": "Afficher", "en": "Show"},
    "maps.nav.region": {"fr": "Toute la région", "en": "Whole region"},
    "maps.trail": {"fr": "Vous êtes ici", "en": "You are here"},
    "maps.lang.name": {"fr": "Français", "en": "English"},
    "maps.map.label": {
        "fr": "Carte des logements desservis à {threshold} Mbit/s",
        "en": "Map of dwellings served at {threshold} Mbps",
    },
    "maps.map.help": {
        "fr": "Survolez une municipalité pour voir ses chiffres, cliquez pour l'ouvrir. Les "
        "mêmes chiffres figurent dans les tableaux plus bas.",
        "en": "Hover over a municipality to see its figures, click to open it. The same "
        "figures are in the tables below.",
    },
    "maps.summary.caption": {
        "fr": "{place} : logements à {threshold} Mbit/s",
        "en": "{place}: dwellings at {threshold} Mbps",
    },
    "maps.summary.count": {"fr": "Nombre", "en": "Count"},
    "maps.summary.share": {"fr": "Part des logements", "en": "Share of dwellings"},
    "maps.unassigned": {
        "fr": {
            "one": "{count} ménage est hors de toute municipalité : il compte dans la région, "
            "dans aucune MRC.",
            "other": "{count} ménages sont hors de toute municipalité : ils comptent dans la "
            "région, dans aucune MRC.",
        },
        "en": {
            "one": "{count} household lies outside every municipality: it counts in the region, "
            "in no MRC.",
            "other": "{count} households lie outside every municipality: they count in the "
            "region, in no MRC.",
        },
    },
    "maps.view.tables": {
        "fr": "Voir les chiffres en tableaux, sans la carte",
        "en": "See the figures as tables, without the map",
    },
    "maps.view.map": {"fr": "Voir la carte", "en": "See the map"},
    "maps.data.title": {"fr": "Les chiffres en tableaux", "en": "The figures as tables"},
    "maps.method": {
        "fr": "Chiffres pondérés par les logements des points de ménages, non par la superficie. "
        "Desservi : le meilleur service offert atteint {threshold} Mbit/s en descendant et en "
        "montant. Mal desservi : un service, sous ce seuil. Non desservi : moins de 5/1 Mbit/s "
        "ou aucun service.",
        "en": "Figures are weighted by the dwellings of the household points, not by area. "
        "Served: the best service available reaches {threshold} Mbps down and up. "
        "Underserved: some service, below that threshold. Unserved: below 5/1 Mbps or no "
        "service at all.",
    },
    "maps.no_dwellings": {"fr": "aucun logement", "en": "no dwellings"},
    # Layers and legend
    "maps.legend.title": {"fr": "Légende", "en": "Legend"},
    "maps.layer.tiles": {"fr": "Fond de carte", "en": "Base map"},
    "maps.layer.areas": {
        "fr": "Part des logements desservis à {threshold}",
        "en": "Share of dwellings served at {threshold}",
    },
    "maps.layer.cells": {
        "fr": "Logements sous le seuil {threshold} (hexagones)",
        "en": "Dwellings below {threshold} (hexagons)",
    },
    "maps.layer.mrcs": {"fr": "Limites des MRC", "en": "MRC boundaries"},
    "maps.layer.points": {
        "fr": "Points de communauté ISED (dorsale)",
        "en": "ISED community points (backbone)",
    },
    "maps.legend.share_0": {"fr": "moins de 50 %", "en": "under 50%"},
    "maps.legend.share_1": {"fr": "50 % à moins de 80 %", "en": "50% to under 80%"},
    "maps.legend.share_2": {"fr": "80 % à moins de 90 %", "en": "80% to under 90%"},
    "maps.legend.share_3": {"fr": "90 % à moins de 100 %", "en": "90% to under 100%"},
    "maps.legend.share_4": {"fr": "100 % (tous desservis)", "en": "100% (all served)"},
    "maps.legend.no_data": {
        "fr": "aucun logement ou pas de données (TNO)",
        "en": "no dwellings or no data (TNO)",
    },
    "maps.legend.cells_0": {"fr": "moins de 10 logements", "en": "under 10 dwellings"},
    "maps.legend.cells_1": {"fr": "10 à 49 logements", "en": "10 to 49 dwellings"},
    "maps.legend.cells_2": {"fr": "50 à 199 logements", "en": "50 to 199 dwellings"},
    "maps.legend.cells_3": {"fr": "200 logements ou plus", "en": "200 dwellings or more"},
    "maps.legend.point_satellite": {
        "fr": "dépend du satellite",
        "en": "satellite-dependent",
    },
    "maps.legend.point_no_fibre": {
        "fr": "sans dorsale de fibre",
        "en": "no fibre backbone",
    },
    "maps.legend.point_cti": {"fr": "dorsale CTI", "en": "CTI backbone"},
    "maps.legend.point_other": {"fr": "autre point", "en": "other point"},
    "maps.flag.satellite_dependent": {"fr": "dépend du satellite", "en": "satellite-dependent"},
    "maps.flag.no_fibre_backbone": {"fr": "sans dorsale de fibre", "en": "no fibre backbone"},
    "maps.flag.cti_backbone": {"fr": "dorsale CTI", "en": "CTI backbone"},
    "maps.flag.none": {"fr": "aucun indicateur de dorsale", "en": "no backbone flag"},
    # Tooltips
    "maps.tooltip.dwellings": {"fr": "Logements", "en": "Dwellings"},
    "maps.tooltip.share": {
        "fr": "Desservis à {threshold}",
        "en": "Served at {threshold}",
    },
    "maps.tooltip.unserved_dwellings": {"fr": "Non desservis", "en": "Unserved"},
    "maps.tooltip.underserved_dwellings": {"fr": "Mal desservis", "en": "Underserved"},
    "maps.tooltip.below": {
        "fr": "Logements sous {threshold}",
        "en": "Dwellings below {threshold}",
    },
    # Tables
    "maps.table.mrcs": {
        "fr": "Logements desservis à {threshold} Mbit/s par MRC — {place}",
        "en": "Dwellings served at {threshold} Mbps by MRC — {place}",
    },
    "maps.table.municipalities": {
        "fr": "Logements desservis à {threshold} Mbit/s par municipalité — {place}",
        "en": "Dwellings served at {threshold} Mbps by municipality — {place}",
    },
    "maps.table.technologies": {
        "fr": "Logements de {place} selon la meilleure technologie offerte",
        "en": "Dwellings of {place} by best technology available",
    },
    "maps.column.municipality": {"fr": "Municipalité", "en": "Municipality"},
    "maps.column.mrc": {"fr": "MRC", "en": "MRC"},
    "maps.column.dwellings": {"fr": "Logements", "en": "Dwellings"},
    "maps.column.served_dwellings": {"fr": "Desservis", "en": "Served"},
    "maps.column.share": {"fr": "Part desservie", "en": "Share served"},
    "maps.column.underserved_dwellings": {"fr": "Mal desservis", "en": "Underserved"},
    "maps.column.unserved_dwellings": {"fr": "Non desservis", "en": "Unserved"},
    "maps.column.population": {"fr": "Population", "en": "Population"},
    "maps.column.census_dwellings": {
        "fr": "Logements au recensement",
        "en": "Dwellings in the census",
    },
    "maps.column.technology": {"fr": "Meilleure technologie", "en": "Best technology"},
    "maps.column.served_at": {"fr": "Desservis à {threshold}", "en": "Served at {threshold}"},
    "maps.tech.fibre": {"fr": "Fibre optique", "en": "Fibre"},
    "maps.tech.cable": {"fr": "Câble", "en": "Cable"},
    "maps.tech.dsl": {"fr": "DSL (ligne téléphonique)", "en": "DSL (telephone line)"},
    "maps.tech.wired": {"fr": "Filaire, type non précisé", "en": "Wired, type not stated"},
    "maps.tech.fixed_wireless": {"fr": "Sans-fil fixe", "en": "Fixed wireless"},
    "maps.tech.satellite": {"fr": "Satellite", "en": "Satellite"},
    "maps.tech.none": {"fr": "Aucun service", "en": "No service"},
    # Provenance
    "maps.provenance.title": {"fr": "Sources des données", "en": "Data sources"},
    "maps.provenance.caption": {
        "fr": "Couches affichées : source, millésime, version et attribution",
        "en": "Layers shown: source, vintage, version and attribution",
    },
    "maps.provenance.layer": {"fr": "Couche", "en": "Layer"},
    "maps.provenance.source": {"fr": "Source", "en": "Source"},
    "maps.provenance.vintage": {"fr": "Millésime", "en": "Vintage"},
    "maps.provenance.version": {"fr": "Version", "en": "Version"},
    "maps.provenance.attribution": {"fr": "Attribution", "en": "Attribution"},
    "maps.provenance.demonstration": {"fr": "démonstration", "en": "demonstration"},
    "maps.kind.municipalities": {"fr": "Municipalités", "en": "Municipalities"},
    "maps.kind.mrcs": {"fr": "MRC", "en": "MRCs"},
    "maps.kind.households": {"fr": "Ménages", "en": "Households"},
    "maps.kind.community_points": {"fr": "Points de communauté", "en": "Community points"},
    "maps.kind.hexagons": {"fr": "Hexagones ISED", "en": "ISED hexagons"},
}
