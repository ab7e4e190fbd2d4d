"""Joining names broken over line ends and lowercasing shouted runs keep every offset."""

from __future__ import annotations

from nlp.anonymise import linebreaks, shouting
from schemas.records import Entity


def test_a_hyphenated_surname_is_glued_and_maps_back():
    text = "met mevrouw Hanna van Kes-\nteren gesproken"
    joined, offsets = linebreaks.join(text)
    assert joined == "met mevrouw Hanna van Kesteren gesproken"
    start = joined.index("Hanna")
    (e,) = linebreaks.back([Entity(start, start + len("Hanna van Kesteren"), "PERSOON")], offsets)
    assert text[e.start : e.end] == "Hanna van Kes-\nteren"


def test_a_double_name_keeps_its_hyphen_and_a_tussenvoegsel_line_end_becomes_a_space():
    joined, _ = linebreaks.join("mw. Lam-\nKoster en dhr. P. de  \nGraaf, Dorpsweg-\nZuid 3")
    assert joined == "mw. Lam-Koster en dhr. P. de Graaf, Dorpsweg-Zuid 3"


def test_ordinary_line_breaks_stay():
    text = "Ik ga naar de\nschool en praat met de\nGI over het plan."
    assert not linebreaks.needed(text) or linebreaks.join(text)[0] == text


def test_shouting_is_lowercased_at_the_same_length_and_short_capitals_stay():
    text = "WAAROM LUISTERT NIEMAND NAAR MIJ? Postcode 3552 HK, de GI en JBRA."
    low = shouting.lowered(text)
    assert len(low) == len(text)
    assert low.startswith("waarom luistert niemand naar mij?")
    assert low.endswith("Postcode 3552 HK, de GI en JBRA.")
