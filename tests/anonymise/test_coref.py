"""Coreference by person: who shares a placeholder (the span cases only check what is
redacted; these check that one person keeps one number and two people never share one)."""

from __future__ import annotations

import re


def _placeholders(out: str) -> list[str]:
    return re.findall(r"\[PERSOON-\d+\]", out)


def test_relatives_sharing_a_surname_get_their_own_placeholders(anonymiser):
    out = anonymiser.anonymise(
        "Mijn naam is Henk Bakker, vader van Finn Bakker. Finn is acht. Henk Bakker werkt."
    ).text
    assert "Bakker" not in out and "Finn" not in out and "Henk" not in out
    writer, child, child_again, writer_again = _placeholders(out)
    assert writer != child
    assert child_again == child and writer_again == writer


def test_a_professional_with_the_same_surname_is_someone_else(anonymiser):
    out = anonymiser.anonymise(
        "Ik ben Linda Bakker, moeder van Finn Bakker. De medewerker van Veilig Thuis, "
        "mevrouw Bakker, is geen familie."
    ).text
    mother, child, worker = _placeholders(out)
    assert len({mother, child, worker}) == 3, out
    assert "Veilig Thuis" in out


def test_a_surname_alone_refers_back_to_the_one_person_with_it(anonymiser):
    out = anonymiser.anonymise(
        "De gezinsvoogd, mevrouw Petra Jansen van Jeugdbescherming Brabant, belde. "
        "Later schreef mevrouw Jansen een rapport. Petra was het daar niet mee eens."
    ).text
    first, second, third = _placeholders(out)
    assert first == second == third, out
    assert "Jeugdbescherming Brabant" in out


def test_initials_and_full_first_name_are_one_person(anonymiser):
    out = anonymiser.anonymise(
        "Mevrouw J. de Groot belde. Daarna belde Johan Smit. Toen kwam Jolien de Groot."
    ).text
    groot, smit, jolien = _placeholders(out)
    assert groot == jolien and smit != groot, out


def test_different_first_names_with_one_surname_are_different_people(anonymiser):
    out = anonymiser.anonymise("Wij zijn Jos Op den Kamp en Wil Op den Kamp-Ramakers.").text
    jos, wil = _placeholders(out)
    assert jos != wil, out


def test_a_first_name_alone_then_the_full_name_is_one_person(anonymiser):
    out = anonymiser.anonymise(
        "Mijn zoon heet Daan. Op school noemen ze hem Daan de Vries. Daan is tien."
    ).text
    assert len(set(_placeholders(out))) == 1, out


def test_a_possessive_of_a_name_found_elsewhere_is_redacted(anonymiser):
    out = anonymiser.anonymise("Mijn voogd heet Jurensley. Ik ken Jurensleys collega niet.").text
    assert "Jurensley" not in out and "[PERSOON-1] collega" in out, out


def test_a_lowercase_name_alone_on_a_line_is_a_signature(anonymiser):
    out = anonymiser.anonymise("ik ben Jade en ik ben 15.\n\nkunnen jullie helpen?\n\njade").text
    assert "jade" not in out.lower(), out
