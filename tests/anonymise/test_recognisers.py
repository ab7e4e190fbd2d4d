"""Behaviour beyond single spans: checksums, coreference, the replacement policy and the
residual check. Span cases per category live in ``cases/`` (see test_cases.py)."""

from __future__ import annotations

import re


def test_invalid_checksums_are_not_bsn_or_iban(anonymiser):
    text = "Nummer 123456789 en NL00 ABNA 0417 1643 00 zijn ongeldig."
    labels = {e.label for e in anonymiser.find(anonymiser.pipeline.nlp(text))}
    assert "BSN" not in labels and "IBAN" not in labels


def test_coreference_shares_the_placeholder(anonymiser):
    text = (
        "Mijn naam is Fatima el Amrani. Later zei mevrouw El Amrani niets meer. "
        "Fatima is boos. Haar buurvrouw Kees Bakker hielp."
    )
    out = anonymiser.anonymise(text).text
    assert out.count("[PERSOON-1]") == 3, out
    assert "[PERSOON-2]" in out and "Fatima" not in out and "Amrani" not in out


def test_dates_generalised_birth_dates_removed_roles_kept(anonymiser):
    out = anonymiser.anonymise(
        "Op 4 juli 2023 sprak ik de gezinsvoogd. Mijn zoon (geboren op 12-03-2015) was erbij."
    ).text
    assert "juli 2023" in out and "4 juli" not in out
    assert "[GEBOORTEDATUM]" in out and "2015" not in out
    assert "gezinsvoogd" in out and "Mijn zoon" in out


def test_a_date_generalised_to_a_month_takes_in_not_op(anonymiser):
    """'op 12 mei 2026' becomes 'in mei 2026' ('op mei' is no Dutch); other prepositions and a
    [DATUM] placeholder stay as they are."""
    out = anonymiser.anonymise(
        "Op 4 juli 2023 sprak ik de gezinsvoogd. Ik heb op maandag 12 mei 2026 gebeld en "
        "sinds 3 juni 2026 hoor ik niets. Het gesprek was op 16-04-2024 om tien uur."
    ).text
    assert "In juli 2023 sprak ik" in out
    assert "Ik heb in mei 2026 gebeld" in out
    assert "sinds juni 2026" in out and "was in april 2024 om" in out
    assert not re.search(r"\b[Oo]p (juli|mei|april)\b", out), out


def test_month_preposition_only_changes_op_before_a_month():
    from nlp.anonymise.replace import month_preposition

    assert month_preposition("Wij spraken op ", "mei 2026") == "Wij spraken in "
    assert month_preposition("Op\n", "mei") == "In\n"
    assert month_preposition("Wij spraken op ", "[DATUM]") == "Wij spraken op "
    assert month_preposition("Wij hopen ", "mei 2026") == "Wij hopen "
    assert month_preposition("kop ", "mei 2026") == "kop "  # a word ending in -op


def test_lowercase_name_in_informal_mail(anonymiser):
    out = anonymiser.anonymise("ik heb gisteren met yasmina gebeld over de gi").text
    assert "yasmina" not in out


def test_residual_check_flags_leftovers():
    from nlp.anonymise import lexicons, residual

    lex = lexicons.load()
    assert residual.check("Bel [TELEFOON-1] of mail [EMAIL-1].", lex) == []
    assert "lange cijferreeks" in residual.check("Nummer 1234567 bleef staan.", lex)
    assert "@-teken" in residual.check("Schrijf naar iemand@ergens.", lex)
    assert "naam na aanspreekvorm" in residual.check("Toen kwam mevrouw Zwartveld.", lex)
    for text in (
        "ik ben [PERSOON-1] koster en ik schrijf u",
        "Aanwezig: mevrouw [PERSOON-5] van Dongen (jeugdbeschermer)",
        "Mijn kinderen [PERSOON-1] (12) en [PERSOON-2] (10) Hofstede wonen thuis.",
    ):
        assert residual.check(text, lex) == ["naam naast vervanging"], text
    assert "bekende voornaam" in residual.check("Ik sprak met Sharons collega.", lex)


def test_residual_check_does_not_fire_on_what_is_no_leftover():
    """A flag that fires on everything is noise: chain organisations (also named after a
    person), year ranges, a verb after a placeholder."""
    from nlp.anonymise import lexicons, residual

    lex = lexicons.load()
    for text in (
        "De voogd van de William Schrikker Stichting belde, net als de William Schrikker Groep.",
        "De kerncijfers over 2015-2020 en het schooljaar 2023-2024.",
        "Daarna belt [PERSOON-1] morgen terug en [PERSOON-2] komt ook.",
        "Hij werkt bij Kwekerij Van der Lans in de kas.",
        "De voogd, [PERSOON-3] van Zorgkan-\ntoor Oost, schreef ons.",  # a word broken over a line
        "12:05 - [PERSOON-2] ZVRT: ik bel je morgen.",  # an organisation's acronym after a name
    ):
        assert residual.check(text, lex) == [], text


def test_residual_findings_point_at_the_leftover():
    from nlp.anonymise import lexicons, residual

    lex = lexicons.load()
    text = "ik ben [PERSOON-1] koster. Bel 0612345678."
    found = {(f.code, text[f.start : f.end]) for f in residual.findings(text, lex)}
    assert found == {("naam naast vervanging", "koster"), ("lange cijferreeks", "0612345678")}


def test_policy_keeps_listed_labels_and_can_hide_dates(pipeline):
    from nlp.anonymise import Anonymiser, Policy

    text = "Op 4 juli 2023 verhuisden we naar Zwolle."
    kept = Anonymiser(pipeline, Policy(keep=frozenset({"PLAATS"}))).anonymise(text).text
    assert "Zwolle" in kept and "juli 2023" in kept
    hidden = Anonymiser(pipeline, Policy(generalise_dates=False)).anonymise(text).text
    assert "[DATUM]" in hidden and "juli" not in hidden and "Zwolle" not in hidden


def test_iban_with_ocr_lookalikes_is_found_when_the_corrected_number_validates(anonymiser):
    # NL91 ABNA 0417 1643 00 as OCR may read it: I for 1, O for 0.
    text = "Rekening NL9I ABNA O4I7 I643 OO en verder NL12 ABCD 1234 5678 90 (ongeldig)."
    spans = [
        text[e.start : e.end]
        for e in anonymiser.find(anonymiser.pipeline.nlp(text))
        if e.label == "IBAN"
    ]
    assert spans == ["NL9I ABNA O4I7 I643 OO"]


def test_an_institution_name_never_runs_over_a_blank_line(anonymiser):
    """A type word at the end of a form field ("Instelling: William Schrikker Stichting") and the
    next paragraph's first word are no institution name: the question must stay readable."""
    text = "Instelling: William Schrikker Stichting\n\nWat is er gebeurd?\nDe voogd belt niet."
    out = anonymiser.anonymise(text).text
    assert "Wat is er gebeurd?" in out
    wrapped = anonymiser.anonymise("Hij zit op basisschool\nDe Linde bij juf Sanne.").text
    assert "De Linde" not in wrapped  # a name on the next line of a wrapped text still goes
