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
    "maps.title.service": {
        "fr": "logements desservis à {threshold} Mbit/s, {technologies}",
        "en": "dwellings served at {threshold} Mbps, {technologies}",
    },
    "maps.title.lte": {
        "fr": "logements sans réseau mobile LTE",
        "en": "dwellings without LTE mobile coverage",
    },
    "maps.technology.label": {"fr": "Services comptés", "en": "Services counted"},
    "maps.theme.label": {"fr": "Thème", "en": "Theme"},
    "maps.theme.service": {"fr": "Internet fixe", "en": "Fixed internet"},
    "maps.theme.lte": {"fr": "Mobile (LTE)", "en": "Mobile (LTE)"},
    "maps.theme_unknown": {
        "fr": "Thème inconnu : « {value} ». Choisissez parmi : {accepted}.",
        "en": "Unknown theme: '{value}'. Choose among: {accepted}.",
    },
    "maps.family.wired": {"fr": "filaire", "en": "wired"},
    "maps.family.fixed_wireless": {"fr": "sans-fil fixe", "en": "fixed wireless"},
    "maps.family.satellite": {"fr": "satellite", "en": "satellite"},
    "maps.family_not_reported": {
        "fr": "La couche des ménages ne déclare aucun service {family} (le fichier source n'a "
        "pas ce champ) : ces chiffres le comptent comme absent, pas comme nul.",
        "en": "The households layer reports no {family} service (its source file lacks that "
        "field): these figures count it as missing, not as none.",
    },
    "maps.snapped": {
        "fr": {
            "one": "{count} ménage côtier, à moins de 1 km d'une municipalité mais hors de son "
            "polygone, est compté dans la plus proche.",
            "other": "{count} ménages côtiers, à moins de 1 km d'une municipalité mais hors de "
            "son polygone, sont comptés dans la plus proche.",
        },
        "en": {
            "one": "{count} coastal household, within 1 km of a municipality but outside its "
            "polygon, is counted in the nearest.",
            "other": "{count} coastal households, within 1 km of a municipality but outside its "
            "polygon, are counted in the nearest.",
        },
    },
    "maps.classes.note": {
        "fr": "Indéterminé : la source ne dit que des paliers de vitesse (ceux d'ISDE "
        "s'arrêtent à 50/10, « 50/10 ou plus ») et ne permet pas de dire si ces logements "
        "atteignent le seuil.",
        "en": "Unknown: the source only gives speed tiers (ISED's stop at 50/10, '50/10 or "
        "more') and cannot tell whether these dwellings reach the threshold.",
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
        "fr": "Carte des logements desservis à {threshold} Mbit/s ({technologies})",
        "en": "Map of dwellings served at {threshold} Mbps ({technologies})",
    },
    "maps.map.help": {
        "fr": "Survolez une municipalité pour voir ses chiffres ; cliquez n'importe où pour voir "
        "ce qu'il y a à cet endroit et ouvrir la page de la municipalité. Les mêmes chiffres "
        "figurent dans les tableaux plus bas.",
        "en": "Hover over a municipality to see its figures; click anywhere to see what is "
        "there and open the municipality's page. The same figures are in the tables below.",
    },
    "maps.summary.caption": {
        "fr": "{place} : logements à {threshold} Mbit/s, {technologies}",
        "en": "{place}: dwellings at {threshold} Mbps, {technologies}",
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
        "fr": "Chiffres pondérés par les logements des points de ménages, non par la superficie, "
        "en comptant : {technologies} (par défaut, les seuls services terrestres, comme le "
        "CRTC et ISDE ; le satellite est alors un chiffre à part). Desservi : un service "
        "compté atteint {threshold} Mbit/s en "
        "descendant et en montant. Mal desservi : un service compté d'au moins 5/1, sous ce "
        "seuil. Non desservi : moins de 5/1 Mbit/s, ou aucun service déclaré (la source ne "
        "prouve pas l'absence). Indéterminé : la source ne dit pas si le seuil est atteint.",
        "en": "Figures are weighted by the dwellings of the household points, not by area, "
        "counting: {technologies} (by default terrestrial services only, as CRTC and ISED do; "
        "satellite is then a figure of its own). Served: a counted service reaches {threshold} "
        "Mbps down and up. Underserved: a "
        "counted service of at least 5/1, below that threshold. Unserved: below 5/1 Mbps, or "
        "no service reported (the source cannot prove absence). Unknown: the source cannot "
        "tell whether the threshold is reached.",
    },
    "maps.no_dwellings": {"fr": "aucun logement", "en": "no dwellings"},
    # Layers and legend
    "maps.legend.title": {"fr": "Légende", "en": "Legend"},
    "maps.layer.tiles": {"fr": "Fond de carte", "en": "Base map"},
    "maps.layer.areas": {
        "fr": "Part des logements desservis à {threshold}",
        "en": "Share of dwellings served at {threshold}",
    },
    "maps.layer.lte": {
        "fr": "Part des logements sans LTE mobile",
        "en": "Share of dwellings without LTE mobile",
    },
    "maps.layer.cells": {
        "fr": "Logements sous le seuil {threshold} (hexagones)",
        "en": "Dwellings below {threshold} (hexagons)",
    },
    "maps.layer.mrcs": {"fr": "Limites des MRC", "en": "MRC boundaries"},
    "maps.layer.points": {
        "fr": "Points de collectivités ISDE (dorsale)",
        "en": "ISED community points (backbone)",
    },
    "maps.legend.share_0": {"fr": "moins de 50 %", "en": "under 50%"},
    "maps.legend.share_1": {"fr": "50 % à moins de 80 %", "en": "50% to under 80%"},
    "maps.legend.share_2": {"fr": "80 % à moins de 90 %", "en": "80% to under 90%"},
    "maps.legend.share_3": {"fr": "90 % à moins de 100 %", "en": "90% to under 100%"},
    "maps.legend.share_4": {"fr": "100 % (tous desservis)", "en": "100% (all served)"},
    "maps.legend.unknown": {
        "fr": "surtout indéterminé (la source s'arrête sous le seuil)",
        "en": "mostly unknown (the source stops below the threshold)",
    },
    "maps.legend.lte_0": {"fr": "moins de 1 % sans LTE", "en": "under 1% without LTE"},
    "maps.legend.lte_1": {"fr": "1 % à moins de 10 %", "en": "1% to under 10%"},
    "maps.legend.lte_2": {"fr": "10 % à moins de 25 %", "en": "10% to under 25%"},
    "maps.legend.lte_3": {"fr": "25 % à moins de 50 %", "en": "25% to under 50%"},
    "maps.legend.lte_4": {"fr": "50 % ou plus sans LTE", "en": "50% or more without LTE"},
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
    "maps.legend.point_cti": {
        "fr": "dorsale BPI (Brancher pour innover)",
        "en": "CTI backbone (Connect to Innovate)",
    },
    "maps.legend.point_other": {"fr": "autre point", "en": "other point"},
    "maps.flag.satellite_dependent": {"fr": "dépend du satellite", "en": "satellite-dependent"},
    "maps.flag.no_fibre_backbone": {"fr": "sans dorsale de fibre", "en": "no fibre backbone"},
    "maps.flag.cti_backbone": {
        "fr": "dorsale BPI (Brancher pour innover)",
        "en": "CTI backbone (Connect to Innovate)",
    },
    "maps.flag.none": {"fr": "aucun indicateur de dorsale", "en": "no backbone flag"},
    # Tooltips
    "maps.tooltip.dwellings": {"fr": "Logements", "en": "Dwellings"},
    "maps.tooltip.share": {
        "fr": "Desservis à {threshold}",
        "en": "Served at {threshold}",
    },
    "maps.tooltip.unserved_dwellings": {"fr": "Non desservis", "en": "Unserved"},
    "maps.tooltip.served_dwellings": {"fr": "Desservis", "en": "Served"},
    "maps.tooltip.unknown_dwellings": {"fr": "Indéterminés", "en": "Unknown"},
    "maps.tooltip.no_lte_share": {"fr": "Sans LTE (part)", "en": "Without LTE (share)"},
    "maps.tooltip.no_lte_dwellings": {"fr": "Sans LTE", "en": "Without LTE"},
    "maps.tooltip.underserved_dwellings": {"fr": "Mal desservis", "en": "Underserved"},
    "maps.tooltip.below": {
        "fr": "Logements sous {threshold}",
        "en": "Dwellings below {threshold}",
    },
    # Tables
    "maps.table.mrcs.service": {
        "fr": "Logements desservis à {threshold} Mbit/s par MRC, {technologies} — {place}",
        "en": "Dwellings served at {threshold} Mbps by MRC, {technologies} — {place}",
    },
    "maps.table.municipalities.service": {
        "fr": "Logements desservis à {threshold} Mbit/s par municipalité, {technologies} — {place}",
        "en": "Dwellings served at {threshold} Mbps by municipality, {technologies} — {place}",
    },
    "maps.table.mrcs.lte": {
        "fr": "Logements sans réseau mobile LTE par MRC — {place}",
        "en": "Dwellings without LTE mobile coverage by MRC — {place}",
    },
    "maps.table.municipalities.lte": {
        "fr": "Logements sans réseau mobile LTE par municipalité — {place}",
        "en": "Dwellings without LTE mobile coverage by municipality — {place}",
    },
    "maps.table.technologies": {
        "fr": "Logements de {place} selon les technologies déclarées (un logement peut en avoir "
        "plusieurs)",
        "en": "Dwellings of {place} by the technologies reported (a dwelling may have several)",
    },
    "maps.column.municipality": {"fr": "Municipalité", "en": "Municipality"},
    "maps.column.mrc": {"fr": "MRC", "en": "MRC"},
    "maps.column.dwellings": {"fr": "Logements", "en": "Dwellings"},
    "maps.column.served_dwellings": {"fr": "Desservis", "en": "Served"},
    "maps.column.share": {"fr": "Part desservie", "en": "Share served"},
    "maps.column.underserved_dwellings": {"fr": "Mal desservis", "en": "Underserved"},
    "maps.column.unserved_dwellings": {"fr": "Non desservis", "en": "Unserved"},
    "maps.column.unknown_dwellings": {"fr": "Indéterminés", "en": "Unknown"},
    "maps.column.satellite_only_dwellings": {
        "fr": "Satellite seulement",
        "en": "Satellite only",
    },
    "maps.column.no_lte_dwellings": {"fr": "Sans LTE mobile", "en": "Without LTE mobile"},
    "maps.column.no_lte_share": {"fr": "Part sans LTE", "en": "Share without LTE"},
    "maps.column.no_lte_population": {"fr": "Population sans LTE", "en": "Population without LTE"},
    "maps.column.lte_unreported_dwellings": {
        "fr": "LTE non déclaré",
        "en": "LTE not reported",
    },
    "maps.column.dwellings_reported": {
        "fr": "Logements où elle est déclarée",
        "en": "Dwellings where reported",
    },
    "maps.column.population": {"fr": "Population", "en": "Population"},
    "maps.column.census_dwellings": {
        "fr": "Logements au recensement",
        "en": "Dwellings in the census",
    },
    "maps.column.technology": {"fr": "Technologie", "en": "Technology"},
    "maps.column.served_at": {"fr": "Desservis à {threshold}", "en": "Served at {threshold}"},
    "maps.tech.fibre": {"fr": "Fibre optique", "en": "Fibre"},
    "maps.tech.cable": {"fr": "Câble", "en": "Cable"},
    "maps.tech.dsl": {"fr": "DSL (ligne téléphonique)", "en": "DSL (telephone line)"},
    "maps.tech.wired": {"fr": "Filaire, type non précisé", "en": "Wired, type not stated"},
    "maps.tech.fixed_wireless": {"fr": "Sans-fil fixe", "en": "Fixed wireless"},
    "maps.tech.satellite": {"fr": "Satellite", "en": "Satellite"},
    "maps.tech.none": {
        "fr": "Aucun service compté déclaré",
        "en": "No counted service reported",
    },
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
    "maps.kind.community_points": {
        "fr": "Points de collectivités",
        "en": "Community points",
    },
    "maps.kind.places": {"fr": "Lieux habités", "en": "Populated places"},
    "maps.kind.hexagons": {"fr": "Hexagones ISDE", "en": "ISED hexagons"},
}
