"""The recogniser contract and registry, and the label vocabulary."""

from __future__ import annotations

import pytest

from nlp.anonymise.recognisers import ALL, BY_NAME, Recogniser, UnknownRecogniser, active
from schemas.entities import PRIORITY, EntityLabel


def test_every_recogniser_keeps_the_contract():
    assert len(BY_NAME) == len(ALL), "two recognisers share a name"
    for r in ALL:
        assert isinstance(r, Recogniser), r
        assert r.labels and r.labels <= set(EntityLabel), r.name


def test_every_label_is_emitted_by_some_recogniser():
    """The enum lists only labels something emits (its order is the overlap priority)."""
    emitted = set().union(*(r.labels for r in ALL))
    assert emitted == set(EntityLabel)
    assert list(PRIORITY) == [label.value for label in EntityLabel]


def test_a_recogniser_can_be_switched_off_by_name(pipeline):
    from nlp.anonymise import Anonymiser, Policy

    text = "Bel 06-12345678 of kom naar de Kerkstraat 12."
    on = Anonymiser(pipeline).anonymise(text).text
    off = Anonymiser(pipeline, Policy(off=frozenset({"telefoon"}))).anonymise(text).text
    assert "06-12345678" not in on and "06-12345678" in off
    assert "Kerkstraat" not in off
    assert [r.name for r in active({"telefoon"})] == [r.name for r in ALL if r.name != "telefoon"]


def test_an_unknown_name_is_refused_with_the_known_ones():
    with pytest.raises(UnknownRecogniser, match=r"telefonn.*bekend zijn: .*telefoon"):
        active({"telefonn"})


def test_the_allow_list_is_applied_after_all_recognisers(anonymiser):
    """No recogniser shields a name: the engine cuts the chain organisation out of whatever
    was proposed, once, so the name before it stays redacted."""
    text = "De gezinsvoogd, mevrouw Petra Jansen van Jeugdbescherming Brabant, belde."
    found = {text[e.start : e.end] for e in anonymiser.find(anonymiser.pipeline.nlp(text))}
    assert found == {"Petra Jansen"}
