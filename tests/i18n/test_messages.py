import ast
import math
import re
import string
from pathlib import Path

import numpy as np
import pytest

from app.api import admin, health, ogc, rest
from app.api import downloads as download_routes
from app.api.docs import route_names
from app.cli import EXAMPLES
from app.gaps.engine import CLASSES, TECHNOLOGY_NAMES
from app.i18n import LANGUAGES, UnknownMessage, all_messages, negotiate, translate
from app.layers.kinds import Kind
from app.layers.loader import STEPS
from app.maps import downloads, search, style
from app.maps.formats import NBSP, count, percent
from app.maps.places import THEMES
from app.reports import changes, changes_view
from app.reports.card import EXTRA
from app.vocabulary import CHOICES, Family

ROUTERS = [module.router for module in (rest, download_routes, ogc, admin, health)]
APP = Path(__file__).resolve().parents[2] / "app"
PLURAL_FORMS = {"zero", "one", "two", "few", "many", "other"}
# Keys built at run time, with every value they take.
DYNAMIC = {
    "cli.step.": STEPS,
    "cli.help.": tuple(EXAMPLES),
    "ogc.collection.": tuple(Kind),
    "maps.kind.": tuple(Kind),
    "maps.tech.": (*TECHNOLOGY_NAMES, "none"),
    "maps.flag.": style.POINT_FLAGS,
    "gaps.class.": CLASSES,
    "technology.choice.": tuple(choice.label for choice in CHOICES),
    "maps.theme.": THEMES,
    "maps.family.": tuple(Family),
    "maps.title.": THEMES,
    "maps.table.mrcs.": THEMES,
    "maps.table.municipalities.": THEMES,
    "api.demonstration.": ("yes", "no"),
    "api.level.": ("municipality", "mrc"),
    "reports.figure.": (*CLASSES, *EXTRA),
    "reports.kind.": ("mrc", "region"),
    "maps.chart.": ("region", "mrc"),
    "changes.layer.": changes_view.MEASURES,
    "changes.column.": (*changes.COLUMNS, "level", "code", "name", "mrc_code", "area", "mrc"),
    "maps.search.kind.": search.KINDS,
    "exports.link.": downloads.FORMATS,
    "exports.what.": ("region", "mrc", "municipality"),
    "exports.style_name.": THEMES,
    "exports.style_description.": THEMES,
    "exports.sheet.": (*downloads.TABLES, "sources"),
    "maps.provenance.": ("layer", "source", "vintage", "version", "attribution"),
    "docs.operation.": tuple(sorted({name for _, name in route_names(ROUTERS).items()})),
}
# Keys built from data: not listed here, but translate raises on a missing one, so the API and
# map tests that render every column and tooltip catch it; "http." and "api.validation." fall
# back (to the status class, to Pydantic's text) on purpose.
EXCLUDED = ("api.column.", "maps.column.", "maps.tooltip.", "http.", "api.validation.")
# Dotted strings of the code that are not message keys.
NOT_KEYS = {"http.response.start", "http.response.body", "http.request", "app.maps"}


def forms(text: str | dict[str, str]) -> list[str]:
    """A message's text in one language, or each of its plural forms."""
    return list(text.values()) if isinstance(text, dict) else [text]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_exists_in_french_and_english_with_the_same_placeholders():
    for key, texts in all_messages().items():
        assert set(texts) == set(LANGUAGES), key
        every = [form for lang in LANGUAGES for form in forms(texts[lang])]
        assert all(form.strip() for form in every), key
        assert len({frozenset(placeholders(form)) for form in every}) == 1, key


def test_plural_messages_give_one_and_other_and_are_chosen_by_count():
    plural = {key: texts for key, texts in all_messages().items() if isinstance(texts["fr"], dict)}
    assert "layers.geometry_invalid" in plural and "maps.unassigned" in plural
    for key, texts in plural.items():
        for lang in LANGUAGES:
            assert isinstance(texts[lang], dict), key
            assert {"one", "other"} <= set(texts[lang]) <= PLURAL_FORMS, key
            assert "count" in placeholders(texts[lang]["other"]), key


def test_no_message_leaves_its_plural_to_the_reader():
    for key, texts in all_messages().items():
        for lang in LANGUAGES:
            for text in forms(texts[lang]):
                assert not re.search(r"\((s|x|es|ies)\)", text), (key, text)


def test_french_messages_are_not_english_copies():
    same = [
        k
        for k, t in all_messages().items()
        if t["fr"] == t["en"] and re.search("[a-z]{4}", str(t["fr"]))
    ]
    # Proper names and codes may be identical; sentences may not.
    assert all(len(all_messages()[k]["fr"].split()) <= 3 for k in same), same


def test_translate_formats_and_falls_back_to_french():
    assert "kind" not in translate("layer.missing", "en", kind="households")
    assert "households" in translate("layer.missing", "en", kind="households")
    assert translate("layer.missing", "de", kind="x") == translate("layer.missing", "fr", kind="x")


def test_translate_refuses_an_unknown_key():
    with pytest.raises(UnknownMessage, match="no.such.key"):
        translate("no.such.key", "fr")
    with pytest.raises(KeyError):
        translate("maps.nowhere", "en", count=1)


