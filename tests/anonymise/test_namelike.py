"""The name-likeness classifier: names it never saw score high, ordinary words low, and its
trained weights are kept on disk and read back identically."""

from __future__ import annotations

import pytest

pytest.importorskip("sklearn", reason="scikit-learn is needed for the name-likeness model")


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("namelike")


@pytest.fixture(scope="module")
def model(lex, cache_dir):
    from nlp.anonymise.namelike import NameLikeness

    return NameLikeness(lex, cache_dir=cache_dir)  # trained here, once


def test_unseen_names_score_higher_than_words(lex, model):
    # None of these names is in the lists the model trains on (our own list of given names
    # stays out of training); the words are ordinary Dutch or English words.
    names = ["yohannes", "ayodele", "olusegun", "adeyemi", "ifeoma"]
    words = ["huiswerk", "kinderopvang", "verslaglegging", "afspraken", "meeting", "protonmail"]
    trained = lex.first_names - lex.own_first_names
    assert not any(n in trained or n in lex.surnames for n in names)
    assert min(model.score(n) for n in names) > 0.5
    assert max(model.score(w) for w in words) < 0.5


def test_weights_are_cached_on_disk(lex, model, cache_dir, monkeypatch):
    from nlp.anonymise import namelike

    assert len(list(cache_dir.glob("namelike-*.npz"))) == 1

    def no_training(*args):
        raise AssertionError("trained again instead of reading the cached weights")

    monkeypatch.setattr(namelike, "_train", no_training)
    again = namelike.NameLikeness(lex, cache_dir=cache_dir)
    for word in ("yohannes", "huiswerk", "Wiśniewska"):
        assert again.score(word) == pytest.approx(model.score(word))


def test_unknown_name_like_guards_words_places_and_compounds(lex):
    from nlp.anonymise.recognisers.names import unknown_name_like

    assert unknown_name_like("Yohannes", lex)
    assert not unknown_name_like("Amsterdam", lex)  # a place
    assert not unknown_name_like("Jeugdzorgplatform", lex)  # a compound of Dutch words
    assert not unknown_name_like("GGZ", lex)  # an acronym
    assert not unknown_name_like("yohannes", lex)  # lowercase only after a cue
    assert unknown_name_like("yohannes", lex, lowercase=True)
