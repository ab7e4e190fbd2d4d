"""Behaviour behind the leak classes of blind set 9 that span cases alone do not show: shouted
text keeps its offsets, number words count as digits, a date with a two-digit year keeps its
year when generalised, and a surname the recognisers miss still stops a document from being
stored as 'verwerkt'. Span cases live in ``cases/`` (ADRES-postbus, TELEFOON-woorden, ...)."""

from __future__ import annotations


def test_shouted_run_takes_in_a_call_name_in_brackets():
    from nlp.anonymise import shouting

    text = 'KLACHT OVER MEVROUW ANNEKE (ANKIE) BOS EN "DE GI"'
    low = shouting.lowered(text)
    assert low == 'klacht over mevrouw anneke (ankie) bos en "de gi"'
    assert len(low) == len(text)
    # short capitals on their own stay (a postcode, an acronym)
    assert shouting.lowered("Postcode 3552 HK bij de GI.") == "Postcode 3552 HK bij de GI."


def test_number_words_count_as_digits():
    from nlp.anonymise.recognisers.phone import spoken_digits

    assert spoken_digits("nul zes, éénendertig, vijfenzeventig, tweeënveertig, nul acht") == 10
    assert spoken_digits("nul-twee-nul, vier-vier-zes, zeven-een-een-drie") == 10
    assert spoken_digits("twee of drie") == 2


def test_spelled_phone_number_is_replaced_whole(anonymiser):
    out = anonymiser.anonymise(
        "Bel me terug op nul zes, zevenentwintig, elf, drieënnegentig, nul vijf."
    ).text
    assert out == "Bel me terug op [TELEFOON-1]."


def test_two_digit_year_after_apostrophe_is_generalised_to_its_month():
    from nlp.anonymise.replace import generalise_date

    assert generalise_date("3-11-'25") == "november 2025"


def test_capitalised_tussenvoegsel_surname_and_its_pet_name_share_nothing_readable(anonymiser):
    out = anonymiser.anonymise(
        "Nu hebben we een zekere Van Houten. Mijn zoon noemt hem 'Houtje' en lacht."
    ).text
    assert "Houten" not in out and "Houtje" not in out, out


def test_residual_flags_a_surname_with_a_capitalised_tussenvoegsel():
    """Should a recogniser miss "een zekere Van Dam" (switched off, a new spelling), the
    residual check still marks the document 'controle nodig' instead of 'verwerkt'."""
    from nlp.anonymise import lexicons, residual

    lex = lexicons.load()
    assert residual.check("Sinds juni hebben we een zekere Van Wijk.", lex) == [
        "naam met tussenvoegsel"
    ]
    assert residual.check("toen belde Ter Horst ons op", lex) == ["naam met tussenvoegsel"]
    for text in (
        "Van Utrecht naar huis duurde het een uur.",  # a sentence's first word
        "Hij werkt bij Bakkerij Van der Molen in de stad.",  # a firm
        "Zij sprak met [PERSOON-1] en [PERSOON-2].",
    ):
        assert residual.check(text, lex) == [], text


def test_a_flagged_document_is_stored_for_review_not_as_processed():
    """The document status follows the flags: any residual flag means 'controle nodig'."""
    from nlp.anonymise import lexicons, residual
    from schemas.vocabulary import DocumentStatus

    lex = lexicons.load()
    flags = residual.check("Nu hebben we een zekere Van Wijk als voogd.", lex)
    status = DocumentStatus.CONTROLE_NODIG if flags else DocumentStatus.VERWERKT
    assert status == DocumentStatus.CONTROLE_NODIG