@pytest.mark.parametrize(
    ("lang", "number", "expected"),
    [
        ("fr", 0, "0 ménage est hors"),
        ("fr", 1, "1 ménage est hors"),
        ("fr", 2, "2 ménages sont hors"),
        ("fr", 1_000_000, f"1{NBSP}000{NBSP}000 ménages sont hors"),  # CLDR "many": "other" here
        ("fr", np.int64(12345), f"12{NBSP}345 ménages sont hors"),
        ("en", 0, "0 households lie"),
        ("en", 1, "1 household lies"),
        ("en", np.float64(1.0), "1 household lies"),
        ("en", 12345, "12,345 households lie"),
    ],
)
def test_counting_messages_agree_with_their_count(lang, number, expected):
    assert translate("maps.unassigned", lang, count=number).startswith(expected)


def test_a_plural_message_without_its_count_is_an_error():
    with pytest.raises(TypeError, match="count"):
        translate("layers.warn_repaired", "fr", ids="a")


def test_counts_in_messages_are_written_for_the_locale_and_other_numbers_as_given():
    french = translate("layers.warn_outside", "fr", count=1, kept=23456)
    assert french == f"1 entité hors de la région écartée ; entités conservées : 23{NBSP}456."
    assert "23,456" in translate("layers.warn_outside", "en", count=3, kept=23456)
    assert "2016" in translate("maps.census_year_note", "fr", name="Listuguj", year=2016)
    assert f"100{NBSP}000 Mbit/s" in translate(
        "threshold.out_of_range", "fr", value="x", max=100000
    )


@pytest.mark.parametrize(
    ("share", "fr", "en"),
    [
        (0.934, f"93,4{NBSP}%", "93.4%"),
        (0.93499, f"93,4{NBSP}%", "93.4%"),  # one decimal, rounded down
        (0.99999, f"99,9{NBSP}%", "99.9%"),  # "100" only when whole
        (1.0, f"100,0{NBSP}%", "100.0%"),
        (0.0, f"0,0{NBSP}%", "0.0%"),
        (0.0004, f"<{NBSP}0,1{NBSP}%", f"<{NBSP}0.1%"),
        (math.nan, "—", "—"),
    ],
)
def test_percentages_for_fr_ca_and_en_ca(share, fr, en):
    assert percent(share, "fr") == fr
    assert percent(share, "en") == en


def test_counts_for_fr_ca_and_en_ca():
    assert count(12345, "fr") == f"12{NBSP}345"
    assert count(12345.4, "en") == "12,345"
    assert count(999, "fr") == "999"
    assert count(math.nan, "en") == "—"


@pytest.mark.parametrize(
    ("query", "header", "expected"),
    [
        (None, None, "fr"),
        ("en", None, "en"),
        ("EN", "fr-CA", "en"),
        ("xx", "en-CA,en;q=0.9", "en"),
        (None, "de-DE,en;q=0.5,fr;q=0.8", "fr"),
        (None, "de-DE", "fr"),
        (None, "en;q=garbage,fr;q=0.1", "fr"),
        (None, "en_CA.UTF-8", "en"),  # the command line passes LANG
        (None, "C.UTF-8", "fr"),
    ],
)
def test_language_negotiation(query, header, expected):
    assert negotiate(query, header) == expected


def test_the_language_is_negotiated_in_one_place():
    for path in APP.rglob("*.py"):
        text = path.read_text()
        if path.parent.name != "i18n":
            assert not re.search(r"startswith\([\"']en|\[:2\] in", text), path
        if re.search(r"b?[\"']accept-language[\"']\)", text):  # reads the header
            assert "negotiate(" in text, path


def used_keys() -> tuple[set[str], set[str]]:
    """Message keys written in the code and templates, and the prefixes of keys built there."""
    keys, prefixes = set(), set()
    defined_namespaces = {key.split(".")[0] for key in all_messages()}
    for path in APP.rglob("*.py"):
        if path.parent.name == "messages":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if re.fullmatch(r"[a-z_]+(\.[a-z0-9_]+)+", node.value):
                    keys.add(node.value)
            elif isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
                head = str(node.values[0].value)
                if re.fullmatch(r"[a-z_]+\.([a-z0-9_]+\.)*", head):
                    prefixes.add(head)
    for path in APP.rglob("*.html"):
        keys |= set(re.findall(r"\bt\([\"']([^\"']+)[\"']\s*[,)]", path.read_text()))
        prefixes |= set(re.findall(r"\bt\([\"']([^\"']+)[\"']\s*~", path.read_text()))
    keys = {key for key in keys if key.split(".")[0] in defined_namespaces} - NOT_KEYS
    prefixes = {head for head in prefixes if head.split(".")[0] in defined_namespaces}
    return keys, prefixes


def test_every_key_used_in_the_code_and_templates_is_defined():
    keys, prefixes = used_keys()
    assert "maps.skip.main" in keys and "layers.write_failed" in keys  # templates and errors
    assert sorted(keys - set(all_messages())) == []
    unlisted = sorted(prefixes - set(DYNAMIC) - set(EXCLUDED))
    assert unlisted == [], "list the values of these keys in DYNAMIC (or say why in EXCLUDED)"
    built = {f"{prefix}{value}" for prefix, values in DYNAMIC.items() for value in values}
    assert sorted(built - set(all_messages())) == []
