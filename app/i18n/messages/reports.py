"""Texts of the report cards and of the change-over-time view.

French typography: a no-break space (\u00a0) before ":" and inside "%" figures.
"""

MESSAGES = {
    # Report card
    "reports.title": {"fr": "Bulletin de connectivité", "en": "Broadband report card"},
    "reports.subtitle": {
        "fr": "Logements desservis à {threshold}\u00a0Mbit/s ou plus, {technologies}",
        "en": "Dwellings served at {threshold} Mbps or more, {technologies}",
    },
    "reports.kind.municipality": {
        "fr": "Municipalité de la MRC {mrc}",
        "en": "Municipality in the MRC {mrc}",
    },
    "reports.kind.mrc": {
        "fr": "Municipalité régionale de comté (MRC)",
        "en": "Regional county municipality (MRC)",
    },
    "reports.kind.region": {
        "fr": "Région administrative ({mrcs} MRC, {count} municipalités et territoires)",
        "en": "Administrative region ({mrcs} MRCs, {count} municipalities and territories)",
    },
    "reports.date": {"fr": "Produit le {date}", "en": "Produced on {date}"},
    "reports.vintages": {"fr": "Millésimes des données\u00a0:", "en": "Data vintages:"},
    "reports.demonstration": {
        "fr": "DÉMONSTRATION — les ménages sont synthétiques, pas le service réel. Chargez "
        "les fichiers d'ISDE pour des chiffres réels.",
        "en": "DEMONSTRATION — the households are synthetic, not real service. Load ISED's "
        "files for real figures.",
    },
    "reports.figures.title": {"fr": "Chiffres clés", "en": "Key figures"},
    "reports.figures.caption": {
        "fr": "Logements et population par classe de service, au seuil de {threshold}\u00a0Mbit/s",
        "en": "Dwellings and population by class of service, at {threshold} Mbps",
    },
    "reports.figures.class": {"fr": "Classe", "en": "Class"},
    "reports.figures.dwellings": {"fr": "Logements", "en": "Dwellings"},
    "reports.figures.population": {"fr": "Population", "en": "Population"},
    "reports.figures.share": {"fr": "Part", "en": "Share"},
    "reports.total": {"fr": "Total", "en": "Total"},
    "reports.figure.served": {"fr": "Desservis", "en": "Served"},
    "reports.figure.underserved": {
        "fr": "Mal desservis",
        "en": "Underserved",
    },
    "reports.figure.unserved": {
        "fr": "Non desservis",
        "en": "Unserved",
    },
    "reports.figure.unknown": {
        "fr": "Indéterminés",
        "en": "Unknown",
    },
    "reports.figure.satellite_only": {
        "fr": "Satellite seulement",
        "en": "Satellite only",
    },
    "reports.figure.no_lte": {"fr": "Sans réseau mobile LTE", "en": "Without LTE mobile"},
    "reports.classes_note": {
        "fr": "Desservi\u00a0: un service compté atteint les deux vitesses du seuil. Mal "
        "desservi\u00a0: sous le seuil, mais au moins 5/1. Non desservi\u00a0: moins de 5/1, ou "
        "aucun service déclaré. Satellite seulement\u00a0: aucun service terrestre. "
        "Indéterminé\u00a0: les paliers d'ISDE (le plus haut est «\u00a050/10 ou plus\u00a0») "
        "ne permettent pas de le dire. Les parts sont des logements (ou des personnes) de "
        "l'endroit.",
        "en": "Served: one counted service reaches both speeds of the threshold. Underserved: "
        "below it, but at least 5/1. Unserved: below 5/1, or no service reported. Satellite "
        "only: no terrestrial service. Unknown: ISED's "
        "tiers (the top one is '50/10 or more') cannot tell. Shares are of the place's "
        "dwellings (or people).",
    },
    "reports.rank.municipality": {
        "fr": "Rang {rank} sur {total} municipalités de la MRC {mrc} pour la part desservie "
        "(1 = la mieux desservie).",
        "en": "Rank {rank} of {total} municipalities in the MRC {mrc} by served share "
        "(1 = best served).",
    },
    "reports.rank.mrc": {
        "fr": "Rang {rank} sur {total} MRC de la région pour la part desservie "
        "(1 = la mieux desservie).",
        "en": "Rank {rank} of {total} MRCs in the region by served share (1 = best served).",
    },
    "reports.rank.none": {
        "fr": "Aucun logement recensé ici : pas de rang pour la part desservie.",
        "en": "No dwellings counted here: no rank by served share.",
    },
    "reports.census_note": {
        "fr": "{name}\u00a0: population et logements du recensement de {year}, le plus récent "
        "qui les donne.",
        "en": "{name}: population and dwellings from the {year} census, the latest that "
        "gives them.",
    },
    "reports.map.title": {
        "fr": "Carte de {place}\u00a0: part des logements desservis à {threshold}\u00a0Mbit/s "
        "par municipalité, et logements sous le seuil",
        "en": "Map of {place}: share of dwellings served at {threshold} Mbps by municipality, "
        "and dwellings below the threshold",
    },
    "reports.map.heading": {"fr": "Carte", "en": "Map"},
    "reports.map.areas": {
        "fr": "Part desservie (voisines en gris)",
        "en": "Share served (neighbours in grey)",
    },
    "reports.map.cells": {
        "fr": "Logements sous le seuil, par hexagone",
        "en": "Dwellings below the threshold, by hexagon",
    },
    "reports.chart.technologies": {
        "fr": "Technologies déclarées à {place}",
        "en": "Technologies reported in {place}",
    },
    "reports.chart.technologies_desc": {
        "fr": "Part des logements où chaque technologie est déclarée, quelle que soit sa "
        "vitesse\u00a0; un logement peut en déclarer plusieurs.",
        "en": "Share of dwellings where each technology is reported, at any speed; a dwelling "
        "may report several.",
    },
    "reports.chart.comparison": {
        "fr": "Part desservie à {threshold}\u00a0Mbit/s, comparée",
        "en": "Share served at {threshold} Mbps, compared",
    },
    "reports.chart.comparison_some": {
        "fr": "Part desservie à {threshold}\u00a0Mbit/s, comparée (les {each} MRC les moins et "
        "les {each} les mieux desservies)",
        "en": "Share served at {threshold} Mbps, compared (the {each} least and the {each} best "
        "served MRCs)",
    },
    "reports.chart.served_desc": {
        "fr": "Part des logements desservis de chaque territoire, avec les logements desservis "
        "sur le total.",
        "en": "Share of dwellings served in each area, with the dwellings served out of the total.",
    },
    "reports.chart.table": {"fr": "Données du graphique", "en": "Chart data"},
    "reports.column": {
        "fr": "Part (logements sur le total)",
        "en": "Share (dwellings of the total)",
    },
    "reports.column.area": {"fr": "Territoire", "en": "Area"},
    "reports.share_of": {
        "fr": "{share} ({part} sur {whole})",
        "en": "{share} ({part} of {whole})",
    },
    "reports.change.title": {
        "fr": "Évolution depuis la version précédente ({before} → {after})",
        "en": "Change since the previous version ({before} → {after})",
    },
    "reports.change.measure": {"fr": "Mesure", "en": "Measure"},
    "reports.change.before": {"fr": "Avant", "en": "Before"},
    "reports.change.after": {"fr": "Après", "en": "After"},
    "reports.change.difference": {"fr": "Écart", "en": "Difference"},
    "reports.change.served_share": {"fr": "Part desservie", "en": "Share served"},
    "reports.change.served_dwellings": {"fr": "Logements desservis", "en": "Dwellings served"},
    "reports.points": {"fr": "{value}\u00a0points", "en": "{value} points"},
    "reports.sources.title": {
        "fr": "Sources, licences et attributions",
        "en": "Sources, licences and attributions",
    },
    "reports.sources.layer": {"fr": "Couche", "en": "Layer"},
    "reports.sources.vintage": {"fr": "Millésime", "en": "Vintage"},
    "reports.sources.source": {"fr": "Source et licence", "en": "Source and licence"},
    "reports.pdf": {"fr": "Télécharger en PDF", "en": "Download as PDF"},
    "reports.print": {
        "fr": "Une page A4 ou Letter, prête à imprimer.",
        "en": "One A4 or Letter page, ready to print.",
    },
    "reports.map_page": {"fr": "Carte interactive", "en": "Interactive map"},
    "reports.link": {"fr": "Bulletin imprimable (PDF)", "en": "Printable report card (PDF)"},
    "maps.here.card": {
        "fr": "Bulletin imprimable de {name} (PDF)",
        "en": "Printable report card of {name} (PDF)",
    },
    "reports.changes_link": {"fr": "Évolution dans le temps", "en": "Change over time"},
    "maps.chart.region": {
        "fr": "Part des logements desservis à {threshold}\u00a0Mbit/s, par MRC",
        "en": "Share of dwellings served at {threshold} Mbps, by MRC",
    },
    "maps.chart.mrc": {
        "fr": "Part des logements desservis à {threshold}\u00a0Mbit/s, par municipalité de {place}",
        "en": "Share of dwellings served at {threshold} Mbps, by municipality of {place}",
    },
    "maps.chart.table": {"fr": "Le graphique en tableau", "en": "The chart as a table"},
    # Change over time
    "changes.title": {"fr": "Évolution de la desserte", "en": "Change in service"},
    "changes.subtitle": {
        "fr": "Part des logements desservis à {threshold}\u00a0Mbit/s, {technologies}\u00a0: "
        "version {before} ({before_vintage}) → version {after} ({after_vintage})",
        "en": "Share of dwellings served at {threshold} Mbps, {technologies}: "
        "version {before} ({before_vintage}) → version {after} ({after_vintage})",
    },
    "changes.no_previous": {
        "fr": "La couche des ménages n'a pas de version antérieure à la version {version}\u00a0: "
        "rien à comparer. Chargez une autre version pour voir l'évolution.",
        "en": "The households layer has no version before version {version}: nothing to "
        "compare. Load another version to see the change.",
    },
    "changes.same_version": {
        "fr": "Les deux versions comparées sont la même (version {version})\u00a0: aucun écart. "
        "Choisissez deux versions différentes de la couche des ménages.",
        "en": "Both versions compared are the same (version {version}): no change. Choose two "
        "different versions of the households layer.",
    },
    "changes.boundaries_changed": {
        "fr": "Les limites municipales ont changé entre les deux versions (municipalités, "
        "version {before} puis {after})\u00a0: les chiffres sont donnés selon les limites "
        "actuelles, les deux versions étant recomptées sur elles.",
        "en": "Municipal boundaries changed between the two versions (municipalities version "
        "{before}, then {after}): the figures are by the current boundaries, both versions "
        "being counted on them.",
    },
    "changes.families_differ": {
        "fr": "Les deux versions ne déclarent pas les mêmes familles de service (un champ "
        "manque dans l'une)\u00a0: une partie de l'écart tient à la source, pas au service.",
        "en": "The two versions do not report the same families of service (one lacks a "
        "field): part of the difference comes from the source, not from service.",
    },
    "changes.demonstration": {
        "fr": "Données de démonstration\u00a0: l'évolution montrée est synthétique.",
        "en": "Demonstration data: the change shown is synthetic.",
    },
    "changes.column.area": {"fr": "Territoire", "en": "Area"},
    "changes.column.mrc": {"fr": "MRC", "en": "MRC"},
    "changes.column.level": {"fr": "Niveau", "en": "Level"},
    "changes.column.code": {"fr": "Code", "en": "Code"},
    "changes.column.name": {"fr": "Nom", "en": "Name"},
    "changes.column.mrc_code": {"fr": "Code de MRC", "en": "MRC code"},
    "changes.column.before_served_share": {"fr": "Part avant", "en": "Share before"},
    "changes.column.after_served_share": {"fr": "Part après", "en": "Share after"},
    "changes.column.change_served_share": {"fr": "Écart de la part", "en": "Change in share"},
    "changes.column.before_served_dwellings": {
        "fr": "Desservis avant",
        "en": "Served before",
    },
    "changes.column.after_served_dwellings": {"fr": "Desservis après", "en": "Served after"},
    "changes.column.change_served_dwellings": {
        "fr": "Écart (logements)",
        "en": "Change (dwellings)",
    },
    "changes.column.before_dwellings": {"fr": "Logements avant", "en": "Dwellings before"},
    "changes.column.after_dwellings": {"fr": "Logements après", "en": "Dwellings after"},
    "changes.column.change_dwellings": {
        "fr": "Écart des logements",
        "en": "Change in dwellings",
    },
    "changes.table.municipalities": {
        "fr": "Évolution par municipalité (cliquez un en-tête pour trier)",
        "en": "Change by municipality (click a header to sort)",
    },
    "changes.table.mrcs": {"fr": "Évolution par MRC", "en": "Change by MRC"},
    "changes.csv": {"fr": "Télécharger le tableau (CSV)", "en": "Download the table (CSV)"},
    "changes.csv_filename": {
        "fr": "evolution-v{before}-v{after}-{threshold}.csv",
        "en": "changes-v{before}-v{after}-{threshold}.csv",
    },
    "changes.legend.title": {
        "fr": "Écart de la part desservie (points)",
        "en": "Change in share served (points)",
    },
    "changes.legend.dwellings": {
        "fr": "Écart des logements desservis",
        "en": "Change in dwellings served",
    },
    "changes.layer.served_share": {
        "fr": "Écart de la part desservie",
        "en": "Change in share served",
    },
    "changes.layer.served_dwellings": {
        "fr": "Écart des logements desservis",
        "en": "Change in dwellings served",
    },
    "changes.versions.label": {"fr": "Versions comparées", "en": "Versions compared"},
    "changes.versions.from": {"fr": "De la version", "en": "From version"},
    "changes.versions.to": {"fr": "à la version", "en": "to version"},
    "changes.region": {"fr": "Région", "en": "Region"},
    "changes.legend.below": {"fr": "moins de {value}", "en": "under {value}"},
    "changes.legend.between": {"fr": "de {low} à {high}", "en": "{low} to {high}"},
    "changes.legend.above": {"fr": "{value} ou plus", "en": "{value} or more"},
    "changes.map.label": {"fr": "Carte de l'évolution", "en": "Map of the change"},
    "changes.map.help": {
        "fr": "Choisissez la mesure dans le sélecteur de couches ; cliquez une "
        "municipalité pour son bulletin.",
        "en": "Choose the measure in the layer control; click a municipality for its report card.",
    },
}
