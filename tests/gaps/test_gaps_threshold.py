import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidParameterError
from app.gaps import DEFAULT_THRESHOLD, PRESETS, Threshold
from app.i18n.messages.gaps import MESSAGES


def variants(text: str | dict[str, str]) -> set[frozenset[str]]:
    """The placeholders of a text, or of each of its plural forms."""
    forms = text.values() if isinstance(text, dict) else [text]
    return {frozenset(placeholders(form)) for form in forms}


@pytest.mark.parametrize(
    ("text", "down", "up"),
    [
        ("50/10", 50, 10),
        ("7.5/1.5", 7.5, 1.5),
        (" 25 / 5 ", 25, 5),
        ("1000/500", 1000, 500),
        ("100/1", 100, 1),
        ("10/20", 10, 20),  # up above down is allowed
        ("7,5/1,5", 7.5, 1.5),  # French decimal comma
        ("50/10 Mbps", 50, 10),
        ("5.5/1.25", 5.5, 1.25),
        ("+50/10", 50, 10),
    ],
)
def test_parse_reads_down_and_up(text, down, up):
    assert Threshold.parse(text) == Threshold(down, up)


@pytest.mark.parametrize(
    ("threshold", "label"),
    [
        (Threshold(50, 10), "50/10"),
        (Threshold(7.5, 1.5), "7.5/1.5"),
        (Threshold(50.0, 10.0), "50/10"),
        (Threshold(1000, 1), "1000/1"),
        (Threshold(5.25, 1.125), "5.25/1.125"),
        (Threshold(5.00001, 1), "5.00001/1"),
    ],
)
def test_label_has_no_trailing_zeros(threshold, label):
    assert threshold.label == label
    assert str(threshold) == label


@given(st.floats(5, 100_000), st.floats(1, 100_000))
def test_label_parses_back(down, up):
    threshold = Threshold(down, up)
    assert Threshold.parse(threshold.label) == threshold


@pytest.mark.parametrize(
    "text", ["", "50", "50/", "/10", "50/10/5", "fifty/ten", "50-10", "50 10", "nan/1", "1e3/5"]
)
def test_parse_rejects_malformed_text(text):
    with pytest.raises(InvalidParameterError) as caught:
        Threshold.parse(text)
    assert caught.value.key == "threshold.malformed"
    assert caught.value.params["value"] == text.strip()


def test_parse_rejects_what_is_not_text():
    with pytest.raises(InvalidParameterError) as caught:
        Threshold.parse(None)
    assert caught.value.key == "threshold.malformed"


@pytest.mark.parametrize("text", ["0/0", "0/10", "-5/1", "5/-1", "200000/10", "10/100001"])
def test_parse_rejects_out_of_range(text):
    with pytest.raises(InvalidParameterError) as caught:
        Threshold.parse(text)
    assert caught.value.key == "threshold.out_of_range"
    assert caught.value.params["value"] == text


@pytest.mark.parametrize(
    ("down", "up", "key"),
    [
        (0, 0, "threshold.out_of_range"),
        (float("nan"), 1, "threshold.out_of_range"),
        (float("inf"), 1, "threshold.out_of_range"),
        ("fast", 1, "threshold.malformed"),
    ],
)
def test_constructor_validates_too(down, up, key):
    with pytest.raises(InvalidParameterError) as caught:
        Threshold(down, up)
    assert caught.value.key == key


def test_long_input_is_cut_in_the_message():
    with pytest.raises(InvalidParameterError) as caught:
        Threshold.parse("9" * 500)
    assert len(caught.value.params["value"]) <= 40


def text(error: InvalidParameterError, lang: str) -> str:
    return MESSAGES[error.key][lang].format(**error.params)


def test_messages_say_what_to_do_in_both_languages():
    error = pytest.raises(InvalidParameterError, Threshold.parse, "vite").value
    assert "« vite »" in text(error, "fr") and "50/10" in text(error, "fr")
    assert "'vite'" in text(error, "en") and "50/10" in text(error, "en")
    error = pytest.raises(InvalidParameterError, Threshold.parse, "0/10").value
    assert "supérieur à 0" in text(error, "fr") and "100000 Mbit/s" in text(error, "fr")
    assert "above 0" in text(error, "en")


def placeholders(message: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(message) if name}


def test_every_gaps_message_is_bilingual_with_the_same_placeholders():
    for key, texts in MESSAGES.items():
        assert set(texts) == {"fr", "en"}, key
        assert texts["fr"] != texts["en"], key
        assert variants(texts["fr"]) == variants(texts["en"]), key


def test_thresholds_are_values():
    assert Threshold(50, 10) == Threshold(50.0, 10.0)
    assert hash(Threshold(50, 10)) == hash(Threshold.parse("50/10"))
    assert type(Threshold(50, 10).down) is float
    with pytest.raises(AttributeError):
        DEFAULT_THRESHOLD.down = 1  # type: ignore[misc]


def test_presets_and_default():
    assert [preset.label for preset in PRESETS] == [
        "5/1",
        "10/2",
        "25/5",
        "50/10",
        "100/20",
        "1000/500",
    ]
    assert Threshold(50, 10) == DEFAULT_THRESHOLD
    assert DEFAULT_THRESHOLD in PRESETS
