"""The OCR digit shadow: same length, only digit tokens changed."""

from __future__ import annotations

import pytest

from nlp.anonymise.ocr_digits import shadow


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bel O3l8-45 O2 l7 na zes", "bel 0318-45 02 17 na zes"),
        ("geb. O7-ll-2Ol9.", "geb. 07-11-2019."),
        ("om ll:3O uur", "om 11:30 uur"),
        ("BSN 1234567B2", "BSN 123456782"),
    ],
)
def test_look_alikes_in_digit_tokens_become_digits(text, expected):
    assert shadow(text) == expected
    assert len(shadow(text)) == len(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ik ben Olivier en ik woon in Lelystad.",  # no digit: never touched
        "Groep 3B en lokaal A12",  # B not between two digits, A is no look-alike
        "Zij woont op 1234 OB Lisse",  # the letters of a postcode stand apart
    ],
)
def test_words_and_codes_stay(text):
    assert shadow(text) is text


def test_a_floor_in_roman_numerals_stays():
    assert shadow("Vlugtlaan 312-III") == "Vlugtlaan 312-III"
