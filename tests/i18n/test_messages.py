import re
import string

import pytest

from app.i18n import LANGUAGES, all_messages, negotiate, translate


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_exists_in_french_and_english_with_the_same_placeholders():
    for key, texts in all_messages().items():
        assert set(texts) == set(LANGUAGES), key
        assert all(texts[lang].strip() for lang in LANGUAGES), key
        assert placeholders(texts["fr"]) == placeholders(texts["en"]), key


def test_french_messages_are_not_english_copies():
    same = [
        k
        for k, t in all_messages().items()
        if t["fr"] == t["en"] and re.search("[a-z]{4}", t["fr"])
    ]
    # Proper names and codes may be identical; sentences may not.
    assert all(len(all_messages()[k]["fr"].split()) <= 3 for k in same), same


def test_translate_formats_and_falls_back_to_french():
    assert "kind" not in translate("layer.missing", "en", kind="households")
    assert "households" in translate("layer.missing", "en", kind="households")
    assert translate("layer.missing", "de", kind="x") == translate("layer.missing", "fr", kind="x")


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
    ],
)
def test_language_negotiation(query, header, expected):
    assert negotiate(query, header) == expected
