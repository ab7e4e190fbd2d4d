"""Behaviour behind the leak classes of blind set 10 that span cases alone do not show: a
letter-spaced OCR scan is read as written (with offsets back onto the scan), initials stand for
a colleague found in the note, and a name the recognisers miss near a placeholder, or a scan
still letter-spaced, keeps a document from being stored as 'verwerkt'. Span cases live in
``cases/`` (ADRES-oost-europa, GEBOORTEDATUM-cyrillisch, PERSOON-chinees, PERSOON-initialen)."""

from __future__ import annotations

from nlp.anonymise import ocr_digits

_SCAN = (
    "Geachte heer , mevrouw ,\n"
    "Mijn kleindochter Lotte woont op de Burg . Van Nispenstraat 1 4 2 ,\n"
    "6 8 1 2 EK Arnhem , geb . 0 7 - 0 3 - 2 0 1 8 . Haar voogd is mevr0uw R . Hoekstra .\n"
)


def test_scan_view_reads_letter_spacing_and_maps_back():
    view = ocr_digits.view(_SCAN)
    assert view is not None
    text, offsets = view
    assert "Burg. Van Nispenstraat 142," in text
    assert "6812 EK Arnhem, geb. 07-03-2018." in text
    assert "mevrouw R. Hoekstra ." in text
    assert len(offsets) == len(text) + 1
    # every character of the view is a character of the scan (or an OCR look-alike of it)
    start = text.index("6812")
    assert _SCAN[offsets[start] : offsets[start + 6] + 1] == "6 8 1 2 EK"


def test_scan_view_leaves_ordinary_text_alone():
    assert ocr_digits.view("Zij woont op Kerkstraat 3 6211 TP, sinds 2 0 1 8 niet meer.") is None
    assert ocr_digits.view("Eén , twee. Drie en 3 4 5 6.") is None  # one sign is no scan


def test_scan_view_keeps_house_number_and_postcode_apart():
    text, _ = ocr_digits.view("a , b , c , Molenweg 3 6211 TP en 12 5 8 6 .")
    assert "Molenweg 3 6211 TP" in text
    assert "12 586" in text  # a run of single digits closes, the group before it stays


def test_scan_view_reads_ocr_letters_but_not_numbers():
    text, _ = ocr_digits.view("De 0mbudsman , de v00gd , rnevrouw k0rnt . Kerkweg 1a , 10b .")
    assert text.startswith("De ombudsman, de voogd, mevrouw komt .")
    assert "Kerkweg 1a, 10b." in text


def test_letter_spaced_scan_is_anonymised(anonymiser):
    out = anonymiser.anonymise(_SCAN).text
    for leaked in ("Nispen", "6 8 1 2", "2 0 1 8", "Hoekstra", "Lotte"):
        assert leaked not in out
    assert "[ADRES-1]" in out and "[POSTCODE-1]" in out


def test_initials_of_a_found_colleague_are_redacted(anonymiser):
    text = "Opgenomen door: Merel Bosman\nActie: MB belt de vader terug.\nMB\n"
    out = anonymiser.anonymise(text).text
    assert "MB" not in out
    # without a matching name, or as a domain abbreviation in running text, capitals stay
    out = anonymiser.anonymise("Opgenomen door: Merel Bosman\nDe vraag ligt bij HR en de GI.").text
    assert "HR en de GI" in out


def test_residual_flags_a_name_pair_near_a_placeholder(lex):
    from nlp.anonymise import residual

    assert "naamachtig woordpaar" in residual.check("Mijn zus [PERSOON-1] en Gao Lin.", lex)
    assert "naamachtig woordpaar" in residual.check("Ik sprak [PERSOON-2] en Jessica Mol.", lex)
    assert residual.check("Ik sprak [PERSOON-2] in Den Haag.", lex) == []


def test_residual_flags_a_letter_spaced_scan(lex):
    from nlp.anonymise import residual

    assert residual.check("Meppe l , 7 9 4 1 . Dat is het .", lex) == ["gescande tekst"]
    assert residual.check("Een gewone brief, met 3 kinderen.", lex) == []
