"""Messages of the ISED preset (PHH points and speeds files)."""

MESSAGES = {
    "ised.points_missing_columns": {
        "fr": "Le fichier de points PHH d'ISDE n'a pas les colonnes {missing}. "
        "Colonnes présentes : {present}. Fournissez le fichier PHH (PHH-QC.csv) tel que publié.",
        "en": "The ISED PHH points file lacks the columns {missing}. "
        "Columns present: {present}. Provide the PHH file (PHH-QC.csv) as published.",
    },
    "ised.speeds_missing_columns": {
        "fr": "Le fichier de vitesses PHH d'ISDE n'a pas les colonnes {missing}. "
        "Colonnes présentes : {present}. Fournissez le fichier "
        "PHH_Speeds_Current-PHH_Vitesses_Actuelles_QC.csv tel que publié.",
        "en": "The ISED PHH speeds file lacks the columns {missing}. "
        "Columns present: {present}. Provide the file "
        "PHH_Speeds_Current-PHH_Vitesses_Actuelles_QC.csv as published.",
    },
    "ised.bad_values": {
        "fr": {
            "one": "La colonne {column} a {count} valeur invalide, par exemple {examples}.",
            "other": "La colonne {column} a {count} valeurs invalides, par exemple {examples}.",
        },
        "en": {
            "one": "Column {column} has {count} invalid value, for example {examples}.",
            "other": "Column {column} has {count} invalid values, for example {examples}.",
        },
    },
    "ised.blank_values": {
        "fr": {
            "one": "La colonne {column} a {count} valeur vide ; chaque ligne doit en avoir une.",
            "other": "La colonne {column} a {count} valeurs vides ; chaque ligne doit en avoir "
            "une.",
        },
        "en": {
            "one": "Column {column} has {count} blank value; every row needs one.",
            "other": "Column {column} has {count} blank values; every row needs one.",
        },
    },
    "ised.duplicate_ids": {
        "fr": "Le fichier de points PHH répète des identifiants PHH_ID, par exemple {examples}.",
        "en": "The PHH points file repeats PHH_ID identifiers, for example {examples}.",
    },
    "ised.negative_speeds": {
        "fr": "Vitesses négatives dans {columns} ; une vitesse est d'au moins 0 Mbit/s.",
        "en": "Negative speeds in {columns}; a speed is at least 0 Mbps.",
    },
}
