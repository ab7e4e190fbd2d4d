"""The leak classes of blind set 11, as general rules, on examples of our own: references of
capitals glued to digits, OCR'd phone numbers whose area code is read as letters in a scan,
given names of the Horn of Africa with patronymic surnames, found names in file names and in
shouted capitals, a month as a surname after a first name, and the residual flag for a known
given name next to a word no list knows."""

from __future__ import annotations

import pytest

from nlp.anonymise import ocr_digits
from nlp.anonymise.lexicons import _dutch_zipf, read_data
from nlp.anonymise.recognisers import case_number


def _refs(text: str) -> list[str]:
    return sorted({text[e.start : e.end] for e in case_number._references(text)})


def test_letter_digit_reference_is_a_case_number():
    assert _refs("Mijn klacht staat onder nummer B25-40917.") == ["B25-40917"]
    assert _refs("Zie JZ2026/0412 en verder") == ["JZ2026/0412"]
    # too few digits, or OCR look-alikes of a phone's leading zero: no reference here
    assert _refs("op de A12-345 en de A2-88") == []
    assert _refs("code O20-4418 en l12-7731") == []


def test_scan_view_keeps_an_ocr_area_code_a_number():
    scan = "Geachte heer , mevr0uw ,\nIk w1l klagen .\nTe1 : O20 - 61O 44 93\nGr0et ,\n"
    text, _ = ocr_digits.view(scan)
    assert "O20-61O 44 93" in text  # not "OZO" or "OIO": a word of 0, 1 and O is a number
    assert "Tel:" in text and "Groet," in text  # words still read as letters


def test_ocr_phone_in_a_scan_is_redacted(anonymiser):
    scan = (
        "Geachte heer , mevr0uw ,\n\nIk w1l een klacht indienen over de v00gd .\n"
        "Mijn adres is D0rpsstraat 12 , 1234 AB Zeist .\nTe1 : O30 - 69l 82 O4\n"
    )
    out = anonymiser.anonymise(scan).text
    assert "[TELEFOON-1]" in out
    for part in ("69l", "82 O4", "O30"):
        assert part not in out


def test_horn_of_africa_names_are_known_and_no_dutch_words(lex):
    own = read_data("first_names_horn.txt")
    assert len(own) >= 100
    for name in own:
        assert name in lex.first_names
        assert not lex.is_dutch_word(name), name
        assert name not in lex.places and name not in lex.common, name
    assert max(_dutch_zipf(n) for n in own) < 3.5


def test_patronymic_full_name_is_redacted(anonymiser):
    text = "De vader van mijn zoon, Tesfaldet Habtemariam, woont in Kassala. Hij belt nooit."
    out = anonymiser.anonymise(text).text
    assert "Tesfaldet" not in out and "Habtemariam" not in out
    out = anonymiser.anonymise("Mijn buurvrouw Deeqa Warsame hielp mij met deze brief.").text
    assert "Deeqa" not in out and "Warsame" not in out


def test_month_after_a_first_name_is_a_surname(anonymiser):
    out = anonymiser.anonymise("Wij gaan naar de logopedist, Sanne April, in Breda.").text
    assert "April" not in out and "Sanne" not in out
    out = anonymiser.anonymise("We spraken met Fleur Juni over de overdracht.").text
    assert "Juni" not in out
    # a date after a name stays a date: the month is no surname
    out = anonymiser.anonymise("Ik zag Anna op 3 juni 2026 bij school.").text
    assert "juni" in out or "[DATUM" in out


def test_found_name_in_a_file_name_is_redacted(anonymiser):
    text = "De vader is Joost Verhagen.\nBijlage: verslag_gesprek_joost.pdf\nBijlage: rooster.pdf"
    out = anonymiser.anonymise(text).text
    assert "joost" not in out.lower()
    assert "rooster.pdf" in out and "verslag_gesprek_" in out


def test_found_name_shouted_in_capitals_is_redacted(anonymiser):
    text = (
        "Mijn dochter Hoop (7) woont bij haar moeder.\n"
        "HOOP HUILT ELKE AVOND AAN DE TELEFOON. IK WIL DAT HET STOPT.\n"
    )
    out = anonymiser.anonymise(text).text
    assert "HOOP" not in out and "Hoop" not in out
    assert "IK WIL DAT HET STOPT" in out  # function words in capitals stay
    # the shouted mention is the same person as the written one
    assert out.count("[PERSOON-1]") == 2


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Ik schrijf u over de zaak. Helaas belde Dawit Zerezghi niet terug.", True),
        ("Het gesprek met Semhar Okbazghi was kort.", True),
        ("Ik woon in Den Haag en werk bij Albert Heijn.", False),
        ("Het Nederlands Jeugdinstituut schreef een rapport.", False),
    ],
)
def test_residual_flags_a_given_name_with_an_unknown_word(lex, text, flagged):
    from nlp.anonymise import residual

    assert ("naamachtig woordpaar" in residual.check(text, lex)) is flagged


def test_residual_ignores_a_verb_in_capitals_after_a_placeholder(lex):
    from nlp.anonymise import residual

    assert residual.check("[PERSOON-2] BELT MIJ ELKE AVOND OP.", lex) == []


def test_known_first_name_in_a_file_name_is_redacted(anonymiser):
    out = anonymiser.anonymise("Bijlagen: foto_voordeur_wessel.jpg, rooster_2026.pdf").text
    assert "wessel" not in out and "rooster_2026.pdf" in out
    # a first name that is a Dutch word stays a word in a file name
    assert "verslag_roos.pdf" in anonymiser.anonymise("Bijlage: verslag_roos.pdf").text


def test_first_name_and_surname_in_capitals_are_redacted(anonymiser):
    out = anonymiser.anonymise("Het gesprek met LOTTE STORM ging over de omgang.").text
    assert "LOTTE" not in out and "STORM" not in out
    out = anonymiser.anonymise("Mijn zoon heet JESSE VAN DER BERG.").text
    assert "JESSE" not in out and "BERG" not in out
    # a heading in capitals is no name
    assert "HOOP DOET LEVEN" in anonymiser.anonymise("HOOP DOET LEVEN").text
